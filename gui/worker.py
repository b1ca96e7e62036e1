"""Load and compare two filings off the UI thread, with progress and cancel.

`ComparisonLoader.start(old, new)` runs `core.compare.review_files` on a worker thread. The
worker's progress callback reports to the UI thread and raises `core.errors.Cancelled` once
`cancel()` was called, so cancelling stops the work at its next progress step. Only the newest
request reports a result: starting a new comparison cancels the one still running.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.compare import older_first, older_first_reviewed, review_files
from core.errors import Cancelled
from core.model import Comparison, Filing
from core.pipeline import load_filing
from core.review.apply import Reviewed
from gui.job_progress import JobProgress

# core.compare.review_files (or compare_files: no scores kept for the review), or a stand-in
# with the shape of either.
CompareFiles = Callable[..., Comparison | Reviewed]
# Work on a finished comparison that needs no Qt, done on the worker thread too (the window's
# CompareView.prepare); what it returns is `ComparisonLoader.prepared(comparison)`.
Prepare = Callable[[Comparison], object]


@dataclass(frozen=True, slots=True)
class Request:
    """What to compare; `number` tells a late answer to an old request from the current one.

    With `by_year`, the two files may come in either order (two files dropped at once): the
    filing with the earlier fiscal year ends up as the old one.
    """

    old: Path
    new: Path
    number: int
    by_year: bool = False
    # 0 or 1: read only the filing `new` to show it alone on that side (see start_one).
    alone_on: int | None = None


class _Reporter(QObject):
    # Emitted from the worker thread; Qt queues them to the loader on the UI thread.
    progress = Signal(int, int, int)  # request number, done, total
    # request number, (Comparison, prepared, Reviewed or None), seconds
    finished = Signal(int, object, float)
    loaded = Signal(int, object)  # request number, Filing (read alone)
    failed = Signal(int, object)  # request number, exception


class _Job(QRunnable):
    def __init__(
        self,
        request: Request,
        reporter: _Reporter,
        cancel: threading.Event,
        compare: CompareFiles,
        prepare: Prepare | None = None,
    ) -> None:
        super().__init__()
        self._compare = compare
        self._prepare = prepare
        self._request = request
        self._reporter = reporter
        self._cancel = cancel
        self._progress = JobProgress(
            partial(reporter.progress.emit, request.number),
            cancel,
            cancelled="Comparison cancelled.",
        )

    def run(self) -> None:
        started = time.perf_counter()
        number = self._request.number
        try:
            request = self._request
            if request.alone_on is not None:
                filing = load_filing(request.new, progress=self._progress)
                if self._cancel.is_set():
                    raise Cancelled("Comparison cancelled.")
                self._reporter.loaded.emit(number, filing)
                return
            compared = self._compare(request.old, request.new, progress=self._progress)
            reviewed: Reviewed | None = None
            if isinstance(compared, Reviewed):
                if request.by_year:
                    compared = older_first_reviewed(compared, progress=self._progress)
                reviewed, comparison = compared, compared.comparison
            else:
                comparison = compared
                if request.by_year:
                    comparison = older_first(comparison, progress=self._progress)
            if self._cancel.is_set():
                raise Cancelled("Comparison cancelled.")
            prepared = self._prepare(comparison) if self._prepare is not None else None
            if self._cancel.is_set():
                raise Cancelled("Comparison cancelled.")
        except Exception as error:  # every failure, bug or not, is reported to the UI thread
            self._reporter.failed.emit(number, error)
            return
        seconds = time.perf_counter() - started
        self._reporter.finished.emit(number, (comparison, prepared, reviewed), seconds)


class ComparisonLoader(QObject):
    """Runs one comparison at a time in the background.

    Signals:
        started(Request): a comparison began.
        progress(int, int): done and total steps of the current comparison.
        finished(Request, Comparison, float): the current comparison is ready (and seconds taken).
        filing_loaded(Request, Filing): the filing asked for by `start_one` is read.
        failed(Request, BaseException): it could not be made (a FactorDiffError or a bug).
        cancelled(Request): it was cancelled; nothing changes.
    """

    started = Signal(object)
    progress = Signal(int, int)
    finished = Signal(object, object, float)
    filing_loaded = Signal(object, object)
    failed = Signal(object, object)
    cancelled = Signal(object)

    def __init__(self, parent: QObject | None = None, *, compare: CompareFiles = review_files):
        super().__init__(parent)
        self._compare = compare
        # Two threads: a cancelled job may still be finishing its current step.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._reporter = _Reporter(self)
        self._requests = 0
        self._current: Request | None = None
        self._cancel = threading.Event()
        self._prepare: Prepare | None = None
        self._prepared: tuple[Comparison, object, Reviewed | None] | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._reporter.progress.connect(self._on_progress)
        self._reporter.finished.connect(self._on_finished)
        self._reporter.loaded.connect(self._on_loaded)
        self._reporter.failed.connect(self._on_failed)

    def busy(self) -> bool:
        return self._current is not None

    def set_prepare(self, prepare: Prepare | None) -> None:
        """Run `prepare` on each comparison on the worker thread, after comparing."""
        self._prepare = prepare

    def prepared(self, comparison: Comparison) -> object:
        """What `prepare` returned for `comparison` (the last one finished), else None."""
        if self._prepared is not None and self._prepared[0] is comparison:
            return self._prepared[1]
        return None

    def reviewed(self, comparison: Comparison) -> Reviewed | None:
        """`comparison` (the last one finished) under no review yet, with the scores and
        pair diffs its alignment made, for the review's first correction; else None."""
        if self._prepared is not None and self._prepared[0] is comparison:
            return self._prepared[2]
        return None

    def start(self, old: Path, new: Path, *, by_year: bool = False) -> Request:
        """Compare `old` with `new` (in fiscal-year order when `by_year`); a comparison still
        running is cancelled."""
        self.cancel()
        self._requests += 1
        request = Request(old, new, self._requests, by_year)
        self._current = request
        self._cancel = threading.Event()
        self._pool.start(_Job(request, self._reporter, self._cancel, self._compare, self._prepare))
        self.started.emit(request)
        return request

    def start_one(self, path: Path, side: int) -> Request:
        """Read the filing at `path` alone, to show it on `side` until the other is chosen."""
        self.cancel()
        self._requests += 1
        request = Request(path, path, self._requests, alone_on=side)
        self._current = request
        self._cancel = threading.Event()
        self._pool.start(_Job(request, self._reporter, self._cancel, self._compare))
        self.started.emit(request)
        return request

    def cancel(self) -> None:
        """Stop the running comparison at its next progress step; nothing is reported for it
        except `cancelled`."""
        request = self._current
        if request is None:
            return
        self._cancel.set()
        self._current = None
        self.cancelled.emit(request)

    def wait(self, msecs: int = -1) -> bool:
        """Block until no job runs (on shutdown, so no thread outlives the application)."""
        return self._pool.waitForDone(msecs)

    def _take(self, number: int) -> Request | None:
        request = self._current
        if request is None or request.number != number:
            return None  # an answer to a request that was cancelled or replaced
        self._current = None
        return request

    def _on_progress(self, number: int, done: int, total: int) -> None:
        if self._current is not None and self._current.number == number:
            self.progress.emit(done, total)

    def _on_finished(
        self, number: int, result: tuple[Comparison, object, Reviewed | None], seconds: float
    ) -> None:
        request = self._take(number)
        if request is not None:
            comparison = result[0]
            self._prepared = result
            self.finished.emit(request, comparison, seconds)

    def _on_loaded(self, number: int, filing: Filing) -> None:
        request = self._take(number)
        if request is not None:
            self.filing_loaded.emit(request, filing)

    def _on_failed(self, number: int, error: BaseException) -> None:
        request = self._take(number)
        if request is None:
            return
        if isinstance(error, Cancelled):
            self.cancelled.emit(request)
        else:
            self.failed.emit(request, error)
