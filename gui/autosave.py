"""Autosave of review work, and its recovery after a crash.

While a window's review has work not saved to its review file, a copy is written every minute
(`AUTOSAVE_INTERVAL_MS`) to the per-user data folder (`<AppDataLocation>/autosave`), one file
per comparison: `<when>-<pid>-<token>.factordiff`, so two windows, or two FactorDiffs, never
write the same file. It is a review file like any other, with one key more (`autosave_of`:
the review file it copies, if it has one). The copy is written atomically (a temporary file
renamed over it: a program killed while writing leaves the previous copy) and removed once the
work is saved or discarded, or the window closes with nothing unsaved.

It is written in the window's thread, without flushing it to the disk (the copy must survive
the program's crash, not a power cut; the person's own Save does flush): 3 ms for a review of
a dozen notes, 9 ms for 600, once a minute (measured under load). A Python worker thread would
be no cheaper here and not safe: a garbage collection it triggers may finalise the window's
Qt objects off the GUI thread, which deadlocks (seen with another worker in the test suite).

Each copy is held by a lock file (`….factordiff.lock`, QLockFile) while its window lives. A
copy whose lock nobody holds is one a crashed FactorDiff left behind: the next start lists
those (`find_left_behind`) and offers to restore them (gui.autosave_dialog).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from core.output import write_atomically
from core.review.file import SUFFIX, ReviewFileError, load_review, review_text
from core.review.model import Review
from gui.review_session import ReviewSession

# A minute of work is the most a crash may cost.
AUTOSAVE_INTERVAL_MS = 60_000
# Where tests (and a person who wants them elsewhere) put autosaves instead.
FOLDER_VARIABLE = "FACTORDIFF_AUTOSAVE_DIR"
ORIGINAL_KEY = "autosave_of"
_LOCK_SUFFIX = ".lock"
log = logging.getLogger("factordiff")


def autosave_folder() -> Path:
    """`$FACTORDIFF_AUTOSAVE_DIR`, else `<the per-user data folder>/autosave`."""
    chosen = os.environ.get(FOLDER_VARIABLE)
    if chosen:
        return Path(chosen)
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(data) / "autosave"


def _write_quietly(path: Path, text: str) -> None:
    """An autosave that cannot be written (a full disk) is logged, not shown: the person's
    own Save still works and says so when it fails."""
    try:
        write_atomically(path, text, durable=False)
    except OSError as error:
        log.warning("autosave to %s failed: %s", path, error)


def _lock_for(path: Path) -> QLockFile:
    lock = QLockFile(str(path) + _LOCK_SUFFIX)
    # Only a dead holder makes a lock stale: a window may hold its lock for days.
    lock.setStaleLockTime(0)
    return lock


@dataclass(slots=True)
class LeftBehind:
    """An autosave no running FactorDiff holds: its file, its lock (now held by us until it is
    restored, discarded or left for later), the review (None when it cannot be read, with the
    reason in `problem`), the review file it copies and when it was written."""

    path: Path
    lock: QLockFile
    review: Review | None
    review_path: Path | None
    saved: datetime
    problem: str = ""

    def discard(self) -> None:
        """Delete the autosave (the person does not want it)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.lock.unlock()

    def keep(self) -> None:
        """Leave it for the next start."""
        self.lock.unlock()


def find_left_behind(folder: Path | None = None) -> list[LeftBehind]:
    """The autosaves in `folder` whose FactorDiff is gone, newest first, each locked for us."""
    folder = folder or autosave_folder()
    found: list[LeftBehind] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        lock = _lock_for(path)
        if not lock.tryLock(0):
            continue  # a running window's
        saved = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        try:
            review = load_review(path)
            original = json.loads(path.read_text(encoding="utf-8")).get(ORIGINAL_KEY)
        except (ReviewFileError, OSError, ValueError) as error:
            found.append(LeftBehind(path, lock, None, None, saved, str(error)))
            continue
        review_path = Path(original) if isinstance(original, str) and original else None
        found.append(LeftBehind(path, lock, review, review_path, saved))
    found.sort(key=lambda left: left.saved, reverse=True)
    return found


class Autosaver(QObject):
    """The autosave of one window's review. `follow(session)` watches the review shown;
    every `interval_ms` that it has unsaved work changed since the last copy, a copy is
    written."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        interval_ms: int = AUTOSAVE_INTERVAL_MS,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.write_now)
        self._session: ReviewSession | None = None
        self._path: Path | None = None
        self._lock: QLockFile | None = None
        self._copied: Review | None = None  # the review last copied

    @property
    def path(self) -> Path | None:
        """The copy being kept (None before the first one, or after it was removed)."""
        return self._path

    def set_interval(self, milliseconds: int) -> None:
        self._timer.setInterval(milliseconds)

    def follow(self, session: ReviewSession | None, *, adopt: LeftBehind | None = None) -> None:
        """Watch `session` from now on; the previous session's copy is removed (its work was
        saved or discarded before another comparison replaced it). `adopt`: a left-behind
        copy this session restores, which it goes on writing."""
        if self._session is not None:
            with contextlib.suppress(RuntimeError):  # the session may be gone already
                self._session.dirty_changed.disconnect(self._on_dirty_changed)
        self.remove()
        self._session = session
        if adopt is not None:
            self._path, self._lock = adopt.path, adopt.lock
        if session is None:
            return
        session.dirty_changed.connect(self._on_dirty_changed)
        if session.is_dirty():
            self._timer.start()

    def _on_dirty_changed(self, dirty: bool) -> None:
        if dirty:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self.remove()  # saved, or undone back to the saved state

    def write_now(self) -> None:
        """Copy the review now if it has unsaved work not copied yet."""
        session = self._session
        if session is None or not session.is_dirty():
            self._timer.stop()
            return
        review = session.review
        if review is self._copied and self._path is not None:
            return
        if self._path is None and not self._open_file():
            return
        assert self._path is not None
        original = str(session.path) if session.path is not None else None
        text = review_text(review, extra={ORIGINAL_KEY: original})
        self._copied = review
        _write_quietly(self._path, text)

    def _open_file(self) -> bool:
        folder = self._folder or autosave_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        path = folder / f"{stamp}-{os.getpid()}-{uuid.uuid4().hex[:8]}{SUFFIX}"
        lock = _lock_for(path)
        if not lock.tryLock(0):
            return False
        self._path, self._lock = path, lock
        return True

    def remove(self) -> None:
        """Remove the copy and give up its lock."""
        self._timer.stop()
        self._copied = None
        path, lock = self._path, self._lock
        self._path = self._lock = None
        if path is None:
            return
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove the autosave %s: %s", path, error)
        if lock is not None:
            lock.unlock()

    def close(self) -> None:
        """The window closes with its work saved or discarded: remove the copy, stop."""
        self.follow(None)
