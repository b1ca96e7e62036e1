"""Print a comparison or export it to PDF: landscape pages, the two filings side by side.

The printout is one QTextDocument: a first page that sums up what changed (counts per
status, section similarity, the added / removed / moved / split / merged factors, a legend),
then a two-column table with one row per pair, so each pair starts level on paper as it
does on screen. The header row repeats on every page. The document is laid out at screen
resolution and painted page by page, scaled to the device, under a running header
(company · form · years) and above a footer ("Page 3 of 17").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTableCellFormat,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrinter

from core.labels import (
    CHANGE_LISTS,
    change_list_title,
    factor_numbers,
    file_name,
    listed_headings,
    year_or_file_name,
)
from core.model import STATUS_ORDER, Comparison, Filing, Pair, Status
from gui.pane_document import (
    NEW,
    OLD,
    SIDE_NAMES,
    Differ,
    PairMarks,
    SideWriter,
    comparison_marks,
    default_differ,
    side_factors,
)
from gui.theme import LIGHT, TextFormats, text_formats

PRINT_FONT_SIZE = 9.0
_MOST_CHANGED = 5
SIDES = (OLD, NEW)
_HEADER_POINTS = 8.0
_FOOTER_LEGEND = "struck through: deleted · underlined: inserted · bold on yellow: changed figure"
_PAGE_MARGINS_MM = QMarginsF(12, 10, 12, 10)


def export_pdf(
    comparison: Comparison, path: str | Path, *, differ: Differ | None = None, note: str = ""
) -> None:
    """Write the printout of `comparison` to a PDF file at `path` (A4 landscape). `note`
    (e.g. "Changes in case are not marked.") is added to the legend.

    Raises OSError when the file cannot be written: QPdfWriter itself fails silently."""
    Path(path).open("wb").close()
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(header_text(comparison))
    writer.setCreator("FactorDiff")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            _PAGE_MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    _paint(comparison, writer, differ or default_differ(), note)


def print_comparison(
    comparison: Comparison, printer: QPrinter, *, differ: Differ | None = None, note: str = ""
) -> None:
    """Print `comparison` on `printer`, turned to landscape."""
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(_PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    _paint(comparison, printer, differ or default_differ(), note)


def filing_label(filing: Filing) -> str:
    """'FY2009', else the file's name."""
    return year_or_file_name(filing) or "filing"


def header_text(comparison: Comparison) -> str:
    """E.g. "Internet Initiative Japan Inc. · 20-F · FY2008 → FY2009"."""
    company = comparison.new.company or comparison.old.company
    form = comparison.new.form or comparison.old.form
    years = f"{filing_label(comparison.old)} → {filing_label(comparison.new)}"
    return " · ".join(part for part in (company, form, years) if part)


# Building the printout ----------------------------------------------------------------------


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
        swatch.setForeground(QColor(LIGHT.status[status]))
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
        title_format.setForeground(QColor(LIGHT.status[status]))
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
    title_format.setForeground(QColor(LIGHT.status[Status.MODIFIED]))
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
    table_format.setBorderBrush(QColor("#c9c9d1"))
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
        pair_marks = marks[row - 1] if row - 1 < len(marks) else PairMarks()
        for side, writer in enumerate(writers):
            cell = table.cellAt(row, side)
            cell_format = QTextTableCellFormat()
            status = QColor(LIGHT.status[pair.status])
            if pair.status is not Status.UNCHANGED:
                cell_format.setLeftBorder(3)
                cell_format.setLeftBorderBrush(status)
                cell_format.setLeftBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            if not side_factors(comparison, pair, side):
                tint = QColor(status)
                tint.setAlpha(30)
                cell_format.setBackground(tint)
            writer.restart(cell.firstCursorPosition())
            writer.pair(comparison, pair, side, pair_marks)
            # After the text: a cell's format lives in its first block's char format, which
            # writing the first block would overwrite.
            cell.setFormat(cell_format)


# Painting -----------------------------------------------------------------------------------


def _layout_dpi() -> float:
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def _paint(
    comparison: Comparison, device: QPagedPaintDevice, differ: Differ, note: str = ""
) -> None:
    marks = comparison_marks(comparison, differ)
    scale = device.logicalDpiY() / _layout_dpi()
    page = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    page.moveTo(0, 0)
    header_height = _HEADER_POINTS * 2.6 * device.logicalDpiY() / 72
    footer_height = header_height
    body = QRectF(0, header_height, page.width(), page.height() - header_height - footer_height)
    document = build_print_document(comparison, marks, width=body.width() / scale, note=note)
    document.setPageSize(QSizeF(body.width() / scale, body.height() / scale))
    page_count = document.pageCount()

    painter = QPainter(device)
    try:
        for number in range(page_count):
            if number > 0:
                device.newPage()
            _paint_furniture(
                painter,
                header_text(comparison),
                page,
                band=header_height,
                page_label=f"Page {number + 1} of {page_count}",
            )
            painter.save()
            painter.translate(body.topLeft())
            painter.scale(scale, scale)
            page_height = body.height() / scale
            painter.translate(0, -number * page_height)
            clip = QRectF(0, number * page_height, body.width() / scale, page_height)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            document.documentLayout().draw(painter, context)
            painter.restore()
    finally:
        painter.end()


def _paint_furniture(
    painter: QPainter, header: str, page: QRectF, *, band: float, page_label: str
) -> None:
    """The running header (filings, title) and footer (legend, page number) of a page."""
    font = QFont()
    font.setPointSizeF(_HEADER_POINTS)
    painter.setFont(font)
    painter.setPen(QColor(LIGHT.muted))
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    top = QRectF(0, 0, page.width(), band * 0.7)
    painter.drawText(top, left, header)
    painter.drawText(top, right, "Risk Factors compared")
    painter.setPen(QPen(QColor("#c9c9d1"), 0))
    painter.drawLine(QPointF(0, band * 0.8), QPointF(page.width(), band * 0.8))
    bottom = QRectF(0, page.height() - band * 0.7, page.width(), band * 0.7)
    painter.setPen(QColor(LIGHT.muted))
    painter.drawText(bottom, right, page_label)
    painter.drawText(bottom, left, _FOOTER_LEGEND)
