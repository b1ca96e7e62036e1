"""Write one side of a Comparison into a QTextDocument, pair by pair, as a filing reads.

Each pair becomes a run of blocks on each side: the category headings that open there, a
caption saying where a moved/split/merged factor came from, the factor heading (bold, or
run-in at the start of the first paragraph) and the body paragraphs. A side with no factor
in the pair (an added or removed factor) gets one placeholder block whose label says so.
Deleted words are marked on the old side, inserted words on the new side, figures are set
apart and changed figures stand out. Differences the diff options ignore (case, punctuation,
numbers) are not marked. A folded pair (see `build_pane_document`) is reduced to its headings
and one grey line saying how many words it holds, on both sides alike.

The same writer (`SideWriter`) fills a pane document (`build_pane_document`) and the table
cells of the printout (gui.printing), so screen and paper agree.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from core.diff_options import EXACT, DiffOptions
from core.labels import factor_numbers, fiscal_year_label, pair_factors
from core.model import Comparison, DiffOp, Factor, Filing, OpKind, Pair, Status
from gui.figure_lexer import figure_spans
from gui.theme import TextFormats

OLD, NEW = 0, 1
SIDE_NAMES = ("Old", "New")
SIDE_WORDS = ("older", "newer")

Differ = Callable[[str, str], tuple[DiffOp, ...]]

_BREAK = "\n\n"  # between the heading and paragraphs of a side's joined text

# Top margins in ems of the body font. Only top margins are used (see gui.alignment).
_TITLE_GAP = 0.2
_CATEGORY_GAP = 1.6
_SUBCATEGORY_GAP = 1.1
_HEADING_GAP = 1.2
_CAPTION_GAP = 1.0
_FIRST_PARAGRAPH_GAP = 0.35
_PARAGRAPH_GAP = 0.6
_LINE_HEIGHT_PERCENT = 128
GUTTER_EMS = 2.7  # the whole left margin: status stripe, factor number, gap


class Mark(NamedTuple):
    """A changed run of a side's text: [start, end), and whether it is a changed figure."""

    start: int
    end: int
    figure: bool


class Piece(NamedTuple):
    """One heading or paragraph of a side's text, at `start` in the side's joined text."""

    text: str
    start: int
    heading: bool
    run_in: bool


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
    """core.worddiff.word_diff with `options`, loaded on first use."""
    from core.worddiff import word_diff  # noqa: PLC0415 - keeps the diff engine off start-up

    return partial(word_diff, options=options) if options.ignores_anything else word_diff


UNCHANGED_NOTE = "Unchanged"


def folded_label(note: str, factors: list[Factor]) -> str:
    """The grey line that stands for folded bodies: 'Unchanged — 412 words'."""
    from core.worddiff import count_words  # noqa: PLC0415 - keeps the diff engine off start-up

    words = sum(count_words(paragraph) for factor in factors for paragraph in factor.paragraphs)
    return f"{note} — {words:,} word{'s' if words != 1 else ''}"


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
            pieces.append(Piece(text, start, position == 0, factor.run_in))
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


def placeholder_label(comparison: Comparison, pair: Pair) -> str:
    """The label of the empty band on the side that lacks the factor."""
    year = fiscal_year_label(comparison.new)
    if pair.status is Status.ADDED:
        return f"Added in {year or 'the new filing'}"
    return f"Removed in {year}" if year else "Removed from the new filing"


def pair_caption(pair: Pair, side: int) -> str:
    """Where a moved, split or merged factor came from (new side) or went (old side)."""
    old, new = factor_numbers(pair.old_indexes), factor_numbers(pair.new_indexes)
    if pair.status is Status.MOVED:
        return f"Moved from {old}" if side == NEW else f"Moved to {new}"
    if pair.status is Status.SPLIT:
        return f"Split from old {old}" if side == NEW else f"Split into {new}"
    if pair.status is Status.MERGED:
        return f"Merged from {old}" if side == NEW else f"Merged into {new}"
    return ""


class PairBlocks(NamedTuple):
    """Block numbers of one pair on one side: its first block, its anchor (the first
    factor heading, or the placeholder) and its last block."""

    first: int
    anchor: int
    last: int
    placeholder: bool
    starts: dict[int, int]  # offset in the side's joined text -> block opening there
    headings: tuple[tuple[int, int], ...]  # (factor number from 1, its heading block)


