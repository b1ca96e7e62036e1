"""Time to make a timeline: the filings read and segmented one after another (the baseline,
measured in the same run) and in worker processes, then chained into lineages.

    python scripts/bench_timeline.py [--corpus DIR] [--repeat N] [--workers N]

Sets: the four IIJ 20-F text extracts (resources/samples/, ~30 KB of section each), the three
NVIDIA 10-K inline XBRL filings (2-2.7 MB each) and ten large inline XBRL filings of the corpus
(the issue's "ten 4 MB filings"; several companies, so most are refused after reading — the
reading is what is measured). Filings come from DIR (default ../shared/corpus), else the
gzipped copies in tests/fixtures/corpus/. Times are medians of --repeat runs, in seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.timeline.build import build_timeline  # noqa: E402  (after the path set-up above)
from core.timeline.load import load_filings  # noqa: E402

NVIDIA = ("nvidia_10-K_2023.html", "nvidia_10-K_2024.html", "nvidia_10-K_2025.html")
LARGE = (
    "cocacola_10-K_2023.html",
    "cocacola_10-K_2024.html",
    "mastercard_10-K_2023.html",
    "mastercard_10-K_2024.html",
    "tesla_10-K_2023.html",
    "tesla_10-K_2024.html",
    "nvidia_10-K_2023.html",
    "nvidia_10-K_2024.html",
    "nvidia_10-K_2025.html",
    "gainsco_10-K_2009.html",
)
# The target for ten 4 MB filings on a 2-core machine.
TEN_LARGE_TARGET_SECONDS = 10.0


def find(names: tuple[str, ...], corpus: Path) -> list[Path]:
    found = []
    for name in names:
        for candidate in (corpus / name, ROOT / "tests" / "fixtures" / "corpus" / f"{name}.gz"):
            if candidate.is_file():
                found.append(candidate)
                break
        else:
            raise SystemExit(f"{name} not found in {corpus} or tests/fixtures/corpus")
    return found


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    options = parser.parse_args(argv)
    sets = {
        "IIJ 20-F FY2005-2012 (4)": sorted((ROOT / "resources" / "samples").glob("*.txt")),
        "NVIDIA 10-K 2023-2025 (3)": find(NVIDIA, options.corpus),
        "ten large iXBRL 10-Ks": find(LARGE, options.corpus),
    }
    print(f"CPUs: {os.cpu_count()}, workers: {options.workers or os.cpu_count()}")
    header = f"{'set':28} {'MB':>6} {'sequential':>11} {'parallel':>9} {'speed-up':>9} {'chain':>7}"
    print(header)
    print("-" * len(header))
    for name, paths in sets.items():
        size = sum(path.stat().st_size for path in paths) / 1e6
        sequential = median_seconds(partial(load_filings, paths, parallel=False), options.repeat)
        parallel = median_seconds(
            partial(load_filings, paths, parallel=True, workers=options.workers), options.repeat
        )
        loaded = load_filings(paths, parallel=False)
        chain = median_seconds(partial(build_timeline, loaded.filings), options.repeat)
        print(
            f"{name:28} {size:6.1f} {sequential:10.2f}s {parallel:8.2f}s "
            f"{sequential / parallel:8.2f}x {chain:6.2f}s"
        )
    print(
        f"\nsequential: read + section + segment in this process (the baseline); parallel: the "
        f"same in worker processes (core.timeline.load); chain: aligning consecutive years and "
        f"building lineages. Target for ten large filings: under {TEN_LARGE_TARGET_SECONDS:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
