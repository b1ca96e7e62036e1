"""An HTML filing read only up to a little after its Risk Factors section (core.read.extent)
reads as reading all of it would: the same first blocks with the same offsets, the same
section, the same formatting cues; a filing whose later part could change the section is
read whole."""

from __future__ import annotations

import gzip
import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.pipeline import load_filing, read_section
from core.read.document import read_document
from core.read.section import find_section
from core.segment.factors import segment
from tests.paths import FIXTURES

HTML_FILINGS = sorted((FIXTURES / "corpus").glob("*.html.gz"))


def _same_as_whole(path: Path) -> bool:
    """Asserts the part read is the whole read's start and finds the same section; returns
    whether the read stopped early."""
    part, whole = read_document(path), read_document(path, whole=True)
    assert whole.whole
    assert part.blocks == whole.blocks[: len(part.blocks)]
    assert whole.text.startswith(part.text)
    assert (part.has_markup, part.facts, part.kind) == (whole.has_markup, whole.facts, whole.kind)
    try:
        expected = find_section(whole)
    except Exception as error:
        with pytest.raises(type(error)):
            read_section(path, part)
        return not part.whole
    document, section = read_section(path, part)
    assert section == expected
    assert document.text.startswith(part.text)
    return not part.whole


@pytest.mark.parametrize("path", HTML_FILINGS, ids=lambda path: path.name.split(".")[0])
def test_a_filing_read_in_part_reads_as_read_whole(path: Path, tmp_path: Path) -> None:
    plain = tmp_path / path.name.removesuffix(".gz")
    plain.write_bytes(gzip.decompress(path.read_bytes()))
    _same_as_whole(plain)


def test_most_modern_filings_are_read_only_in_part(tmp_path: Path) -> None:
    stopped = []
    for path in HTML_FILINGS:
        plain = tmp_path / path.name.removesuffix(".gz")
        plain.write_bytes(gzip.decompress(path.read_bytes()))
        if not read_document(plain).whole:
            stopped.append(path.name)
    # Every 10-K and 20-F of the corpus with an item-heading section of its own (not the two
    # whose Item 1A points elsewhere, nor the two older ones without Item 1A / 3.D headings).
    assert len(stopped) >= 14, stopped


def _page(paragraphs: list[str], *, company: str) -> str:
    header = f'<p style="font-size:8pt"><b>{html.escape(company)}</b></p>'
    return "".join(paragraphs) + '<hr style="page-break-after:always"/>' + header


def _filing(sections: list[list[str]], *, company: str = "Example Corp") -> str:
    pages = [_page(paragraphs, company=company) for paragraphs in sections]
    return f"<html><body>{''.join(pages)}</body></html>"


def _paragraph(words: int, seed: int) -> str:
    vocabulary = ["revenue", "market", "customers", "supply", "growth", "costs", "rates"]
    text = " ".join(vocabulary[(seed + k) % len(vocabulary)] for k in range(words))
    return f"<p>We face {text}.</p>"


def _factor(number: int) -> list[str]:
    heading = f"<p><b>Our business may suffer if risk number {number} comes to pass.</b></p>"
    return [heading, _paragraph(60 + number % 7, number), _paragraph(40, number + 3)]


_TOC = [
    "<table><tr><td>Item 1.</td><td>Business</td><td>3</td></tr>"
    "<tr><td>Item 1A.</td><td>Risk Factors</td><td>9</td></tr>"
    "<tr><td>Item 1B.</td><td>Unresolved Staff Comments</td><td>20</td></tr>"
    "<tr><td>Item 7.</td><td>Management's Discussion</td><td>25</td></tr></table>"
]


@st.composite
def filings(draw: st.DrawFn) -> tuple[str, bool]:
    """A 10-K of pages: contents, Item 1, Item 1A with factors, Item 1B, Item 7 with
    references to the risk factors; sometimes a later longer "Item 1A" (a second section the
    finder would choose). Returns the markup and whether a later section is there."""
    factors = draw(st.integers(min_value=2, max_value=9))
    per_page = draw(st.integers(min_value=1, max_value=4))
    later_pages = draw(st.integers(min_value=0, max_value=6))
    references = draw(st.lists(st.booleans(), min_size=later_pages, max_size=later_pages))
    second = draw(st.booleans())
    pages: list[list[str]] = [_TOC, ["<p><b>Item 1. Business</b></p>", _paragraph(80, 1)]]
    risk = ["<p><b>Item 1A. Risk Factors</b></p>"]
    for number in range(factors):
        risk += _factor(number)
        if len(risk) >= 3 * per_page:
            pages.append(risk)
            risk = []
    pages.append([*risk, "<p><b>Item 1B. Unresolved Staff Comments</b></p>", "<p>None.</p>"])
    pages.append(["<p><b>Item 7. Management's Discussion and Analysis</b></p>"])
    for page, refers in enumerate(references):
        reference = "<p>See Item 1A. Risk Factors for what may affect results.</p>"
        pages.append([_paragraph(70, page), *([reference] if refers else [])])
    if second:
        longer = [_factor(number) for number in range(factors + 3)]
        pages.append(["<p><b>Item 1A. Risk Factors</b></p>", *(p for f in longer for p in f)])
        pages.append(["<p><b>Item 9. Other</b></p>", _paragraph(30, 2)])
    return _filing(pages), second


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(filing=filings())
def test_a_generated_filing_reads_in_part_as_whole(
    filing: tuple[str, bool], tmp_path: Path
) -> None:
    markup, second = filing
    path = tmp_path / "filing.htm"
    path.write_text(markup, encoding="utf-8")
    stopped = _same_as_whole(path)
    if second:
        assert not stopped  # the later, longer section is the finder's choice
    whole = read_document(path, whole=True)
    factors, _ = segment(find_section(whole), has_markup=whole.has_markup)
    assert load_filing(path).factors == factors
