"""Autosave of review work: a copy on a timer while there is unsaved work, gone once the work
is saved, undone or discarded; after a crash the next start offers to restore it (Restore /
Discard / Later), and a program killed while it autosaves and saves leaves every file whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.model import Status
from core.review.file import load_review, save_review
from core.review.model import ReviewState
from gui.app import open_window
from gui.autosave import ORIGINAL_KEY, autosave_folder, find_left_behind
from gui.autosave_dialog import RestoreDialog
from gui.main_window import MainWindow
from tests.review_support import copy_samples, discard_unsaved_reviews
from tests.test_main_window import LOAD_TIMEOUT, compare_and_wait, make_window

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
INTERVAL_MS = 40  # a minute in the program; short here so the tests do not wait


@pytest.fixture
def filings(tmp_path: Path) -> tuple[Path, Path]:
    return copy_samples(tmp_path / "filings")


@pytest.fixture(autouse=True)
def discard_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_unsaved_reviews(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, filings: tuple[Path, Path]) -> MainWindow:
    shown = make_window(qtbot)
    shown.review.autosave.set_interval(INTERVAL_MS)
    compare_and_wait(qtbot, shown, *filings)
    return shown


def first_change(window: MainWindow) -> int:
    comparison = window.comparison()
    assert comparison is not None
    return next(k for k, p in enumerate(comparison.pairs) if p.status is not Status.UNCHANGED)


def autosaves() -> list[Path]:
    folder = autosave_folder()
    return sorted(folder.glob("*.factordiff")) if folder.is_dir() else []


def wait_for_autosave(qtbot: QtBot, window: MainWindow) -> Path:
    def written() -> bool:
        path = window.review.autosave.path
        return path is not None and path.is_file()

    qtbot.waitUntil(written, timeout=5000)
    path = window.review.autosave.path
    assert path is not None
    return path


def test_unsaved_work_is_autosaved_and_the_copy_goes_once_it_is_saved(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    session = window.review.session
    assert session is not None
    assert autosaves() == []  # nothing to keep yet
    index = first_change(window)
    session.set_state(index, ReviewState.FLAGGED)
    session.set_note(index, "ask the CFO")
    copy = wait_for_autosave(qtbot, window)
    assert copy.parent == autosave_folder()
    restored = load_review(copy)
    assert restored.marks == session.review.marks
    assert json.loads(copy.read_text(encoding="utf-8"))[ORIGINAL_KEY] is None
    assert find_left_behind() == []  # this window holds it: not a crash's
    # Later work is copied at the next tick.
    session.set_note(index, "ask the CFO and the auditors")
    qtbot.waitUntil(lambda: "auditors" in _settled(copy), timeout=5000)
    # Saved: the copy is gone.
    review_file = tmp_path / "annual.factordiff"
    session.save(review_file)
    assert autosaves() == []
    # New work after the save: the copy names the review file it stands for.
    session.set_state(index, ReviewState.REVIEWED)
    copy = wait_for_autosave(qtbot, window)
    assert json.loads(copy.read_text(encoding="utf-8"))[ORIGINAL_KEY] == str(review_file)
    # Undone back to the saved state: nothing unsaved, no copy.
    session.undo_stack.undo()
    assert autosaves() == []


def _settled(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def test_closing_the_window_or_discarding_removes_the_copy(
    qtbot: QtBot, window: MainWindow, filings: tuple[Path, Path]
) -> None:
    session = window.review.session
    assert session is not None
    session.set_state(first_change(window), ReviewState.REVIEWED)
    wait_for_autosave(qtbot, window)
    # Another comparison, the work discarded when asked: the copy goes.
    compare_and_wait(qtbot, window, filings[1], filings[0])
    assert autosaves() == []
    session = window.review.session
    assert session is not None
    session.set_state(first_change(window), ReviewState.FLAGGED)
    wait_for_autosave(qtbot, window)
    window.close()  # unsaved work discarded when asked
    assert autosaves() == []


def left_behind_copy(filings: tuple[Path, Path], review_file: Path | None) -> Path:
    """An autosave as a crashed FactorDiff leaves it: a review with a flag and a note, in the
    autosave folder, its lock held by nobody."""
    from core.align.pairing import align
    from core.pipeline import load_filing
    from core.review.apply import pair_key
    from core.review.file import filing_record
    from core.review.model import Mark, Review

    old, new = load_filing(filings[0]), load_filing(filings[1])
    comparison = align(old, new)
    pair = next(p for p in comparison.pairs if p.status is Status.MODIFIED)
    mark = Mark(pair_key(comparison, pair), ReviewState.FLAGGED, "left by a crash", "ann", "")
    review = Review(filing_record(old), filing_record(new), marks=(mark,))
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "20261203-140500-99999-deadbeef.factordiff"
    original = str(review_file) if review_file else None
    save_review(path, review, extra={ORIGINAL_KEY: original})
    return path


def answer_restore_dialog(monkeypatch: pytest.MonkeyPatch, button: str) -> list[str]:
    """The dialog's buttons pressed as a person would; returns the lines it listed."""
    listed: list[str] = []

    def press(dialog: RestoreDialog) -> int:
        listed.extend(dialog.list.item(row).text() for row in range(dialog.list.count()))
        getattr(dialog, f"{button}_button").click()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", press)
    return listed


