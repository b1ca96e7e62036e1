"""Time and peak memory of each stage on a small and a large pair of filings.

    python scripts/benchmark.py [--corpus DIR] [--repeat N]

Pairs: the IIJ 20-F FY2008/FY2009 text extracts (resources/samples/, about 30 KB each) and
the Coca-Cola 10-K 2023/2024 inline XBRL filings (about 4 MB each; from DIR, by default
../shared/corpus, else the gzipped copies in tests/fixtures/corpus/).

Stages, each for both filings of a pair: read (file to Document), section (find Item 1A /
3.D), segment (Section to factors), load (all of load_filing, which adds the filing meta),
align (score, assign, count changed words, section similarity, moved passages), diff (the word
diff of every pair as a viewer renders it), moved passages (the part of align that finds text
moved between factors), and end to end (core.compare.compare_files). The baseline,
measured in the same run, is difflib.SequenceMatcher over the two whole sections' word lists.
Times are medians of --repeat runs; peak memory is tracemalloc's peak in a separate run.

Then, for every consecutive-year pair of the corpus (one company, one form, years n and n+1),
the whole comparison (compare_files, which opens the second file on a second thread while the
first loads: core.compare) and the reading of its two files one after the other
(read_document), next to lxml parsing the same two files (an HTML parse with nothing done
with the tree: the floor the issue measures against), measured alternately in the same run,
and their ratios; the median ratio is over the HTML pairs (a text filing has no markup for a
parser to read). Each repeat starts without the pair diffs and parsed style attributes an
earlier one remembered, as a fresh process would. Peak memory (tracemalloc) counts Python's
allocations only, not the parsed tree lexbor holds in C: the process's max RSS is printed last.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import gc
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.align.pairing import (  # noqa: E402  (after the path set-up above)
    Memo,
    align,
    with_moved_passages,
)
from core.align.similarity import words  # noqa: E402
from core.compare import compare_files  # noqa: E402
from core.diff.pair import forget_pair_diffs, pair_diff  # noqa: E402
from core.diff.words import ENGINE_NAME  # noqa: E402
from core.model import Document, Filing, Section  # noqa: E402
from core.pipeline import load_filing  # noqa: E402
from core.read.css import parse_css  # noqa: E402
from core.read.document import read_document  # noqa: E402
from core.read.section import find_section  # noqa: E402
from core.segment.factors import segment  # noqa: E402

TARGETS = {"IIJ FY2008/FY2009": 0.2, "Coca-Cola 2023/2024": 1.5}
# The whole comparison of a pair should take at most this many times the parse of its files.
PARSE_RATIO_TARGET = 2.0
_CORPUS_NAME = re.compile(r"^(?P<company>.+)_(?P<form>10-K|20-F)_(?P<year>\d{4})\.(?:html|txt)")


@dataclass(frozen=True)
class Measure:
    stage: str
    seconds: float
    peak_bytes: int


def _median_time(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _peak(run: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _measure(stage: str, run: Callable[[], Any], repeat: int) -> Measure:
    return Measure(stage, _median_time(run, repeat), _peak(run))


def _section_words(section: Section) -> list[str]:
    return [word for block in section.blocks for word in words(block.text)]


def bench_pair(old_path: Path, new_path: Path, repeat: int) -> list[Measure]:
    paths = (str(old_path), str(new_path))
    documents: list[Document] = [read_document(p) for p in paths]
    sections = [find_section(d) for d in documents]
    filings: list[Filing] = [load_filing(p) for p in paths]
    comparison = align(filings[0], filings[1])
    old_words, new_words = (_section_words(s) for s in sections)

    def segment_both() -> None:
        for document, section in zip(documents, sections, strict=True):
            segment(section, has_markup=document.has_markup)

    # Pair diffs are remembered (core.diff.pair); each run starts without them, so the work
    # is measured, as in a fresh process, but for the moved-passage search, timed as align
    # runs it: the pairs' diffs made already (align counts words from them), the sentences
    # read and matched afresh.
    def find_passages() -> None:
        with_moved_passages(comparison, memo=Memo())

    def diff_all() -> None:
        forget_pair_diffs()
        for pair in comparison.pairs:
            pair_diff(comparison, pair)

    def align_fresh() -> None:
        forget_pair_diffs()
        align(filings[0], filings[1])

    def compare_fresh() -> None:
        forget_pair_diffs()
        compare_files(*paths)

    return [
        _measure("read", lambda: [read_document(p) for p in paths], repeat),
        _measure("section", lambda: [find_section(d) for d in documents], repeat),
        _measure("segment", segment_both, repeat),
        _measure(
            "load (read+section+segment+meta)", lambda: [load_filing(p) for p in paths], repeat
        ),
        _measure("align", align_fresh, repeat),
        _measure("diff (every pair)", diff_all, repeat),
        _measure("moved passages (in align)", find_passages, repeat),
        _measure("end to end (compare_files)", compare_fresh, repeat),
        _measure(
            "baseline: difflib on section words",
            lambda: difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).ratio(),
            repeat,
        ),
    ]


def _corpus_pair(corpus: Path, fixtures: Path) -> tuple[Path, Path]:
    names = ("cocacola_10-K_2023.html", "cocacola_10-K_2024.html")
    if all((corpus / name).exists() for name in names):
        return corpus / names[0], corpus / names[1]
    return fixtures / f"{names[0]}.gz", fixtures / f"{names[1]}.gz"


def consecutive_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    """(year n, year n+1) files of one company and form in `corpus` (plain or .gz)."""
    years: dict[tuple[str, str], dict[int, Path]] = {}
    for path in sorted(corpus.iterdir()):
        match = _CORPUS_NAME.match(path.name)
        if match is not None:
            key = (match["company"], match["form"])
            years.setdefault(key, {})[int(match["year"])] = path
    return [
        (files[year], files[year + 1])
        for _, files in sorted(years.items())
        for year in sorted(files)
        if year + 1 in files
    ]


def _parse_both(paths: tuple[Path, Path]) -> None:
    for path in paths:
        etree.parse(str(path), etree.HTMLParser(huge_tree=True))


def _read_both(paths: tuple[Path, Path]) -> None:
    parse_css.cache_clear()
    for path in paths:
        read_document(path)


def _compare_fresh(old: Path, new: Path) -> None:
    """A whole comparison as a fresh process makes it: without the pair diffs an earlier
    repeat remembered (core.diff.pair), which would skip the pairs' word diffs, nor the style
    attributes it parsed (core.read.css)."""
    forget_pair_diffs()
    parse_css.cache_clear()
    compare_files(str(old), str(new))


def bench_against_parse(pairs: list[tuple[Path, Path]], repeat: int) -> None:
    """Per pair: the comparison, the reading of its two files (read_document, part of the
    comparison), lxml's parse of the two files, and the comparison's and the reading's
    ratios to the parse. The two files are read one after the other (no threads)."""
    print(
        f"\nevery consecutive pair: comparison vs lxml parse of its two files (median of {repeat};"
        " the files read one after the other)"
    )
    print(
        f"  {'pair':44} {'MB':>5} {'compare s':>10} {'read s':>7} {'parse s':>8} {'ratio':>6}"
        f" {'read/parse':>10}"
    )
    ratios: list[float] = []
    for old, new in pairs:
        compare_times: list[float] = []
        read_times: list[float] = []
        parse_times: list[float] = []
        for _ in range(repeat):
            # Alternately, so that a busy moment of the machine falls on all alike.
            parse_times.append(_median_time(functools.partial(_parse_both, (old, new)), 1))
            read_times.append(_median_time(functools.partial(_read_both, (old, new)), 1))
            compare_times.append(_median_time(functools.partial(_compare_fresh, old, new), 1))
        compare, parse = statistics.median(compare_times), statistics.median(parse_times)
        read = statistics.median(read_times)
        size = (old.stat().st_size + new.stat().st_size) / 1e6
        name = f"{old.name.split('.')[0]} / {new.name.split('.')[0].rsplit('_', 1)[-1]}"
        html = not old.name.endswith((".txt", ".txt.gz"))
        if html:
            ratios.append(compare / parse)
        note = "" if html else "  (text)"
        print(
            f"  {name:44} {size:5.1f} {compare:10.3f} {read:7.3f} {parse:8.3f}"
            f" {compare / parse:6.2f} {read / parse:10.2f}{note}"
        )
    if ratios:
        median = statistics.median(ratios)
        verdict = "ok" if median <= PARSE_RATIO_TARGET else "OVER TARGET"
        print(
            f"  median ratio over {len(ratios)} HTML pairs: {median:.2f} "
            f"(target <= {PARSE_RATIO_TARGET}: {verdict}; "
            f"range {min(ratios):.2f}-{max(ratios):.2f})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)
    samples = ROOT / "resources" / "samples"
    pairs = {
        "IIJ FY2008/FY2009": (samples / "iij-20f-fy2008.txt", samples / "iij-20f-fy2009.txt"),
        "Coca-Cola 2023/2024": _corpus_pair(options.corpus, ROOT / "tests/fixtures/corpus"),
    }
    print(f"diff engine: {ENGINE_NAME}; median of {options.repeat} runs; peak = tracemalloc")
    for name, (old, new) in pairs.items():
        sizes = f"{old.stat().st_size / 1e3:.0f} KB + {new.stat().st_size / 1e3:.0f} KB"
        print(f"\n{name}  ({old.name}, {new.name}; {sizes})")
        print(f"  {'stage':40} {'time (s)':>10} {'peak (MB)':>10}")
        measures = bench_pair(old, new, options.repeat)
        for measure in measures:
            print(f"  {measure.stage:40} {measure.seconds:10.4f} {measure.peak_bytes / 1e6:10.1f}")
        total = next(m.seconds for m in measures if m.stage.startswith("end to end"))
        verdict = "ok" if total < TARGETS[name] else "OVER TARGET"
        print(f"  target end to end < {TARGETS[name]} s: {verdict}")
    corpus = options.corpus if options.corpus.is_dir() else ROOT / "tests/fixtures/corpus"
    bench_against_parse(consecutive_pairs(corpus), options.repeat)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"\nprocess max RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
