"""One read-only text pane of the comparison.

Besides the document it paints what the text cannot carry: the tinted band that stands in
for a factor the other side has (added/removed) and a thin status bar beside each changed
pair. A file dropped on the pane is announced with `file_dropped(path)`.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QMimeData, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from gui.scroll_bar import GrooveCacheStyle
from gui.spans import Spans

STRIPE_WIDTH = 4.0
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FactorNumber(NamedTuple):
    """A factor's number ("#4"), painted in the gutter level with its heading's top."""

    top: float
    label: str


class Band(NamedTuple):
    """A decoration in document coordinates: a full-width placeholder band, or a status
    stripe in the left margin."""

    top: float
    bottom: float
    color: QColor
    placeholder: bool


def dropped_file(mime: QMimeData) -> str | None:
    """The local file path a drag carries, if it carries exactly one."""
    if not mime.hasUrls():
        return None
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return paths[0] if len(paths) == 1 else None


class Pane(QTextEdit):
    """Signals: file_dropped(str) — a single local file was dropped on the pane;
    resized() — the viewport changed size, so wrapped heights may have changed."""

    file_dropped = Signal(str)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self._scroll_style = GrooveCacheStyle()
        self._scroll_style.setParent(self)
        self.verticalScrollBar().setStyle(self._scroll_style)
        self._bands: list[Band] = []
        self._numbers: list[FactorNumber] = []
        # Both sorted by top, with their spans, so a paint visits only what is on screen.
        self._band_spans = Spans([], [])
        self._number_spans = Spans([], [])
        self._muted = QColor("#6b6b73")

    def set_bands(
        self,
        bands: list[Band],
        numbers: list[FactorNumber] | None = None,
        muted: QColor | None = None,
    ) -> None:
        """Decorations to paint: placeholder bands, status stripes and factor numbers."""
        self._bands = sorted(bands, key=lambda band: band.top)
        self._numbers = sorted(numbers or [], key=lambda number: number.top)
        self._band_spans = Spans(
            [band.top for band in self._bands], [band.bottom for band in self._bands]
        )
        tops = [number.top for number in self._numbers]
        self._number_spans = Spans(tops, tops)
        if muted is not None:
            self._muted = muted
        self.viewport().update()

    def factor_numbers(self) -> list[FactorNumber]:
        return list(self._numbers)

    def bands(self) -> list[Band]:
        return list(self._bands)

    # Painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        offset = self.verticalScrollBar().value()
        visible = QRectF(event.rect()).translated(0, offset)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = self.document().documentMargin()
        width = self.viewport().width()
        for index in self._band_spans.around(visible.top(), visible.bottom()):
            band = self._bands[index]
            if band.bottom < visible.top() or band.top > visible.bottom():
                continue
            if band.placeholder:
                rect = QRectF(margin / 2, band.top - offset, width - margin, band.bottom - band.top)
                fill = QColor(band.color)
                fill.setAlpha(34)
                painter.fillRect(rect, fill)
                pen = QPen(band.color, 1.0, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
            else:
                rect = QRectF(
                    2.0,
                    band.top - offset,
                    STRIPE_WIDTH,
                    band.bottom - band.top,
                )
                painter.fillRect(rect, band.color)
        self._paint_numbers(painter, visible, offset)
        painter.end()
        super().paintEvent(event)

    def _paint_numbers(self, painter: QPainter, visible: QRectF, offset: int) -> None:
        if not self._numbers:
            return
        document = self.document()
        gutter = document.rootFrame().frameFormat().leftMargin()
        font = QFont(document.defaultFont())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.78))
        painter.setFont(font)
        painter.setPen(self._muted)
        line = QFontMetricsF(document.defaultFont()).height() * 1.25
        for index in self._number_spans.around(visible.top() - line, visible.bottom()):
            number = self._numbers[index]
            rect = QRectF(STRIPE_WIDTH + 2, number.top - offset, gutter - STRIPE_WIDTH - 8, line)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number.label
            )

    # Resizing and dropping ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.resized.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        path = dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_dropped.emit(path)
