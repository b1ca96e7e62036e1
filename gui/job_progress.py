"""The progress callback a background job hands to core: it cancels and it throttles.

Core reports progress every few milliseconds; the UI needs at most a few updates a second, and
a cancel must stop the work at its next report. Shared by the comparison, EDGAR and timeline
workers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from core.errors import Cancelled

# Seconds between two progress signals: 20 a second keeps the bar smooth without flooding the
# UI thread's event queue.
PROGRESS_INTERVAL = 0.05


class JobProgress:
    """`progress(done, total)` for core: raises Cancelled once `cancel` is set, and passes
    (done, total) to `emit` at most every PROGRESS_INTERVAL seconds, and always at the end."""

    def __init__(
        self, emit: Callable[[int, int], None], cancel: threading.Event, *, cancelled: str
    ) -> None:
        self._emit = emit
        self._cancel = cancel
        self._cancelled = cancelled
        self._last_report = 0.0

    def __call__(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled(self._cancelled)
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_INTERVAL or done >= total:
            self._last_report = now
            self._emit(done, total)
