"""The HTML report read as a reader reads it: every space of both texts kept, words never run
together where a deletion meets an insertion, file names rather than local paths, and one
numbering of the factors ("old #30 → new #27")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from core.compare import compare_files
from core.model import Comparison
from core.report.labels import listed_headings, pair_factors, pair_numbers, pair_passages
from core.report.to_html import comparison_to_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"
SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
PAIRS = [
    (SAMPLES / "iij-20f-fy2008.txt", SAMPLES / "iij-20f-fy2009.txt"),
    (FIXTURES / "disney_10-K_2012.txt.gz", FIXTURES / "disney_10-K_2013.txt.gz"),
]


@pytest.fixture(scope="module", params=PAIRS, ids=lambda pair: pair[1].name)
def compared(request: pytest.FixtureRequest) -> tuple[Comparison, str]:
    old, new = request.param
    comparison = compare_files(old, new)
    return comparison, comparison_to_html(comparison)


def side_text(element: lxml_html.HtmlElement, *, drop: str) -> str:
    """The text of `element` as one side reads it (without the `drop` tag's runs, nor the
    "Text unchanged" summary of a folded factor): list items and text paragraphs apart by a
    blank line, every other character as written."""
    parts: list[str] = []
    skipped = (drop, "summary")

    def walk(node: lxml_html.HtmlElement) -> None:
        if node.tag == "li" and parts:
            parts.append("\n\n")
        if node.tag not in skipped and node.text:
            parts.append(node.text)
        if node.tag not in skipped:
            for child in node:
                walk(child)
        if node.tag == "ul":
            parts.append("\n\n")
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    return "".join(parts)


def characters(text: str) -> str:
    """The text with its paragraph breaks taken out: the report breaks a paragraph wherever
    either side does, so a break tells nothing about one side; every other character (each
    space above all) must be there as written."""
    return re.sub(r"\n\n+", "", text)


def test_the_report_keeps_every_space_of_both_texts(compared: tuple[Comparison, str]) -> None:
    comparison, report = compared
    sections = lxml_html.fromstring(report).find_class("pair")
    assert len(sections) == len(comparison.pairs)
    checked = 0
    for section, pair in zip(sections, comparison.pairs, strict=True):
        old, new = (
            pair_passages(comparison, pair) if pair.passage else pair_factors(comparison, pair)
        )
        if len(old) != 1 or len(new) != 1:
            continue  # a split, merge, addition or removal is shown as one side's text
        (text,) = section.find_class("text")
        assert characters(side_text(text, drop="ins")) == "".join(old[0].paragraphs)
        assert characters(side_text(text, drop="del")) == "".join(new[0].paragraphs)
        checked += 1
    assert checked > 10


def test_a_deletion_meeting_an_insertion_is_set_apart(compared: tuple[Comparison, str]) -> None:
    _comparison, report = compared
    joins = re.findall(r"<(del|ins)([^>]*)>([^<]*)</\1><(del|ins)([^>]*)>([^<]*)<", report)
    assert joins, "the filings have replaced words"
    for first, _attrs, before, second, attrs, after in joins:
        if (
            first != second
            and before
            and after
            and not before[-1].isspace()
            and not after[0].isspace()
            and "same" not in attrs  # a difference that reads the same shows the new text only
        ):
            assert "apart" in attrs, (before, after)
    assert ".apart { margin-left" in report


def test_the_report_names_files_not_local_folders(compared: tuple[Comparison, str]) -> None:
    comparison, report = compared
    for filing in (comparison.old, comparison.new):
        assert Path(filing.path).name in report
        assert str(Path(filing.path).parent) not in report


def test_one_numbering_for_each_factor(compared: tuple[Comparison, str]) -> None:
    comparison, report = compared
    page = lxml_html.fromstring(report)
    for section, pair in zip(page.find_class("pair"), comparison.pairs, strict=True):
        heading = section.find("h3").text_content()
        if pair.passage:
            assert heading.endswith(listed_headings(comparison, pair))
            continue
        assert pair_numbers(pair) in heading
        assert not re.search(r"\b\d+\.\s", heading[: heading.index(pair_numbers(pair))])
    assert "old #" in report and " → new #" in report
