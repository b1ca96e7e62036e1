"""Make a timeline off the UI thread, with progress and cancel (the pattern of gui.worker).

`TimelineLoader.start(paths)` runs `core.timeline.files.timeline_of_files` on a worker
thread (which reads the filings in worker processes). Its progress callback reports to the
UI thread and raises `core.errors.Cancelled` once `cancel()` was called. Only the newest
request reports: starting another cancels the one running.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import Cancelled
from core.timeline.files import timeline_of_files
from core.timeline.model import Timeline
from gui.job_progress import JobProgress

# core.timeline.files.timeline_of_files, or a stand-in with its shape.
MakeTimeline = Callable[..., Timeline]


class _Reporter(QObject):
    # Emitted from the worker thread; Qt queues them to the loader on the UI thread.
    progress = Signal(int, int, int)  # request number, done, total
    finished = Signal(int, object, float)  # request number, Timeline, seconds
    failed = Signal(int, object)  # request number, exception


class _Job(QRunnable):
    def __init__(
        self,
        paths: tuple[Path, ...],
        number: int,
        reporter: _Reporter,
        cancel: threading.Event,
        make: MakeTimeline,
    ) -> None:
        super().__init__()
        self._paths = paths
        self._number = number
        self._reporter = reporter
        self._cancel = cancel
        self._make = make
        self._progress = JobProgress(
            partial(reporter.progress.emit, number), cancel, cancelled="Timeline cancelled."
        )

    def run(self) -> None:
        started = time.perf_counter()
        try:
            timeline = self._make(self._paths, progress=self._progress)
        except Exception as error:  # every failure, bug or not, is reported to the UI thread
            self._reporter.failed.emit(self._number, error)
            return
        self._reporter.finished.emit(self._number, timeline, time.perf_counter() - started)


class TimelineLoader(QObject):
    """Makes one timeline at a time in the background.

    Signals:
        started(int): a timeline of that many files began.
        progress(int, int): done and total steps.
        finished(Timeline, float): the timeline is ready (and the seconds it took).
        failed(BaseException): it could not be made (a FactorDiffError or a bug).
        cancelled(): it was cancelled.
    """

    started = Signal(int)
    progress = Signal(int, int)
    finished = Signal(object, float)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None, *, make: MakeTimeline = timeline_of_files):
        super().__init__(parent)
        self._make = make
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)  # a cancelled job may still be finishing its step
        self._reporter = _Reporter(self)
        self._requests = 0
        self._current: int | None = None
        self._cancel = threading.Event()
        self._reporter.progress.connect(self._on_progress)
        self._reporter.finished.connect(self._on_finished)
        self._reporter.failed.connect(self._on_failed)

    def busy(self) -> bool:
        return self._current is not None

    def start(self, paths: Sequence[Path]) -> None:
        self.cancel()
        self._requests += 1
        self._current = self._requests
        self._cancel = threading.Event()
        job = _Job(tuple(paths), self._requests, self._reporter, self._cancel, self._make)
        self._pool.start(job)
        self.started.emit(len(paths))

    def cancel(self) -> None:
        if self._current is None:
            return
        self._cancel.set()
        self._current = None
        self.cancelled.emit()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_progress(self, number: int, done: int, total: int) -> None:
        if number == self._current:
            self.progress.emit(done, total)

    def _on_finished(self, number: int, timeline: Timeline, seconds: float) -> None:
        if number == self._current:
            self._current = None
            self.finished.emit(timeline, seconds)

    def _on_failed(self, number: int, error: BaseException) -> None:
        if number != self._current:
            return
        self._current = None
        if isinstance(error, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(error)
