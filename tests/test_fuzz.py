"""A seeded mutation fuzzer over real filings: whatever the bytes, reading, segmenting and
aligning end in a Filing (every factor then in exactly one pair) or in a FactorDiffError with a
message, never another exception (issue 8). Bounded in count and time; it reports how many
inputs it tried."""

from __future__ import annotations

import gzip
import html
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core.align.pairing import align
from core.errors import FactorDiffError
from core.model import Filing
from core.pipeline import load_filing
from tests.paths import FIXTURES, SAMPLES

SEED = 8
MAX_INPUTS = 150
MAX_SECONDS = 40.0
# Fewer than this many inputs tried would make the test a formality.
MIN_INPUTS = 25

# Pieces a hostile or broken file may hold: markup cut anywhere, item headings out of place,
# bytes of other encodings, NULs, huge images, character references out of range.
HOSTILE = (
    b"<b>",
    b"</div></body></html>",
    b"<!--",
    b"<![CDATA[",
    b"\x00",
    b"\xff\xfe",
    b"\x81\x40\x82\xa0",
    b"\xe3\x81",
    b"Item 1A. Risk Factors\n\n",
    b"ITEM 2. PROPERTIES\n\n",
    b"D. Risk Factors.\n\nNot applicable.\n\n",
    b"&#0;&#x110000;&#xD800;",
    b"<table><tr><td>",
    b'<img width="20000" height="20000" src="x">',
    b"\r",
    b"\n\n" * 50,
    b'=HYPERLINK("http://x")\n\n',
    b'<p style="font-weight:bold">',
    b"\x1f\x8b",
)


def _html_seed() -> bytes:
    """The IIJ 20-F extract as simple HTML: short lines bold (its headings), the rest <p>."""
    paragraphs = (SAMPLES / "iij-20f-fy2008.txt").read_text(encoding="utf-8").split("\n\n")
    body = "".join(
        f"<p><b>{html.escape(p)}</b></p>" if len(p) < 200 else f"<p>{html.escape(p)}</p>"
        for p in paragraphs
        if p.strip()
    )
    return f"<html><body>{body}</body></html>".encode()


SEEDS: dict[str, Callable[[], bytes]] = {
    "iij-2008.txt": (SAMPLES / "iij-20f-fy2008.txt").read_bytes,
    "disney-2016.txt": lambda: gzip.decompress(
        (FIXTURES / "corpus" / "disney_10-K_2016.txt.gz").read_bytes()
    ),
    "iij-2008.htm": _html_seed,
}


def _span(rng: random.Random, data: bytes) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.choice((1, 8, 64, 512, 4096, len(data))))


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to four random edits of `data`."""
    for _ in range(rng.randint(1, 4)):
        if not data:
            data = rng.choice(HOSTILE)
        kind = rng.randrange(8)
        start, end = _span(rng, data)
        if kind == 0:  # delete a span
            data = data[:start] + data[end:]
        elif kind == 1:  # repeat a span
            data = data[:end] + data[start:end] * rng.randint(1, 5) + data[end:]
        elif kind == 2:  # insert something hostile
            data = data[:start] + rng.choice(HOSTILE) + data[start:]
        elif kind == 3:  # cut the file short
            data = data[:start]
        elif kind == 4:  # flip a few bytes
            buffer = bytearray(data)
            for _ in range(rng.randint(1, 16)):
                if buffer:
                    buffer[rng.randrange(len(buffer))] = rng.randrange(256)
            data = bytes(buffer)
        elif kind == 5:  # lose the paragraph breaks
            data = data.replace(b"\n\n", b"\n")
        elif kind == 6:  # every line a paragraph of its own
            data = data.replace(b"\n", b"\n\n")
        else:  # gzip it, in one or several members
            cut = rng.randrange(len(data) + 1)
            data = gzip.compress(data[:cut]) + gzip.compress(data[cut:])
    return data


def _check(filing: Filing, original: Filing) -> None:
    assert all(isinstance(factor.heading, str) for factor in filing.factors)
    comparison = align(original, filing)
    olds = [i for pair in comparison.factor_pairs for i in pair.old_indexes]
    news = [j for pair in comparison.factor_pairs for j in pair.new_indexes]
    assert sorted(olds) == list(range(len(original.factors)))
    assert sorted(news) == list(range(len(filing.factors)))


def test_mutated_real_filings_never_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(SEED)
    seeds = {name: make() for name, make in SEEDS.items()}
    originals = {}
    for name, data in seeds.items():
        path = tmp_path / name
        path.write_bytes(data)
        originals[name] = load_filing(path)
    tried = read = refused = 0
    started = time.monotonic()
    while tried < MAX_INPUTS and time.monotonic() - started < MAX_SECONDS:
        name = rng.choice(sorted(seeds))
        data = mutate(rng, seeds[name])
        path = tmp_path / f"mutant-{tried}-{name}"
        path.write_bytes(data)
        tried += 1
        try:
            filing = load_filing(path)
        except FactorDiffError as error:
            assert str(error), "every refusal says why"
            refused += 1
        else:
            read += 1
            _check(filing, originals[name])
        path.unlink()
    with capsys.disabled():
        print(
            f"\nfuzz: tried {tried} mutated filings (seed {SEED}): {read} read, {refused} refused"
        )
    assert tried >= MIN_INPUTS
