"""The window's review session: marks, notes and corrections, undo and redo, save and reopen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.compare import compare_files
from core.model import Status
from core.review.anchors import anchor_of
from core.review.file import load_review
from core.review.model import Link, NotAHeading, ReviewState, Side
from gui.review_session import ReviewSession

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"


@pytest.fixture
def session(tmp_path: Path, qapp: object) -> ReviewSession:
    for year in (2005, 2012):
        shutil.copy(SAMPLES / f"iij-20f-fy{year}.txt", tmp_path)
    comparison = compare_files(
        str(tmp_path / "iij-20f-fy2005.txt"), str(tmp_path / "iij-20f-fy2012.txt")
    )
    return ReviewSession(comparison, reviewer="ann")


def test_marks_and_notes_are_signed_undone_and_redone(session: ReviewSession, qtbot: QtBot) -> None:
    with qtbot.waitSignal(session.marks_changed), qtbot.waitSignal(session.dirty_changed):
        session.set_state(0, ReviewState.REVIEWED)
    session.set_state(1, ReviewState.FLAGGED)
    session.set_note(1, "new cyber risk — ask the CFO")
    assert session.mark_of(0).state is ReviewState.REVIEWED
    assert (session.mark_of(1).state, session.mark_of(1).note) == (
        ReviewState.FLAGGED,
        "new cyber risk — ask the CFO",
    )
    assert session.mark_of(1).reviewer == "ann"
    assert session.mark_of(1).when.endswith("Z")
    assert session.undo_stack.undoText().startswith("Edit note on")
    session.undo_stack.undo()
    assert session.mark_of(1).note == ""
    assert session.mark_of(1).state is ReviewState.FLAGGED
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert {m.state for m in session.reviewed.marks} == {ReviewState.UNREVIEWED}
    assert not session.is_dirty()
    session.undo_stack.redo()
    assert session.mark_of(0).state is ReviewState.REVIEWED
    assert session.is_dirty()


def test_a_correction_realigns_and_undo_restores_the_programs_pairs(
    session: ReviewSession, qtbot: QtBot
) -> None:
    program = session.comparison
    removed = next(p for p in program.pairs if p.status is Status.REMOVED)
    added = next(p for p in program.pairs if p.status is Status.ADDED)
    link = Link(
        (anchor_of(program.old.factors[removed.old_indexes[0]]),),
        (anchor_of(program.new.factors[added.new_indexes[0]]),),
    )
    with qtbot.waitSignal(session.comparison_changed):
        session.correct(link, "Pair old and new")
    assert any(p.corrected for p in session.comparison.pairs)
    assert session.undo_stack.undoText() == "Pair old and new"
    session.undo_stack.undo()
    assert session.comparison.pairs == program.pairs


def test_a_mark_survives_a_later_correction_and_a_save_and_reopen(
    session: ReviewSession, tmp_path: Path
) -> None:
    program = session.comparison
    last = len(program.pairs) - 1
    session.set_state(last, ReviewState.FLAGGED)
    session.set_note(last, "check wording")
    flagged_old = program.pairs[last].old_indexes
    session.correct(NotAHeading(Side.NEW, anchor_of(program.new.factors[1])), "Not a heading")
    marks = session.reviewed.marks
    k = next(i for i, m in enumerate(marks) if m.state is ReviewState.FLAGGED)
    assert session.comparison.pairs[k].old_indexes == flagged_old
    path = tmp_path / "iij.factordiff"
    session.save(path)
    assert not session.is_dirty()
    reopened = ReviewSession(compare_files(program.old.path, program.new.path), reviewer="bob")
    reopened.load(load_review(path), path)
    assert reopened.reviewed.marks == session.reviewed.marks
    assert reopened.comparison.pairs == session.comparison.pairs
    assert not reopened.is_dirty()
