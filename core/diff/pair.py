"""One pair's difference, as one value every reader of it shares.

`pair_diff(comparison, pair, options=...)` gives a `PairDiff`: the word diff ops of the pair
(heading with heading and body with body for a one-to-one pair; the joined texts of the two
sides for a split or merge), the marks those ops leave on each side (offsets into the side's
joined text, core.diff.sides), the words added and removed, the changed figures and whether
the pair is a change at all. Align counts a pair's changed words from it; the JSON, HTML and
CSV reports, the panes, the printout, the factor tree and next/previous change read it, so
the words a reader sees counted are the words they see marked.

Words are counted over each run of touching marks, as a reader sees a marked stretch: a
changed "2009-2010" is one word whether the diff changed it as one op or three.

Texts equal once spacing and quote marks are normalised (core.diff.sides.normalized) are an
unchanged pair's: what differs between them is given as ignored ops, neither marked nor
counted. `pair_diff` is computed on first use and remembered per pair and options (align
computes the exact one of every changed pair, so the window's first paint reuses it).

>>> old = Factor("Costs may rise", ("Costs rose 5% in 2008.",))
>>> new = Factor("Costs may rise", ("Costs fell 5% in 2009.",))
>>> diff = diff_factors((old,), (new,), status=Status.MODIFIED)
>>> diff.words_added, diff.words_removed, diff.figures_added, diff.is_change
(2, 2, ('2009',), True)
>>> text = joined_text((new,))
>>> [text[mark.start : mark.end] for mark in diff.new_marks]
['fell', '2009']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from core.diff.options import EXACT, DiffOptions
from core.diff.paragraphs import Row, kept_in_common, pair_rows
from core.diff.passages import SideChanges, counted_as_moved
from core.diff.sides import (
    BREAK,
    NEW,
    OLD,
    Part,
    joined_text,
    normalized,
    pair_texts,
    side_parts,
    side_pieces,
)
from core.diff.words import count_words, word_diff
from core.model import Comparison, DiffOp, Factor, OpKind, Pair, Status

# How many pair diffs are remembered: every changed pair of a large comparison (a few
# hundred) under each of the eight combinations of diff options.
_REMEMBERED = 4096
# Pairs diffed at once by diff_all: the diff engine releases the interpreter lock, the rest
# of a pair's diff holds it, so a second thread keeps a second core busy and a third adds none.
_DIFF_THREADS = 2


class Mark(NamedTuple):
    """A changed run of a side's joined text: [start, end), and whether it is a changed
    figure."""

    start: int
    end: int
    figure: bool


@dataclass(frozen=True, slots=True)
class PairDiff:
    """The difference of one pair under given diff options.

    `heading_ops` and `body_ops` rebuild both sides' texts: for a one-to-one pair the
    headings' and the bodies' diffs, for a split or merge `body_ops` diff the two joined
    sides (`heading_ops` is empty), for an added or removed factor `body_ops` insert or
    delete its whole text. `old_marks` / `new_marks` are the deleted / inserted runs a reader
    sees marked (offsets into the side's joined text; none for an added or removed factor,
    which is shown whole). `old_pieces` / `new_pieces` are the [start, end) of each heading
    and paragraph in the sides' joined texts (core.diff.sides.side_pieces) and `body_at`
    where the body ops start on each side; `paragraph_rows` says which paragraph faces which
    (core.diff.paragraphs), worked out on first use.
    """

    status: Status
    heading_ops: tuple[DiffOp, ...] = ()
    body_ops: tuple[DiffOp, ...] = ()
    old_marks: tuple[Mark, ...] = ()
    new_marks: tuple[Mark, ...] = ()
    old_pieces: tuple[tuple[int, int], ...] = ()
    new_pieces: tuple[tuple[int, int], ...] = ()
    body_at: tuple[int, int] = (0, 0)
    words_added: int = 0
    words_removed: int = 0
    figures_removed: tuple[str, ...] = ()
    figures_added: tuple[str, ...] = ()
    one_sided: bool = False  # an added or removed factor: all its text is new or gone
    _rows: tuple[Row, ...] | None = field(default=None, compare=False, repr=False)

    def side(self, side: int) -> tuple[Mark, ...]:
        """The marks of `side` (core.diff.sides.OLD or NEW)."""
        return self.old_marks if side == OLD else self.new_marks

    @property
    def paragraph_rows(self) -> tuple[Row, ...]:
        """The pair's headings and paragraphs as rows, each one of a side or two that face
        each other (indexes into `old_pieces` / `new_pieces`; core.diff.paragraphs), in
        reading order; worked out on first use and kept."""
        if self._rows is None:
            # A frozen value computing a part of itself once, as functools.cached_property
            # would (a slotted class has no __dict__ for it).
            object.__setattr__(self, "_rows", self._pair_paragraphs())
        assert self._rows is not None
        return self._rows

    def _pair_paragraphs(self) -> tuple[Row, ...]:
        if not self.old_pieces or not self.new_pieces:
            return tuple(Row(k, None) for k in range(len(self.old_pieces))) + tuple(
                Row(None, k) for k in range(len(self.new_pieces))
            )
        parts = ((0, 0, self.heading_ops), (*self.body_at, self.body_ops))
        kept = kept_in_common(parts, self.old_pieces, self.new_pieces)
        return pair_rows(
            len(self.old_pieces),
            len(self.new_pieces),
            kept,
            [end - start for start, end in self.old_pieces],
            [end - start for start, end in self.new_pieces],
        )

    @property
    def joined_ops(self) -> tuple[DiffOp, ...]:
        """The ops over the two sides' joined texts (core.diff.sides.joined_text): for a
        one-to-one pair the heading's, the blank line between heading and body, the body's.
        What a one-text redline shows (the blackline printout, copy as redline, a timeline
        step)."""
        if not self.heading_ops or not self.body_ops:
            return self.heading_ops or self.body_ops
        old_body = any(op.kind is not OpKind.INSERT for op in self.body_ops)
        new_body = any(op.kind is not OpKind.DELETE for op in self.body_ops)
        kind = (
            OpKind.EQUAL if old_body and new_body else OpKind.DELETE if old_body else OpKind.INSERT
        )
        return (*self.heading_ops, DiffOp(kind, BREAK), *self.body_ops)

    @property
    def redline_ops(self) -> tuple[DiffOp, ...]:
        """`joined_ops` as a one-text redline shows them: a difference the diff options
        overlook reads as the new text, unmarked (its deleted run is left out)."""
        return redline(self.joined_ops)

    @property
    def text_changed(self) -> bool:
        """Whether any text is marked (for an added or removed factor: always)."""
        return self.one_sided or bool(self.old_marks or self.new_marks)

    @property
    def is_change(self) -> bool:
        """Whether a reader is shown a change: not an unchanged pair, and not a reworded one
        whose every difference the diff options overlook. A moved, split or merged pair is
        a change even with its text kept."""
        if self.status is Status.UNCHANGED:
            return False
        return self.status is not Status.MODIFIED or self.text_changed

    @property
    def overlooked(self) -> bool:
        """A reworded pair whose every difference the diff options overlook."""
        return self.status is Status.MODIFIED and not self.text_changed


def redline(ops: Sequence[DiffOp]) -> tuple[DiffOp, ...]:
    """`ops` as a one-text redline shows them (PairDiff.redline_ops)."""
    return tuple(
        DiffOp(OpKind.EQUAL, op.text) if op.ignored else op
        for op in ops
        if not (op.ignored and op.kind is OpKind.DELETE)
    )


# A pair with no difference worked out (a filing shown alone, with nothing to compare).
NO_DIFF = PairDiff(Status.UNCHANGED)


def pair_diff(comparison: Comparison, pair: Pair, *, options: DiffOptions = EXACT) -> PairDiff:
    """The difference of `pair` of `comparison` under `options` (remembered)."""
    old, new = side_parts(comparison, pair, OLD), side_parts(comparison, pair, NEW)
    return _remembered(old, new, pair.status, options)


def diff_factors(
    old: Sequence[Part],
    new: Sequence[Part],
    *,
    status: Status,
    options: DiffOptions = EXACT,
) -> PairDiff:
    """The difference of the factors `old` (one, several or none) and `new`, a pair with
    `status`, under `options` (remembered)."""
    return _remembered(tuple(old), tuple(new), status, options)


def diff_all(
    requests: Sequence[tuple[Sequence[Part], Sequence[Part], Status]],
    *,
    on_each: Callable[[int], None] | None = None,
) -> None:
    """Work out (and remember, as diff_factors does) the difference of each (old, new,
    status) of `requests`, two at a time: the word diff's engine (fast_diff_match_patch)
    runs without the interpreter lock, so one pair is diffed while the other's words are
    read and marked (a pair of 10-Ks: NVIDIA's 121 -> 100 ms). `on_each(index)` hears each
    request done, in order; what it raises (Cancelled) stops the rest."""
    if len(requests) < 2:
        for index, (old, new, status) in enumerate(requests):
            diff_factors(old, new, status=status)
            if on_each is not None:
                on_each(index)
        return
    with ThreadPoolExecutor(_DIFF_THREADS, thread_name_prefix="factordiff-diff") as pool:
        futures = [
            pool.submit(_remembered, tuple(old), tuple(new), status, EXACT)
            for old, new, status in requests
        ]
        try:
            for index, future in enumerate(futures):
                future.result()
                if on_each is not None:
                    on_each(index)
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def comparison_diffs(
    comparison: Comparison, *, options: DiffOptions = EXACT
) -> tuple[PairDiff, ...]:
    """The difference of every pair of `comparison`, in pair order."""
    return tuple(pair_diff(comparison, pair, options=options) for pair in comparison.pairs)


def forget_pair_diffs() -> None:
    """Drop the remembered pair diffs: a batch worker moving on to the next pair, a
    benchmark measuring the work rather than the memory."""
    _remembered.cache_clear()


def pair_changes(
    comparison: Comparison, pair: Pair, *, options: DiffOptions = EXACT
) -> tuple[SideChanges, SideChanges]:
    """A pair's two sides with the runs its diff marks changed in each (the marks), for
    core.diff.passages: all of an added or removed factor's text, nothing of an unchanged
    pair's."""
    old_text, new_text = pair_texts(comparison, pair)
    if not old_text or not new_text:
        return SideChanges(old_text, ((0, len(old_text)),)), SideChanges(
            new_text, ((0, len(new_text)),)
        )
    if pair.status is Status.UNCHANGED:
        return SideChanges(old_text, ()), SideChanges(new_text, ())
    diff = pair_diff(comparison, pair, options=options)
    return (
        SideChanges(old_text, tuple((mark.start, mark.end) for mark in diff.old_marks)),
        SideChanges(new_text, tuple((mark.start, mark.end) for mark in diff.new_marks)),
    )


def recounted(comparison: Comparison, *, options: DiffOptions) -> Comparison:
    """`comparison` with each pair's words added and removed counted under `options`, so a
    difference they overlook is no changed word, and the words of passages moved in or out
    (core.diff.passages) counted as moved. Statuses stay as aligned; an added, removed or
    unchanged pair keeps its count (no option changes it)."""
    if not options.ignores_anything:
        return comparison
    pairs = []
    for index, pair in enumerate(comparison.pairs):
        if not pair.old_indexes or not pair.new_indexes or pair.status is Status.UNCHANGED:
            pairs.append(pair)
            continue
        diff = pair_diff(comparison, pair, options=options)
        sides = pair_changes(comparison, pair, options=options)
        pairs.append(
            counted_as_moved(
                pair,
                index,
                sides,
                comparison.moved_passages,
                added=diff.words_added,
                removed=diff.words_removed,
            )
        )
    return replace(comparison, pairs=tuple(pairs))


@functools.lru_cache(maxsize=_REMEMBERED)
def _remembered(
    old: tuple[Part, ...], new: tuple[Part, ...], status: Status, options: DiffOptions
) -> PairDiff:
    return _difference(old, new, status, options)


def _difference(
    old: Sequence[Part], new: Sequence[Part], status: Status, options: DiffOptions
) -> PairDiff:
    """The one place a pair's difference is worked out."""
    old_text, new_text = joined_text(old), joined_text(new)
    old_pieces = tuple((p.start, p.start + len(p.text)) for p in side_pieces(old))
    new_pieces = tuple((p.start, p.start + len(p.text)) for p in side_pieces(new))
    if not old or not new:
        # Shown whole on its one side, so nothing in it is marked; every word counts.
        return PairDiff(
            status,
            body_ops=word_diff(old_text, new_text),
            words_added=count_words(new_text),
            words_removed=count_words(old_text),
            one_sided=True,
            old_pieces=old_pieces,
            new_pieces=new_pieces,
        )
    # An unchanged pair is one whose texts read the same (core.align.pairing decides).
    same_text = status is Status.UNCHANGED or normalized(old_text) == normalized(new_text)
    parts: list[tuple[int, int, tuple[DiffOp, ...]]] = []  # (old start, new start, ops)
    if len(old) == 1 and len(new) == 1 and isinstance(old[0], Factor):
        assert isinstance(new[0], Factor)  # the two sides of a pair hold the same kind
        heading = _ops(old[0].heading, new[0].heading, options, same_text=same_text)
        body = _ops(old[0].body, new[0].body, options, same_text=same_text)
        parts.append((0, 0, heading))
        body_at = (len(old[0].heading) + len(BREAK), len(new[0].heading) + len(BREAK))
        parts.append((*body_at, body))
    else:
        heading, body = (), _ops(old_text, new_text, options, same_text=same_text)
        parts.append((0, 0, body))
        body_at = (0, 0)
    old_marks: list[Mark] = []
    new_marks: list[Mark] = []
    for old_start, new_start, ops in parts:
        old_part, new_part = _mark(ops, old_start, new_start)
        old_marks += old_part
        new_marks += new_part
    return PairDiff(
        status,
        heading_ops=heading,
        body_ops=body,
        old_marks=tuple(old_marks),
        new_marks=tuple(new_marks),
        body_at=body_at,
        old_pieces=old_pieces,
        new_pieces=new_pieces,
        words_added=_marked_words(new_text, new_marks),
        words_removed=_marked_words(old_text, old_marks),
        figures_removed=tuple(old_text[m.start : m.end] for m in old_marks if m.figure),
        figures_added=tuple(new_text[m.start : m.end] for m in new_marks if m.figure),
    )


def _ops(old: str, new: str, options: DiffOptions, *, same_text: bool) -> tuple[DiffOp, ...]:
    """The word diff of `old` and `new`; with `same_text` (the pair reads the same once
    spacing and quotes are normalised) each difference is an ignored one."""
    ops = word_diff(old, new, options=options)
    if not same_text:
        return ops
    return tuple(
        op if op.kind is OpKind.EQUAL else replace(op, figure=False, ignored=True) for op in ops
    )


def _mark(ops: Iterable[DiffOp], old_at: int, new_at: int) -> tuple[list[Mark], list[Mark]]:
    """The old and new marks of `ops`, which start at `old_at` / `new_at` of the sides'
    joined texts. Blank and ignored runs are not marked."""
    old_marks: list[Mark] = []
    new_marks: list[Mark] = []
    for op in ops:
        size = len(op.text)
        if op.kind is OpKind.EQUAL:
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
    return old_marks, new_marks


def _marked_words(text: str, marks: Sequence[Mark]) -> int:
    """Words in the marked stretches of `text`: touching marks read as one stretch."""
    words = 0
    start = end = -1
    for mark in marks:
        if mark.start != end:
            words += count_words(text[start:end]) if end > start else 0
            start = mark.start
        end = mark.end
    return words + (count_words(text[start:end]) if end > start else 0)
