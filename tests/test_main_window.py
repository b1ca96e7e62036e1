"""The real window, driven as a person would: drops, clicks, keys; asserts what is on screen."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from core.errors import Cancelled
from core.model import Comparison, Status
from gui.app import make_application, open_window, route_unexpected_errors
from gui.factor_tree_model import PAIR_ROLE
from gui.main_window import DOCK_MIN_WIDTH, MainWindow, window_title
from gui.settings import OPTIONS, Settings
from gui.worker import ComparisonLoader
from tests.paths import FIXTURES, SAMPLES
from tests.prepared import prepared_compare
from tests.shown import comparison_shown

FY2005 = SAMPLES / "iij-20f-fy2005.txt"
FY2008 = SAMPLES / "iij-20f-fy2008.txt"
FY2009 = SAMPLES / "iij-20f-fy2009.txt"
LOAD_TIMEOUT = 30_000  # ms; the samples take well under a second

pytestmark = pytest.mark.gui


def make_window(qtbot: QtBot, loader: ComparisonLoader | None = None) -> MainWindow:
    window = MainWindow(loader=loader)
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def compare_and_wait(qtbot: QtBot, window: MainWindow, old: Path, new: Path) -> Comparison:
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        window.compare(old, new)
    comparison = window.comparison()
    assert comparison is not None
    return comparison


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The samples compared, through a loader that compares each pair of files once a run:
    the tests using this window test what comes after loading."""
    shown = make_window(qtbot, ComparisonLoader(compare=prepared_compare))
    compare_and_wait(qtbot, shown, FY2008, FY2009)
    yield shown


