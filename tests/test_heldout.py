"""Segmentation and alignment on filings the segmenter was not tuned on.

tests/fixtures/heldout holds Disney's 10-K Item 1A texts for 2012-2015, labelled by reading
them (see its README.md) before the program was first run on them. The first run scored
heading F1 1.000 on all four and pair F1 1.000 on all four year pairs; these tests keep it
there. `python scripts/evaluate.py --fixtures --gold tests/fixtures/heldout` prints the table.
"""

from __future__ import annotations

import gzip
import json

import pytest

from scripts import evaluate
from tests.paths import FIXTURES

HELDOUT = FIXTURES / "heldout"
SOURCES = evaluate.labelled_sources(HELDOUT, (), evaluate.fixture_sources())
FILINGS = sorted(p.stem for p in HELDOUT.glob("*.json") if not p.stem.startswith("pair_"))
PAIRS = sorted(p.stem for p in HELDOUT.glob("pair_*.json"))
HEADING_F1 = 1.0
PAIR_F1 = 1.0


def labels(stem: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((HELDOUT / f"{stem}.json").read_text("utf-8"))
    return loaded


def test_every_held_out_filing_and_pair_is_here() -> None:
    assert [f"disney_10-K_{year}" for year in range(2012, 2016)] == FILINGS
    assert len(PAIRS) == 4


@pytest.mark.parametrize("stem", FILINGS)
def test_labels_quote_the_text(stem: str) -> None:
    """Each labelled heading is a whole line of the filing, followed by its body's first
    words: the labels describe this text, not another version of it."""
    gold = labels(stem)
    with gzip.open(HELDOUT / f"{gold['file']}.gz", "rt", encoding="utf-8") as handle:
        lines = [line.strip() for line in handle]
    factors = gold["factors"]
    assert isinstance(factors, list) and factors
    for factor in factors:
        index = lines.index(str(factor["heading"]))
        assert lines[index + 1].startswith(str(factor["body_first_words"]))


@pytest.mark.parametrize("stem", FILINGS)
@pytest.mark.parametrize("wording_only", [False, True], ids=["loaded", "wording-only"])
def test_held_out_headings_and_bodies(stem: str, wording_only: bool) -> None:
    result = evaluate.evaluate_filing(SOURCES, HELDOUT / f"{stem}.json", wording_only=wording_only)
    assert result.headings.f1 >= HEADING_F1, result
    assert result.category_accuracy == 1.0
    assert result.body_accuracy == 1.0


@pytest.mark.parametrize("stem", PAIRS)
def test_held_out_pairs(stem: str) -> None:
    score = evaluate.evaluate_pair(SOURCES, HELDOUT / f"{stem}.json")
    assert score.f1 >= PAIR_F1, score
