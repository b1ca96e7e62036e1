"""EDGAR work (looking up a company, listing its reports, downloading filings) off the UI thread.

`EdgarTasks.start(work)` runs `work(progress)` on a worker thread, as gui.worker does for
comparisons: the progress callback reports to the UI thread and raises core.errors.Cancelled
once `cancel()` was called. Cancelling answers at once (`cancelled` is emitted and the job's
late result is dropped); the thread itself stops at its next progress step, or when its
request times out if the server stalls without sending a byte.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import Cancelled
from core.model import Progress
from gui.job_progress import JobProgress

# A piece of EDGAR work: called on a worker thread with a progress callback, returns a value.
Work = Callable[[Progress], object]


class _Reporter(QObject):
    progress = Signal(int, int, int)  # job number, done, total
    finished = Signal(int, object)  # job number, result
    failed = Signal(int, object)  # job number, exception


class _Job(QRunnable):
    def __init__(
        self, number: int, work: Work, reporter: _Reporter, cancel: threading.Event
    ) -> None:
        super().__init__()
        self._number = number
        self._work = work
        self._reporter = reporter
        self._cancel = cancel
        self._progress = JobProgress(
            partial(reporter.progress.emit, number), cancel, cancelled="cancelled"
        )

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as error:  # every failure, bug or not, is reported to the UI thread
            self._reporter.failed.emit(self._number, error)
            return
        self._reporter.finished.emit(self._number, result)


class EdgarTasks(QObject):
    """One EDGAR job at a time; starting another cancels the one running.

    Signals:
        started(int): job number began.
        progress(int, int): done and total of the current job.
        finished(int, object): the current job's result.
        failed(int, BaseException): it could not be done.
        cancelled(int): it was cancelled (by `cancel()` or a newer job).
    """

    started = Signal(int)
    progress = Signal(int, int)
    finished = Signal(int, object)
    failed = Signal(int, object)
    cancelled = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        # A cancelled job may still be waiting for a stalled server; a new one need not wait.
        self._pool.setMaxThreadCount(3)
        self._reporter = _Reporter(self)
        self._jobs = 0
        self._current: int | None = None
        self._cancel = threading.Event()
        self._reporter.progress.connect(self._on_progress)
        self._reporter.finished.connect(self._on_finished)
        self._reporter.failed.connect(self._on_failed)

    def busy(self) -> bool:
        return self._current is not None

    def start(self, work: Work) -> int:
        self.cancel()
        self._jobs += 1
        self._current = self._jobs
        self._cancel = threading.Event()
        self._pool.start(_Job(self._jobs, work, self._reporter, self._cancel))
        self.started.emit(self._jobs)
        return self._jobs

    def cancel(self) -> None:
        number = self._current
        if number is None:
            return
        self._cancel.set()
        self._current = None
        self.cancelled.emit(number)

    def wait(self, msecs: int = -1) -> bool:
        """Block until no job runs (on shutdown)."""
        return self._pool.waitForDone(msecs)

    def _take(self, number: int) -> bool:
        if self._current != number:
            return False  # an answer to a job that was cancelled or replaced
        self._current = None
        return True

    def _on_progress(self, number: int, done: int, total: int) -> None:
        if self._current == number:
            self.progress.emit(done, total)

    def _on_finished(self, number: int, result: object) -> None:
        if self._take(number):
            self.finished.emit(number, result)

    def _on_failed(self, number: int, error: BaseException) -> None:
        if not self._take(number):
            return
        if isinstance(error, Cancelled):
            self.cancelled.emit(number)
        else:
            self.failed.emit(number, error)
