"""Scroll two panes together: the geometry as pure functions, and a small controller.

A pane's scroll position is turned into a sync point inside its viewport (Meld's
`calc_syncpoint`: the middle of the screen, sliding to the top edge at the start of the
document and to the bottom edge at its end, so both documents reach their ends together).
The document y under that point is mapped to the other pane through the pairs' y anchors,
interpolating linearly between anchors, and the other pane scrolls so the mapped y sits
under its own sync point.

The controller's re-entrancy guard (Meld's `with_scroll_lock`) keeps the scroll it causes
in the other pane from scrolling the first one back.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QScrollBar


def calc_syncpoint(value: float, page: float, maximum: float) -> float:
    """Where in the viewport (0 = top edge, 1 = bottom edge) the panes are synchronised.

    `value` is the scroll position in [0, maximum] and `page` the viewport height.

    >>> [calc_syncpoint(value, 100, 1000) for value in (0, 25, 500, 975, 1000)]
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    if page <= 0 or maximum <= 0:
        return 0.0
    half = page / 2
    syncpoint = 0.5 * min(1.0, max(0.0, value / half))
    # Within the last half screen of scrolling, slide on to the bottom edge.
    into_last_half = (value - (maximum - half)) / half
    if into_last_half > 0:
        syncpoint += 0.5 * min(1.0, into_last_half)
    return syncpoint


def map_y(y: float, source: Sequence[float], target: Sequence[float]) -> float:
    """Map `y` from one document to the other through matching anchors.

    `source[k]` and `target[k]` are the y of anchor k in each document, both non-decreasing.
    Between two anchors `y` moves proportionally; before the first or after the last it
    keeps its distance to that anchor.

    >>> map_y(150, [0, 100, 300], [0, 200, 300])
    225.0
    """
    if not source:
        return float(y)
    if y <= source[0]:
        return float(target[0] + (y - source[0]))
    if y >= source[-1]:
        return float(target[-1] + (y - source[-1]))
    right = bisect.bisect_right(source, y)
    left = right - 1
    span = source[right] - source[left]
    if span <= 0:
        return float(target[right])
    fraction = (y - source[left]) / span
    return float(target[left] + fraction * (target[right] - target[left]))


class Extent(NamedTuple):
    """A scroll bar's reach: the viewport height and the largest scroll value."""

    page: float
    maximum: float


def synced_value(
    value: float,
    source: Extent,
    target: Extent,
    source_anchors: Sequence[float],
    target_anchors: Sequence[float],
) -> int:
    """The scroll value of the target pane that matches `value` of the source pane.

    >>> synced_value(500, Extent(100, 1000), Extent(100, 2000), [0, 1100], [0, 2100])
    1000
    """
    syncpoint = calc_syncpoint(value, source.page, source.maximum)
    y = map_y(value + syncpoint * source.page, source_anchors, target_anchors)
    wanted = y - syncpoint * target.page
    return round(min(max(wanted, 0.0), target.maximum))


# The y anchors of each pane, in matching order, as laid out now.
AnchorSource = Callable[[], tuple[Sequence[float], Sequence[float]]]


class ScrollSync(QObject):
    """Keeps two vertical scroll bars matched through `anchors`, unless unlocked."""

    def __init__(
        self, bars: tuple[QScrollBar, QScrollBar], anchors: AnchorSource, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._bars = bars
        self._anchors = anchors
        self._locked = True
        self._syncing = False
        for side, bar in enumerate(bars):
            bar.valueChanged.connect(lambda value, side=side: self._on_scrolled(side, value))

    def locked(self) -> bool:
        return self._locked

    def set_locked(self, locked: bool) -> None:
        self._locked = locked
        if locked:
            self.follow(0)

    @contextmanager
    def scroll_lock(self) -> Iterator[None]:
        """Scroll the panes without the sync reacting (Meld's `with_scroll_lock`)."""
        was_syncing, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = was_syncing

    def follow(self, side: int) -> None:
        """Bring the other pane to where pane `side` is."""
        self._on_scrolled(side, self._bars[side].value())

    def _on_scrolled(self, side: int, value: int) -> None:
        if self._syncing or not self._locked:
            return
        source, target = self._bars[side], self._bars[1 - side]
        old_anchors, new_anchors = self._anchors()
        anchors = (old_anchors, new_anchors) if side == 0 else (new_anchors, old_anchors)
        wanted = synced_value(
            value,
            Extent(source.pageStep(), source.maximum()),
            Extent(target.pageStep(), target.maximum()),
            *anchors,
        )
        with self.scroll_lock():
            target.setValue(wanted)
