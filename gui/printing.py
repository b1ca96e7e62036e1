"""Print a comparison or export it to PDF: landscape pages, the two filings side by side.

The printout (gui.print_document) is laid out at screen resolution and painted page by page,
scaled to the device, under a running header (company · form · years) and above a footer
("Page 3 of 17").
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextFrameFormat,
)
from PySide6.QtPrintSupport import QPrinter

from core.diff.options import EXACT, DiffOptions
from core.diff.pair import comparison_diffs
from core.model import Comparison
from core.review.apply import Reviewed
from gui.print_document import (
    RULE_COLOUR,
    PrintDocument,
    PrintLayout,
    PrintOptions,
    build_print_document,
    header_text,
)
from gui.theme import LIGHT

_HEADER_POINTS = 8.0
_FOOTER_LEGEND = (
    "struck: deleted · underlined: inserted · dashed: moved · bold on yellow: changed figure"
)
_PAGE_MARGINS_MM = QMarginsF(12, 10, 12, 10)
# A heading goes to the next page unless its page has room for it and this many lines of the
# text it heads (a heading over one line of text reads as if alone).
_KEEP_LINES = 3
_FIXED_HEIGHT = 2  # QTextBlockFormat.LineHeightTypes.FixedHeight
# Pixels a row's spacer stays short of the page end: a cell's padding and border also need room
# there, and a spacer that does not fit would jump to the next page itself.
_SPACER_SLACK = 12
_KEEP_PASSES = 8  # each pass moves some headings on, which may move others; it settles fast
# Every PDF ends with this marker (followed by a line end); QPdfWriter ends it last.
_PDF_END = b"%%EOF"


def export_pdf(
    comparison: Comparison,
    path: str | Path,
    *,
    diff_options: DiffOptions = EXACT,
    note: str = "",
    options: PrintOptions = PrintOptions(),  # noqa: B008 - a frozen value
    folded: Mapping[int, str] | None = None,
    review: Reviewed | None = None,
) -> None:
    """Write the printout of `comparison` to a PDF file at `path` (A4 landscape side by side,
    portrait as a blackline), marked as the panes mark it under `diff_options`. `note` (e.g.
    "Changes in case are not marked.") is added to the legend; `folded` pairs (see
    gui.print_document) print folded when `options` ask for changes only; a `review` of the
    comparison prints its states and notes.

    Raises OSError when the file cannot be written: QPdfWriter itself fails silently."""
    Path(path).open("wb").close()
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(header_text(comparison))
    writer.setCreator("FactorDiff")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            _orientation(options),
            _PAGE_MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    _paint(
        comparison,
        writer,
        diff_options,
        note=note,
        options=options,
        folded=folded,
        review=review,
    )
    del writer
    with Path(path).open("rb") as written:
        written.seek(0, 2)
        written.seek(max(0, written.tell() - 64))
        if _PDF_END not in written.read():
            raise OSError(f"{path}: the PDF could not be written whole (is the disk full?)")


def print_comparison(
    comparison: Comparison,
    printer: QPrinter,
    *,
    diff_options: DiffOptions = EXACT,
    note: str = "",
    options: PrintOptions = PrintOptions(),  # noqa: B008 - a frozen value
    folded: Mapping[int, str] | None = None,
    review: Reviewed | None = None,
) -> None:
    """Print `comparison` on `printer`, turned to suit the layout, marked under
    `diff_options`."""
    printer.setPageOrientation(_orientation(options))
    printer.setPageMargins(_PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    _paint(
        comparison,
        printer,
        diff_options,
        note=note,
        options=options,
        folded=folded,
        review=review,
    )


def _orientation(options: PrintOptions) -> QPageLayout.Orientation:
    # Two columns need the width; one column of text reads best on an upright page.
    if options.layout is PrintLayout.BLACKLINE:
        return QPageLayout.Orientation.Portrait
    return QPageLayout.Orientation.Landscape


def _layout_dpi() -> float:
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def keep_with_next(printout: PrintDocument, page_height: float) -> int:
    """Move what must stay with the text after it (a pair's caption and heading, a pair's
    row of the side-by-side table) to the next page when the rest of its page has no room
    for it and its first lines, so a heading never stands there alone; return how many were
    moved. A block gets a page break before it. A table row cannot (and its cells ignore a
    first block's top margin), so an empty line as tall as the rest of the page opens each
    of its cells. The document must already have its page size."""
    document = printout.document
    layout = document.documentLayout()
    line = QFontMetricsF(document.defaultFont()).lineSpacing()

    def in_foot(block: QTextBlock) -> float:
        """The room left on `block`'s page when it lacks the block and its first lines."""
        rect = layout.blockBoundingRect(block)
        left = page_height - rect.top() % page_height
        needed = rect.height() + _KEEP_LINES * line
        return left if left < needed < page_height / 2 else 0

    moved_blocks: set[int] = set()
    moved_rows: set[int] = set()
    table = printout.table
    for _ in range(_KEEP_PASSES):
        changed = False
        for number in printout.keep_with_next:
            block = document.findBlockByNumber(number)
            if number in moved_blocks or not in_foot(block):
                continue
            block_format = block.blockFormat()
            block_format.setPageBreakPolicy(QTextFrameFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(block_format)
            moved_blocks.add(number)
            changed = True
        for row in printout.pair_rows:
            assert table is not None
            cells = [table.cellAt(row, column) for column in range(table.columns())]
            push = max(in_foot(cell.firstCursorPosition().block()) for cell in cells)
            if row in moved_rows or not push:
                continue
            for cell in cells:
                cursor = cell.firstCursorPosition()
                cursor.insertBlock()
                spacer = cell.firstCursorPosition()
                spacer_format = QTextBlockFormat()
                # Short of the room left, so it stays on this page and what follows does not.
                spacer_format.setLineHeight(max(1.0, push - _SPACER_SLACK), _FIXED_HEIGHT)
                spacer.setBlockFormat(spacer_format)
            moved_rows.add(row)
            changed = True
        if not changed:
            break
    return len(moved_blocks) + len(moved_rows)


def _paint(
    comparison: Comparison,
    device: QPagedPaintDevice,
    diff_options: DiffOptions,
    *,
    note: str = "",
    options: PrintOptions = PrintOptions(),  # noqa: B008 - a frozen value
    folded: Mapping[int, str] | None = None,
    review: Reviewed | None = None,
) -> None:
    diffs = comparison_diffs(comparison, options=diff_options)
    scale = device.logicalDpiY() / _layout_dpi()
    page = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    page.moveTo(0, 0)
    header_height = _HEADER_POINTS * 2.6 * device.logicalDpiY() / 72
    footer_height = header_height
    body = QRectF(0, header_height, page.width(), page.height() - header_height - footer_height)
    printout = build_print_document(
        comparison,
        diffs,
        width=body.width() / scale,
        note=note,
        folded=folded if options.changes_only else None,
        layout=options.layout,
        review=review,
        page_height=body.height() / scale,
    )
    document = printout.document
    document.setPageSize(QSizeF(body.width() / scale, body.height() / scale))
    keep_with_next(printout, body.height() / scale)
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
    painter.setPen(QPen(QColor(RULE_COLOUR), 0))
    painter.drawLine(QPointF(0, band * 0.8), QPointF(page.width(), band * 0.8))
    bottom = QRectF(0, page.height() - band * 0.7, page.width(), band * 0.7)
    painter.setPen(QColor(LIGHT.muted))
    painter.drawText(bottom, right, page_label)
    painter.drawText(bottom, left, _FOOTER_LEGEND)
