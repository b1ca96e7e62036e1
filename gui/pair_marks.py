"""Where each pair's words changed, as offsets into each side's joined text (no Qt).

A side of a pair is its factors' headings and paragraphs joined by blank lines
(`joined_text`); `pair_marks` runs the word diff over a pair and keeps, per side, the changed
runs a pane marks (deletions on the old side, insertions on the new) and the paragraph breaks
the diff kept in common, where the panes can level paragraphs. Differences the diff options
ignore are not marked. gui.pane_document writes the text and these marks into a document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from core.diff.options import EXACT, DiffOptions
from core.model import Comparison, DiffOp, Factor, OpKind, Pair, Status
from core.report.labels import pair_factors

OLD, NEW = 0, 1

Differ = Callable[[str, str], tuple[DiffOp, ...]]

_BREAK = "\n\n"  # between the heading and paragraphs of a side's joined text


class Mark(NamedTuple):
    """A changed run of a side's text: [start, end), and whether it is a changed figure."""

    start: int
    end: int
    figure: bool


class Piece(NamedTuple):
    """One heading or paragraph of a side's text, at `start` in the side's joined text;
    `item` when the paragraph is an item of a bulleted list."""

    text: str
    start: int
    heading: bool
    run_in: bool
    item: bool = False


@dataclass(frozen=True, slots=True)
class PairMarks:
    """The changed runs of a pair's two sides, and the paragraph starts the diff kept in
    common: (old offset, new offset) pairs, in order, where the panes can level paragraphs."""

    old: tuple[Mark, ...] = ()
    new: tuple[Mark, ...] = ()
    kept_breaks: tuple[tuple[int, int], ...] = ()

    def side(self, side: int) -> tuple[Mark, ...]:
        return self.old if side == OLD else self.new


NO_MARKS = PairMarks()


def default_differ(options: DiffOptions = EXACT) -> Differ:
    """core.diff.words.word_diff with `options`, loaded on first use."""
    from core.diff.words import word_diff  # noqa: PLC0415 - keeps the diff engine off start-up

    return partial(word_diff, options=options) if options.ignores_anything else word_diff


def is_unmarked(pair: Pair, marks: PairMarks) -> bool:
    """True for a reworded pair whose every difference the diff options overlook."""
    return pair.status is Status.MODIFIED and not marks.old and not marks.new


def side_factors(comparison: Comparison, pair: Pair, side: int) -> list[Factor]:
    return pair_factors(comparison, pair)[side]


def side_pieces(factors: list[Factor]) -> list[Piece]:
    """Headings and paragraphs of `factors` with their offsets in `joined_text(...)`."""
    pieces = []
    start = 0
    for factor in factors:
        for position, text in enumerate((factor.heading, *factor.paragraphs)):
            item = position - 1 in factor.list_items
            pieces.append(Piece(text, start, position == 0, factor.run_in, item))
            start += len(text) + len(_BREAK)
    return pieces


def joined_text(factors: list[Factor]) -> str:
    """A side's headings and paragraphs in one text, as the word diff compares it."""
    return _BREAK.join(text for factor in factors for text in (factor.heading, *factor.paragraphs))


def pair_marks(comparison: Comparison, pair: Pair, differ: Differ) -> PairMarks:
    """Where the words of `pair` changed: deletions on the old side, insertions on the new.

    One-to-one pairs diff heading with heading and body with body; split and merged pairs
    diff the joined text of the many side against the one side.
    """
    if pair.status in (Status.UNCHANGED, Status.ADDED, Status.REMOVED):
        return NO_MARKS
    old_factors = side_factors(comparison, pair, OLD)
    new_factors = side_factors(comparison, pair, NEW)
    if len(old_factors) == 1 and len(new_factors) == 1:
        old_factor, new_factor = old_factors[0], new_factors[0]
        heading = _diff_marks(differ, old_factor.heading, new_factor.heading, 0, 0)
        body_start = (len(old_factor.heading) + len(_BREAK), len(new_factor.heading) + len(_BREAK))
        body = _diff_marks(differ, old_factor.body, new_factor.body, *body_start)
        both_have_bodies = bool(old_factor.paragraphs and new_factor.paragraphs)
        return PairMarks(
            heading.old + body.old,
            heading.new + body.new,
            ((body_start,) if both_have_bodies else ()) + body.kept_breaks,
        )
    return _diff_marks(differ, joined_text(old_factors), joined_text(new_factors), 0, 0)


def _diff_marks(differ: Differ, old: str, new: str, old_offset: int, new_offset: int) -> PairMarks:
    if old == new:
        return NO_MARKS
    old_marks: list[Mark] = []
    new_marks: list[Mark] = []
    kept_breaks: list[tuple[int, int]] = []
    old_at, new_at = old_offset, new_offset
    for op in differ(old, new):
        size = len(op.text)
        if op.kind is OpKind.EQUAL:
            at = op.text.find(_BREAK)
            while at >= 0:
                kept_breaks.append((old_at + at + len(_BREAK), new_at + at + len(_BREAK)))
                at = op.text.find(_BREAK, at + len(_BREAK))
            old_at += size
            new_at += size
        elif op.kind is OpKind.DELETE:
            if op.text.strip() and not op.ignored:
                old_marks.append(Mark(old_at, old_at + size, op.figure))
            old_at += size
        else:
            if op.text.strip() and not op.ignored:
                new_marks.append(Mark(new_at, new_at + size, op.figure))
            new_at += size
    return PairMarks(tuple(old_marks), tuple(new_marks), tuple(kept_breaks))


def pair_marks_at(marks: list[PairMarks], index: int) -> PairMarks:
    return marks[index] if index < len(marks) else NO_MARKS


def comparison_marks(comparison: Comparison, differ: Differ) -> list[PairMarks]:
    """The word-level marks of every pair, in pair order."""
    return [pair_marks(comparison, pair, differ) for pair in comparison.pairs]
