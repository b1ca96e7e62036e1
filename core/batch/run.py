"""A whole batch: plan the pairs, skip those already in the output, compare the rest on an
engine, write each row as it comes back.

>>> summary = run_batch("filings/", "results.parquet")  # doctest: +SKIP
>>> summary.written, summary.errors  # doctest: +SKIP
(412, 3)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from core.batch.engines import DaskEngine, Engine, LocalEngine
from core.batch.jobs import PairJob, ScannedFiling, consecutive_pairs, filing_paths, read_pair_list
from core.batch.output import RowSink, open_sink, refuse_inputs
from core.batch.row import PairResult, PairRow, ScanTask, compare_pair, run_scan_task
from core.batch.scan_cache import ScanCache, scan_cache_path
from core.model import Progress
from core.output import write_atomically
from core.progress import report
from core.read.document import MAX_BYTES


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a run did: `planned` pairs (unpaired filings included), `skipped` because the
    output had them, `written` rows now, `errors` among them."""

    planned: int
    skipped: int
    written: int
    errors: int


@dataclass(frozen=True, slots=True)
class PairTask:
    """What a worker gets: the pair, whether to return its JSON, the files' bytes if shipped."""

    job: PairJob
    with_json: bool = False
    shipped: tuple[bytes, bytes] | None = None


def run_pair_task(task: PairTask) -> PairResult:
    return compare_pair(task.job, with_json=task.with_json, shipped=task.shipped)


def open_engine(*, workers: int | None = None, dask: str | None = None) -> Engine:
    """Local worker processes, or the Dask cluster at `dask` ("local" starts one)."""
    return DaskEngine(dask, workers=workers) if dask else LocalEngine(workers)


def plan_pairs(
    source: str | os.PathLike[str],
    engine: Engine,
    *,
    cache: ScanCache | None = None,
    ship_bytes: bool = False,
    progress: Progress | None = None,
) -> list[PairJob]:
    """The jobs of `source`: a pair list (a file) or a folder of filings, scanned on `engine`
    (the filings `cache` knows unchanged are not read again; progress reports filings
    scanned of those to scan)."""
    if not Path(source).is_dir():
        return read_pair_list(source)
    scanned: list[ScannedFiling] = []
    to_scan = []
    for path in filing_paths(source):
        known = cache.get(path) if cache is not None else None
        if known is None:
            to_scan.append(path)
        else:
            scanned.append(known)
    report(progress, 0, len(to_scan))
    tasks = (ScanTask(path, _read_shipped(path) if ship_bytes else None) for path in to_scan)
    for number, (task, outcome) in enumerate(engine.run(run_scan_task, tasks), 1):
        filing = _scanned(task, outcome)
        scanned.append(filing)
        if cache is not None:
            cache.add(filing)
        report(progress, number, len(to_scan))
    return consecutive_pairs(sorted(scanned, key=lambda filing: filing.path))


def _scanned(task: ScanTask, outcome: ScannedFiling | BaseException) -> ScannedFiling:
    if isinstance(outcome, BaseException):
        return scan_failure(task.path, outcome)
    return outcome


def _read_shipped(path: str) -> bytes | None:
    """The bytes to ship, or None to let the worker report the unreadable or oversized file."""
    try:
        return read_capped(path)
    except OSError:
        return None


def read_capped(path: str) -> bytes:
    """A filing's bytes for shipping to a worker, refused (OSError) above the size a filing
    may have (core.read.document.MAX_BYTES): a file that large is never read into memory
    here, however many tasks ship it. A gzip file is never smaller decompressed, so its
    size on disk is checked against the same cap."""
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        raise OSError(f"{Path(path).name} is {size:,} bytes, more than a filing may have")
    return Path(path).read_bytes()


def scan_failure(path: str, error: BaseException) -> ScannedFiling:
    return ScannedFiling(path, "", "", None, error=_worker_failure(error))


