"""No running page header or footer ends up inside a factor, in any fixture filing.

scripts/furniture.py finds each filing's running lines from its blocks as read (page
furniture still in) and looks for each place they stood inside the factors FactorDiff
segments; it runs over the whole corpus too (`python scripts/furniture.py`).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import pytest

from core.model import Factor, Filing
from core.pipeline import load_filing
from core.read.document import draft_blocks
from scripts import furniture
from tests.paths import FIXTURES, SAMPLES

# Each filing once (the held-out folder repeats some corpus years), by name.
FILINGS = sorted(
    {
        path.name: path
        for path in (
            *(FIXTURES / "corpus").glob("*.gz"),
            *(FIXTURES / "older").glob("*.gz"),
            *(FIXTURES / "heldout").glob("*.gz"),
            *SAMPLES.glob("*.txt"),
        )
    }.values()
)
TESLA = FIXTURES / "corpus" / "tesla_10-K_2024.html.gz"


@pytest.mark.parametrize("path", FILINGS, ids=lambda path: path.name.split(".")[0])
def test_no_factor_holds_a_running_line(path: Path) -> None:
    checked = furniture.check(path)
    assert checked.leaks == (), "\n".join(
        f"#{leak.factor} {leak.heading[:40]!r} holds {leak.line!r}" for leak in checked.leaks
    )


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        # Tesla: a contents link and the company's name at each page's head.
        ("tesla_10-K_2024.html.gz", {"table of contents", "tesla, inc."}),
        # Mastercard: its name, the form and the page number at each page's foot.
        ("mastercard_10-K_2024.html.gz", {"mastercard # form #-k #"}),
        # GAINSCO: the company's name over each page of its statements.
        ("gainsco_10-K_2009.html.gz", {"gainsco, inc. and subsidiaries"}),
    ],
)
def test_running_lines_are_found(name: str, lines: set[str]) -> None:
    """The check has something to look for: the running lines a reader sees on every page."""
    places = furniture.running_places(draft_blocks(FIXTURES / "corpus" / name))
    assert lines <= {furniture.key(place.line) for place in places}


@functools.cache
def tesla() -> tuple[Filing, tuple[furniture.Place, ...]]:
    return load_filing(TESLA), tuple(furniture.running_places(draft_blocks(TESLA)))


def _with_paragraphs(filing: Filing, *paragraphs: str) -> Filing:
    factor = Factor("A risk we face could harm us.", paragraphs)
    return replace(filing, factors=(factor,))


def test_a_running_line_left_inside_a_sentence_is_a_leak() -> None:
    filing, places = tesla()
    place = next(p for p in places if p.line == "Tesla, Inc." and p.before and p.after)
    glued = f"{place.before} {place.line} {place.after}"
    (leak,) = furniture.leaks(_with_paragraphs(filing, glued), places)
    assert leak.line == "Tesla, Inc."


def test_a_running_line_left_as_a_paragraph_is_a_leak() -> None:
    filing, places = tesla()
    leaked = _with_paragraphs(filing, "We may lose money.", "Table of Contents", "We may not.")
    assert [leak.line for leak in furniture.leaks(leaked, places)] == ["Table of Contents"]


def test_the_company_named_in_its_own_prose_is_no_leak() -> None:
    filing, places = tesla()
    prose = "Tesla, Inc. designs and sells electric vehicles, and Tesla, Inc. may lose money."
    assert furniture.leaks(_with_paragraphs(filing, prose), places) == []
