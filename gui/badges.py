"""How a pair's status looks wherever the window lists it: a colour and a small icon (its word
is core.labels.status_word, shared with the printout and the reports).

The icon carries a letter as well as a colour, so the status reads without colour vision.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from core.model import Status
from gui.theme import LIGHT

STATUS_LETTERS = {
    Status.ADDED: "+",
    Status.REMOVED: "-",
    Status.MODIFIED: "~",
    Status.MOVED: "↕",
    Status.SPLIT: "<",  # one old fans out to many new
    Status.MERGED: ">",  # many old meet in one new
    Status.UNCHANGED: "=",
}


@cache
def status_icon(status: Status, size: int = 16) -> QIcon:
    """A rounded square in the status colour with the status letter on it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    # The light theme's status colour: a badge is a saturated mark that reads on either theme.
    background = LIGHT.status_color(status)
    painter.setBrush(background)
    box = QRectF(0.5, 0.5, size - 1, size - 1)
    painter.drawRoundedRect(box, size / 4, size / 4)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.75))
    painter.setFont(font)
    painter.setPen(QColor("white" if background.lightnessF() < 0.7 else "#1d1d1f"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, STATUS_LETTERS[status])
    painter.end()
    return QIcon(pixmap)
