"""No text left uncompared: the introduction, a category's text before its first factor and a
closing are passages of their own, paired and diffed like factors, never joined to a factor."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from core.align.pairing import align
from core.align.similarity import words
from core.errors import SectionNotApplicableError, SectionNotFoundError
from core.model import Block, Comparison, Filing, PassageKind, Section, Status, Style
from core.pipeline import load_filing
from core.read.document import read_document
from core.read.section import find_section
from core.report.labels import listed_headings, passage_changes
from core.report.to_csv import comparison_to_csv
from core.report.to_html import comparison_to_html
from core.report.to_json import comparison_to_json
from core.review.apply import attach_marks, pair_key
from core.review.model import Mark, ReviewState
from core.segment.factors import segment, shown_texts
from core.segment.text_levels import unbulleted
from tests.paths import FIXTURES, SAMPLES

FILINGS = sorted(
    [
        *SAMPLES.glob("*.txt"),
        *(FIXTURES / "corpus").glob("*.gz"),
        *(FIXTURES / "older").glob("*.gz"),
    ]
)

BODY = Style(font_size=10.0, color="#000000")
BOLD = Style(bold=1.0, font_size=10.0, color="#000000")
BOLD_BIG = Style(bold=1.0, font_size=14.0, color="#000000")
TEXT = (
    "Our customers may reduce their spending when economic conditions worsen, and our "
    "revenue and margins would then decline over several quarters. This paragraph explains "
    "the risk for the reader and names the markets and periods concerned."
)


@cache
def _iij() -> Comparison:
    return align(
        load_filing(SAMPLES / "iij-20f-fy2008.txt"), load_filing(SAMPLES / "iij-20f-fy2009.txt")
    )


@pytest.mark.parametrize("path", FILINGS, ids=lambda path: path.name)
def test_passages_and_factors_hold_every_word_of_the_section_in_order(path: Path) -> None:
    # What the window shows (category headings, passages, headings, bodies, in reading order)
    # is the section's text, word for word: nothing dropped, nothing outside a compared pair.
    document = read_document(path)
    try:
        section = find_section(document)
    except (SectionNotFoundError, SectionNotApplicableError):
        pytest.skip("no risk factors section to segment")
    factors, passages = segment(section, has_markup=document.has_markup)
    # A bullet glyph ("o", "•") is the look of a list item, not its text: a bulleted factor
    # heading is shown without it.
    section_words = [word for block in section.blocks for word in words(unbulleted(block.text))]
    assert [word for text in shown_texts(factors, passages) for word in words(text)] == (
        section_words
    )


def _section(*rows: tuple[str, Style]) -> Section:
    blocks = []
    offset = 0
    for text, style in rows:
        blocks.append(Block(text, offset, offset + len(text), style))
        offset += len(text) + 2
    return Section("Risk Factors", tuple(blocks), 0, offset)


CATEGORIZED = (
    ("Investing in our stock involves risks.", BODY),
    ("Risks Related to Our Business", BOLD_BIG),
    ("The risks in this part concern how we run the business.", BODY),
    ("We may fail to meet our production targets.", BOLD),
    (TEXT, BODY),
    ("Our suppliers could fail to deliver parts on time.", BOLD),
    (TEXT, BODY),
    ("Risks Related to Our Operations", BOLD_BIG),
    ("Our plants may stop for weeks.", BOLD),
    (TEXT, BODY),
    ("Risks Related to Our Stock", BOLD_BIG),
    ("The price of our stock may be volatile.", BOLD),
    (TEXT, BODY),
    ("Risks Related to Our Industry", BOLD_BIG),
    ("Our industry may shrink.", BOLD),
    (TEXT, BODY),
    ("General", BOLD_BIG),
    ("The risks above are not the only ones we face.", BODY),
)
CLOSING_ROW = 16


def test_text_under_a_category_before_its_first_factor_is_its_own_passage() -> None:
    factors, passages = segment(_section(*CATEGORIZED))
    assert [factor.heading for factor in factors] == [
        "We may fail to meet our production targets.",
        "Our suppliers could fail to deliver parts on time.",
        "Our plants may stop for weeks.",
        "The price of our stock may be volatile.",
        "Our industry may shrink.",
    ]
    assert [factor.category for factor in factors][1:3] == [
        ("Risks Related to Our Business",),
        ("Risks Related to Our Operations",),
    ]
    # Neither the category's text nor the closing ends the factor before it.
    assert factors[0].paragraphs == factors[-1].paragraphs == (TEXT,)
    assert [(p.kind, p.category, p.paragraphs, p.before) for p in passages] == [
        (PassageKind.INTRODUCTION, (), ("Investing in our stock involves risks.",), 0),
        (
            PassageKind.CATEGORY,
            ("Risks Related to Our Business",),
            ("The risks in this part concern how we run the business.",),
            0,
        ),
        # A heading that heads no factor after the last one opens the closing.
        (
            PassageKind.CLOSING,
            (),
            ("General", "The risks above are not the only ones we face."),
            5,
        ),
    ]


def _filing(name: str, section: Section) -> Filing:
    factors, passages = segment(section)
    return Filing(name, "Acme", "10-K", 2024, "Risk Factors", factors, passages)


def test_passages_pair_by_place_and_are_diffed_and_counted_apart_from_factors() -> None:
    old = _filing("old.htm", _section(*CATEGORIZED))
    rows = list(CATEGORIZED)
    rows[2] = ("The risks in this part concern how we run the whole business.", BODY)
    del rows[CLOSING_ROW:]  # no closing any more
    new = _filing("new.htm", _section(*rows))
    comparison = align(old, new)
    passages = [pair for pair in comparison.pairs if pair.passage]
    assert [(listed_headings(comparison, p), p.status) for p in passages] == [
        ("Introduction", Status.UNCHANGED),
        ("Risks Related to Our Business — introduction", Status.MODIFIED),
        ("Closing", Status.REMOVED),
    ]
    assert (passages[1].words_added, passages[1].words_removed) == (1, 0)
    # Each passage pair reads where its text does: before its category's first factor.
    order = [listed_headings(comparison, pair) for pair in comparison.pairs]
    assert order[:3] == [
        "Introduction",
        "Risks Related to Our Business — introduction",
        "We may fail to meet our production targets.",
    ]
    assert order[-1] == "Closing"
    # The factors are counted as before; the passages apart.
    assert sum(comparison.summary.counts.values()) == 5
    assert comparison.summary.passages[Status.MODIFIED] == 1
    assert comparison.summary.passages[Status.REMOVED] == 1


def test_a_passage_is_never_paired_with_a_factor() -> None:
    # The old filing's introduction reads like the new filing's first factor's body: still, an
    # introduction pairs only with an introduction.
    risks = [
        row
        for heading in (
            "We may fail to meet our production targets.",
            "Our suppliers could fail to deliver parts on time.",
            "Our plants may stop for weeks.",
        )
        for row in ((heading, BOLD), (TEXT, BODY))
    ]
    old = _filing("old.htm", _section((TEXT, BODY), *risks))
    new = _filing("new.htm", _section(*risks))
    comparison = align(old, new)
    (introduction,) = [pair for pair in comparison.pairs if pair.passage]
    assert (introduction.old, introduction.new, introduction.status) == (0, None, Status.REMOVED)
    assert [(p.old, p.new, p.status) for p in comparison.factor_pairs] == [
        (k, k, Status.UNCHANGED) for k in range(3)
    ]


def test_iij_introduction_gains_consolidated_in_every_output() -> None:
    comparison = _iij()
    first = comparison.pairs[0]
    assert first.passage and first.status is Status.MODIFIED
    assert (first.words_added, first.words_removed) == (1, 0)
    assert passage_changes(comparison) == ["Introduction — modified, 1 word added, 0 removed"]

    document = json.loads(json.dumps(comparison_to_json(comparison)))
    assert len(document["pairs"]) == 18  # the factor pairs, as before
    (introduction,) = document["passage_pairs"]
    assert introduction["kind"] == "introduction" and introduction["label"] == "Introduction"
    assert (introduction["status"], introduction["words_added"]) == ("modified", 1)
    assert introduction["before_pair"] == 0
    assert "consolidated" in document["new"]["passages"][0]["body"]
    assert document["summary"]["passages"]["modified"] == 1

    html = comparison_to_html(comparison)
    assert "<ins>consolidated </ins>" in html
    assert "Changed text outside the factors (1)" in html

    rows = comparison_to_csv(comparison).splitlines()
    assert rows[1].startswith("modified,,,Introduction,Introduction,")
    assert rows[1].endswith(",introduction")


def test_a_review_mark_on_the_introduction_finds_it_again() -> None:
    comparison = _iij()
    mark = Mark(pair_key(comparison, comparison.pairs[0]), ReviewState.FLAGGED, "ask legal")
    marks, orphans = attach_marks(comparison, [mark])
    assert orphans == ()
    assert (marks[0].state, marks[0].note) == (ReviewState.FLAGGED, "ask legal")
    assert all(m.state is ReviewState.UNREVIEWED for m in marks[1:])
