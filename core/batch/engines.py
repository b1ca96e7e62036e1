"""Where the tasks run: worker processes on this machine, or a Dask distributed cluster.

Both run one function over many items and hand back (item, result) pairs as tasks complete,
in any order, with a bounded number of tasks in flight, so that memory stays flat however
many items there are. A task that dies with its worker (a crash, the machine out of memory)
comes back with the exception in place of its result; the run goes on.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Tasks in flight per worker: one running, one queued so that a worker never waits for the
# client between two tasks.
_IN_FLIGHT_PER_WORKER = 2


class Engine(Protocol):
    workers: int

    def run(
        self, task: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[tuple[Item, Result | BaseException]]: ...

    def close(self) -> None: ...


def _ignore_interrupts() -> None:
    # Ctrl+C reaches every process of the terminal's group: the workers leave it to the
    # batch, which stops handing out tasks and saves what finished.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalEngine:
    """A pool of `workers` processes (default: one per core)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per worker, the same on every platform, and safe in a
        # process that has threads (forking one that runs Qt or Dask threads is not).
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_ignore_interrupts,
        )

    def run(
        self, task: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[tuple[Item, Result | BaseException]]:
        waiting = iter(items)
        running: dict[Future[Result], Item] = {}
        try:
            while True:
                while len(running) < self.workers * _IN_FLIGHT_PER_WORKER:
                    item = next(waiting, _END)
                    if item is _END:
                        break
                    running[self._pool.submit(task, item)] = item
                if not running:
                    return
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for future in finished:
                    item = running.pop(future)
                    error = future.exception()
                    broken = broken or isinstance(error, BrokenProcessPool)
                    yield item, (error if error is not None else future.result())
                if broken:
                    # Every task in flight failed with the pool; start a new one for the rest.
                    for future, item in running.items():
                        yield item, future.exception() or BrokenProcessPool("worker stopped")
                    running.clear()
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
        finally:
            for future in running:
                future.cancel()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


_END: Any = object()


class DaskEngine:
    """Tasks on a Dask distributed cluster: the scheduler at `address`, or with "local" a
    LocalCluster of `workers` single-threaded worker processes started (and stopped) here."""

    def __init__(self, address: str, *, workers: int | None = None) -> None:
        distributed = _distributed()
        self._cluster = None
        if address == "local":
            self._cluster = distributed.LocalCluster(
                n_workers=max(1, workers or os.cpu_count() or 1),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self._client = distributed.Client(self._cluster)
        else:
            self._client = distributed.Client(address)
        self.workers = max(1, sum(self._client.nthreads().values()))

    def run(
        self, task: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[tuple[Item, Result | BaseException]]:
        waiting = iter(items)
        running: dict[Any, Item] = {}
        completed = _distributed().as_completed()

        def submit_next() -> None:
            item = next(waiting, _END)
            if item is not _END:
                future = self._client.submit(task, item, pure=False)
                running[future] = item
                completed.add(future)

        try:
            for _ in range(self.workers * _IN_FLIGHT_PER_WORKER):
                submit_next()
            for future in completed:
                item = running.pop(future)
                if future.status == "finished":
                    outcome: Result | BaseException = future.result()
                else:
                    outcome = future.exception() or RuntimeError(f"task {future.status}")
                future.release()
                yield item, outcome
                submit_next()
        finally:
            if running:
                self._client.cancel(list(running))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _distributed() -> Any:
    """Dask's distributed package (the batch extra), loaded only when a cluster is asked for."""
    return importlib.import_module("distributed")
