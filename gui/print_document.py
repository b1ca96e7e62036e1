"""The printout of a comparison as one QTextDocument, before it is paged (gui.printing).

A first page sums up what changed: counts per status, section similarity, a legend, the
added / removed / moved / split / merged factors and the most reworded ones. Then a two-column
table has one row per pair, so each pair starts level on paper as it does on screen; its
header row repeats on every page. The pair cells are written by the panes' own `SideWriter`.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTableCellFormat,
    QTextTableFormat,
)

from core.model import STATUS_ORDER, Comparison, Filing, Pair, Status
from core.report.labels import (
    CHANGE_LISTS,
    change_list_title,
    company_name,
    factor_numbers,
    file_name,
    form_name,
    listed_headings,
    year_or_file_name,
)
from gui.pair_marks import NEW, OLD, PairMarks, pair_marks_at, side_factors
from gui.pane_document import SIDE_NAMES, SideWriter
from gui.theme import LIGHT, TextFormats, text_formats

PRINT_FONT_SIZE = 9.0
_MOST_CHANGED = 5
SIDES = (OLD, NEW)
RULE_COLOUR = "#c9c9d1"  # table borders and the line under the running header


def filing_label(filing: Filing) -> str:
    """'FY2009', else the file's name."""
    return year_or_file_name(filing) or "filing"


def header_text(comparison: Comparison) -> str:
    """E.g. "Internet Initiative Japan Inc. · 20-F · FY2008 → FY2009"."""
    years = f"{filing_label(comparison.old)} → {filing_label(comparison.new)}"
    parts = (company_name(comparison), form_name(comparison), years)
    return " · ".join(part for part in parts if part)


def build_print_document(
    comparison: Comparison, marks: list[PairMarks], *, width: float, note: str = ""
) -> QTextDocument:
    """The whole printout, laid out `width` pixels wide (page size is set by the caller)."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(0)
    font = document.defaultFont()
    font.setPointSizeF(PRINT_FONT_SIZE)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    formats = text_formats(LIGHT, PRINT_FONT_SIZE)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    _write_summary(cursor, comparison, formats, note)
    _write_pairs(cursor, comparison, marks, formats)
    cursor.endEditBlock()
    return document


def _block(cursor: QTextCursor, *, top: float = 0.0, first: bool = False) -> None:
    block_format = QTextBlockFormat()
    block_format.setTopMargin(top)
    if first:
        cursor.setBlockFormat(block_format)
    else:
        cursor.insertBlock(block_format)


def _write_summary(
    cursor: QTextCursor, comparison: Comparison, formats: TextFormats, note: str = ""
) -> None:
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
    cursor.insertText("Section similarity: ", formats.heading)
    cursor.insertText(
        f"cosine {similarity.cosine:.0%} · Jaccard {similarity.jaccard:.0%} · "
        f"simple {similarity.simple:.0%}",
        formats.body,
    )
    _write_legend(cursor, formats, note)

    for status in CHANGE_LISTS:
        pairs = [pair for pair in comparison.pairs if pair.status is status]
        if not pairs:
            continue
        _block(cursor, top=12)
        title_format = QTextCharFormat(formats.subcategory)
        title_format.setForeground(LIGHT.status_color(status))
        cursor.insertText(f"{change_list_title(status)} ({len(pairs)})", title_format)
        for pair in pairs:
            _block(cursor, top=3)
            cursor.insertText(f"{_pair_numbers(pair)}  ", formats.caption)
            cursor.insertText(listed_headings(comparison, pair), formats.body)

    _write_most_changed(cursor, comparison, formats)


def _write_legend(cursor: QTextCursor, formats: TextFormats, note: str = "") -> None:
    """How changes are marked; placed before the lists so it stays on the first page."""
    _block(cursor, top=10)
    cursor.insertText("Legend", formats.subcategory)
    _block(cursor, top=4)
    cursor.insertText("deleted words", _merged(formats.body, formats.deleted))
    cursor.insertText("   ·   ", formats.body)
    cursor.insertText("inserted words", _merged(formats.body, formats.inserted))
    cursor.insertText("   ·   a figure: ", formats.body)
    cursor.insertText("$1.2 billion", _merged(formats.body, formats.figure))
    cursor.insertText("   ·   a changed figure: ", formats.body)
    changed = _merged(formats.body, formats.inserted)
    changed.merge(formats.changed_figure)
    cursor.insertText("March 31, 2009", changed)
    _block(cursor, top=4)
    cursor.insertText(
        "A coloured bar left of a factor gives its status; a tinted box stands in for a "
        "factor the other filing does not have. Numbers (#4) count factors in each filing."
        + (f" {note}" if note else ""),
        formats.caption,
    )


def _write_most_changed(cursor: QTextCursor, comparison: Comparison, formats: TextFormats) -> None:
    """The reworded factors with the most words added and removed, largest first."""
    reworded = [
        pair
        for pair in comparison.pairs
        if pair.status in (Status.MODIFIED, Status.MOVED) and pair.words_added + pair.words_removed
    ]
    reworded.sort(key=lambda pair: pair.words_added + pair.words_removed, reverse=True)
    if not reworded:
        return
    _block(cursor, top=12)
    title_format = QTextCharFormat(formats.subcategory)
    title_format.setForeground(LIGHT.status_color(Status.MODIFIED))
    shown = reworded[:_MOST_CHANGED]
    cursor.insertText(f"Most reworded factors ({len(shown)} of {len(reworded)})", title_format)
    for pair in shown:
        _block(cursor, top=3)
        cursor.insertText(
            f"{_pair_numbers(pair)}  +{pair.words_added} -{pair.words_removed} words  ",
            formats.caption,
        )
        cursor.insertText(listed_headings(comparison, pair), formats.body)


def _merged(base: QTextCharFormat, overlay: QTextCharFormat) -> QTextCharFormat:
    merged = QTextCharFormat(base)
    merged.merge(overlay)
    return merged


def _pair_numbers(pair: Pair) -> str:
    """'#2 → #3, #4'; a dash for the side without the factor."""
    return f"{factor_numbers(pair.old_indexes) or '—'} → {factor_numbers(pair.new_indexes) or '—'}"


def _write_pairs(
    cursor: QTextCursor, comparison: Comparison, marks: list[PairMarks], formats: TextFormats
) -> None:
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
    table = cursor.insertTable(1 + len(comparison.pairs), 2, table_format)

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
    for row, pair in enumerate(comparison.pairs, start=1):
        marks_of_pair = pair_marks_at(marks, row - 1)
        for side, writer in enumerate(writers):
            cell = table.cellAt(row, side)
            cell_format = QTextTableCellFormat()
            if pair.status is not Status.UNCHANGED:
                cell_format.setLeftBorder(3)
                cell_format.setLeftBorderBrush(LIGHT.status_color(pair.status))
                cell_format.setLeftBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            if not side_factors(comparison, pair, side):
                cell_format.setBackground(LIGHT.status_color(pair.status, 30))
            writer.restart(cell.firstCursorPosition())
            writer.pair(comparison, pair, side, marks_of_pair)
            # After the text: a cell's format lives in its first block's char format, which
            # writing the first block would overwrite.
            cell.setFormat(cell_format)
