"""Daily use of the window at the keyboard: reading on after navigation, the focused pane,
reloading in place, find with a count, the factor filter and sorting, the summary's counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from core.compare import compare_files
from core.model import Comparison, Status
from gui.actions import ActionId
from gui.main_window import MainWindow

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
FY2008 = SAMPLES / "iij-20f-fy2008.txt"
FY2009 = SAMPLES / "iij-20f-fy2009.txt"
LOAD_TIMEOUT = 30_000

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def samples() -> Comparison:
    """The bundled samples compared once for the whole module (loading is not tested here)."""
    return compare_files(FY2008, FY2009)


@pytest.fixture
def window(qtbot: QtBot, samples: Comparison) -> Iterator[MainWindow]:
    shown = MainWindow()
    qtbot.addWidget(shown, before_close_func=lambda w: w.loader.wait(10_000))
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    shown.set_comparison(samples)
    yield shown


def press(qtbot: QtBot, window: MainWindow, action_id: ActionId) -> None:
    """Use a command through its first keyboard shortcut, with the old pane focused."""
    combination = window.actions_by_id[action_id].shortcuts()[0][0]
    window.activateWindow()
    window.view.pane(0).setFocus()
    qtbot.keyClick(window.view.pane(0), combination.key(), combination.keyboardModifiers())


def changed_pairs(comparison: Comparison) -> list[int]:
    return [i for i, pair in enumerate(comparison.pairs) if pair.status is not Status.UNCHANGED]


# Reading on from where navigation went --------------------------------------------------------


def test_page_down_after_next_change_continues_from_the_screen(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    for _ in range(6):
        press(qtbot, window, ActionId.NEXT_CHANGE)
    reached = window.view.top_pair(0)
    assert reached == changed_pairs(samples)[6]
    qtbot.keyClick(window.view.pane(0), Qt.Key.Key_PageDown)
    # One page further down, not back at the start where the cursor used to stay.
    assert window.view.top_pair(0) >= reached
    assert window.view.pane(0).verticalScrollBar().value() > 0


def test_page_down_after_a_click_in_the_list_continues_from_there(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    target = len(samples.pairs) // 2
    window.tree.select_pair(target)
    assert window.view.top_pair(0) == target
    window.view.pane(1).setFocus()
    qtbot.keyClick(window.view.pane(1), Qt.Key.Key_PageDown)
    assert window.view.top_pair(1) >= target


def test_page_down_after_scrolling_continues_from_the_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.view.pane(0).verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    start = bar.value()
    window.view.pane(0).setFocus()
    qtbot.keyClick(window.view.pane(0), Qt.Key.Key_PageDown)
    assert bar.value() > start


def focus_frame_colour(window: MainWindow, side: int) -> QColor:
    pane = window.view.pane(side)
    image = pane.viewport().grab().toImage()
    return image.pixelColor(0, image.height() // 2)


def test_the_focused_pane_is_framed(qtbot: QtBot, window: MainWindow) -> None:
    highlight = window.view.pane(0).palette().color(QPalette.ColorRole.Highlight)
    window.activateWindow()
    window.view.pane(1).setFocus()
    qtbot.waitUntil(lambda: window.view.pane(1).hasFocus())
    assert focus_frame_colour(window, 1) == highlight
    assert focus_frame_colour(window, 0) != highlight
    window.view.pane(0).setFocus()
    qtbot.waitUntil(lambda: window.view.pane(0).hasFocus())
    assert focus_frame_colour(window, 0) == highlight
    assert focus_frame_colour(window, 1) != highlight


def test_reload_keeps_the_pair_at_the_top(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    target = len(samples.pairs) - 5
    window.view.go_to_pair(target)
    with qtbot.waitSignal(window.loader.finished, timeout=LOAD_TIMEOUT):
        press(qtbot, window, ActionId.RELOAD)
    assert window.comparison() is not samples  # read again
    assert (window.view.top_pair(0), window.view.top_pair(1)) == (target, target)
    assert window.tree.current_pair() == target
