"""The review in the panes: a flag and a note sign in the right margin beside a pair's heading.

A flagged pair shows a flag, a pair with a note a note sign, level with its first heading on
each side. Pointing at a sign shows the state and the note (as plain text: a note may quote
the filing); clicking it opens the note to read or edit. The geometry is pure: where the
signs go (`marker_rects`) and which one a point hits (`marker_at`), tested with tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from core.review.model import Mark, ReviewState
from gui.factor_tree_model import NOTE_SIGN, REVIEW_SIGNS

FLAG_SIGN = REVIEW_SIGNS[ReviewState.FLAGGED]  # the factor list's signs
# Amber: needs someone's attention (the HTML report and the printout use it for flagged too).
FLAG_COLOUR = "#b45309"
# A sign's box, in ems of the pane's font, and its gap from the pane's right edge in pixels.
SIGN_EMS = 1.25
EDGE_GAP = 3.0


class ReviewMarker(NamedTuple):
    """The signs beside pair `pair` in one pane: `top` is its first heading's top in
    document coordinates; `tooltip` says its state and note."""

    top: float
    pair: int
    flagged: bool
    noted: bool
    tooltip: str


def needs_marker(mark: Mark) -> bool:
    """Only a flag or a note is shown beside the text (reviewed pairs are the quiet norm)."""
    return mark.state is ReviewState.FLAGGED or bool(mark.note)


def marker_rects(marker: ReviewMarker, *, width: float, offset: float, size: float) -> list[QRectF]:
    """The boxes of the marker's signs (flag first, then note, one under the other) in a
    viewport `width` wide scrolled to `offset`.

    >>> rects = marker_rects(ReviewMarker(100.0, 3, True, True, ""), width=500, offset=40,
    ...                      size=12)
    >>> [(r.x(), r.y(), r.width()) for r in rects]
    [(485.0, 60.0, 12.0), (485.0, 72.0, 12.0)]
    """
    left = width - size - EDGE_GAP
    count = int(marker.flagged) + int(marker.noted)
    return [QRectF(left, marker.top - offset + k * size, size, size) for k in range(count)]


def marker_at(
    markers: Sequence[ReviewMarker], point: QPointF, *, width: float, offset: float, size: float
) -> ReviewMarker | None:
    """The marker whose sign is under `point` (viewport coordinates), if any."""
    for marker in markers:
        for rect in marker_rects(marker, width=width, offset=offset, size=size):
            if rect.adjusted(-2, -2, 2, 2).contains(point):
                return marker
    return None


def paint_markers(
    painter: QPainter,
    markers: Sequence[ReviewMarker],
    *,
    width: float,
    offset: float,
    visible: QRectF,
    font: QFont,
    note_colour: QColor,
) -> None:
    """Draw the signs of the markers that fall in `visible` (document coordinates)."""
    size = marker_size(font)
    sign_font = QFont(font)
    sign_font.setPointSizeF(max(6.0, font.pointSizeF() * 0.95))
    sign_font.setBold(True)
    painter.setFont(sign_font)
    for marker in markers:
        if marker.top + 2 * size < visible.top() or marker.top > visible.bottom():
            continue
        rects = marker_rects(marker, width=width, offset=offset, size=size)
        signs = [
            (FLAG_SIGN, QColor(FLAG_COLOUR)) if marker.flagged else None,
            (NOTE_SIGN, note_colour) if marker.noted else None,
        ]
        for rect, (sign, colour) in zip(rects, [s for s in signs if s], strict=True):
            painter.setPen(colour)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, sign)


def marker_size(font: QFont) -> float:
    """A sign's box: a little over a line of the pane's text."""
    points = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    return round(points * 4 / 3 * SIGN_EMS)