def run_batch(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    dask: str | None = None,
    ship_bytes: bool = False,
    json_dir: str | os.PathLike[str] | None = None,
    scan_progress: Progress | None = None,
    progress: Progress | None = None,
    on_row: Callable[[PairRow], None] | None = None,
) -> BatchSummary:
    """Compare every pair of `source` (a folder of filings or a CSV pair list) into `out`
    (.parquet or .csv), skipping the pairs `out` already holds.

    `progress` hears (pairs done, pairs to do) and may raise core.errors.Cancelled (or the
    user may press Ctrl+C): the run stops handing out pairs and every finished row stays
    saved. Raises core.batch.jobs.BatchInputError for an unusable source or output.
    """
    sink = open_sink(out, inputs=[source])
    try:
        engine = open_engine(workers=workers, dask=dask)
        try:
            cache = ScanCache(scan_cache_path(out))
            try:
                jobs = plan_pairs(
                    source, engine, cache=cache, ship_bytes=ship_bytes, progress=scan_progress
                )
            finally:
                cache.close()
            refuse_inputs(out, [path for job in jobs for path in job.key if path])
            return run_jobs(
                jobs,
                sink,
                engine,
                json_dir=json_dir,
                ship_bytes=ship_bytes,
                progress=progress,
                on_row=on_row,
            )
        finally:
            engine.close()
    finally:
        sink.close()


def run_jobs(
    jobs: Sequence[PairJob],
    sink: RowSink,
    engine: Engine,
    *,
    json_dir: str | os.PathLike[str] | None = None,
    ship_bytes: bool = False,
    progress: Progress | None = None,
    on_row: Callable[[PairRow], None] | None = None,
) -> BatchSummary:
    """Compare the `jobs` that `sink` does not hold yet on `engine`, writing each row to
    `sink` as it comes back (see run_batch)."""
    done = sink.done_keys()
    todo = [job for job in jobs if job.key not in done]
    written = errors = 0
    report(progress, 0, len(todo))
    for result in _results(engine, todo, json_dir=json_dir, ship_bytes=ship_bytes):
        sink.write(result.row)
        if json_dir is not None and result.json_text:
            _write_json(Path(json_dir), result.row, result.json_text)
        written += 1
        errors += bool(result.row.error)
        if on_row is not None:
            on_row(result.row)
        report(progress, written, len(todo))
    return BatchSummary(len(jobs), len(jobs) - len(todo), written, errors)


def _results(
    engine: Engine,
    jobs: Sequence[PairJob],
    *,
    json_dir: str | os.PathLike[str] | None,
    ship_bytes: bool,
) -> Iterator[PairResult]:
    make_task = partial(_task, with_json=json_dir is not None, ship_bytes=ship_bytes)
    for task, outcome in engine.run(run_pair_task, map(make_task, jobs)):
        if isinstance(outcome, BaseException):
            yield compare_pair(_failed(task.job, _worker_failure(outcome)))
        else:
            yield outcome


def _task(job: PairJob, *, with_json: bool, ship_bytes: bool) -> PairTask:
    if not ship_bytes or job.error:
        return PairTask(job, with_json)
    try:
        shipped = (read_capped(job.old_path), read_capped(job.new_path))
    except OSError as error:
        return PairTask(_failed(job, f"cannot read: {error}"), with_json)
    return PairTask(job, with_json, shipped)


def _failed(job: PairJob, error: str) -> PairJob:
    return PairJob(
        job.old_path,
        job.new_path,
        company=job.company,
        cik=job.cik,
        form=job.form,
        old_year=job.old_year,
        new_year=job.new_year,
        error=error,
    )


def _worker_failure(error: BaseException) -> str:
    return f"the worker computing it stopped ({type(error).__name__}: {error})"


def json_name(row: PairRow) -> str:
    """The file name of a pair's JSON comparison: both file names and a short hash of both
    paths (two folders may hold files of the same name)."""
    digest = hashlib.sha1("\0".join(row.key).encode("utf-8")).hexdigest()[:8]
    return f"{_stem(row.old_file)}__{_stem(row.new_file)}__{digest}.json"


def _stem(name: str) -> str:
    return name.removesuffix(".gz").rsplit(".", 1)[0]


def _write_json(folder: Path, row: PairRow, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / json_name(row), text + "\n")