def drop(target: QWidget, paths: list[Path], at: QPoint | None = None) -> bool:
    """Drag files over `target` and drop them, as a file manager would; True when accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    position = QPointF(at if at is not None else target.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        position.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(position, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(target, dropped)
    return dropped.isAccepted()


def tops(window: MainWindow) -> tuple[int, int]:
    """The pair at the top of the old and of the new pane."""
    return window.view.top_pair(0), window.view.top_pair(1)


def press(qtbot: QtBot, window: MainWindow, action_id: str) -> None:
    """Use a command through its first keyboard shortcut, like a person at the keyboard."""
    sequence = window.actions_by_id[action_id].shortcuts()[0]
    combination = sequence[0]
    window.activateWindow()
    window.view.pane(0).setFocus()
    qtbot.keyClick(window.view.pane(0), combination.key(), combination.keyboardModifiers())


# Loading -------------------------------------------------------------------------------------


def test_samples_compared_and_described(window: MainWindow) -> None:
    comparison = window.comparison()
    assert comparison is not None
    assert window.windowTitle() == window_title(comparison)
    assert "20-F" in window.windowTitle() and " vs " in window.windowTitle()
    assert "iij-20f-fy2008.txt" in window.headers.text(0)
    assert "iij-20f-fy2009.txt" in window.headers.text(1)
    assert window.tree.visible_pairs() == list(range(len(comparison.pairs)))
    modified = comparison.summary.counts[Status.MODIFIED]
    assert window.summary.counts_text()[Status.MODIFIED] == f"{modified} modified"
    assert window.summary.similarity_text().startswith("Wording kept: ")
    assert not window.progress.isVisible()


def test_window_title_names_company_form_and_years(window: MainWindow) -> None:
    comparison = window.comparison()
    assert comparison is not None
    old, new = comparison.old, comparison.new
    assert window.windowTitle().startswith(new.company)
    assert f"FY{old.fiscal_year} vs FY{new.fiscal_year}" in window.windowTitle()
    assert window.windowTitle().endswith("— FactorDiff")


def test_drop_one_file_on_a_pane_replaces_that_side(qtbot: QtBot, window: MainWindow) -> None:
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        assert drop(window.view.pane(0).viewport(), [FY2005])
    comparison = window.comparison()
    assert comparison is not None
    assert Path(comparison.old.path).name == FY2005.name
    assert Path(comparison.new.path).name == FY2009.name
    assert "fy2005" in window.headers.text(0)


def test_two_files_dropped_on_the_window_put_the_older_year_left(
    qtbot: QtBot, window: MainWindow
) -> None:
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        assert drop(window, [FY2009, FY2005])  # newer first, as a file manager may order them
    comparison = window.comparison()
    assert comparison is not None
    assert Path(comparison.old.path).name == FY2005.name
    assert comparison.old.fiscal_year is not None and comparison.new.fiscal_year is not None
    assert comparison.old.fiscal_year < comparison.new.fiscal_year


def test_two_files_dropped_on_a_pane_reach_the_window(qtbot: QtBot, window: MainWindow) -> None:
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        assert drop(window.view.pane(1).viewport(), [FY2005, FY2009])
    comparison = window.comparison()
    assert comparison is not None
    assert Path(comparison.old.path).name == FY2005.name


def test_three_files_dropped_open_a_timeline_whose_pairs_open_here(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert drop(window, [FY2009, FY2005, FY2008])
    (timeline_window,) = window.timeline_windows
    qtbot.addWidget(timeline_window, before_close_func=lambda w: w.loader.wait(10_000))
    qtbot.waitUntil(lambda: timeline_window.timeline() is not None, timeout=LOAD_TIMEOUT)
    timeline = timeline_window.timeline()
    assert timeline is not None and timeline.fiscal_years == (2005, 2008, 2009)
    timeline_window.compare_years(2005, 2008)
    comparison = window.comparison()
    assert comparison is not None and (comparison.old.fiscal_year, comparison.new.fiscal_year) == (
        2005,
        2008,
    )


def test_three_files_on_the_command_line_open_their_timeline(qtbot: QtBot) -> None:
    window = open_window([str(FY2008), str(FY2005), str(FY2009)])
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    (timeline_window,) = window.timeline_windows
    qtbot.addWidget(timeline_window, before_close_func=lambda w: w.loader.wait(10_000))
    qtbot.waitUntil(lambda: timeline_window.timeline() is not None, timeout=LOAD_TIMEOUT)
    timeline = timeline_window.timeline()
    assert timeline is not None and timeline.fiscal_years == (2005, 2008, 2009)
    assert timeline_window.isVisible() and not window.isVisible()


# Bad files -----------------------------------------------------------------------------------

BAD_FILES = {
    "empty": b"",
    "binary": bytes(range(256)) * 40,
    "no risk factors section": b"Annual report\n\nItem 7. Discussion.\n\nSales rose.\n",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_dropped_shows_a_message_and_keeps_the_comparison(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, kind: str
) -> None:
    before = window.comparison()
    title = window.windowTitle()
    bad = tmp_path / "bad-filing.txt"
    bad.write_bytes(BAD_FILES[kind])
    with qtbot.waitSignal(window.loader.failed, timeout=LOAD_TIMEOUT):
        assert drop(window.view.pane(1).viewport(), [bad])
    assert window.messages_bar.isVisible()
    assert "bad-filing.txt" in window.messages_bar.text()
    assert window.messages.last_dialog is None  # a known problem, not a crash dialog
    assert window.comparison() is before
    assert window.windowTitle() == title
    assert "iij-20f-fy2009.txt" in window.headers.text(1)


def test_missing_file_shows_a_message(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    before = window.comparison()
    with qtbot.waitSignal(window.loader.failed, timeout=LOAD_TIMEOUT):
        window.replace_file(0, tmp_path / "gone.htm")
    assert window.messages_bar.isVisible() and window.comparison() is before


def test_unexpected_error_opens_a_dialog_with_details(qtbot: QtBot) -> None:
    def broken_compare(old: Path, new: Path, *, progress: object = None) -> Comparison:
        raise ZeroDivisionError("division by zero in the aligner")

    window = make_window(qtbot, ComparisonLoader(compare=broken_compare))
    with qtbot.waitSignal(window.loader.failed, timeout=LOAD_TIMEOUT):
        window.compare(FY2008, FY2009)
    dialog = window.messages.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert "ZeroDivisionError" in dialog.detailedText()
    dialog.close()


# Progress and cancel -------------------------------------------------------------------------


def test_cancel_stops_loading_and_keeps_the_comparison(qtbot: QtBot) -> None:
    release = threading.Event()

    def slow_compare(old: Path, new: Path, *, progress=None) -> Comparison:  # type: ignore[no-untyped-def]
        from core.compare import compare_files

        if "fy2005" not in str(old):
            return compare_files(str(old), str(new), progress=progress)
        step = 0
        while not release.wait(0.01):  # stands in for a large filing being parsed
            step += 1
            progress(step % 100, 100)
        raise AssertionError("not cancelled")

    window = make_window(qtbot, ComparisonLoader(compare=slow_compare))
    before = compare_and_wait(qtbot, window, FY2008, FY2009)
    window.replace_file(0, FY2005)
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=5000)
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    with qtbot.waitSignal(window.loader.cancelled, timeout=5000):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.progress.isVisible()
    assert window.comparison() is before
    assert "cancelled" in window.statusBar().currentMessage().lower()
    window.loader.wait(5000)
    release.set()


def test_a_newer_request_replaces_one_still_running(qtbot: QtBot, window: MainWindow) -> None:
    window.compare(FY2005, FY2009)
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT) as finished:
        window.compare(FY2008, FY2009)
    request = finished.args[0]
    assert request.old == FY2008
    window.loader.wait(LOAD_TIMEOUT)
    comparison = window.comparison()
    assert comparison is not None and Path(comparison.old.path).name == FY2008.name


def test_cancelled_is_raised_through_the_progress_callback(qtbot: QtBot) -> None:
    seen: list[type[BaseException]] = []

    def watching_compare(old: Path, new: Path, *, progress=None) -> Comparison:  # type: ignore[no-untyped-def]
        try:
            while True:
                progress(1, 2)
        except Cancelled as stop:
            seen.append(type(stop))
            raise

    loader = ComparisonLoader(compare=watching_compare)
    with qtbot.waitSignal(loader.progress, timeout=5000):
        loader.start(FY2008, FY2009)
    loader.cancel()
    assert loader.wait(5000)
    assert seen == [Cancelled]


# Navigation ----------------------------------------------------------------------------------


def middle_pair(window: MainWindow) -> int:
    comparison = window.comparison()
    assert comparison is not None
    return len(comparison.pairs) // 2


def test_clicking_a_tree_row_brings_the_pair_to_the_top_of_both_panes(
    qtbot: QtBot, window: MainWindow
) -> None:
    target = middle_pair(window)
    index = window.tree.view_index_of_pair(target)
    rect = window.tree.view.visualRect(index)
    qtbot.mouseClick(window.tree.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tops(window) == (target, target)
    # And back up to the first pair.
    first = window.tree.view.visualRect(window.tree.view_index_of_pair(0))
    qtbot.mouseClick(window.tree.view.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    assert tops(window) == (0, 0)


def test_next_and_previous_change_keys_move_both_panes(qtbot: QtBot, window: MainWindow) -> None:
    comparison = window.comparison()
    assert comparison is not None
    changed = [i for i, p in enumerate(comparison.pairs) if p.status is not Status.UNCHANGED]
    window.view.go_to_pair(0)
    press(qtbot, window, "next_change")
    assert tops(window) == (changed[1], changed[1])  # pair 0 is a change; F8 goes past it
    assert window.tree.current_pair() == changed[1]  # the tree follows
    press(qtbot, window, "previous_change")
    assert tops(window) == (changed[0], changed[0])


def test_scrolling_one_pane_scrolls_the_other(qtbot: QtBot, window: MainWindow) -> None:
    target = middle_pair(window)
    old_bar = window.view.pane(0).verticalScrollBar()
    new_bar = window.view.pane(1).verticalScrollBar()
    window.view.go_to_pair(target)
    start = old_bar.value()
    new_bar.setValue(new_bar.value() + 3 * new_bar.singleStep())
    assert old_bar.value() > start
    assert window.view.top_pair(0) == window.view.top_pair(1)
    assert window.tree.current_pair() == window.view.top_pair(0)


def test_unlocked_panes_scroll_alone(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_by_id["lock_scrolling"].setChecked(False)
    old_bar = window.view.pane(0).verticalScrollBar()
    new_bar = window.view.pane(1).verticalScrollBar()
    start = old_bar.value()
    new_bar.setValue(new_bar.value() + 200)
    assert old_bar.value() == start


def test_following_the_panes_does_not_move_them_back(qtbot: QtBot, window: MainWindow) -> None:
    target = middle_pair(window)
    window.view.go_to_pair(target)
    assert window.tree.current_pair() == target
    assert tops(window) == (target, target)


# Tree filters --------------------------------------------------------------------------------


def test_only_changes_hides_unchanged_rows(qtbot: QtBot, window: MainWindow) -> None:
    comparison = window.comparison()
    assert comparison is not None
    unchanged = {i for i, p in enumerate(comparison.pairs) if p.status is Status.UNCHANGED}
    assert unchanged, "the samples have unchanged factors"
    only_changes_button = window.toolbar.widgetForAction(window.actions_by_id["only_changes"])
    qtbot.mouseClick(only_changes_button, Qt.MouseButton.LeftButton)
    shown = window.tree.visible_pairs()
    assert shown and not unchanged & set(shown)
    assert window.actions_by_id["only_changes"].isChecked()  # the menu item agrees
    qtbot.mouseClick(only_changes_button, Qt.MouseButton.LeftButton)
    assert window.tree.visible_pairs() == list(range(len(comparison.pairs)))


def test_search_box_filters_rows_by_heading(qtbot: QtBot, window: MainWindow) -> None:
    comparison = window.comparison()
    assert comparison is not None
    window.tree.search_box.setFocus()
    qtbot.keyClicks(window.tree.search_box, "NTT")
    shown = window.tree.visible_pairs()
    assert shown
    for pair_index in shown:
        index = window.tree.model.index_of_pair(pair_index)
        assert "ntt" in index.data(Qt.ItemDataRole.ToolTipRole).lower()
    assert all(window.tree.view_index_of_pair(i).data(PAIR_ROLE) == i for i in shown)


# Find, zoom, settings ------------------------------------------------------------------------


def test_find_bar_opens_finds_and_closes(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "find")
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.text_box, "backbone")
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return)
    selected = [window.view.pane(side).textCursor().selectedText() for side in (0, 1)]
    assert "backbone" in [text.lower() for text in selected]
    qtbot.keyClicks(window.find_bar.text_box, "zzzz-not-there")
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return)
    assert window.find_bar.status_text() == "Not found"
    qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_zoom_and_theme_persist_across_restarts(qtbot: QtBot, window: MainWindow) -> None:
    size = window.view.font_size()
    press(qtbot, window, "zoom_in")
    assert window.view.font_size() > size
    window.actions_by_id["dark_theme"].setChecked(True)
    window.actions_by_id["only_changes"].setChecked(True)
    window.close()
    settings = Settings()
    assert settings.font_size == window.view.font_size()
    assert settings.dark and settings.only_changes
    again = make_window(qtbot)
    assert again.view.font_size() == window.view.font_size()
    assert again.actions_by_id["dark_theme"].isChecked()
    assert again.tree.filter.only_changes()
    again.actions_by_id["dark_theme"].setChecked(False)  # leave the application light


def test_recent_files_remember_compared_files(window: MainWindow) -> None:
    recent = Settings().recent_files()
    assert {Path(p).name for p in recent} == {FY2008.name, FY2009.name}


def test_every_action_is_in_a_menu_and_commands_have_keys(window: MainWindow) -> None:
    in_menus = {
        action.objectName()
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    }
    assert set(window.actions_by_id) <= in_menus
    keyed = {name for name, action in window.actions_by_id.items() if action.shortcuts()}
    commands = {"open_old", "open_new", "next_change", "previous_change", "find", "find_next"}
    assert commands | {"quit", "reload", "lock_scrolling", "show_tree"} <= keyed
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Go", "&Review", "&Help"]


def test_two_paths_on_the_command_line_open_the_older_filing_left(qtbot: QtBot) -> None:
    # "Open With" on two files passes them in whatever order they were selected.
    window = open_window([str(FY2009), str(FY2008)])
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    qtbot.waitUntil(
        lambda: window.comparison() is not None and not window.showing(), timeout=LOAD_TIMEOUT
    )
    comparison = window.comparison()
    assert comparison is not None
    assert (comparison.old.fiscal_year, comparison.new.fiscal_year) == (2008, 2009)


def test_one_path_on_the_command_line_waits_for_the_older_filing(qtbot: QtBot) -> None:
    window = open_window([str(FY2009)])
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    assert window.comparison() is None
    assert "iij-20f-fy2009.txt" in window.headers.text(1)
    qtbot.waitUntil(lambda: "older" in window.view.pane(0).toPlainText(), timeout=LOAD_TIMEOUT)
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        assert drop(window.view.pane(0).viewport(), [FY2008])
    comparison = window.comparison()
    assert comparison is not None and Path(comparison.new.path).name == FY2009.name


def test_clicking_the_current_row_again_returns_to_the_pair_start(
    qtbot: QtBot, window: MainWindow
) -> None:
    target = middle_pair(window)
    window.view.go_to_pair(target)
    bar = window.view.pane(0).verticalScrollBar()
    start = bar.value()
    bar.setValue(start + 2 * bar.singleStep())  # reading on inside the same pair
    assert window.view.top_pair(0) == target and window.tree.current_pair() == target
    rect = window.tree.view.visualRect(window.tree.view_index_of_pair(target))
    qtbot.mouseClick(window.tree.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert bar.value() == start


def test_first_comparison_failing_names_both_files_and_one_can_be_replaced(
    qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "empty-report.htm"
    bad.write_bytes(b"")
    window = make_window(qtbot)
    with qtbot.waitSignal(window.loader.failed, timeout=LOAD_TIMEOUT):
        window.compare(bad, FY2009)
    assert "empty-report.htm" in window.headers.text(0)
    assert FY2009.name in window.headers.text(1)
    assert window.windowTitle() == "FactorDiff"
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        assert drop(window.view.pane(0).viewport(), [FY2008])
    comparison = window.comparison()
    assert comparison is not None and Path(comparison.new.path).name == FY2009.name


def test_enter_in_the_tree_search_goes_to_the_first_match(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "filter_factors")
    assert window.tree.search_box.hasFocus()
    qtbot.keyClicks(window.tree.search_box, "NTT")
    first = window.tree.visible_pairs()[0]
    qtbot.keyClick(window.tree.search_box, Qt.Key.Key_Return)
    assert tops(window) == (first, first)
    assert window.tree.view.hasFocus()


@pytest.mark.parametrize(
    "export",
    [
        ("export_html", "report.html", b"<!DOCTYPE html"),
        ("export_pdf", "report.pdf", b"%PDF"),
        ("export_csv", "report.csv", b"status,old_index,new_index,old_heading"),
        ("export_json", "report.json", b'{\n "warnings"'),
    ],
)
def test_exports_write_the_chosen_file(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    export: tuple[str, str, bytes],
) -> None:
    action_id, name, starts_with = export
    target = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    window.actions_by_id[action_id].trigger()
    assert target.read_bytes()[: len(starts_with)].lower() == starts_with.lower()
    assert str(target) in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("action_id", "name"),
    [
        ("export_html", "report.html"),
        ("export_pdf", "report.pdf"),
        ("export_csv", "report.csv"),
        ("export_json", "report.json"),
    ],
)
def test_export_to_an_unwritable_place_says_so(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action_id: str, name: str
) -> None:
    target = tmp_path / "no-such-folder" / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    window.actions_by_id[action_id].trigger()
    assert window.messages_bar.isVisible() and name in window.messages_bar.text()
    assert "Saved" not in window.statusBar().currentMessage()


def test_open_recent_offers_each_file_for_either_side(qtbot: QtBot, window: MainWindow) -> None:
    compare_and_wait(qtbot, window, FY2005, FY2009)
    compare_and_wait(qtbot, window, FY2008, FY2009)
    window.recent_menu.aboutToShow.emit()
    entries = {action.text(): action for action in window.recent_menu.actions()}
    assert {FY2005.name, FY2008.name, FY2009.name} <= set(entries)
    as_old = entries[FY2005.name].menu().actions()[0]
    assert as_old.text() == "Open as &Old Filing"
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        as_old.trigger()
    comparison = window.comparison()
    assert comparison is not None and Path(comparison.old.path).name == FY2005.name


def test_open_old_uses_the_chosen_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(FY2005), ""))
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        press(qtbot, window, "open_old")
    comparison = window.comparison()
    assert comparison is not None and Path(comparison.old.path).name == FY2005.name
    assert Settings().filing_folder == str(SAMPLES.resolve())


@pytest.mark.slow
def test_a_large_filing_shows_progress_and_cancels_promptly(qtbot: QtBot) -> None:
    corpus = FIXTURES / "corpus"
    old, new = corpus / "cocacola_10-K_2023.html.gz", corpus / "cocacola_10-K_2024.html.gz"
    window = make_window(qtbot)
    before = compare_and_wait(qtbot, window, FY2008, FY2009)
    reports: list[tuple[int, int]] = []
    window.loader.progress.connect(lambda done, total: reports.append((done, total)))
    window.compare(old, new)
    qtbot.waitUntil(lambda: len(reports) >= 2, timeout=LOAD_TIMEOUT)
    assert window.progress.isVisible()
    started = time.perf_counter()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert window.loader.wait(LOAD_TIMEOUT)
    stopped_after = time.perf_counter() - started
    assert stopped_after < 1.0, f"the worker ran on for {stopped_after:.2f} s after Cancel"
    assert window.comparison() is before
    assert all(done <= total for done, total in reports)


def test_an_exception_escaping_a_slot_opens_the_error_dialog(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    route_unexpected_errors(window)
    try:
        try:
            raise KeyError("pair 99")
        except KeyError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = sys.__excepthook__
    dialog = window.messages.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert "KeyError" in dialog.text() and "pair 99" in dialog.detailedText()
    dialog.close()


def test_window_opens_with_defaults_over_bad_stored_settings(qtbot: QtBot) -> None:
    store = QSettings()
    store.setValue("view/font_size", "huge")
    store.setValue("view/theme", "neon")
    store.setValue("window/geometry", b"\x00garbage")
    store.setValue("window/state", "not a state")
    store.setValue("view/scroll_locked", "perhaps")
    store.sync()
    window = make_window(qtbot)
    assert window.view.font_size() == OPTIONS["view/font_size"].default
    assert not window.actions_by_id["dark_theme"].isChecked()
    assert window.view.scroll_locked()
    assert window.width() > 800 and window.tree_dock.isVisible()


def test_factor_list_saved_too_narrow_opens_wide_enough_to_read(qtbot: QtBot) -> None:
    small = make_window(qtbot)
    small.resize(500, 400)
    small.resizeDocks([small.tree_dock], [90], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: small.tree_dock.width() < DOCK_MIN_WIDTH)
    small.close()  # saves geometry and dock state
    window = make_window(qtbot)
    qtbot.waitUntil(lambda: window.tree_dock.width() >= DOCK_MIN_WIDTH)


def test_tree_model_of_a_real_comparison_passes_the_model_tester(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(window.tree.model, force_py=True)
    qtmodeltester.check(window.tree.filter, force_py=True)


def test_application_has_its_names_icon_and_style(qapp: QApplication) -> None:
    app = make_application([])
    assert app is qapp  # the running application is reused, not a second one made
    assert (app.organizationName(), app.applicationName()) == ("FactorDiff", "FactorDiff")
    assert not app.windowIcon().isNull()
    assert app.style().name() == "fusion"


def test_a_new_comparison_starts_at_its_top(qtbot: QtBot, window: MainWindow) -> None:
    window.view.go_to_pair(middle_pair(window))  # deep into the first comparison
    compare_and_wait(qtbot, window, FY2005, FY2009)
    assert [window.view.pane(side).verticalScrollBar().value() for side in (0, 1)] == [0, 0]


def test_shift_enter_in_the_find_bar_searches_backward(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "find")
    qtbot.keyClicks(window.find_bar.text_box, "backbone")
    positions = []
    for modifier in (Qt.KeyboardModifier.NoModifier,) * 2 + (Qt.KeyboardModifier.ShiftModifier,):
        qtbot.keyClick(window.find_bar.text_box, Qt.Key.Key_Return, modifier)
        cursors = [window.view.pane(side).textCursor() for side in (0, 1)]
        found = [c for c in cursors if c.hasSelection()]
        positions.append((cursors.index(found[0]), found[0].selectionStart()))
    assert positions[1] != positions[0]  # Enter went on to the next match
    assert positions[2] == positions[0]  # Shift+Enter came back to the first
