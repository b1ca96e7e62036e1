"""The strip between the panes that ties each factor to its counterpart (Meld's link map).

Each pair is a band from its y-range in the old pane to its y-range in the new pane,
coloured by status; the edges are gentle curves so a band that leans (a factor that grew
or shrank) is easy to follow. Unchanged pairs are drawn faintly so the changes lead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.model import Status


class Link(NamedTuple):
    """One pair's y-range in each document (document coordinates) and its status."""

    old_top: float
    old_bottom: float
    new_top: float
    new_bottom: float
    status: Status


# Returns the links and the scroll offset of each pane, as they are now.
LinkSource = Callable[[], tuple[list[Link], int, int]]
ColorOf = Callable[[Status, int], QColor]

_WIDTH = 44


class LinkMap(QWidget):
    def __init__(self, links: LinkSource, color_of: ColorOf, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links = links
        self._color_of = color_of
        self._top_offset = 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(_WIDTH)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(_WIDTH, 100)

    def set_top_offset(self, offset: int) -> None:
        """Distance from this widget's top to the panes' viewport tops."""
        self._top_offset = offset
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        links, old_scroll, new_scroll = self._links()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = float(self.width())
        height = float(self.height())
        curve = width * 0.45
        shift_old = self._top_offset - old_scroll
        shift_new = self._top_offset - new_scroll
        for link in links:
            old_top, old_bottom = link.old_top + shift_old, link.old_bottom + shift_old
            new_top, new_bottom = link.new_top + shift_new, link.new_bottom + shift_new
            if max(old_bottom, new_bottom) < 0 or min(old_top, new_top) > height:
                continue
            unchanged = link.status is Status.UNCHANGED
            path = QPainterPath(QPointF(0, old_top))
            path.cubicTo(
                QPointF(curve, old_top), QPointF(width - curve, new_top), QPointF(width, new_top)
            )
            path.lineTo(width, new_bottom)
            path.cubicTo(
                QPointF(width - curve, new_bottom),
                QPointF(curve, old_bottom),
                QPointF(0, old_bottom),
            )
            path.closeSubpath()
            painter.fillPath(path, self._color_of(link.status, 40 if unchanged else 110))
            painter.setPen(QPen(self._color_of(link.status, 90 if unchanged else 230), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.end()