@dataclass(slots=True)
class SideWriter:
    """Writes pairs of one side at a cursor, remembering the categories already opened."""

    cursor: QTextCursor
    formats: TextFormats
    font_size: float
    side: int = OLD
    number_headings: bool = False  # write "#4" before each heading (paper has no gutter)
    categories: tuple[str, ...] = ()
    base_margins: dict[int, float] = field(default_factory=dict)
    _fresh: bool = True  # the cursor sits in an empty block that the next write reuses

    def restart(self, cursor: QTextCursor) -> None:
        """Continue writing at `cursor`, which sits in an empty block (a table cell)."""
        self.cursor = cursor
        self._fresh = True

    def _em(self, ems: float) -> float:
        return ems * self.font_size * 4 / 3

    def new_block(self, gap: float, char_format: QTextCharFormat) -> int:
        block_format = QTextBlockFormat()
        block_format.setTopMargin(self._em(gap))
        block_format.setBottomMargin(0)
        block_format.setLineHeight(_LINE_HEIGHT_PERCENT, 1)  # 1: ProportionalHeight
        if self._fresh:
            self.cursor.setBlockFormat(block_format)
            self.cursor.setBlockCharFormat(char_format)
            self._fresh = False
        else:
            self.cursor.insertBlock(block_format, char_format)
        number = self.cursor.block().blockNumber()
        self.base_margins[number] = block_format.topMargin()
        return number

    def title(self, filing: Filing) -> None:
        self.new_block(_TITLE_GAP, self.formats.title)
        self.cursor.insertText(filing.section_title or "Risk Factors", self.formats.title)
        details = " · ".join(
            part for part in (filing.company, filing.form, fiscal_year_label(filing)) if part
        )
        if details:
            self.new_block(0.2, self.formats.caption)
            self.cursor.insertText(details, self.formats.caption)
        for paragraph in filing.intro:
            self.new_block(_PARAGRAPH_GAP, self.formats.body)
            self.write_text(paragraph, (), 0, self.formats.body)

    def pair(
        self,
        comparison: Comparison,
        pair: Pair,
        side: int,
        marks: PairMarks,
        *,
        folded: str = "",
    ) -> PairBlocks:
        """Write one side of `pair`; when `folded` (a note such as "Unchanged") is given, only
        each heading and, for the bodies, one grey line with the note and their word count."""
        factors = side_factors(comparison, pair, side)
        if not factors:
            number = self.new_block(_HEADING_GAP, self.formats.caption)
            self.cursor.insertText(placeholder_label(comparison, pair), self.formats.caption)
            return PairBlocks(number, number, number, True, {}, ())
        first = anchor = -1
        caption = pair_caption(pair, side)
        side_marks = marks.side(side)
        pieces = side_pieces(factors)
        piece_at = 0
        starts: dict[int, int] = {}
        headings: list[tuple[int, int]] = []
        indexes = pair.old_indexes if side == OLD else pair.new_indexes
        for index, factor in zip(indexes, factors, strict=True):
            opened = self._open_categories(factor.category)
            if first < 0 and opened >= 0:
                first = opened
            if caption:
                number = self.new_block(_CAPTION_GAP, self.formats.caption)
                self.cursor.insertText(caption, self.formats.caption)
                caption = ""
                first = number if first < 0 else first
            count = 1 + len(factor.paragraphs)
            factor_pieces = pieces[piece_at : piece_at + count]
            if folded:
                heading_block = self._folded_factor(factor_pieces[0], starts, index + 1)
            else:
                heading_block = self._factor(factor_pieces, side_marks, starts, index + 1)
            headings.append((index + 1, heading_block))
            piece_at += count
            if anchor < 0:
                anchor = heading_block
                first = heading_block if first < 0 else first
        if folded:
            self.new_block(_FIRST_PARAGRAPH_GAP, self.formats.caption)
            self.cursor.insertText(folded_label(folded, factors), self.formats.caption)
        last = self.cursor.block().blockNumber()
        return PairBlocks(first, anchor, last, False, starts, tuple(headings))

    def _open_categories(self, category: tuple[str, ...]) -> int:
        """Write the category headings that open before a factor; first block or -1."""
        if category == self.categories:
            return -1
        common = 0
        while (
            common < min(len(category), len(self.categories))
            and category[common] == self.categories[common]
        ):
            common += 1
        self.categories = category
        first = -1
        for level in range(common, len(category)):
            char_format = self.formats.category if level == 0 else self.formats.subcategory
            gap = _CATEGORY_GAP if level == 0 else _SUBCATEGORY_GAP
            number = self.new_block(gap, char_format)
            self.cursor.insertText(category[level], char_format)
            first = number if first < 0 else first
        return first

    def _factor(
        self, pieces: list[Piece], marks: tuple[Mark, ...], starts: dict[int, int], label: int
    ) -> int:
        """Write factor number `label`; note in `starts` the block each heading or paragraph
        opens."""
        heading, *paragraphs = pieces
        if heading.run_in and paragraphs:
            number = self.new_block(_HEADING_GAP, self.formats.body)
            self._number(label)
            self.write_text(heading.text, marks, heading.start, self.formats.run_in_heading)
            self.cursor.insertText(" ", self.formats.body)
            first, *paragraphs = paragraphs
            self.write_text(first.text, marks, first.start, self.formats.body)
        else:
            number = self.new_block(_HEADING_GAP, self.formats.heading)
            self._number(label)
            self.write_text(heading.text, marks, heading.start, self.formats.heading)
        starts[heading.start] = number
        for position, paragraph in enumerate(paragraphs):
            gap = _FIRST_PARAGRAPH_GAP if position == 0 else _PARAGRAPH_GAP
            starts[paragraph.start] = self.new_block(gap, self.formats.body)
            self.write_text(paragraph.text, marks, paragraph.start, self.formats.body)
        return number

    def _folded_factor(self, heading: Piece, starts: dict[int, int], label: int) -> int:
        """Write factor number `label`'s heading alone (its body is summed up after it)."""
        number = self.new_block(_HEADING_GAP, self.formats.heading)
        self._number(label)
        self.write_text(heading.text, (), heading.start, self.formats.heading)
        starts[heading.start] = number
        return number

    def _number(self, label: int) -> None:
        if self.number_headings:
            self.cursor.insertText(f"#{label}  ", self.formats.caption)

    def write_text(
        self, text: str, marks: tuple[Mark, ...], offset: int, base: QTextCharFormat
    ) -> None:
        """Insert `text` (which sits at `offset` of the side's joined text) in `base`
        format, overlaid with figure styling and the change marks that fall inside it."""
        end = offset + len(text)
        local = [
            Mark(max(mark.start, offset) - offset, min(mark.end, end) - offset, mark.figure)
            for mark in marks
            if mark.end > offset and mark.start < end
        ]
        figures = figure_spans(text) if any(ch.isdigit() for ch in text) else []
        cuts = {0, len(text)}
        for span in local:
            cuts.update((span.start, span.end))
        for figure in figures:
            cuts.update((figure.start, figure.end))
        points = sorted(cuts)
        changed = self.formats.deleted if self.side == OLD else self.formats.inserted
        for start, stop in itertools.pairwise(points):
            char_format = QTextCharFormat(base)
            if any(figure.start <= start < figure.end for figure in figures):
                char_format.merge(self.formats.figure)
            mark = next((mark for mark in local if mark.start <= start < mark.end), None)
            if mark is not None:
                char_format.merge(changed)
                if mark.figure:
                    char_format.merge(self.formats.changed_figure)
            self.cursor.insertText(text[start:stop], char_format)


