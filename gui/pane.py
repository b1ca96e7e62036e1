"""One read-only text pane of the comparison.

Besides the document it paints what the text cannot carry: the tinted band that stands in
for a factor the other side has (added/removed) and a thin status bar beside each changed
pair, and the review's flag and note signs in the right margin (gui.review_markers). A file
dropped on the pane is announced with `file_dropped(path)`.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QToolTip, QWidget

from gui.change_map import ChangeMapScrollBar
from gui.plain_text import tooltip_text
from gui.review_markers import ReviewMarker, marker_at, marker_size, paint_markers
from gui.scroll_bar import GrooveCacheStyle
from gui.spans import Spans

STRIPE_WIDTH = 4.0
FOCUS_FRAME_WIDTH = 2.0  # the accent round the pane that has the keyboard
# Keys that move the text cursor by lines or pages: they continue from what is on screen.
_READING_KEYS = frozenset((Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Down, Qt.Key.Key_Up))
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
    resized() — the viewport changed size, so wrapped heights may have changed;
    link_clicked(str) — a link in the text (a moved passage's caption) was clicked, with its
    address; marker_clicked(int) — the flag or note sign beside pair `index` was clicked."""

    file_dropped = Signal(str)
    resized = Signal()
    link_clicked = Signal(str)
    marker_clicked = Signal(int)

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
        self._change_map = ChangeMapScrollBar(self)
        self.setVerticalScrollBar(self._change_map)
        self._scroll_style = GrooveCacheStyle()
        self._scroll_style.setParent(self)
        self._change_map.setStyle(self._scroll_style)
        self._bands: list[Band] = []
        self._numbers: list[FactorNumber] = []
        # Both sorted by top, with their spans, so a paint visits only what is on screen.
        self._band_spans = Spans([], [])
        self._number_spans = Spans([], [])
        self._muted = QColor("#6b6b73")
        self._markers: list[ReviewMarker] = []
        # The numbers' font and line height, for the document font they were made from.
        self._number_font: tuple[str, QFont, float] | None = None

    def set_bands(
        self,
        bands: list[Band],
        numbers: list[FactorNumber] | None = None,
        muted: QColor | None = None,
    ) -> None:
        """Decorations to paint: placeholder bands, status stripes and factor numbers."""
        shown: tuple[list[Band], list[FactorNumber]] | None = self._decorations_on_screen()
        self._bands = sorted(bands, key=lambda band: band.top)
        self._numbers = sorted(numbers or [], key=lambda number: number.top)
        self._band_spans = Spans(
            [band.top for band in self._bands], [band.bottom for band in self._bands]
        )
        tops = [number.top for number in self._numbers]
        self._number_spans = Spans(tops, tops)
        if muted is not None and muted != self._muted:
            self._muted = muted
            shown = None
        # Repainted only if what is on screen changed: while a comparison fills in, the
        # decorations of each new slice are added below it (a repaint of the whole text each
        # time was most of a slice's cost).
        if shown != self._decorations_on_screen():
            self.viewport().update()

    def _decorations_on_screen(self) -> tuple[list[Band], list[FactorNumber]]:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        line = self.fontMetrics().height() * 2.0  # a number's label reaches below its top
        bands = [self._bands[i] for i in self._band_spans.around(top, bottom)]
        numbers = [self._numbers[i] for i in self._number_spans.around(top - line, bottom)]
        return bands, numbers

    def set_review_markers(self, markers: list[ReviewMarker]) -> None:
        """The flag and note signs to show beside the pairs (gui.review_markers)."""
        self._markers = sorted(markers, key=lambda marker: marker.top)
        self.viewport().update()

    def review_markers(self) -> list[ReviewMarker]:
        return list(self._markers)

    def marker_at(self, point: QPointF) -> ReviewMarker | None:
        """The review marker under `point` (viewport coordinates), if any."""
        return marker_at(
            self._markers,
            point,
            width=self.viewport().width(),
            offset=self.verticalScrollBar().value(),
            size=marker_size(self.document().defaultFont()),
        )

    def change_map(self) -> ChangeMapScrollBar:
        """The vertical scroll bar, which carries the map of changes."""
        return self._change_map

    def place_cursor_quietly(self, cursor: QTextCursor) -> None:
        """Move the text cursor without scrolling: the view stays where it is."""
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setTextCursor(cursor)
        bar.setValue(value)

    def cursor_on_screen(self) -> bool:
        return self.viewport().rect().contains(self.cursorRect().center())

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
        # Over the text, which leaves a margin free at every edge.
        painter = QPainter(self.viewport())
        if self._markers:
            paint_markers(
                painter,
                self._markers,
                width=width,
                offset=offset,
                visible=visible,
                font=self.document().defaultFont(),
                note_colour=self.palette().color(QPalette.ColorRole.Highlight),
            )
        if self.hasFocus():
            self._paint_focus_frame(painter)
        painter.end()

    def _paint_numbers(self, painter: QPainter, visible: QRectF, offset: int) -> None:
        if not self._numbers:
            return
        document = self.document()
        gutter = document.rootFrame().frameFormat().leftMargin()
        font, line = self._numbers_font(document.defaultFont())
        painter.setFont(font)
        painter.setPen(self._muted)
        for index in self._number_spans.around(visible.top() - line, visible.bottom()):
            number = self._numbers[index]
            rect = QRectF(STRIPE_WIDTH + 2, number.top - offset, gutter - STRIPE_WIDTH - 8, line)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number.label
            )

    # Links ----------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        at = event.position()
        over_link = bool(self.anchorAt(at.toPoint())) or self.marker_at(at) is not None
        shape = Qt.CursorShape.PointingHandCursor if over_link else Qt.CursorShape.IBeamCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            marker = self.marker_at(event.position())
            if marker is not None:
                event.accept()
                self.marker_clicked.emit(marker.pair)
                return
        super().mousePressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            marker = self.marker_at(QPointF(event.pos()))
            if marker is not None:
                QToolTip.showText(event.globalPos(), tooltip_text(marker.tooltip), self.viewport())
                return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        # A click on a link follows it; a drag that selects text across it does not.
        if event.button() is Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            address = self.anchorAt(event.position().toPoint())
            if address:
                self.link_clicked.emit(address)

    def _numbers_font(self, text_font: QFont) -> tuple[QFont, float]:
        key = text_font.key()
        if self._number_font is None or self._number_font[0] != key:
            font = QFont(text_font)
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.78))
            self._number_font = (key, font, QFontMetricsF(text_font).height() * 1.25)
        return self._number_font[1], self._number_font[2]

    # Keys and focus -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # After scrolling, navigation or a click in the factor list the cursor may be far off
        # screen; PageDown would jump back to it. Start from the first line on screen instead.
        if event.key() in _READING_KEYS and not self.cursor_on_screen():
            self.place_cursor_quietly(self.cursorForPosition(QPoint(0, 1)))
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.viewport().update()

    def _paint_focus_frame(self, painter: QPainter) -> None:
        """A frame in the highlight colour round the pane that has the keyboard."""
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        pen = QPen(colour, FOCUS_FRAME_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = FOCUS_FRAME_WIDTH / 2
        painter.drawRect(QRectF(self.viewport().rect()).adjusted(inset, inset, -inset, -inset))

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
