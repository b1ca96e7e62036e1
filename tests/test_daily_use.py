"""Daily use of the window at the keyboard: reading on after navigation, the focused pane,
reloading in place, find with a count, the factor filter and sorting, the summary's counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from core.compare import compare_files
from core.model import STATUS_ORDER, Comparison, Status
from gui.actions import ActionId
from gui.compare_view import CompareView
from gui.factor_tree_model import CHANGED_COLUMN, FACTOR_COLUMN, STATUS_COLUMN
from gui.main_window import MainWindow
from gui.summary_bar import ElidedLabel
from tests.shown import comparison_shown

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
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        press(qtbot, window, ActionId.RELOAD)
    assert window.comparison() is not samples  # read again
    assert (window.view.top_pair(0), window.view.top_pair(1)) == (target, target)
    assert window.tree.current_pair() == target


# Find ------------------------------------------------------------------------------------------


def open_find(qtbot: QtBot, window: MainWindow, text: str) -> None:
    press(qtbot, window, ActionId.FIND)
    qtbot.keyClicks(window.find_bar.text_box, text)


def selected_match(window: MainWindow) -> tuple[int, int]:
    """(pane, position) of the match selected on screen."""
    for side in (0, 1):
        cursor = window.view.pane(side).textCursor()
        if cursor.hasSelection():
            return side, cursor.selectionStart()
    raise AssertionError("no match is selected")


def test_find_counts_and_highlights_the_matches_of_both_panes(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_find(qtbot, window, "network")
    texts = [window.view.pane(side).document().toPlainText().lower() for side in (0, 1)]
    old, new = texts[0].count("network"), texts[1].count("network")
    assert old and new
    status = window.find_bar.status_text()
    assert status == f"{old + new} matches (old {old}, new {new})"  # counted while typing
    tinted = [len(window.view.pane(side).extraSelections()) for side in (0, 1)]
    assert tinted == [old, new]  # every match tinted in both panes at once
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return)
    assert window.find_bar.status_text() == f"1 of {old + new} (old {old}, new {new})"
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return)
    assert window.find_bar.status_text().startswith(f"2 of {old + new}")
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Escape)
    assert [window.view.pane(side).extraSelections() for side in (0, 1)] == [[], []]


def test_find_steps_through_both_panes(qtbot: QtBot, window: MainWindow) -> None:
    open_find(qtbot, window, "network")
    sides = set()
    for _ in range(12):
        qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return)
        sides.add(selected_match(window)[0])
    assert sides == {0, 1}


def test_find_starts_from_the_pair_on_screen(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    target = len(samples.pairs) // 2
    window.view.go_to_pair(target)
    open_find(qtbot, window, "network")
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return)
    assert not window.find_bar.status_text().startswith("1 of ")
    side, _position = selected_match(window)
    assert window.view.top_pair(side) >= target  # not back at the top of the filing
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.top_pair(0) >= target - 1


# The factor list: filter, sort, counts -------------------------------------------------------


def test_the_filter_searches_the_text_when_asked(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    word = "backbone"  # in the text of factors, in no heading
    holding = {
        index
        for index, pair in enumerate(samples.pairs)
        if not pair.passage
        for factor in [samples.new.factors[i] for i in pair.new_indexes]
        + [samples.old.factors[i] for i in pair.old_indexes]
        if word in factor.body.lower()
    }
    assert holding
    qtbot.keyClicks(window.tree.search_box, word)
    assert window.tree.visible_pairs() == []
    qtbot.mouseClick(window.tree.text_toggle, Qt.MouseButton.LeftButton)
    assert set(window.tree.visible_pairs()) == holding
    qtbot.mouseClick(window.tree.text_toggle, Qt.MouseButton.LeftButton)
    assert window.tree.visible_pairs() == []


def click_header(qtbot: QtBot, window: MainWindow, column: int) -> None:
    header = window.tree.view.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_the_list_sorts_by_any_column_and_back_to_filing_order(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    window.resizeDocks([window.tree_dock], [520], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: not window.tree.view.isColumnHidden(STATUS_COLUMN))
    in_order = list(range(len(samples.pairs)))
    assert window.tree.visible_pairs() == in_order
    click_header(qtbot, window, CHANGED_COLUMN)  # the biggest change first
    shares = [window.tree.model.changed_share_of(index) for index in window.tree.visible_pairs()]
    assert shares == sorted(shares, reverse=True) and shares[0] > shares[-1]
    click_header(qtbot, window, CHANGED_COLUMN)
    shares = [window.tree.model.changed_share_of(index) for index in window.tree.visible_pairs()]
    assert shares == sorted(shares)
    click_header(qtbot, window, CHANGED_COLUMN)  # third click: filing order again
    assert window.tree.visible_pairs() == in_order
    click_header(qtbot, window, STATUS_COLUMN)
    statuses = [STATUS_ORDER.index(samples.pairs[i].status) for i in window.tree.visible_pairs()]
    assert statuses == sorted(statuses)
    click_header(qtbot, window, FACTOR_COLUMN)  # by position
    assert window.tree.visible_pairs() == in_order
    click_header(qtbot, window, FACTOR_COLUMN)
    assert window.tree.visible_pairs() == in_order[::-1]


def test_a_click_on_a_count_lists_only_that_status(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    unchanged = [i for i, p in enumerate(samples.pairs) if p.status is Status.UNCHANGED]
    assert unchanged
    button = window.summary.count_button(Status.UNCHANGED)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.tree.visible_pairs() == unchanged
    modified = window.summary.count_button(Status.MODIFIED)
    qtbot.mouseClick(modified, Qt.MouseButton.LeftButton)
    assert set(window.tree.visible_pairs()) == {
        i for i, p in enumerate(samples.pairs) if p.status is Status.MODIFIED
    }
    assert not button.isChecked()
    qtbot.mouseClick(modified, Qt.MouseButton.LeftButton)  # again: every pair
    assert window.tree.visible_pairs() == list(range(len(samples.pairs)))
    assert not window.summary.count_button(Status.ADDED).isEnabled()  # none added


@pytest.mark.parametrize("size", [(900, 600), (1000, 650), (1400, 900)])
def test_nothing_in_the_summary_bar_is_cut(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    bar = window.summary
    for status in STATUS_ORDER:
        button = bar.count_button(status)
        assert button.isVisible()
        assert button.width() >= button.sizeHint().width()  # the whole count shows
        assert button.geometry().right() <= bar.width()
    label = bar.findChild(ElidedLabel)
    assert label is not None and label.isVisible()
    shown, full = label.text(), label.full_text()
    assert label.fontMetrics().horizontalAdvance(shown) <= label.width()
    percent = full.split()[2]  # "Wording kept: 80% of words"
    assert percent in shown  # the figure itself always shows
    assert shown == full or full in label.toolTip()


def test_toolbar_arrows_follow_the_theme(qtbot: QtBot, window: MainWindow) -> None:
    def arrow_lightness() -> int:
        icon = window.actions_by_id[ActionId.NEXT_CHANGE].icon()
        return icon.pixmap(32, 32).toImage().pixelColor(16, 16).lightness()

    try:
        window.actions_by_id[ActionId.DARK_THEME].setChecked(True)
        qtbot.waitUntil(lambda: arrow_lightness() > 160)  # light on the dark toolbar
    finally:
        window.actions_by_id[ActionId.DARK_THEME].setChecked(False)
    qtbot.waitUntil(lambda: arrow_lightness() < 96)  # dark on the light one


# The change map on the scroll bars -------------------------------------------------------------


def test_the_scroll_bars_map_every_change_and_a_click_goes_there(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    changed = changed_pairs(samples)
    for side in (0, 1):
        bar = window.view.pane(side).change_map()
        assert [tick.pair for tick in bar.ticks()] == changed
        statuses = {samples.pairs[tick.pair].status for tick in bar.ticks()}
        assert Status.UNCHANGED not in statuses
    window.view.go_to_pair(0)
    bar = window.view.pane(1).change_map()
    rect, tick = bar.tick_rects()[-1]  # far below the handle, which is at the top
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert (
        window.view.top_pair(1) == tick.pair
        or window.view.pane(1).verticalScrollBar().value() == bar.maximum()
    )
    assert window.view.current_pair() == tick.pair


# Opening files ---------------------------------------------------------------------------------


def test_one_filing_shows_at_once_and_the_other_pane_says_what_to_do(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    window.resize(1200, 800)
    window.show()
    with qtbot.waitSignal(window.loader.filing_loaded, timeout=LOAD_TIMEOUT):
        window.open_one(FY2009)
    assert window.comparison() is None
    shown = window.view.pane(1).document().toPlainText()
    assert "We may not maintain our current level of revenues" in shown
    assert "FY2009" in window.headers.text(1)
    hint = window.view.pane(0).document().toPlainText()
    assert hint.startswith("Now open or drop the older filing here")
    assert not window.summary.isVisible()  # no row of zeros
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        window.replace_file(0, FY2008)
    comparison = window.comparison()
    assert comparison is not None and comparison.old.fiscal_year == 2008
    assert window.summary.isVisible()


def test_recent_comparisons_reopen_both_files_in_one_step(qtbot: QtBot, window: MainWindow) -> None:
    fy2005 = SAMPLES / "iij-20f-fy2005.txt"
    for old in (FY2008, fy2005):
        with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
            window.compare(old, FY2009)
    window.recent_menu.aboutToShow.emit()
    labels = [action.text() for action in window.recent_menu.actions()]
    assert labels[0].endswith("FY2005 vs FY2009") and labels[1].endswith("FY2008 vs FY2009")
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        window.recent_menu.actions()[1].trigger()
    comparison = window.comparison()
    assert comparison is not None
    assert (Path(comparison.old.path).name, Path(comparison.new.path).name) == (
        FY2008.name,
        FY2009.name,
    )


def test_the_open_dialog_starts_where_the_last_filing_was_not_the_last_export(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        window.compare(FY2008, FY2009)
    exported = tmp_path / "out" / "report.html"
    exported.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(exported), ""))
    window.actions_by_id[ActionId.EXPORT_HTML].trigger()
    assert exported.is_file()
    folders: list[str] = []

    def remember(_parent: object, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        folders.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", remember)
    window.actions_by_id[ActionId.OPEN_OLD].trigger()
    assert folders == [str(SAMPLES.resolve())]


# Context menus ---------------------------------------------------------------------------------


def menu_item(menu: QMenu, text: str) -> QAction:
    return next(action for action in menu.actions() if action.text().replace("&", "") == text)


def test_a_right_click_on_a_pane_offers_the_pair_under_the_mouse(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    target = changed_pairs(samples)[3]
    window.view.go_to_pair(target)
    viewport = window.view.pane(1).viewport()
    where = QPoint(40, 30)
    with qtbot.waitSignal(window.view.pair_menu_requested) as asked:
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, where, viewport.mapToGlobal(where)
        )
        QApplication.sendEvent(viewport, event)
    side, index, _global = asked.args
    assert (side, index) == (1, target)


def test_copy_factor_as_redline_gives_rich_and_plain_text(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    index = changed_pairs(samples)[1]  # the first changed factor, after the introduction
    menu = window.pair_menu(index, side=0)
    assert menu is not None
    menu_item(menu, "Copy Factor as Redline").trigger()
    mime = QApplication.clipboard().mimeData()
    plain, rich = mime.text(), mime.html()
    heading = samples.new.factors[samples.pairs[index].new_indexes[0]].heading
    assert plain.startswith(heading[:30])
    assert re.search(r"\[[^\]]+\]", plain) and re.search(r"\{[^}]+\}", plain)
    assert "<s " in rich and "<u " in rich
    # Without the marks, each side's text is whole again.
    old = samples.old.factors[samples.pairs[index].old_indexes[0]]
    kept_old = re.sub(r"\{[^}]*\}", "", plain).replace("[", "").replace("]", "")
    assert " ".join(kept_old.split()) == " ".join(f"{old.heading} {old.body}".split())
    menu_item(menu, "Copy Heading").trigger()
    assert QApplication.clipboard().text() == old.heading


def test_go_to_counterpart_and_show_in_list(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    index = changed_pairs(samples)[5]
    window.activateWindow()
    menu = window.pair_menu(index, side=0)
    assert menu is not None
    menu_item(menu, "Go to Counterpart").trigger()
    qtbot.waitUntil(lambda: window.view.pane(1).hasFocus())
    assert window.view.top_pair(1) == index
    qtbot.keyClicks(window.tree.search_box, "zzzz no such heading")
    menu_item(menu, "Show in List").trigger()
    assert window.tree.current_pair() == index
    assert index in window.tree.visible_pairs()


def test_compare_only_this_pair_opens_the_pair_alone(
    qtbot: QtBot, window: MainWindow, samples: Comparison
) -> None:
    index = changed_pairs(samples)[2]
    menu = window.pair_menu(index, in_list=True)
    assert menu is not None
    assert not any(a.text().replace("&", "") == "Show in List" for a in menu.actions())
    menu_item(menu, "Compare Only This Pair").trigger()
    (alone,) = window.pair_windows
    view = alone.centralWidget()
    assert isinstance(view, CompareView)
    comparison = view.comparison()
    assert comparison is not None and len(comparison.pairs) == 1
    old = samples.old.factors[samples.pairs[index].old_indexes[0]]
    assert old.heading in view.pane(0).toPlainText()
    assert "old #" in alone.windowTitle()
    alone.close()
