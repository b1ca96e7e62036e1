"""The printout of a comparison as one QTextDocument, before it is paged (gui.printing).

A first page sums up what changed: counts per status, how much wording was kept (and what the
measures mean), a legend whose samples are taken from the filings compared, the added /
removed / moved / split / merged factors and the most reworded ones. Then the pairs, in one of
two layouts (`PrintLayout`): side by side, a two-column table with a row for each pair's
headings and one for each of its paragraphs, so each pair and each paragraph facing its
counterpart starts level on paper as on screen (its header row repeats on every page; the
cells are written by the panes' own `SideWriter`), or a blackline (gui.print_blackline). Pairs in
`folded` (changes only) print as their headings and a word count, as in the panes.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QColor,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from core.diff.figures import find_figures
from core.diff.pair import PairDiff
from core.diff.sides import NEW, OLD, Part, side_parts, side_pieces
from core.model import STATUS_ORDER, Comparison, Filing, Pair, Status
from core.report.labels import (
    CHANGE_LISTS,
    change_list_title,
    company_name,
    factor_numbers,
    file_name,
    form_name,
    listed_headings,
    moved_caption,
    pair_caption,
    pair_numbers,
    passage_changes,
    percent,
    similarity_measures,
    wording_kept,
    year_or_file_name,
)
from core.review.apply import Reviewed
from core.review.model import Mark
from gui.pane_document import SIDE_NAMES, SideWriter
from gui.print_blackline import write_blackline
from gui.print_review import has_pair_review, write_pair_review, write_review_summary
from gui.theme import LIGHT, TextFormats, text_formats

PRINT_FONT_SIZE = 9.0
_MOST_CHANGED = 5
# The legend's samples when the filings hold none (no figure at all, no changed figure).
_FALLBACK_FIGURE = "$1.2 billion"
_FALLBACK_CHANGED_FIGURE = "March 31, 2009"
SIDES = (OLD, NEW)
RULE_COLOUR = "#c9c9d1"  # table borders and the line under the running header


class PrintLayout(StrEnum):
    SIDE_BY_SIDE = "side-by-side"  # the two filings in two columns, as in the panes
    BLACKLINE = "blackline"  # one text, deletions struck and insertions underlined


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """How to print: the layout, and whether unchanged factors fold to their headings."""

    layout: PrintLayout = PrintLayout.SIDE_BY_SIDE
    changes_only: bool = False


@dataclass(slots=True)
class PrintDocument:
    """The printout and what must not sit alone at the foot of a page: blocks (the first
    page's list titles and flagged entries, then each pair's first block in the blackline,
    which carries its caption and heading) and the rows of `table` that open a pair (side
    by side: a pair's headings, then a row per paragraph)."""

    document: QTextDocument
    keep_with_next: list[int]
    table: QTextTable | None = None
    pair_rows: list[int] = field(default_factory=list)


def filing_label(filing: Filing) -> str:
    """'FY2009', else the file's name."""
    return year_or_file_name(filing) or "filing"


def header_text(comparison: Comparison) -> str:
    """E.g. "Internet Initiative Japan Inc. · 20-F · FY2008 → FY2009"."""
    years = f"{filing_label(comparison.old)} → {filing_label(comparison.new)}"
    parts = (company_name(comparison), form_name(comparison), years)
    return " · ".join(part for part in parts if part)


def build_print_document(
    comparison: Comparison,
    diffs: Sequence[PairDiff],
    *,
    width: float,
    note: str = "",
    folded: Mapping[int, str] | None = None,
    layout: PrintLayout = PrintLayout.SIDE_BY_SIDE,
    review: Reviewed | None = None,
    page_height: float | None = None,
) -> PrintDocument:
    """The whole printout, laid out `width` pixels wide (page size is set by the caller),
    each pair marked as its diff in `diffs` says (the panes' own, core.diff.pair).
    `review` adds its section to the first page and each pair's state and note. Given the
    `page_height`, the first page's optional list (the most reworded factors) is cut to
    what fits on it, measured, so it never spills a few lines onto a page of its own."""
    formats = text_formats(LIGHT, PRINT_FONT_SIZE)
    summary = _Summary(comparison, diffs, formats, note, review)
    if page_height is not None:
        summary.most_changed = most_changed_that_fit(summary, width, page_height)
    document = _empty_document(width)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    keep: list[int] = summary.write(cursor)
    review_marks = review.marks if review is not None else None
    table: QTextTable | None = None
    pair_rows: list[int] = []
    if layout is PrintLayout.BLACKLINE:
        break_format = QTextBlockFormat()
        break_format.setPageBreakPolicy(QTextFrameFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.insertBlock(break_format)
        cursor.insertText(f"Blackline · {header_text(comparison)}", formats.category)
        keep += write_blackline(
            cursor, comparison, diffs, formats, folded=folded, review=review_marks
        )
    else:
        table, pair_rows = _write_pairs(
            cursor, comparison, diffs, formats, folded or {}, review=review_marks
        )
    cursor.endEditBlock()
    return PrintDocument(document, keep, table, pair_rows)


def _empty_document(width: float) -> QTextDocument:
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(0)
    font = document.defaultFont()
    font.setPointSizeF(PRINT_FONT_SIZE)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    return document


@dataclass(slots=True)
class _Summary:
    """What the first page says, and how many of the most reworded factors it lists."""

    comparison: Comparison
    diffs: Sequence[PairDiff]
    formats: TextFormats
    note: str
    review: Reviewed | None
    most_changed: int = _MOST_CHANGED

    def write(self, cursor: QTextCursor) -> list[int]:
        """Write it at `cursor`; return the blocks to keep with the text after them."""
        return _write_summary(
            cursor,
            self.comparison,
            self.diffs,
            self.formats,
            self.note,
            review=self.review,
            most_changed=self.most_changed,
        )


def most_changed_that_fit(summary: _Summary, width: float, page_height: float) -> int:
    """The most of the most reworded factors (up to the usual number) the first page holds
    after everything else it says, laid out `width` wide on pages `page_height` tall and kept
    together as the printout is (a title never alone at the foot); the usual number when the
    rest runs past the first page anyway (the list then follows it)."""

    from gui.printing import keep_with_next  # noqa: PLC0415 - it imports this module

    def ends_on_first_page(count: int) -> bool:
        document = _empty_document(width)
        document.setPageSize(QSizeF(width, page_height))
        summary.most_changed = count
        keep_with_next(PrintDocument(document, summary.write(QTextCursor(document))), page_height)
        last = document.lastBlock()
        return document.documentLayout().blockBoundingRect(last).bottom() <= page_height

    usual = _MOST_CHANGED
    if ends_on_first_page(usual) or not ends_on_first_page(0):
        return usual
    fit = 0
    while fit + 1 < usual and ends_on_first_page(fit + 1):
        fit += 1
    return fit


def _block(cursor: QTextCursor, *, top: float = 0.0, first: bool = False) -> None:
    block_format = QTextBlockFormat()
    block_format.setTopMargin(top)
    if first:
        cursor.setBlockFormat(block_format)
    else:
        cursor.insertBlock(block_format)


def _write_summary(
    cursor: QTextCursor,
    comparison: Comparison,
    diffs: Sequence[PairDiff],
    formats: TextFormats,
    note: str = "",
    *,
    review: Reviewed | None = None,
    most_changed: int = _MOST_CHANGED,
) -> list[int]:
    """The first page; returns the blocks (list titles) to keep with the text after them."""
    keep: list[int] = []
    _block(cursor, first=True)
    cursor.insertText("Risk Factors compared", formats.title)
    _block(cursor, top=2)
    cursor.insertText(header_text(comparison), formats.category)
    for side, filing in ((OLD, comparison.old), (NEW, comparison.new)):
        _block(cursor, top=2 if side == NEW else 8)
        cursor.insertText(f"{SIDE_NAMES[side]}: ", formats.heading)
        cursor.insertText(
            f"{filing_label(filing)} — {len(filing.factors)} factors — {file_name(filing)}",
            formats.body,
        )
    if review is not None:
        keep += write_review_summary(cursor, review, formats)

    _block(cursor, top=14)
    cursor.insertText("What changed", formats.subcategory)
    counts = comparison.summary.counts
    _block(cursor, top=4)
    for status in STATUS_ORDER:
        swatch = QTextCharFormat(formats.heading)
        swatch.setForeground(LIGHT.status_color(status))
        cursor.insertText("■ ", swatch)
        cursor.insertText(f"{status.value} {counts.get(status, 0)}", formats.body)
        cursor.insertText("     ", formats.body)
    similarity = comparison.summary.similarity
    _block(cursor, top=4)
    cursor.insertText(wording_kept(similarity), formats.heading)
    cursor.insertText(
        " in the new filing's Risk Factors section (100% only when nothing was reworded, "
        "added or removed).",
        formats.body,
    )
    _block(cursor, top=2)
    cursor.insertText(similarity_measures(similarity), formats.caption)
    _write_legend(cursor, formats, _legend_samples(comparison, diffs), note)

    _write_passage_changes(cursor, comparison, formats)
    for status in CHANGE_LISTS:
        pairs = [pair for pair in comparison.factor_pairs if pair.status is status]
        if not pairs:
            continue
        _block(cursor, top=12)
        keep.append(cursor.block().blockNumber())
        title_format = QTextCharFormat(formats.subcategory)
        title_format.setForeground(LIGHT.status_color(status))
        cursor.insertText(f"{change_list_title(status)} ({len(pairs)})", title_format)
        for pair in pairs:
            _block(cursor, top=3)
            cursor.insertText(f"{pair_numbers(pair)}  ", formats.caption)
            cursor.insertText(listed_headings(comparison, pair), formats.body)
            caption = pair_caption(comparison, pair, NEW)
            if caption:
                cursor.insertText(f"  ({caption})", formats.caption)

    keep += _write_moved_passages(cursor, comparison, formats)
    keep += _write_most_changed(cursor, comparison, formats, most_changed)
    return keep


def _write_moved_passages(
    cursor: QTextCursor, comparison: Comparison, formats: TextFormats
) -> list[int]:
    """The passages that left one factor for another: where from, where to, how many words
    and how alike the two places are. Returns the title's block, to keep with the list."""
    passages = comparison.moved_passages
    if not passages:
        return []
    _block(cursor, top=12)
    title = cursor.block().blockNumber()
    title_format = QTextCharFormat(formats.subcategory)
    title_format.setForeground(formats.moved_caption.foreground())
    words = sum(passage.words for passage in passages)
    cursor.insertText(
        f"Moved passages ({len(passages)}, {words} words counted as moved, not added or removed)",
        title_format,
    )
    for passage in passages:
        _block(cursor, top=3)
        left = comparison.pairs[passage.from_pair]
        where = (
            listed_headings(comparison, left)
            if left.passage
            else f"old {factor_numbers(left.old_indexes[:1])}"
        )
        alike = "" if passage.similarity == 1 else f", {percent(passage.similarity)} alike"
        cursor.insertText(f"{where}  {passage.words} words{alike}  ", formats.caption)
        cursor.insertText(moved_caption(comparison, passage, at_old=True), formats.body)
    return [title]


def _write_passage_changes(
    cursor: QTextCursor, comparison: Comparison, formats: TextFormats
) -> None:
    """The text outside the factors that changed (introduction, category texts, closing)."""
    lines = passage_changes(comparison)
    if not lines:
        return
    _block(cursor, top=12)
    title_format = QTextCharFormat(formats.subcategory)
    title_format.setForeground(LIGHT.status_color(Status.MODIFIED))
    cursor.insertText(f"Changed text outside the factors ({len(lines)})", title_format)
    for line in lines:
        _block(cursor, top=3)
        cursor.insertText(line, formats.body)


def _legend_samples(comparison: Comparison, diffs: Sequence[PairDiff]) -> tuple[str, str]:
    """A figure and a changed figure as the filings compared print them (the first of
    each in the new filing), so the legend shows what the reader will meet."""
    changed = next(
        (figure.strip() for diff in diffs for figure in diff.figures_added if figure.strip()), ""
    )
    figure = ""
    for factor in comparison.new.factors:
        for paragraph in factor.paragraphs:
            figure = next(
                (
                    found.text
                    for found in find_figures(paragraph)
                    if len(found.text) > 2 and found.text != changed
                ),
                "",
            )
            if figure:
                break
        if figure:
            break
    return figure or _FALLBACK_FIGURE, changed or _FALLBACK_CHANGED_FIGURE


def _write_legend(
    cursor: QTextCursor, formats: TextFormats, samples: tuple[str, str], note: str = ""
) -> None:
    """How changes are marked; placed before the lists so it stays on the first page."""
    _block(cursor, top=10)
    cursor.insertText("Legend", formats.subcategory)
    _block(cursor, top=4)
    cursor.insertText("deleted words", _merged(formats.body, formats.deleted))
    cursor.insertText("   ·   ", formats.body)
    cursor.insertText("inserted words", _merged(formats.body, formats.inserted))
    cursor.insertText("   ·   ", formats.body)
    cursor.insertText("a passage moved between factors", _merged(formats.body, formats.moved))
    cursor.insertText("   ·   a figure: ", formats.body)
    cursor.insertText(samples[0], _merged(formats.body, formats.figure))
    cursor.insertText("   ·   a changed figure: ", formats.body)
    changed = _merged(formats.body, formats.inserted)
    changed.merge(formats.changed_figure)
    cursor.insertText(samples[1], changed)
    _block(cursor, top=4)
    cursor.insertText(
        "A coloured bar left of a factor gives its status; a tinted box stands in for a "
        "factor the other filing does not have. Numbers (#4) count factors in each filing."
        + (f" {note}" if note else ""),
        formats.caption,
    )


def _write_most_changed(
    cursor: QTextCursor, comparison: Comparison, formats: TextFormats, most: int
) -> list[int]:
    """The `most` reworded factors with the most words added and removed, largest first;
    returns the list's title block (to keep with the list)."""
    reworded = [
        pair
        for pair in comparison.factor_pairs
        if pair.status in (Status.MODIFIED, Status.MOVED) and pair.words_changed
    ]
    reworded.sort(key=lambda pair: pair.words_changed, reverse=True)
    if not reworded or most <= 0:
        return []
    _block(cursor, top=12)
    title_block = cursor.block().blockNumber()
    title_format = QTextCharFormat(formats.subcategory)
    title_format.setForeground(LIGHT.status_color(Status.MODIFIED))
    shown = reworded[:most]
    title = f"The {len(shown)} most reworded factors" if len(shown) > 1 else "Most reworded factor"
    cursor.insertText(f"{title} (of {len(reworded)} reworded)", title_format)
    for pair in shown:
        _block(cursor, top=3)
        cursor.insertText(
            f"{pair_numbers(pair)}  +{pair.words_added} -{pair.words_removed} words  ",
            formats.caption,
        )
        cursor.insertText(listed_headings(comparison, pair), formats.body)
    return [title_block]


def _merged(base: QTextCharFormat, overlay: QTextCharFormat) -> QTextCharFormat:
    merged = QTextCharFormat(base)
    merged.merge(overlay)
    return merged


def _write_pairs(
    cursor: QTextCursor,
    comparison: Comparison,
    diffs: Sequence[PairDiff],
    formats: TextFormats,
    folded: Mapping[int, str],
    *,
    review: Sequence[Mark] | None = None,
) -> tuple[QTextTable, list[int]]:
    """The pairs as rows of a two-column table (after a header row), which is returned with
    the row each pair opens; with a `review`, each pair's state and note open its new side's
    cell. A pair takes a row for its headings and one more for each paragraph that faces its
    counterpart or nothing (core.diff.pair.PairDiff.paragraph_rows), so paragraphs start
    level on paper as in the panes; a tinted empty cell faces an added or removed one."""
    layouts = [
        paper_rows(comparison, pair, diff, folded=index in folded)
        for index, (pair, diff) in enumerate(zip(comparison.pairs, diffs, strict=True))
    ]
    table_format = QTextTableFormat()
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 50)] * 2)
    table_format.setHeaderRowCount(1)
    table_format.setCellPadding(5)
    table_format.setCellSpacing(0)
    table_format.setBorder(1)
    table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    table_format.setBorderBrush(QColor(RULE_COLOUR))
    table_format.setBorderCollapse(True)
    table_format.setPageBreakPolicy(QTextFrameFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    table = cursor.insertTable(1 + sum(len(rows) for rows in layouts), 2, table_format)

    for side, filing in ((OLD, comparison.old), (NEW, comparison.new)):
        cell = table.cellAt(0, side)
        header = QTextTableCellFormat()
        header.setBackground(QColor("#eceef3"))
        cell.setFormat(header)
        cell_cursor = cell.firstCursorPosition()
        cell_cursor.insertText(f"{SIDE_NAMES[side]} · {filing_label(filing)}", formats.heading)

    writers = [
        SideWriter(QTextCursor(), formats, PRINT_FONT_SIZE, side=side, number_headings=True)
        for side in SIDES
    ]
    opened: list[int] = []
    first = 1
    for index, (pair, rows) in enumerate(zip(comparison.pairs, layouts, strict=True)):
        opened.append(first)
        for side, writer in enumerate(writers):
            # Cursors in the pair's later rows: they keep their place as text goes in before.
            writer.moves = {}
            for number, row in enumerate(rows[1:], start=1):
                start = row[side]
                if start is not None:
                    writer.moves[start] = table.cellAt(first + number, side).firstCursorPosition()
            cell = table.cellAt(first, side)
            writer.restart(cell.firstCursorPosition())
            blocks = writer.pair(comparison, pair, side, diffs[index], folded=folded.get(index, ""))
            if review is not None and side == NEW:
                mark = review[index]
                _write_cell_review(cell.firstCursorPosition(), blocks.anchor, mark, formats)
        for number, row in enumerate(rows):
            for side in SIDES:
                # After the text: a cell's format lives in its first block's char format,
                # which writing the first block would overwrite.
                cell_format = _cell_format(comparison, pair, side, number, len(rows))
                if number and row[side] is None:
                    cell_format.setBackground(QColor(LIGHT.filler))
                table.cellAt(first + number, side).setFormat(cell_format)
        first += len(rows)
    return table, opened


def paper_rows(
    comparison: Comparison, pair: Pair, diff: PairDiff, *, folded: bool = False
) -> list[tuple[int | None, int | None]]:
    """The table rows of a pair in the side-by-side printout, each as the offsets (in each
    side's joined text) of the heading or paragraph that opens it on the old and new side,
    None where a side's cell stays empty; the first row, the pair's headings, opens with
    (None, None). A paragraph run in after its heading cannot leave the heading's block, so
    it starts no row; nor does anything in a folded or one-sided pair."""
    rows: list[tuple[int | None, int | None]] = [(None, None)]
    if folded or not (pair.old_indexes and pair.new_indexes):
        return rows
    fixed = [_run_in_starts(side_parts(comparison, pair, side)) for side in SIDES]
    for row in diff.paragraph_rows[1:]:
        old = diff.old_pieces[row.old][0] if row.old is not None else None
        new = diff.new_pieces[row.new][0] if row.new is not None else None
        if old in fixed[OLD] or new in fixed[NEW]:
            continue
        rows.append((old, new))
    return rows


def _run_in_starts(factors: Sequence[Part]) -> set[int]:
    """Offsets of the paragraphs written in their heading's block (run in after it)."""
    pieces = side_pieces(factors)
    return {
        piece.start
        for previous, piece in itertools.pairwise(pieces)
        if previous.heading and previous.run_in and not piece.heading
    }


def _cell_format(
    comparison: Comparison, pair: Pair, side: int, number: int, count: int
) -> QTextTableCellFormat:
    """A cell of row `number` of a pair's `count` rows: the status stripe on its left, the
    placeholder tint where the side has no factor, no rule between the pair's own rows."""
    cell_format = QTextTableCellFormat()
    if pair.status is not Status.UNCHANGED:
        cell_format.setLeftBorder(3)
        cell_format.setLeftBorderBrush(LIGHT.status_color(pair.status))
        cell_format.setLeftBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    if not (pair.old_indexes if side == OLD else pair.new_indexes):
        cell_format.setBackground(LIGHT.status_color(pair.status, 30))
    none = QTextFrameFormat.BorderStyle.BorderStyle_None
    if number:
        cell_format.setTopBorderStyle(none)
    if number < count - 1:
        cell_format.setBottomBorderStyle(none)
    return cell_format


def _write_cell_review(cursor: QTextCursor, anchor: int, mark: Mark, formats: TextFormats) -> None:
    """The pair's state and note in a block of their own just above block `anchor` (the
    factor's heading or the placeholder) of the cell `cursor` is in."""
    if not has_pair_review(mark):
        return
    block = cursor.document().findBlockByNumber(anchor)
    at = QTextCursor(block)
    at.insertBlock(block.blockFormat(), block.charFormat())
    at.movePosition(QTextCursor.MoveOperation.PreviousBlock)
    write_pair_review(at, mark, formats)
