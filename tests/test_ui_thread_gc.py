"""Cyclic garbage made on a worker thread is freed on the UI thread (gui.ui_thread_gc)."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from gui.ui_thread_gc import TICK_MS, collect_due


class _Cycle:
    """An object in a reference cycle that notes the thread it was freed on."""

    freed_on: list[int] = []  # noqa: RUF012 - shared record, read by the test

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.get_ident())


def test_automatic_collection_is_off_while_the_app_runs() -> None:
    assert not gc.isenabled()


def test_cycles_made_by_a_worker_are_freed_on_the_ui_thread(qtbot: QtBot) -> None:
    _Cycle.freed_on.clear()

    def work() -> None:
        # Far more allocations than the youngest generation's threshold: with automatic
        # collection on, this thread would collect its own cycles (and any Qt wrappers in
        # them) part-way through.
        for _ in range(gc.get_threshold()[0] * 20):
            _Cycle()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert _Cycle.freed_on == []
    qtbot.waitUntil(lambda: bool(_Cycle.freed_on), timeout=20 * TICK_MS)
    assert set(_Cycle.freed_on) == {threading.main_thread().ident}


def test_nothing_is_collected_before_a_threshold_is_passed() -> None:
    gc.collect()
    assert collect_due() == -1
