"""The strip between the panes that ties each factor to its counterpart (Meld's link map).

Each pair is a band from its y-range in the old pane to its y-range in the new pane,
coloured by status; the edges are gentle curves so a band that leans (a factor that grew
or shrank) is easy to follow. Unchanged pairs are drawn faintly so the changes lead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.model import Status
from gui.spans import Spans, linked_around


class Link(NamedTuple):
    """One pair's y-range in each document (document coordinates) and its status."""

    old_top: float
    old_bottom: float
    new_top: float
    new_bottom: float
    status: Status


# Returns the scroll offset of each pane (old, new), as they are now.
ScrollSource = Callable[[], tuple[int, int]]
ColorOf = Callable[[Status, int], QColor]

_WIDTH = 44


class LinkMap(QWidget):
    """Paints the links set by `set_links`; a paint visits only the links on screen."""

    def __init__(
        self, scrolls: ScrollSource, color_of: ColorOf, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._scrolls = scrolls
        self._color_of = color_of
        self._links: list[Link] = []
        self._sides: tuple[Spans, Spans] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(_WIDTH)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(_WIDTH, 100)

    def set_links(self, links: Sequence[Link]) -> None:
        """The links to draw (document coordinates), in pair order: then each side's tops
        are in order too, as both panes lay the pairs out in that order."""
        self._links = list(links)
        try:
            self._sides = (
                Spans([link.old_top for link in links], [link.old_bottom for link in links]),
                Spans([link.new_top for link in links], [link.new_bottom for link in links]),
            )
        except ValueError:
            self._sides = None  # not in order after all: look at every link
        self.update()

    def links(self) -> list[Link]:
        return list(self._links)

    def _on_screen(self, shift_old: float, shift_new: float, height: float) -> range:
        if self._sides is None:
            return range(len(self._links))
        old, new = self._sides
        return linked_around(
            old, new, (-shift_old, height - shift_old), (-shift_new, height - shift_new)
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        old_scroll, new_scroll = self._scrolls()
        painter = QPainter(self)
        width = float(self.width())
        height = float(self.height())
        curve = width * 0.45
        # The map's top is level with the panes' viewport tops (they have no frame).
        shift_old = -old_scroll
        shift_new = -new_scroll
        for index in self._on_screen(shift_old, shift_new, height):
            link = self._links[index]
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
            # Filled without antialiasing (a third of a scroll step's paint, measured), then
            # outlined with it: the outline covers the fill's stepped edge.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillPath(path, self._color_of(link.status, 40 if unchanged else 110))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(self._color_of(link.status, 90 if unchanged else 230), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.end()
