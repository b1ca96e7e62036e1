"""Throughput of the batch command: pairs per second on 1 and 2 local worker processes and on
a 2-worker Dask LocalCluster, next to difflib over the same sections.

    python scripts/bench_batch.py [--folder DIR ...] [--repeat N]

Pairs: every consecutive pair (same company and form, nearest earlier fiscal year) of the
folders, by default ../shared/corpus (subfolders too) and ../shared/filings, as
`python main.py batch FOLDER` plans them. Each engine is started before its clock starts
(its start-up time is printed apart), then compares all pairs into a fresh Parquet output:
read, section, segment, align, word counts and the four section measures, the whole row.

The same rows computed one after the other in this process give the CPU time per pair, the
cost per core from which the time of 100,000 pairs is worked out (wall times on a machine
shared with other work are longer than the CPU time they hold).

Baseline, measured in the same run: difflib.SequenceMatcher(None, old, new).ratio() over the
two sections' word lists (the sections extracted beforehand, outside its clock), in this
process, in CPU time. It compares the sections and nothing else; FactorDiff's time includes
reading and segmenting both filings, which is most of it.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.align.similarity import section_words  # noqa: E402  (after the path set-up above)
from core.batch.engines import DaskEngine, Engine, LocalEngine  # noqa: E402
from core.batch.jobs import PairJob  # noqa: E402
from core.batch.output import open_sink  # noqa: E402
from core.batch.row import compare_pair  # noqa: E402
from core.batch.run import plan_pairs, run_jobs  # noqa: E402
from core.errors import FactorDiffError  # noqa: E402
from core.pipeline import load_filing  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_FOLDERS = (SHARED / "corpus", SHARED / "filings")
PAIRS_PER_STUDY = 100_000


def _plan(folders: list[Path]) -> list[PairJob]:
    engine = LocalEngine(2)
    try:
        jobs = [job for folder in folders for job in plan_pairs(folder, engine)]
    finally:
        engine.close()
    return [job for job in jobs if not job.error]


def _engines() -> list[tuple[str, Callable[[], Engine]]]:
    return [
        ("local, 1 worker process", lambda: LocalEngine(1)),
        ("local, 2 worker processes", lambda: LocalEngine(2)),
        ("Dask LocalCluster, 2 workers", lambda: DaskEngine("local", workers=2)),
    ]


def _time_engine(make: Callable[[], Engine], jobs: list[PairJob]) -> tuple[float, float, int]:
    """(start-up seconds, seconds for all pairs, error rows)."""
    started = time.perf_counter()
    engine = make()
    # One tiny task so that every worker has started and imported core before the clock.
    list(engine.run(abs, range(engine.workers)))
    startup = time.perf_counter() - started
    try:
        with tempfile.TemporaryDirectory() as folder:
            sink = open_sink(Path(folder) / "bench.parquet")
            started = time.perf_counter()
            try:
                summary = run_jobs(jobs, sink, engine)
            finally:
                sink.close()
            seconds = time.perf_counter() - started
    finally:
        engine.close()
    return startup, seconds, summary.errors


def _serial_cpu_seconds(jobs: list[PairJob]) -> float:
    """CPU seconds this process spends computing every pair's row, one after the other: the
    cost per core, which other programs on the machine do not inflate as they do wall time."""
    started = time.process_time()
    for job in jobs:
        compare_pair(job)
    return time.process_time() - started


def _difflib_seconds(jobs: list[PairJob], repeat: int) -> tuple[float, int]:
    """CPU seconds difflib takes over all the pairs' sections (median of `repeat`), and the
    number of pairs that have a section on both sides."""
    sections = []
    for job in jobs:
        try:
            old, new = load_filing(job.old_path), load_filing(job.new_path)
        except FactorDiffError:
            continue
        sections.append((section_words(old), section_words(new)))
    times = []
    for _ in range(repeat):
        started = time.process_time()
        for old_words, new_words in sections:
            difflib.SequenceMatcher(None, old_words, new_words).ratio()
        times.append(time.process_time() - started)
    return statistics.median(times), len(sections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, action="append", help="a folder of filings")
    parser.add_argument("--repeat", type=int, default=1, help="runs per engine (best is kept)")
    args = parser.parse_args()
    folders = args.folder or [folder for folder in DEFAULT_FOLDERS if folder.is_dir()]
    if not folders:
        sys.exit("no filings: pass --folder DIR (../shared/corpus is not here)")
    jobs = _plan(folders)
    print(f"{len(jobs)} consecutive pairs in {', '.join(str(f) for f in folders)}")
    print(f"{'engine':32} {'start-up':>9} {'seconds':>9} {'pairs/s':>8} {'errors':>7}")
    for name, make in _engines():
        runs = [_time_engine(make, jobs) for _ in range(max(1, args.repeat))]
        startup, seconds, errors = min(runs, key=lambda run: run[1])
        rate = len(jobs) / seconds
        print(f"{name:32} {startup:8.1f}s {seconds:8.1f}s {rate:8.2f} {errors:7}")
    cpu = min(_serial_cpu_seconds(jobs) for _ in range(max(1, args.repeat)))
    print(
        f"{'in-process, serial (CPU time)':32} {'':9} {cpu:8.1f}s {len(jobs) / cpu:8.2f} "
        f"{'':7}  ({cpu / len(jobs):.2f} CPU-s per pair)"
    )
    baseline, compared = _difflib_seconds(jobs, max(1, args.repeat))
    print(
        f"{'baseline: difflib on the sections':32} {'':9} {baseline:8.1f}s "
        f"{compared / baseline:8.2f} {'':7}  ({baseline / compared:.2f} CPU-s per pair, "
        f"sections extracted beforehand)"
    )
    hours = PAIRS_PER_STUDY * cpu / len(jobs) / 3600
    print(f"{PAIRS_PER_STUDY:,} such pairs on one core: {hours:.1f} hours of CPU")


if __name__ == "__main__":
    main()