def test_a_crash_left_copy_is_restored_as_unsaved_work_of_its_review_file(
    qtbot: QtBot, filings: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review_file = tmp_path / "annual.factordiff"
    copy = left_behind_copy(filings, review_file)
    listed = answer_restore_dialog(monkeypatch, "restore")
    window = open_window([])
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    qtbot.waitUntil(lambda: window.review.session is not None, timeout=LOAD_TIMEOUT)
    assert len(listed) == 1
    assert listed[0].startswith("Autosaved ")
    assert listed[0].endswith(" · IIJ: 20-F FY2008 → 20-F FY2009 · 1 marked, 1 note, 0 corrections")
    session = window.review.session
    assert session is not None
    comparison = window.comparison()
    assert comparison is not None and Path(comparison.new.path) == filings[1]
    notes = [mark.note for mark in session.reviewed.marks if mark.note]
    assert notes == ["left by a crash"]
    assert session.is_dirty() and window.windowTitle().startswith("*")
    assert session.path == review_file  # Save writes the review file it stood for
    assert "Restore Autosaved Review" in window.actions_by_id["undo"].text()
    assert window.review.autosave.path == copy  # autosaved on to the same copy
    session.save(review_file)
    assert not copy.exists()


@pytest.mark.parametrize(
    ("button", "kept"),
    [
        ("discard", False),  # deleted: never offered again
        ("later", True),  # kept, offered at the next start
    ],
)
def test_a_crash_left_copy_can_be_discarded_or_kept_for_later(
    qtbot: QtBot,
    filings: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    button: str,
    kept: bool,
) -> None:
    copy = left_behind_copy(filings, None)
    answer_restore_dialog(monkeypatch, button)
    window = open_window([str(filings[0]), str(filings[1])])
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    qtbot.waitUntil(
        lambda: window.comparison() is not None and not window.showing(), timeout=LOAD_TIMEOUT
    )
    assert copy.exists() is kept
    session = window.review.session
    assert session is not None and not session.is_dirty()  # the comparison asked for, fresh
    assert [left.path for left in find_left_behind()] == ([copy] if kept else [])


_REVIEW_AND_CRASH = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from core.model import Status
from core.review.model import ReviewState
from gui.main_window import MainWindow

app = QApplication([])
window = MainWindow()
window.review.autosave.set_interval(15)
review_file = Path(sys.argv[3])
mode = sys.argv[4]
step = [0]

def work():
    session = window.review.session
    if session is None:
        return
    pairs = session.comparison.pairs
    changes = [k for k, pair in enumerate(pairs) if pair.status is not Status.UNCHANGED]
    index = changes[step[0] % len(changes)]
    session.set_note(index, f"note {step[0]} " + "x" * 2000)
    session.set_state(index, ReviewState.FLAGGED)
    # "saving": the review file saved every third step; "autosaving": once, then only autosaved.
    if step[0] == 2 or (mode == "saving" and step[0] % 3 == 2):
        session.save(review_file)
    if step[0] == 30:
        print("working", flush=True)
    step[0] += 1

timer = QTimer()
timer.timeout.connect(work)
timer.start(5)
window.compare(Path(sys.argv[1]), Path(sys.argv[2]))
app.exec()
"""


@pytest.mark.parametrize("mode", ["saving", "autosaving"])
def test_killing_the_program_while_it_autosaves_or_saves_leaves_every_file_whole(
    filings: tuple[Path, Path], tmp_path: Path, mode: str
) -> None:
    review_file = tmp_path / "annual.factordiff"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    for delay in (0.0, 0.05, 0.2):
        process = subprocess.Popen(
            [sys.executable, "-c", _REVIEW_AND_CRASH, *map(str, filings), str(review_file), mode],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "working"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        # The review file: the last one saved, whole.
        assert load_review(review_file).marks
        # The autosave: whole, and offered at the next start (while it saves its review file
        # every few steps, the kill may come just after a save removed the copy).
        found = find_left_behind()
        assert len(found) == 1 if mode == "autosaving" else len(found) <= 1
        for left in found:
            assert left.review is not None, left.problem
            assert left.review.marks
            assert left.review_path == review_file
            left.discard()
        assert autosaves() == []
