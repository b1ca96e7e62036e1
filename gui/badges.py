"""How a pair's status looks wherever the window lists it: a colour and a small icon (its word
is core.report.labels.status_word, shared with the printout and the reports).

The icon carries a letter as well as a colour (both from core.report.status_style, as in the HTML
report and the command line), so the status reads without colour vision.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from core.model import Status
from core.report.status_style import STATUS_LETTERS, ink_on
from gui.theme import LIGHT


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
    painter.setPen(QColor(ink_on(LIGHT.status[status])))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, STATUS_LETTERS[status])
    painter.end()
    return QIcon(pixmap)
