"""Read and segment several filings, in worker processes when that is worth it, and keep
those of one company and form, one per fiscal year.

>>> loaded = load_filings(["fy2009.txt", "fy2005.txt", "other-company.txt"])  # doctest: +SKIP
>>> [f.fiscal_year for f in loaded.filings], [r.path for r in loaded.refused]  # doctest: +SKIP
([2005, 2009], ['other-company.txt'])
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from core.errors import Cancelled, FactorDiffError
from core.model import Filing, Progress
from core.pipeline import load_filing
from core.progress import report
from core.timeline.model import Refusal

# Fewer files than this make no timeline; more than this are more than a person can read as
# one matrix (and than the issue asks for: a decade or two of annual reports).
MIN_FILINGS = 2
MAX_FILINGS = 25
# Below this many bytes in all, starting worker processes (each imports the reading stack,
# ~0.3 s) costs more than reading the files one after another saves (scripts/bench_timeline.py:
# the four IIJ text filings, 0.5 MB, read in ~0.1 s in one process).
PARALLEL_MIN_BYTES = 2_000_000
# How often the wait for worker processes wakes to report progress and notice a cancel.
_POLL_SECONDS = 0.05

_COMPANY_NOISE = re.compile(r"[^a-z0-9]+")
_COMPANY_SUFFIXES = frozenset({"inc", "corp", "corporation", "co", "ltd", "plc", "sa", "nv", "ag"})


@dataclass(frozen=True, slots=True)
class Loaded:
    """The filings kept, oldest fiscal year first, and the files refused with the reason."""

    filings: tuple[Filing, ...]
    refused: tuple[Refusal, ...]


def load_filings(
    paths: Sequence[str | os.PathLike[str]],
    *,
    parallel: bool | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """Load every file in `paths`, keep the filings of the company and form most of them are
    (one per fiscal year), sorted by fiscal year; refuse the rest, each with a message naming
    the file. A file that cannot be read or has no Risk Factors section is refused too.

    `parallel` None decides by the files' total size (PARALLEL_MIN_BYTES); `workers` is the
    number of processes (default: the machine's CPU count). Progress is (files done, files);
    core.errors.Cancelled raised by `progress` stops the work (files still being read in a
    worker process are abandoned). Raises FactorDiffError for fewer than MIN_FILINGS or more
    than MAX_FILINGS files.
    """
    names = [str(path) for path in paths]
    if not MIN_FILINGS <= len(names) <= MAX_FILINGS:
        raise FactorDiffError(
            f"A timeline needs {MIN_FILINGS} to {MAX_FILINGS} filings; {len(names)} given."
        )
    if parallel is None:
        parallel = _total_bytes(names) >= PARALLEL_MIN_BYTES
    results = (
        _load_in_processes(names, workers, progress) if parallel else _load_here(names, progress)
    )
    filings: list[Filing] = []
    refused: list[Refusal] = []
    for name in names:
        result = results[name]
        if isinstance(result, Filing):
            filings.append(result)
        else:
            refused.append(Refusal(name, result))
    kept, left_out = one_company(filings)
    return Loaded(kept, (*refused, *left_out))


def one_company(filings: Sequence[Filing]) -> tuple[tuple[Filing, ...], tuple[Refusal, ...]]:
    """The filings of the company and form most of `filings` are (on a tie, those of the
    latest filing), one per fiscal year, oldest first; and the others, refused by name.

    A filing whose company or form is not known is taken to be of the same one."""
    if not filings:
        return (), ()
    known = [_identity(f) for f in filings if f.company and f.form]
    latest = max(filings, key=lambda f: f.fiscal_year or 0)
    counts = Counter(known)
    chosen = max(counts, key=lambda k: (counts[k], k == _identity(latest))) if counts else None
    named = next((f for f in filings if chosen and _identity(f) == chosen), latest)
    kept: dict[int, Filing] = {}
    refused: list[Refusal] = []
    for filing in filings:
        name = Path(filing.path).name
        if chosen is not None and filing.company and filing.form and _identity(filing) != chosen:
            reason = (
                f"{name} is a {filing.form} of {filing.company}, not a {named.form} of "
                f"{named.company} like the others; it was left out."
            )
        elif filing.fiscal_year is None:
            reason = f"{name}: no fiscal year could be found in it, so it has no place in time."
        elif filing.fiscal_year in kept:
            other = Path(kept[filing.fiscal_year].path).name
            reason = f"{name} is a second filing for FY{filing.fiscal_year} ({other} is kept)."
        else:
            kept[filing.fiscal_year] = filing
            continue
        refused.append(Refusal(filing.path, reason))
    return tuple(kept[year] for year in sorted(kept)), tuple(refused)


def _identity(filing: Filing) -> tuple[str, str]:
    words = _COMPANY_NOISE.sub(" ", filing.company.lower()).split()
    return " ".join(w for w in words if w not in _COMPANY_SUFFIXES), filing.form


def _total_bytes(names: Sequence[str]) -> int:
    total = 0
    for name in names:
        try:
            total += Path(name).stat().st_size
        except OSError:
            continue  # reported by the load itself
    return total


def load_one(path: str) -> Filing | str:
    """The filing at `path`, or the reason it cannot be read (a worker's task: an error
    message travels between processes more safely than an exception)."""
    try:
        return load_filing(path)
    except FactorDiffError as error:
        return f"{Path(path).name}: {error}"
    except OSError as error:
        return f"{Path(path).name}: {error.strerror or error}"


def _load_here(names: Sequence[str], progress: Progress | None) -> dict[str, Filing | str]:
    results: dict[str, Filing | str] = {}
    for done, name in enumerate(names):
        report(progress, done, len(names))
        results[name] = load_one(name)
    report(progress, len(names), len(names))
    return results


def _load_in_processes(
    names: Sequence[str], workers: int | None, progress: Progress | None
) -> dict[str, Filing | str]:
    count = min(len(names), workers or os.cpu_count() or 1)
    executor = ProcessPoolExecutor(max_workers=count, mp_context=_process_context())
    results: dict[str, Filing | str] = {}
    try:
        futures: dict[Future[Filing | str], str] = {
            executor.submit(load_one, name): name for name in dict.fromkeys(names)
        }
        pending = set(futures)
        while pending:
            report(progress, len(futures) - len(pending), len(futures))
            finished, pending = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in finished:
                results[futures[future]] = future.result()
        report(progress, len(futures), len(futures))
    except Cancelled:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    except BrokenProcessPool:
        # A worker died (out of memory, killed, a program that cannot start workers): what
        # is left is read here, slower but whole.
        executor.shutdown(wait=False, cancel_futures=True)
        rest = [name for name in names if name not in results]
        results.update(_load_here(rest, None))
        return results
    executor.shutdown(wait=True)
    return results


def _process_context() -> multiprocessing.context.BaseContext:
    """Worker processes started from a clean server process where the platform has one:
    forking a process that runs threads (the GUI's) can copy a held lock into the child."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["core.pipeline"])
        return context
    return multiprocessing.get_context("spawn")