@dataclass(slots=True)
class PaneDocument:
    """A side's document and where each pair's blocks are in it."""

    document: QTextDocument
    pairs: list[PairBlocks]
    end_block: int
    base_margins: dict[int, float]


def build_pane_document(
    comparison: Comparison,
    side: int,
    marks: list[PairMarks],
    formats: TextFormats,
    font_size: float,
    *,
    folded: Mapping[int, str] | None = None,
) -> PaneDocument:
    """The whole Risk Factors section of one side, pair by pair, ending in an empty block
    that levels the two documents' ends. `folded` maps the indexes of pairs to show as
    headings and a word count only to the note that says why ("Unchanged")."""
    folded = folded or {}
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(font_size * 1.6)
    # A wider left margin: the gutter where the panes number the factors.
    root = document.rootFrame().frameFormat()
    root.setLeftMargin(font_size * GUTTER_EMS * 4 / 3)
    document.rootFrame().setFrameFormat(root)
    default_font = document.defaultFont()
    default_font.setPointSizeF(font_size)
    document.setDefaultFont(default_font)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    writer = SideWriter(cursor, formats, font_size, side=side)
    writer.title(comparison.old if side == OLD else comparison.new)
    blocks = [
        writer.pair(
            comparison,
            pair,
            side,
            pair_marks_at(marks, index),
            folded=folded.get(index, ""),
        )
        for index, pair in enumerate(comparison.pairs)
    ]
    end_block = writer.new_block(_HEADING_GAP, formats.body)
    cursor.endEditBlock()
    return PaneDocument(document, blocks, end_block, writer.base_margins)


def pair_marks_at(marks: list[PairMarks], index: int) -> PairMarks:
    return marks[index] if index < len(marks) else NO_MARKS


def level_points(old: PairBlocks, new: PairBlocks, marks: PairMarks) -> tuple[list[int], list[int]]:
    """The blocks of one pair that the panes keep level, as matching old and new lists: the
    pair's first block, its first heading, then each paragraph that opens at a break the
    word diff kept in common (so unchanged paragraphs stay side by side)."""
    old_points, new_points = [old.first, old.anchor], [new.first, new.anchor]
    for old_offset, new_offset in marks.kept_breaks:
        old_block, new_block = old.starts.get(old_offset), new.starts.get(new_offset)
        if old_block is None or new_block is None:
            continue
        if old_block > old_points[-1] and new_block > new_points[-1]:
            old_points.append(old_block)
            new_points.append(new_block)
    return old_points, new_points


def comparison_marks(comparison: Comparison, differ: Differ) -> list[PairMarks]:
    """The word-level marks of every pair, in pair order."""
    return [pair_marks(comparison, pair, differ) for pair in comparison.pairs]
