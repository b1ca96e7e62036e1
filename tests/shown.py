"""Wait for a window's comparison to be shown whole: the loader finished it, the panes (which
fill in behind their first screen, gui.pane_builder) hold all of it, and the factor list and
the review, which come in later turns of the event loop, are there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow


@contextmanager
def comparison_shown(qtbot: QtBot, window: MainWindow, *, timeout: int) -> Iterator[Any]:
    """Like `qtbot.waitSignal(window.loader.finished)`, then until the window shows it all."""
    with qtbot.waitSignal(window.loader.finished, timeout=timeout) as blocker:
        yield blocker
    qtbot.waitUntil(lambda: not window.showing(), timeout=timeout)
