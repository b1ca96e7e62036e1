"""Print a comparison or export it to PDF: landscape pages, the two filings side by side.

The printout (gui.print_document) is laid out at screen resolution and painted page by page,
scaled to the device, under a running header (company · form · years) and above a footer
("Page 3 of 17").
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
)
from PySide6.QtPrintSupport import QPrinter

from core.model import Comparison
from gui.pair_marks import Differ, comparison_marks, default_differ
from gui.print_document import RULE_COLOUR, build_print_document, header_text
from gui.theme import LIGHT

_HEADER_POINTS = 8.0
_FOOTER_LEGEND = "struck through: deleted · underlined: inserted · bold on yellow: changed figure"
_PAGE_MARGINS_MM = QMarginsF(12, 10, 12, 10)
# Every PDF ends with this marker (followed by a line end); QPdfWriter ends it last.
_PDF_END = b"%%EOF"


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
    del writer
    with Path(path).open("rb") as written:
        written.seek(0, 2)
        written.seek(max(0, written.tell() - 64))
        if _PDF_END not in written.read():
            raise OSError(f"{path}: the PDF could not be written whole (is the disk full?)")


def print_comparison(
    comparison: Comparison, printer: QPrinter, *, differ: Differ | None = None, note: str = ""
) -> None:
    """Print `comparison` on `printer`, turned to landscape."""
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(_PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    _paint(comparison, printer, differ or default_differ(), note)


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
    painter.setPen(QPen(QColor(RULE_COLOUR), 0))
    painter.drawLine(QPointF(0, band * 0.8), QPointF(page.width(), band * 0.8))
    bottom = QRectF(0, page.height() - band * 0.7, page.width(), band * 0.7)
    painter.setPen(QColor(LIGHT.muted))
    painter.drawText(bottom, right, page_label)
    painter.drawText(bottom, left, _FOOTER_LEGEND)
