"""Print a timeline or export it to PDF: the HTML report (core.report.timeline_html) laid out
by Qt's rich text on A4 landscape pages."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from core.output import atomic_path
from core.report.timeline_html import timeline_title, timeline_to_html
from core.timeline.model import Timeline

_PAGE_MARGINS_MM = QMarginsF(12, 10, 12, 10)
# Text size of the printout: the matrix has a column per year and must fit a page across.
_POINT_SIZE = 8.0
# Every whole PDF ends with this marker within its last bytes; QPdfWriter writes it last.
_PDF_END = b"%%EOF"
_PDF_TAIL = 64


def timeline_document(timeline: Timeline) -> QTextDocument:
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(_POINT_SIZE)
    document.setDefaultFont(font)
    document.setHtml(timeline_to_html(timeline))
    return document


def export_timeline_pdf(timeline: Timeline, path: str | Path) -> None:
    """Write the timeline's printout to a PDF at `path`, whole or not at all
    (core.output.atomic_path). Raises OSError when it cannot be written."""
    with atomic_path(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(300)
        writer.setTitle(timeline_title(timeline))
        writer.setCreator("FactorDiff")
        _print(timeline, writer)
        del writer  # closes the file
        with temporary.open("rb") as written:
            written.seek(0, os.SEEK_END)
            written.seek(max(0, written.tell() - _PDF_TAIL))
            if _PDF_END not in written.read():
                raise OSError(f"{path}: the PDF could not be written whole (is the disk full?)")


def print_timeline(timeline: Timeline, printer: QPrinter) -> None:
    """Print the timeline on `printer`, turned to landscape."""
    _print(timeline, printer)


def _print(timeline: Timeline, device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            _PAGE_MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    timeline_document(timeline).print_(device)
