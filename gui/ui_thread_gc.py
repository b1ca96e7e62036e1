"""Python's cyclic garbage is collected on the UI thread only.

CPython runs a collection in whichever thread happens to allocate when a generation's count
passes its threshold. When that is a worker (the comparison loader, the review's scoring, the
pane planner, EDGAR and timeline jobs), the collection can free a Qt object whose Python
wrapper sat in a reference cycle, and so destroy it off the thread that owns it: Qt then
deadlocks or crashes (seen as a hang in a window test, with the review's scoring thread
collecting while the UI thread waited, and as a segfault inside pytest-qt's event processing).

So automatic collection is switched off and the UI thread collects instead, from a timer and
by the same rule automatic collection follows: the youngest generation whose count passed its
threshold, and every younger one with it. Reference counting, which frees almost everything,
is untouched; only cycles wait, for at most one tick.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# How often the UI thread looks at the counts: short enough that cyclic garbage made by a
# worker does not pile up (a comparison makes a few thousand objects per 100 ms at most),
# long enough that the check itself (three integer comparisons) costs nothing.
TICK_MS = 100


def collect_due() -> int:
    """Collect the generations whose counts passed their thresholds, as CPython's automatic
    collection would; the oldest generation collected, or -1 when none was due.

    >>> gc.collect() >= 0 and collect_due() in (-1, 0)
    True
    """
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    due = -1
    for generation, (count, threshold) in enumerate(zip(counts, thresholds, strict=True)):
        if threshold and count > threshold:
            due = generation
        else:
            break
    if due >= 0:
        gc.collect(due)
    return due


class UiThreadCollector(QObject):
    """Switches automatic collection off while it lives and collects on its own thread (the
    one it is made on: the UI thread) every TICK_MS."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(collect_due)
        self._timer.start()

    def stop(self) -> None:
        """Automatic collection back as it was before; what is due collected now."""
        self._timer.stop()
        collect_due()
        if self._was_enabled:
            gc.enable()


def collect_on_ui_thread(app: QObject) -> UiThreadCollector:
    """The collector for `app`'s lifetime (made once; a second call returns the first)."""
    existing = app.findChild(UiThreadCollector)
    if isinstance(existing, UiThreadCollector):
        return existing
    return UiThreadCollector(app)
