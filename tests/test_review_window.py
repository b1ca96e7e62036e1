"""The review in the real window: keys R / F / N / U, the review column and filter, the
progress in the status bar, undo and redo, review files saved, opened and dropped, and unsaved
work asked about before it is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from core.model import Status
from core.review.file import load_review
from core.review.model import ReviewState
from gui import review_actions
from gui.app import open_window
from gui.factor_tree_model import REVIEW_COLUMN
from gui.main_window import MainWindow
from gui.note_dialog import NoteDialog
from tests.review_support import copy_samples, discard_unsaved_reviews
from tests.shown import comparison_shown
from tests.test_main_window import LOAD_TIMEOUT, compare_and_wait, drop, make_window, press

pytestmark = pytest.mark.gui


@pytest.fixture
def filings(tmp_path: Path) -> tuple[Path, Path]:
    return copy_samples(tmp_path / "filings")


@pytest.fixture(autouse=True)
def discard_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_unsaved_reviews(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, filings: tuple[Path, Path]) -> MainWindow:
    shown = make_window(qtbot)
    compare_and_wait(qtbot, shown, *filings)
    return shown


def changes(window: MainWindow) -> list[int]:
    comparison = window.comparison()
    assert comparison is not None
    return [i for i, pair in enumerate(comparison.pairs) if pair.status is not Status.UNCHANGED]


def review_cell(window: MainWindow, pair: int) -> str:
    return window.tree.model.index_of_pair(pair).siblingAtColumn(REVIEW_COLUMN).data() or ""


def state(window: MainWindow, pair: int) -> ReviewState:
    assert window.review.session is not None
    return window.review.session.mark_of(pair).state


def save_dialog_answers(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


def test_r_marks_the_pair_reviewed_and_goes_to_the_next_change(
    window: MainWindow, qtbot: QtBot
) -> None:
    first, second, *_ = changes(window)
    total = len(changes(window))
    window.view.go_to_pair(first)
    assert window.review.progress_label.text() == f"0 of {total} changes reviewed"
    press(qtbot, window, "mark_reviewed")
    assert state(window, first) is ReviewState.REVIEWED
    assert review_cell(window, first) == "✓"
    assert window.view.current_pair() == second
    assert window.tree.current_pair() == second
    assert window.review.progress_label.text() == f"1 of {total} changes reviewed"
    assert window.windowTitle().startswith("*")


def test_f_flags_and_unflags_u_unmarks_and_undo_redo_follow(
    window: MainWindow, qtbot: QtBot
) -> None:
    first = changes(window)[0]
    total = len(changes(window))
    window.view.go_to_pair(first)
    press(qtbot, window, "flag")
    assert review_cell(window, first) == "⚑"
    assert window.review.progress_label.text() == f"0 of {total} changes reviewed, 1 flagged"
    press(qtbot, window, "flag")  # toggles
    assert state(window, first) is ReviewState.UNREVIEWED
    press(qtbot, window, "undo")
    assert state(window, first) is ReviewState.FLAGGED
    assert "Flag" in window.actions_by_id["redo"].text() or window.actions_by_id["redo"].isEnabled()
    press(qtbot, window, "redo")
    assert state(window, first) is ReviewState.UNREVIEWED
    press(qtbot, window, "flag")
    window.view.go_to_pair(first)
    press(qtbot, window, "mark_unreviewed")
    assert state(window, first) is ReviewState.UNREVIEWED
    assert review_cell(window, first) == ""
    for _ in range(6):  # flag, unflag, flag, unmark (each undone)
        if window.actions_by_id["undo"].isEnabled():
            press(qtbot, window, "undo")
    assert not window.windowTitle().startswith("*")  # all undone: nothing to save


def test_n_writes_a_note_shown_as_plain_text(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = changes(window)[0]
    window.view.go_to_pair(first)
    note = '<img width=9000 src="x"> check the <b>numbers</b>'

    def write_note(dialog: NoteDialog) -> int:  # the person types the note and presses OK
        dialog.editor.setPlainText(f"  {note}\n")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NoteDialog, "exec", write_note)
    press(qtbot, window, "note")
    assert window.review.session is not None
    assert window.review.session.mark_of(first).note == note
    assert review_cell(window, first) == "✎"
    tip = window.tree.model.index_of_pair(first).siblingAtColumn(REVIEW_COLUMN).data(3)
    assert "&lt;img" in tip and "<img" not in tip


def test_the_review_filter_lists_unreviewed_or_flagged_changes(
    window: MainWindow, qtbot: QtBot
) -> None:
    first, second, *_ = changes(window)
    window.view.go_to_pair(first)
    press(qtbot, window, "mark_reviewed")  # first reviewed, now on second
    press(qtbot, window, "flag")  # second flagged
    window.tree.review_box.setCurrentIndex(window.tree.review_box.findText("Unreviewed"))
    shown = window.tree.visible_pairs()
    assert first not in shown and second not in shown
    assert set(shown) == set(changes(window)) - {first, second}
    window.tree.review_box.setCurrentIndex(window.tree.review_box.findText("Flagged"))
    assert window.tree.visible_pairs() == [second]
    window.tree.review_box.setCurrentIndex(window.tree.review_box.findText("All"))
    assert first in window.tree.visible_pairs()


def test_save_open_and_drop_a_review_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, *_ = changes(window)
    window.view.go_to_pair(first)
    press(qtbot, window, "mark_reviewed")
    press(qtbot, window, "flag")
    saved = tmp_path / "mine"
    save_dialog_answers(monkeypatch, saved)
    press(qtbot, window, "save_review")
    path = saved.with_suffix(".factordiff")
    assert path.is_file()
    assert not window.windowTitle().startswith("*")
    assert {m.state for m in load_review(path).marks} == {ReviewState.REVIEWED, ReviewState.FLAGGED}

    for how in ("open", "drop", "command line"):
        if how == "command line":
            other = open_window([str(path)])
            qtbot.addWidget(other, before_close_func=lambda w: w.loader.wait(10_000))
            qtbot.waitUntil(lambda o=other: o.review.session is not None, timeout=LOAD_TIMEOUT)
        else:
            other = make_window(qtbot)
            with comparison_shown(qtbot, other, timeout=LOAD_TIMEOUT):
                if how == "open":
                    other.review.open_review(path)
                else:
                    assert drop(other, [path])
        assert other.review.session is not None
        assert other.review.session.path == path
        assert state(other, first) is ReviewState.REVIEWED
        assert state(other, second) is ReviewState.FLAGGED
        assert not other.windowTitle().startswith("*")


def test_a_moved_filing_is_asked_for_and_a_changed_one_compared_anyway(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    filings: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = changes(window)[0]
    window.view.go_to_pair(first)
    press(qtbot, window, "mark_reviewed")
    path = tmp_path / "r.factordiff"
    save_dialog_answers(monkeypatch, path)
    press(qtbot, window, "save_review")
    old, new = filings
    (tmp_path / "moved").mkdir()
    moved = tmp_path / "moved" / old.name
    shutil.move(old, moved)
    new.write_text(new.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    asked: list[str] = []

    def locate(_parent: object, title: str, *_a: object, **_k: object) -> tuple[str, str]:
        asked.append(title)
        return str(moved), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", locate)
    other = make_window(qtbot)
    with comparison_shown(qtbot, other, timeout=LOAD_TIMEOUT):
        other.review.open_review(path)
    assert len(asked) == 1 and old.name in asked[0]
    comparison = other.comparison()
    assert comparison is not None and Path(comparison.old.path) == moved
    assert "changed since the review was saved" in other.messages_bar.text()
    assert state(other, first) is ReviewState.REVIEWED


def test_a_corrupt_review_says_why_and_changes_nothing(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "bad.factordiff"
    path.write_text("{ not json", encoding="utf-8")
    shown = window.comparison()
    window.review.open_review(path)
    assert "bad.factordiff" in window.messages_bar.text()
    assert window.comparison() is shown
    assert path.read_text(encoding="utf-8") == "{ not json"


def test_unsaved_work_is_asked_about_before_closing_or_comparing(
    window: MainWindow, qtbot: QtBot, filings: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window.view.go_to_pair(changes(window)[0])
    press(qtbot, window, "flag")
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(review_actions, "ask_keep_review", lambda *_a: answers.pop(0))
    window.close()
    assert window.isVisible()  # Cancel: the window stays
    answers.append(QMessageBox.StandardButton.Cancel)
    assert window.compare(*filings) is None  # nothing started
    assert window.review.session is not None and window.review.session.is_dirty()
    answers.append(QMessageBox.StandardButton.Discard)
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        assert window.compare(*filings) is not None
    assert window.review.session is not None and not window.review.session.is_dirty()
    assert not answers
