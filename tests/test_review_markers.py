"""A flag and a note show beside their pair in both panes: a sign level with the heading, the
note (plain text) as its tooltip, a click on it opens the note."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QDialog, QToolTip
from pytestqt.qtbot import QtBot

from core.model import Status
from core.review.model import Mark, PairKey, ReviewState
from gui.main_window import MainWindow
from gui.note_dialog import NoteDialog
from gui.pane import Pane
from gui.review_markers import ReviewMarker, marker_at, marker_rects, marker_size, needs_marker
from tests.paths import SAMPLES
from tests.review_support import discard_unsaved_reviews
from tests.test_main_window import compare_and_wait, make_window

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    discard_unsaved_reviews(monkeypatch)
    old = Path(shutil.copy(SAMPLES / "iij-20f-fy2008.txt", tmp_path))
    new = Path(shutil.copy(SAMPLES / "iij-20f-fy2009.txt", tmp_path))
    shown = make_window(qtbot)
    compare_and_wait(qtbot, shown, old, new)
    return shown


KEY = PairKey((), ())


@pytest.mark.parametrize(
    ("mark", "shown"),
    [
        (Mark(KEY, ReviewState.FLAGGED), True),  # a flag asks for attention
        (Mark(KEY, ReviewState.REVIEWED, "reworded only"), True),  # a note is there to read
        (Mark(KEY, ReviewState.REVIEWED), False),  # reviewed, nothing to say: the quiet norm
        (Mark(KEY), False),  # untouched
    ],
)
def test_which_marks_get_a_sign(mark: Mark, shown: bool) -> None:
    assert needs_marker(mark) is shown


MARKER = ReviewMarker(top=100.0, pair=3, flagged=True, noted=True, tooltip="")


@pytest.mark.parametrize(
    ("point", "hit"),
    [
        (QPointF(490, 65), True),  # on the flag (scrolled 40 down: drawn at 60)
        (QPointF(490, 78), True),  # on the note sign under it
        (QPointF(490, 30), False),  # above the pair's heading
        (QPointF(300, 65), False),  # in the text, level with the heading
    ],
)
def test_a_point_hits_a_sign_only_where_it_is_drawn(point: QPointF, hit: bool) -> None:
    found = marker_at([MARKER], point, width=500, offset=40, size=12)
    assert (found is MARKER) is hit


def first_change(window: MainWindow, *, passage: bool = False) -> int:
    """The first changed pair of factors (of passages: IIJ's introduction)."""
    comparison = window.comparison()
    assert comparison is not None
    pairs = enumerate(comparison.pairs)
    return next(k for k, p in pairs if p.status is not Status.UNCHANGED and p.passage is passage)


def markers_of(pane: Pane, pair: int) -> list[ReviewMarker]:
    return [marker for marker in pane.review_markers() if marker.pair == pair]


def test_a_flag_and_a_note_show_beside_the_pair_in_both_panes(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = first_change(window)
    session = window.review.session
    assert session is not None
    assert all(not window.view.pane(side).review_markers() for side in (0, 1))
    session.set_state(index, ReviewState.FLAGGED)
    note = '<img src="x"> check the <b>numbers</b>'
    session.set_note(index, note)
    for side in (0, 1):
        pane = window.view.pane(side)
        (marker,) = markers_of(pane, index)
        assert marker.flagged and marker.noted
        # Level with the pair's heading, where the gutter numbers its factor too.
        pair = session.comparison.pairs[index]
        factor = (pair.old_indexes, pair.new_indexes)[side][0]
        label = f"#{factor + 1}"
        assert marker.top == next(n.top for n in pane.factor_numbers() if n.label == label)
        assert note in marker.tooltip  # the text itself; the pane shows it as plain text
    # The introduction is reviewed like a factor: its flag shows beside it too.
    introduction = first_change(window, passage=True)
    session.set_state(introduction, ReviewState.FLAGGED)
    assert all(markers_of(window.view.pane(side), introduction) for side in (0, 1))
    # Clicking the sign opens the note, as a person would to read or change it.
    window.view.go_to_pair(index)
    qtbot.wait(50)
    pane = window.view.pane(1)
    (marker,) = markers_of(pane, index)
    rect = marker_rects(
        marker,
        width=pane.viewport().width(),
        offset=pane.verticalScrollBar().value(),
        size=marker_size(pane.document().defaultFont()),
    )[1]
    # Pointing at it shows the note as written: its markup is text, never rendered.
    where = rect.center().toPoint()
    help_event = QHelpEvent(QEvent.Type.ToolTip, where, pane.viewport().mapToGlobal(where))
    QApplication.sendEvent(pane.viewport(), help_event)
    assert "&lt;img src=" in QToolTip.text() and "<img" not in QToolTip.text()
    seen: list[str] = []

    def edit(dialog: NoteDialog) -> int:
        seen.append(dialog.editor.toPlainText())
        dialog.editor.setPlainText("numbers checked")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NoteDialog, "exec", edit)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert seen == [note]
    assert session.mark_of(index).note == "numbers checked"
    # Unflagged and the note removed: the signs go.
    session.set_state(index, ReviewState.REVIEWED)
    session.set_note(index, "")
    assert not markers_of(window.view.pane(0), index)
    # Undo brings the note's sign back.
    session.undo_stack.undo()
    assert markers_of(window.view.pane(0), index)[0].noted
