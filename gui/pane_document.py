"""Write one side of a Comparison into a QTextDocument, pair by pair, as a filing reads.

Each pair becomes a run of blocks on each side: the category headings that open there, a
caption saying where a moved/split/merged factor came from, the factor heading (bold, or
run-in at the start of the first paragraph) and the body paragraphs. A pair of passages that
are no factors (the introduction, a category's text before its first factor, the closing) is
a caption naming it ("Introduction") and its paragraphs, marked like a factor's body. A side
with no factor in the pair (an added or removed factor) gets one placeholder block whose label
says so. Deleted words are marked on the old side, inserted words on the new side (the pair's
core.diff.pair.PairDiff says where), figures (core.diff.figures) are set apart and changed
figures stand out. A folded pair (see `build_pane_document`) is reduced to its headings and
one grey line saying how many words it holds, on both sides alike.

The same writer (`SideWriter`) fills a pane document (`build_pane_document`) and the table
cells of the printout (gui.printing), so screen and paper agree.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)

from core.diff.figures import find_figures
from core.diff.pair import NO_DIFF, Mark, PairDiff
from core.diff.passages import PassageSpan, pair_spans
from core.diff.sides import NEW, OLD, Piece, side_factors, side_passages, side_pieces
from core.model import Comparison, Factor, Filing, Pair, Passage, Status
from core.report.labels import (
    fiscal_year_label,
    listed_headings,
    moved_caption,
    pair_caption,
    passage_label,
)
from gui.passage_links import passage_address
from gui.theme import TextFormats

SIDE_NAMES = ("Old", "New")
SIDE_WORDS = ("older", "newer")

# Top margins in ems of the body font. Only top margins are used (see gui.alignment).
_TITLE_GAP = 0.2
_CATEGORY_GAP = 1.6
_SUBCATEGORY_GAP = 1.1
_HEADING_GAP = 1.2
_CAPTION_GAP = 1.0
_FIRST_PARAGRAPH_GAP = 0.35
_PARAGRAPH_GAP = 0.6
_ITEM_GAP = 0.3  # between two items of one list
_LINE_HEIGHT_PERCENT = 128
_LIST_INDENT = 1.4  # ems from the text's left edge to a list item's text; the bullet sits in it
GUTTER_EMS = 2.7
# A moved passage that starts inside a paragraph: its caption quotes its first words.
_OPENING_WORDS = 5  # the whole left margin: status stripe, factor number, gap


UNCHANGED_NOTE = "Unchanged"


def folded_label(note: str, factors: Sequence[Factor | Passage]) -> str:
    """The grey line that stands for folded bodies (or passages): 'Unchanged — 412 words'."""
    from core.diff.words import count_words  # noqa: PLC0415 - keeps the diff engine off start-up

    words = sum(count_words(paragraph) for factor in factors for paragraph in factor.paragraphs)
    return f"{note} — {words:,} word{'s' if words != 1 else ''}"


def placeholder_label(comparison: Comparison, pair: Pair) -> str:
    """The label of the empty band on the side that lacks the factor ('Introduction added in
    FY2009' for a passage)."""
    year = fiscal_year_label(comparison.new)
    if pair.status is Status.ADDED:
        label = f"Added in {year or 'the new filing'}"
    else:
        label = f"Removed in {year}" if year else "Removed from the new filing"
    if pair.passage:
        return f"{listed_headings(comparison, pair)} {label[0].lower()}{label[1:]}"
    return label


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
    # Where a heading or paragraph moves on to, by its offset in the side's joined text: the
    # printout starts each paragraph that faces its counterpart in a table row of its own.
    moves: dict[int, QTextCursor] = field(default_factory=dict)
    _fresh: bool = True  # the cursor sits in an empty block that the next write reuses
    # The passages moved between factors in the pair being written (this side's places),
    # whether the side is shown whole (an added or removed factor: all of a passage is
    # marked, not only what its pair's diff marks), and each passage's caption and link.
    _moved: tuple[PassageSpan, ...] = ()
    _whole: bool = False
    _captions: dict[int, tuple[str, str]] = field(default_factory=dict)

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
        heading, details = title_look(filing)
        self.new_block(_TITLE_GAP, self.formats.title)
        self.cursor.insertText(heading, self.formats.title)
        if details:
            self.new_block(0.2, self.formats.caption)
            self.cursor.insertText(details, self.formats.caption)

    def pair(
        self,
        comparison: Comparison,
        pair: Pair,
        side: int,
        diff: PairDiff,
        *,
        folded: str = "",
    ) -> PairBlocks:
        """Write one side of `pair`; when `folded` (a note such as "Unchanged") is given, only
        each heading and, for the bodies, one grey line with the note and their word count."""
        if pair.passage:
            return self._passage_pair(comparison, pair, side, diff, folded=folded)
        factors = side_factors(comparison, pair, side)
        if not factors:
            number = self.new_block(_HEADING_GAP, self.formats.caption)
            self.cursor.insertText(placeholder_label(comparison, pair), self.formats.caption)
            return PairBlocks(number, number, number, True, {}, ())
        first = anchor = -1
        caption = pair_caption(comparison, pair, side)
        side_marks = diff.side(side)
        self._note_moved(comparison, pair, side)
        pieces = side_pieces(factors)
        piece_at = 0
        starts: dict[int, int] = {}
        headings: list[tuple[int, int]] = []
        indexes = pair.old_indexes if side == OLD else pair.new_indexes
        for index, factor in zip(indexes, factors, strict=True):
            self._move_to(pieces[piece_at].start)
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

    def _note_moved(self, comparison: Comparison, pair: Pair, side: int) -> None:
        """Remember the passages moved out of (old side) or into (new side) this pair's text,
        with the caption and link each gets, for the paragraphs written next."""
        self._moved = pair_spans(comparison, pair, old_side=side == OLD)
        self._whole = not (pair.new_indexes if side == OLD else pair.old_indexes)
        self._captions = {
            span.passage: (
                moved_caption(
                    comparison, comparison.moved_passages[span.passage], at_old=side == OLD
                ),
                passage_address(span.passage, 1 - side),
            )
            for span in self._moved
        }

    def _passage_pair(
        self, comparison: Comparison, pair: Pair, side: int, diff: PairDiff, *, folded: str
    ) -> PairBlocks:
        """Write one side of a passage pair: the categories it opens, a caption naming it,
        its paragraphs (or, folded, one grey line)."""
        passages = side_passages(comparison, pair, side)
        if not passages:
            number = self.new_block(_HEADING_GAP, self.formats.caption)
            self.cursor.insertText(placeholder_label(comparison, pair), self.formats.caption)
            return PairBlocks(number, number, number, True, {}, ())
        passage = passages[0]
        self._note_moved(comparison, pair, side)
        first = self._open_categories(passage.category)
        caption = self.new_block(_CAPTION_GAP, self.formats.caption)
        self.cursor.insertText(passage_label(passage), self.formats.caption)
        starts: dict[int, int] = {}
        if folded:
            self.new_block(_FIRST_PARAGRAPH_GAP, self.formats.caption)
            self.cursor.insertText(folded_label(folded, passages), self.formats.caption)
        else:
            self._paragraphs(side_pieces(passages), diff.side(side), starts)
        last = self.cursor.block().blockNumber()
        return PairBlocks(caption if first < 0 else first, caption, last, False, starts, ())

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
            self._passage_captions(first)
        else:
            number = self.new_block(_HEADING_GAP, self.formats.heading)
            self._number(label)
            self.write_text(heading.text, marks, heading.start, self.formats.heading)
        self._passage_captions(heading)
        starts[heading.start] = number
        self._paragraphs(paragraphs, marks, starts)
        return number

    def _paragraphs(
        self, paragraphs: list[Piece], marks: tuple[Mark, ...], starts: dict[int, int]
    ) -> None:
        """Write body paragraphs (list items as a bulleted list); note in `starts` the block
        each one opens."""
        items: QTextList | None = None
        for position, paragraph in enumerate(paragraphs):
            gap = _FIRST_PARAGRAPH_GAP if position == 0 else _PARAGRAPH_GAP
            if paragraph.item and items is not None:
                gap = _ITEM_GAP
            if self._move_to(paragraph.start):
                items = None  # a list does not reach into another table cell
            if self._passage_captions(paragraph, before=True):
                gap, items = _FIRST_PARAGRAPH_GAP, None
            starts[paragraph.start] = self.new_block(gap, self.formats.body)
            items = self._list_item(items) if paragraph.item else None
            self.write_text(paragraph.text, marks, paragraph.start, self.formats.body)

    def _move_to(self, offset: int) -> bool:
        """Go on writing in the cell that `moves` gives the piece at `offset`, if any."""
        cursor = self.moves.get(offset)
        if cursor is not None:
            self.restart(cursor)
        return cursor is not None

    def _passage_captions(self, piece: Piece, *, before: bool = False) -> bool:
        """Write the caption of each moved passage that starts in `piece` ("moved to #12 …",
        a link to its other place), in a block of its own: before the piece's block with
        `before`, else after it. Whether any was written."""
        end = piece.start + len(piece.text)
        written = False
        for span in self._moved:
            if not piece.start <= span.start < end:
                continue
            text, address = self._captions[span.passage]
            if span.start > piece.start:  # it starts inside the paragraph: say where
                opening = " ".join(piece.text[span.start - piece.start :].split()[:_OPENING_WORDS])
                text += f": \u201c{opening}\u2026\u201d"
            gap = _CAPTION_GAP if before else _FIRST_PARAGRAPH_GAP
            self.new_block(gap, self.formats.moved_caption)
            link = QTextCharFormat(self.formats.moved_caption)
            link.setAnchor(True)
            link.setAnchorHref(address)
            link.setToolTip("Go to the other place of this passage")
            self.cursor.insertText(f"\u21aa {text}", link)
            written = True
        return written

    def _list_item(self, items: QTextList | None) -> QTextList:
        """Make the cursor's block an item of `items`, or of a new list when None. The bullet
        and its hanging indent come from the list format, so the text holds no bullet."""
        if items is not None:
            items.add(self.cursor.block())
            return items
        document = self.cursor.document()
        document.setIndentWidth(self._em(_LIST_INDENT))
        list_format = QTextListFormat()
        list_format.setStyle(QTextListFormat.Style.ListDisc)
        list_format.setIndent(1)
        return self.cursor.createList(list_format)

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
        figures = find_figures(text)  # in text order
        moved = [
            (max(span.start, offset) - offset, min(span.end, end) - offset)
            for span in self._moved
            if span.end > offset and span.start < end
        ]
        cuts = {0, len(text)}
        for span in local:
            cuts.update((span.start, span.end))
        for moved_start, moved_end in moved:
            cuts.update((moved_start, moved_end))
        for figure in figures:
            cuts.update((figure.start, figure.end))
        points = sorted(cuts)
        changed = self.formats.deleted if self.side == OLD else self.formats.inserted
        # Figures and marks come in text order: each run looks only at the next ones.
        figure_at = mark_at = 0
        for start, stop in itertools.pairwise(points):
            char_format = QTextCharFormat(base)
            while figure_at < len(figures) and figures[figure_at].end <= start:
                figure_at += 1
            if figure_at < len(figures) and figures[figure_at].start <= start:
                char_format.merge(self.formats.figure)
            while mark_at < len(local) and local[mark_at].end <= start:
                mark_at += 1
            mark = (
                local[mark_at] if mark_at < len(local) and local[mark_at].start <= start else None
            )
            in_moved = any(moved_start <= start < moved_end for moved_start, moved_end in moved)
            if in_moved and (mark is not None or self._whole):
                # Moved, not deleted or inserted: its words are counted as moved too.
                char_format.merge(self.formats.moved)
            elif mark is not None:
                char_format.merge(changed)
            if mark is not None and mark.figure:
                char_format.merge(self.formats.changed_figure)
            self.cursor.insertText(text[start:stop], char_format)


@dataclass(slots=True)
class PaneDocument:
    """A side's document and where each pair's blocks are in it."""

    document: QTextDocument
    pairs: list[PairBlocks]
    end_block: int
    base_margins: dict[int, float]


class PaneBuilder:
    """Writes one side's pane document a pair at a time, so that a large comparison can be
    written in slices with the event loop running in between (see gui.compare_view)."""

    def __init__(
        self, comparison: Comparison, side: int, formats: TextFormats, font_size: float
    ) -> None:
        self.comparison = comparison
        self.side = side
        self.formats = formats
        self.document = QTextDocument()
        self.document.setUndoRedoEnabled(False)
        self.document.setDocumentMargin(font_size * 1.6)
        # A wider left margin: the gutter where the panes number the factors.
        root = self.document.rootFrame().frameFormat()
        root.setLeftMargin(font_size * GUTTER_EMS * 4 / 3)
        self.document.rootFrame().setFrameFormat(root)
        default_font = self.document.defaultFont()
        default_font.setPointSizeF(font_size)
        self.document.setDefaultFont(default_font)
        self.cursor = QTextCursor(self.document)
        self.writer = SideWriter(self.cursor, formats, font_size, side=side)
        self.pairs: list[PairBlocks] = []
        # The categories open after each pair written (where writing goes on after it).
        self._categories_after: list[tuple[str, ...]] = []
        self._ended, self._ended_at = False, -1  # the ending block, once written
        self._glyphs_kept = 0  # the blocks before this one keep their shaped text
        with self.editing():
            self.writer.title(comparison.old if side == OLD else comparison.new)

    @contextmanager
    def editing(self) -> Iterator[None]:
        """One edit of the document: a view showing it lays out and repaints once, after."""
        self.cursor.beginEditBlock()
        try:
            yield
        finally:
            self._keep_glyphs()
            self.cursor.endEditBlock()

    def _keep_glyphs(self) -> None:
        """Let the blocks written since the last call keep their shaped text once laid out.
        By default a block's layout drops it after each layout and each paint, so every
        scroll step shaped the lines on screen again (measured under X11: about 0.4 ms of a
        pane's 1.2 ms repaint; the shaped text of a large pair costs a few megabytes)."""
        block = self.document.findBlockByNumber(self._glyphs_kept)
        while block.isValid():
            block.layout().setCacheEnabled(True)
            block = block.next()
        self._glyphs_kept = self.document.blockCount()

    def write_pair(self, diff: PairDiff, *, folded: str = "") -> None:
        """Write the next pair, marked as its `diff` says (see SideWriter.pair for `folded`)."""
        pair = self.comparison.pairs[len(self.pairs)]
        self.pairs.append(self.writer.pair(self.comparison, pair, self.side, diff, folded=folded))
        self._categories_after.append(self.writer.categories)

    def keep_pairs(self, count: int, comparison: Comparison) -> None:
        """Keep the first `count` pairs written (and the title), delete the rest and the
        ending, and go on writing the pairs of `comparison` after them: its first `count`
        pairs must look exactly as those kept (see `pair_look`)."""
        self.comparison = comparison
        if count == len(self.pairs) and not self._ended:
            return
        end = self.pairs[count].first if count < len(self.pairs) else self._ended_at
        block = self.document.findBlockByNumber(end)
        with self.editing():
            self.cursor.setPosition(block.position() - 1)
            self.cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            self.cursor.removeSelectedText()
        del self.pairs[count:]
        del self._categories_after[count:]
        self.writer.categories = self._categories_after[-1] if count else ()
        for number in [number for number in self.writer.base_margins if number >= end]:
            del self.writer.base_margins[number]
        self._glyphs_kept = min(self._glyphs_kept, end)
        self._ended = False

    def last_block(self) -> int:
        return self.cursor.block().blockNumber()

    def finish(self) -> PaneDocument:
        """The document, ended by an empty block that levels the two documents' ends."""
        with self.editing():
            end_block = self.writer.new_block(_HEADING_GAP, self.formats.body)
        self._ended, self._ended_at = True, end_block
        return PaneDocument(self.document, self.pairs, end_block, self.writer.base_margins)


def title_look(filing: Filing) -> tuple[str, str]:
    """The title a pane opens with and the line under it: 'Item 1A. Risk Factors',
    'Coca Cola Co · 10-K · FY2023'."""
    details = " · ".join(
        part for part in (filing.company, filing.form, fiscal_year_label(filing)) if part
    )
    return filing.section_title or "Risk Factors", details


def pair_look(
    comparison: Comparison, pair: Pair, diff: PairDiff, folded: str
) -> tuple[object, ...]:
    """What SideWriter.pair reads to write `pair` (both sides), as one value: two pairs whose
    looks are equal are written alike, so a pane can keep the blocks of one for the other
    (a reviewer's correction changes a few pairs of a comparison and keeps those before)."""
    # Of the pair itself the writer reads which parts it holds, its status and whether a
    # reviewer set it (its scores do not show; its word counts show in its caption).
    shown = (pair.old, pair.new, pair.status, pair.passage, pair.corrected)
    look: list[object] = [shown, diff, folded, placeholder_label(comparison, pair)]
    for side in (OLD, NEW):
        look.append(side_passages(comparison, pair, side) if pair.passage else ())
        if not pair.passage:
            look += [side_factors(comparison, pair, side), pair_caption(comparison, pair, side)]
        for span in pair_spans(comparison, pair, old_side=side == OLD):
            moved = comparison.moved_passages[span.passage]
            look += [span, moved_caption(comparison, moved, at_old=side == OLD)]
    return tuple(look)


def build_pane_document(
    comparison: Comparison,
    side: int,
    diffs: Sequence[PairDiff],
    formats: TextFormats,
    font_size: float,
    *,
    folded: Mapping[int, str] | None = None,
) -> PaneDocument:
    """The whole Risk Factors section of one side, pair by pair, ending in an empty block
    that levels the two documents' ends. `folded` maps the indexes of pairs to show as
    headings and a word count only to the note that says why ("Unchanged")."""
    folded = folded or {}
    builder = PaneBuilder(comparison, side, formats, font_size)
    with builder.editing():
        for index in range(len(comparison.pairs)):
            diff = diffs[index] if index < len(diffs) else NO_DIFF
            builder.write_pair(diff, folded=folded.get(index, ""))
    return builder.finish()


def level_points(old: PairBlocks, new: PairBlocks, diff: PairDiff) -> tuple[list[int], list[int]]:
    """The blocks of one pair that the panes keep level, as matching old and new lists: the
    pair's first block, its first heading, then the block of each paragraph that faces a
    paragraph of the other side (core.diff.pair.PairDiff.paragraph_rows), so a kept or
    reworded paragraph starts level with its counterpart and an added one faces a filler."""
    old_points, new_points = [old.first, old.anchor], [new.first, new.anchor]
    for row in diff.paragraph_rows:
        if row.old is None or row.new is None:
            continue
        old_block = old.starts.get(diff.old_pieces[row.old][0])
        new_block = new.starts.get(diff.new_pieces[row.new][0])
        if old_block is None or new_block is None:
            continue  # folded, or a run-in heading's first paragraph: no block of its own
        if old_block > old_points[-1] and new_block > new_points[-1]:
            old_points.append(old_block)
            new_points.append(new_block)
    return old_points, new_points
