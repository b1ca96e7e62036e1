"""Corrections in the real window: pair, unpair, split, merge, not moved, not a heading, a new
factor at a paragraph and a category heading, by key, by context menu and by dragging a row of
the factor list onto another; each undone and redone, saved in the review file and restored
when it is opened again; File > Reload keeps them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from core.diff.options import DiffOptions
from core.model import Comparison, Status
from core.review.file import load_review
from core.review.model import CategoryHeading, Link, NewFactorAt, NotAHeading, NotMoved, Unlink
from gui.factor_tree_model import CORRECTED_SIGN, REVIEW_COLUMN
from gui.main_window import MainWindow
from gui.worker import ComparisonLoader
from tests.paths import SAMPLES
from tests.prepared import prepared_compare
from tests.review_support import discard_unsaved_reviews
from tests.shown import comparison_shown
from tests.test_main_window import LOAD_TIMEOUT, compare_and_wait, make_window, press

pytestmark = pytest.mark.gui

# FY2005 against FY2012: factors added, removed and moved, so every correction has something
# to act on.
OLD, NEW = SAMPLES / "iij-20f-fy2005.txt", SAMPLES / "iij-20f-fy2012.txt"


@pytest.fixture(autouse=True)
def discard_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_unsaved_reviews(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    shown = make_window(qtbot, ComparisonLoader(compare=prepared_compare))
    compare_and_wait(qtbot, shown, OLD, NEW)
    yield shown


def act(qtbot: QtBot, window: MainWindow, action_id: str) -> None:
    """Use a command by its key, then wait until the window shows its result whole (the
    panes fill in behind the first screen; the factor list follows)."""
    press(qtbot, window, action_id)
    settle(qtbot, window)


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.showing(), timeout=LOAD_TIMEOUT)


def shown(window: MainWindow) -> Comparison:
    comparison = window.comparison()
    assert comparison is not None
    return comparison


def pair_holding(window: MainWindow, *, old: int | None = None, new: int | None = None) -> int:
    for index, pair in enumerate(shown(window).pairs):
        if pair.passage:
            continue  # the introduction: its indexes number passages, not factors
        if (old is None or old in pair.old_indexes) and (new is None or new in pair.new_indexes):
            return index
    raise AssertionError(f"no pair holds old {old} / new {new}")


def first(window: MainWindow, status: Status) -> int:
    pairs = enumerate(shown(window).pairs)
    return next(k for k, pair in pairs if pair.status is status and not pair.passage)


def click_row(qtbot: QtBot, window: MainWindow, pair: int, *, add: bool = False) -> None:
    """Click a pair's row in the factor list (with Ctrl to add it to the selection)."""
    view = window.tree.view
    index = window.tree.view_index_of_pair(pair)
    view.scrollTo(index)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center()
    )


def review_cell(window: MainWindow, pair: int) -> str:
    return window.tree.model.index_of_pair(pair).siblingAtColumn(REVIEW_COLUMN).data() or ""


def undo_text(window: MainWindow) -> str:
    return window.actions_by_id["undo"].text().replace("&", "")


def pairs_of(window: MainWindow) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(p.old_indexes, p.new_indexes) for p in shown(window).factor_pairs]


