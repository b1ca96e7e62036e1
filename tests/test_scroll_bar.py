"""The panes' scroll bars look exactly as the style draws them, groove cache or not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QScrollBar
from pytestqt.qtbot import QtBot

from gui.scroll_bar import GrooveCacheStyle

pytestmark = pytest.mark.gui


def _bar(qtbot: QtBot, style: QProxyStyle, palette: QPalette) -> QScrollBar:
    bar = QScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(bar)
    style.setParent(bar)
    bar.setStyle(style)
    bar.setPalette(palette)
    bar.setRange(0, 30_000)
    bar.setPageStep(800)
    bar.resize(14, 793)
    bar.show()
    return bar


def _picture(bar: QScrollBar, value: int) -> QImage:
    bar.setValue(value)
    image = QImage(bar.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    bar.render(image)
    return image


def _dark() -> QPalette:
    palette = QPalette(QApplication.palette())
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2b30"),
        (QPalette.ColorRole.Button, "#3a3a40"),
    ):
        palette.setColor(role, QColor(color))
    return palette


@pytest.mark.parametrize("dark", [False, True])
def test_cached_grooves_paint_the_same_pixels(qtbot: QtBot, dark: bool) -> None:
    palette = _dark() if dark else QPalette(QApplication.palette())
    plain = _bar(qtbot, QProxyStyle(), palette)
    cached = _bar(qtbot, GrooveCacheStyle(), palette)
    # first and last value, in between, and again after the cache holds the groove
    for value in (0, 1, 12_345, 30_000, 500, 0):
        assert _picture(cached, value) == _picture(plain, value), f"differs at {value}"
    # a new size draws a new groove
    for bar in (plain, cached):
        bar.resize(14, 400)
    assert _picture(cached, 777) == _picture(plain, 777)
