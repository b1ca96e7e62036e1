"""A pane's vertical scroll bar that carries a map of the changes (as Meld's does).

Each added, removed, moved, modified, split or merged pair is a coloured tick at its height in
the whole document, so the reader sees where the changes are and how far apart. A click on a
tick goes to that pair (`tick_clicked`); a click anywhere else does what a scroll bar does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleOptionSlider, QWidget

MIN_TICK_HEIGHT = 3.0  # pixels: a one-line change in a long filing still shows
TICK_SHARE = 0.45  # of the bar's width, at its outer edge: the handle shows beside the ticks
TICK_GAP = 1.0  # pixels between two ticks that touch, so neighbouring pairs stay apart
CLICK_SLACK = 2.0  # pixels above and below a tick that still count as a click on it
TICK_ALPHA = 210  # a little see-through, so the handle shows under a tick


class Tick(NamedTuple):
    """A changed pair's extent on one side, in document coordinates."""

    top: float
    bottom: float
    color: QColor
    pair: int


class ChangeMapScrollBar(QScrollBar):
    """Signals: tick_clicked(int) — the reader clicked the tick of this pair."""

    tick_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._ticks: list[Tick] = []
        self._document_height = 0.0
        # The ticks drawn once for a size of the bar (a scroll step repaints the bar, and
        # placing and filling every tick was a fifth of a step's paint): (key, image).
        self._layer: tuple[tuple[int, int, float], QPixmap] | None = None

    def set_ticks(self, ticks: Sequence[Tick], document_height: float) -> None:
        self._ticks = list(ticks)
        self._document_height = document_height
        self._layer = None
        self.update()

    def ticks(self) -> list[Tick]:
        return list(self._ticks)

    def _option(self) -> QStyleOptionSlider:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return option

    def _sub_control(self, control: QStyle.SubControl) -> QRect:
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, self._option(), control, self
        )

    def tick_rects(self) -> list[tuple[QRectF, Tick]]:
        """Where each tick is painted, in the bar's own coordinates."""
        if self._document_height <= 0 or not self._ticks:
            return []
        groove = self._sub_control(QStyle.SubControl.SC_ScrollBarGroove)
        scale = groove.height() / self._document_height
        rects = []
        for tick in self._ticks:
            top = groove.top() + tick.top * scale
            height = (tick.bottom - tick.top) * scale
            height = max(
                MIN_TICK_HEIGHT, height - TICK_GAP if height > 2 * MIN_TICK_HEIGHT else height
            )
            width = groove.width() * TICK_SHARE
            rect = QRectF(groove.right() + 1 - width, top, width, height)
            rects.append((rect, tick))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._ticks or self._document_height <= 0:
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._tick_layer(painter.device().devicePixelRatioF()))
        painter.end()

    def _tick_layer(self, ratio: float) -> QPixmap:
        """The ticks on a transparent image the size of the bar."""
        key = (self.width(), self.height(), ratio)
        if self._layer is not None and self._layer[0] == key:
            return self._layer[1]
        layer = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        layer.setDevicePixelRatio(ratio)
        layer.fill(Qt.GlobalColor.transparent)
        painter = QPainter(layer)
        for rect, tick in self.tick_rects():
            color = QColor(tick.color)
            color.setAlpha(TICK_ALPHA)
            painter.fillRect(rect, color)
        painter.end()
        self._layer = (key, layer)
        return layer

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            position = event.position()
            handle = self._sub_control(QStyle.SubControl.SC_ScrollBarSlider)
            if not handle.contains(position.toPoint()):
                for rect, tick in self.tick_rects():
                    if rect.adjusted(0, -CLICK_SLACK, 0, CLICK_SLACK).contains(position):
                        event.accept()
                        self.tick_clicked.emit(tick.pair)
                        return
        super().mousePressEvent(event)