def menu_at(qtbot: QtBot, window: MainWindow, side: int, block: int) -> QMenu:
    """Right-click pane `side` on block `block` (scrolled into view); the menu that opens."""
    pane = window.view.pane(side)
    cursor = pane.textCursor()
    cursor.setPosition(pane.document().findBlockByNumber(block).position())
    pane.setTextCursor(cursor)
    pane.ensureCursorVisible()
    QApplication.processEvents()
    point = pane.cursorRect(cursor).center() + QPoint(4, 0)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, pane.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(pane.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def choose(menu: QMenu, starting: str) -> str:
    """Trigger the menu item whose text starts with `starting`; its text."""
    texts = [action.text() for action in menu.actions()]
    action = next((a for a in menu.actions() if a.text().startswith(starting)), None)
    assert action is not None, texts
    menu.close()
    action.trigger()
    return action.text()


def choose_and_wait(qtbot: QtBot, window: MainWindow, menu: QMenu, starting: str) -> str:
    """Choose a menu item, wait for the window to show its result and to be the active
    window again (its keys go to the menu until then)."""
    text = choose(menu, starting)
    settle(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return text


def test_pair_an_old_and_a_new_factor_selected_in_the_list(
    window: MainWindow, qtbot: QtBot
) -> None:
    before = pairs_of(window)
    removed, added = first(window, Status.REMOVED), first(window, Status.ADDED)
    old = shown(window).pairs[removed].old_indexes[0]
    new = shown(window).pairs[added].new_indexes[0]
    click_row(qtbot, window, removed)
    click_row(qtbot, window, added, add=True)
    assert window.tree.selected_pairs() == sorted([removed, added])
    act(qtbot, window, "pair_factors")
    paired = pair_holding(window, old=old, new=new)
    pair = shown(window).pairs[paired]
    assert (pair.old_indexes, pair.new_indexes, pair.corrected) == ((old,), (new,), True)
    assert CORRECTED_SIGN in review_cell(window, paired)
    assert undo_text(window) == f"Undo Pair old #{old + 1} with new #{new + 1}"
    assert window.windowTitle().startswith("*")
    act(qtbot, window, "undo")
    assert pairs_of(window) == before
    assert CORRECTED_SIGN not in "".join(review_cell(window, k) for k in range(len(before)))
    act(qtbot, window, "redo")
    assert shown(window).pairs[pair_holding(window, old=old, new=new)].corrected


def test_drag_a_row_onto_another_pairs_their_factors(window: MainWindow, qtbot: QtBot) -> None:
    removed, added = first(window, Status.REMOVED), first(window, Status.ADDED)
    old = shown(window).pairs[removed].old_indexes[0]
    new = shown(window).pairs[added].new_indexes[0]
    view = window.tree.view
    source = window.tree.view_index_of_pair(removed)
    mime = window.tree.filter.mimeData([source])
    assert isinstance(mime, QMimeData)
    target = window.tree.view_index_of_pair(added)
    view.scrollTo(target)
    at = QPointF(view.visualRect(target).center())
    action = Qt.DropAction.LinkAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(
        view.viewport(), QDragEnterEvent(at.toPoint(), action, mime, buttons, keys)
    )
    move = QDragMoveEvent(at.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    QApplication.sendEvent(view.viewport(), QDropEvent(at, action, mime, buttons, keys))
    settle(qtbot, window)
    pair = shown(window).pairs[pair_holding(window, old=old, new=new)]
    assert (pair.old_indexes, pair.new_indexes, pair.corrected) == ((old,), (new,), True)


def test_unpair_from_the_lists_context_menu_leaves_a_removed_and_an_added_factor(
    window: MainWindow, qtbot: QtBot
) -> None:
    index = first(window, Status.MODIFIED)
    old, new = shown(window).pairs[index].old_indexes[0], shown(window).pairs[index].new_indexes[0]
    view = window.tree.view
    row = window.tree.view_index_of_pair(index)
    point = view.visualRect(row).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    text = choose_and_wait(qtbot, window, menu, "Unpair")
    assert text.endswith("\tShift+P")  # the key is shown beside the item
    removed = shown(window).pairs[pair_holding(window, old=old)]
    added = shown(window).pairs[pair_holding(window, new=new)]
    assert (removed.status, removed.corrected) == (Status.REMOVED, True)
    assert (added.status, added.corrected) == (Status.ADDED, True)
    assert undo_text(window) == f"Undo Unpair old #{old + 1} and new #{new + 1}"
    assert "Unpaired: pairing set by the reviewer" in window.view.pane(0).toPlainText()


def test_split_and_merge_are_declared_from_the_selection_by_key(
    window: MainWindow, qtbot: QtBot
) -> None:
    # Old #1 (paired with new #1) was split into new #1 and new #3 (listed as added).
    split_from = pair_holding(window, old=0, new=0)
    added = pair_holding(window, new=2)
    click_row(qtbot, window, split_from)
    click_row(qtbot, window, added, add=True)
    act(qtbot, window, "declare_split")
    pair = shown(window).pairs[pair_holding(window, old=0)]
    assert (pair.status, pair.new_indexes, pair.corrected) == (Status.SPLIT, (0, 2), True)
    assert undo_text(window) == "Undo Split old #1 into new #1, #3"
    caption = window.view.pane(1).toPlainText()
    assert "Split from old #1 · " in caption and "· pairing set by the reviewer" in caption
    # Old #13 (removed) and old #14 merged into new #17.
    removed = first(window, Status.REMOVED)
    old = shown(window).pairs[removed].old_indexes[0]
    into = pair_holding(window, old=old + 1)
    click_row(qtbot, window, removed)
    click_row(qtbot, window, into, add=True)
    act(qtbot, window, "declare_merge")
    merged = shown(window).pairs[pair_holding(window, old=old)]
    assert (merged.status, merged.old_indexes, merged.corrected) == (
        Status.MERGED,
        (old, old + 1),
        True,
    )
    act(qtbot, window, "undo")
    act(qtbot, window, "undo")
    assert not any(p.corrected for p in shown(window).pairs)


def test_not_moved_by_key_on_the_current_pair(window: MainWindow, qtbot: QtBot) -> None:
    moved = first(window, Status.MOVED)
    old = shown(window).pairs[moved].old_indexes[0]
    window.view.go_to_pair(moved)
    act(qtbot, window, "not_moved")
    pair = shown(window).pairs[pair_holding(window, old=old)]
    assert pair.status is not Status.MOVED and pair.corrected
    assert undo_text(window) == f"Undo Mark old #{old + 1} not moved"


def test_segmentation_corrections_from_the_panes_context_menu_and_by_key(
    window: MainWindow, qtbot: QtBot
) -> None:
    factors = len(shown(window).new.factors)
    assert window.headers.text(1).endswith(f"{factors} factors")
    # Right-click the heading of new #8: it is not a heading, it joins new #7's body.
    index = pair_holding(window, new=7)
    window.view.go_to_pair(index)
    heading_block = window.view.pair_blocks(1)[index].anchor
    choose_and_wait(
        qtbot, window, menu_at(qtbot, window, 1, heading_block), "Not a factor heading: new #8"
    )
    assert len(shown(window).new.factors) == factors - 1
    assert window.headers.text(1).endswith(f"{factors - 1} factors")
    assert "Our business may be adversely affected" in shown(window).new.factors[6].body
    assert undo_text(window) == "Undo Not a factor heading: new #8 (joins new #7)"
    act(qtbot, window, "undo")
    assert len(shown(window).new.factors) == factors

    # Right-click the second body paragraph of new #1: a new factor starts there.
    first_pair = pair_holding(window, new=0)
    window.view.go_to_pair(first_pair)
    blocks = window.view.pair_blocks(1)[first_pair]
    opening = shown(window).new.factors[0].paragraphs[1]
    paragraph_block = next(b for b in sorted(blocks.starts.values()) if b > blocks.anchor + 1)
    menu = menu_at(qtbot, window, 1, paragraph_block)
    choose_and_wait(qtbot, window, menu, "Start a new factor at new #1, paragraph 2")
    assert len(shown(window).new.factors) == factors + 1
    assert shown(window).new.factors[1].heading == opening
    assert window.review.session is not None
    assert isinstance(window.review.session.review.corrections[-1], NewFactorAt)

    # C on the last factor of the old filing: nothing follows it, so it cannot head a category.
    last = pair_holding(window, old=len(shown(window).old.factors) - 1)
    window.view.go_to_pair(last)
    act(qtbot, window, "category_heading")
    assert "cannot head one" in window.messages_bar.text()
    assert isinstance(window.review.session.review.corrections[-1], NewFactorAt)
    # C on old #1: every factor after it falls under it.
    window.view.go_to_pair(pair_holding(window, old=0))
    act(qtbot, window, "category_heading")
    assert isinstance(window.review.session.review.corrections[-1], CategoryHeading)
    assert all(f.category for f in shown(window).old.factors)


def test_corrections_are_saved_restored_on_opening_and_kept_by_reload(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    removed, added = first(window, Status.REMOVED), first(window, Status.ADDED)
    click_row(qtbot, window, removed)
    click_row(qtbot, window, added, add=True)
    act(qtbot, window, "pair_factors")
    window.view.go_to_pair(first(window, Status.MODIFIED))
    act(qtbot, window, "unpair")
    window.view.go_to_pair(first(window, Status.MOVED))
    act(qtbot, window, "not_moved")
    window.view.go_to_pair(pair_holding(window, new=7))
    act(qtbot, window, "not_a_heading")  # pane 0 has the keyboard: old #8
    window.actions_by_id["ignore_case"].setChecked(True)
    assert window.review.session is not None  # the options go with the review (and autosave)
    assert window.review.session.review.options == DiffOptions(ignore_case=True)
    act(qtbot, window, "undo")  # undo takes back a correction, not the View menu's options
    act(qtbot, window, "redo")
    assert window.review.session.review.options == DiffOptions(ignore_case=True)
    corrected = pairs_of(window)
    flags = [p.corrected for p in shown(window).pairs]
    path = tmp_path / "review.factordiff"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))
    press(qtbot, window, "save_review")
    kinds = [type(c) for c in load_review(path).corrections]
    assert kinds == [Link, Unlink, NotMoved, NotAHeading]
    assert load_review(path).options == DiffOptions(ignore_case=True)

    # F5: read again, the review stays (and asks nothing).
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        press(qtbot, window, "reload")
    assert pairs_of(window) == corrected
    assert window.review.session is not None
    assert window.review.session.undo_stack.count() == 4

    other = make_window(qtbot, ComparisonLoader(compare=prepared_compare))
    assert not other.actions_by_id["ignore_case"].isChecked()
    with comparison_shown(qtbot, other, timeout=LOAD_TIMEOUT):
        other.review.open_review(path)
    assert pairs_of(other) == corrected
    assert [p.corrected for p in shown(other).pairs] == flags
    assert other.actions_by_id["ignore_case"].isChecked()  # the review's diff options
    assert other.view.diff_options() == DiffOptions(ignore_case=True)
    assert not other.windowTitle().startswith("*")
    assert any(CORRECTED_SIGN in review_cell(other, k) for k in range(len(corrected)))


def test_a_pairing_key_without_a_fitting_selection_says_what_to_select(
    window: MainWindow, qtbot: QtBot
) -> None:
    before = pairs_of(window)
    click_row(qtbot, window, first(window, Status.MODIFIED))
    act(qtbot, window, "pair_factors")
    assert "Select one old and one new factor" in window.statusBar().currentMessage()
    act(qtbot, window, "declare_merge")
    assert "merge" in window.statusBar().currentMessage()
    assert pairs_of(window) == before
    assert not window.actions_by_id["undo"].isEnabled()
