"""Segmentation of hand-built sections: how each heading style becomes factors and categories."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.model import Block, Factor, Passage, PassageKind, Section, Style
from core.segment.cues import title_case_lead
from core.segment.factors import mark_blocks, mend_wrapped, reading_order, segment
from core.segment.roles import Kind

BODY = Style(font_size=10.0, color="#000000")
BOLD = Style(bold=1.0, font_size=10.0, color="#000000")
BOLD_GREEN = Style(bold=1.0, font_size=10.0, color="#76b900")
BOLD_ITALIC = Style(bold=1.0, italic=1.0, font_size=10.0, color="#000000")
ITALIC = Style(italic=1.0, font_size=10.0, color="#000000")
BIG = Style(font_size=15.0, color="#000000")
ORANGE = Style(bold=1.0, font_size=12.0, color="#cf4500")
BOLD_UNDERLINE = Style(bold=1.0, underline=1.0, font_size=10.0, color="#000000")

LONG = (
    "Our customers may reduce their spending when economic conditions worsen, and our "
    "revenue and margins would then decline over several quarters. "
)


def intro_of(passages: tuple[Passage, ...]) -> tuple[str, ...]:
    """The paragraphs of the section's introduction."""
    return tuple(
        paragraph
        for passage in passages
        if passage.kind is PassageKind.INTRODUCTION
        for paragraph in passage.paragraphs
    )


def body(topic: str) -> str:
    """A body paragraph: several sentences, longer than any heading."""
    return (
        f"{LONG}This paragraph explains the {topic} risk in detail for the reader. "
        "It names the markets, the customers and the periods concerned, and it says what "
        "management does about it. None of this is certain, and results may differ."
    )


def section(*rows: tuple[str, Style] | tuple[str, Style, str]) -> Section:
    """A Section of blocks laid out like core.read.document does: texts joined by blank lines."""
    blocks: list[Block] = []
    offset = 0
    for row in rows:
        text, style = row[0], row[1]
        tag = row[2] if len(row) == 3 else "p"
        blocks.append(Block(text, offset, offset + len(text), style=style, tag=tag))
        offset += len(text) + 2
    return Section("Item 1A. Risk Factors", tuple(blocks), 0, offset)


def headings(factors: tuple[Factor, ...]) -> list[str]:
    return [factor.heading for factor in factors]


def test_bold_italic_factors_under_bold_categories() -> None:
    # Tesla-like: factors bold+italic sentences, categories bold titles.
    factors, passages = segment(
        section(
            ("You should consider the risks below before investing in our stock.", ITALIC),
            ("Risks Related to Our Business", BOLD),
            ("We may fail to meet our production targets.", BOLD_ITALIC),
            (body("production"), BODY),
            ("Our suppliers could fail to deliver parts on time.", BOLD_ITALIC),
            (body("supplier"), BODY),
            (body("logistics"), BODY),
            ("Risks Related to Our Stock", BOLD),
            ("The price of our stock may be volatile.", BOLD_ITALIC),
            (body("stock"), BODY),
        )
    )
    assert headings(factors) == [
        "We may fail to meet our production targets.",
        "Our suppliers could fail to deliver parts on time.",
        "The price of our stock may be volatile.",
    ]
    assert [factor.category for factor in factors] == [
        ("Risks Related to Our Business",),
        ("Risks Related to Our Business",),
        ("Risks Related to Our Stock",),
    ]
    assert len(factors[1].paragraphs) == 2
    assert intro_of(passages) == (
        "You should consider the risks below before investing in our stock.",
    )


def test_three_levels_told_apart_by_size_and_colour() -> None:
    # Mastercard-like: 15pt plain L1, 12pt orange bold L2, 10pt bold black factors.
    factors, _ = segment(
        section(
            ("Legal and Regulatory", BIG),
            ("Payments Industry Regulation", ORANGE),
            ("Regulation of interchange may hurt our results.", BOLD),
            (body("interchange"), BODY),
            ("Privacy and Data Protection", ORANGE),
            ("New privacy laws could raise our costs.", BOLD),
            (body("privacy"), BODY),
            ("Business and Operations", BIG),
            ("Competition", ORANGE),
            ("Competitors may take our market share.", BOLD),
            (body("competition"), BODY),
            ("New entrants could disrupt the payments industry.", BOLD),
            (body("entrants"), BODY),
        )
    )
    assert [factor.category for factor in factors] == [
        ("Legal and Regulatory", "Payments Industry Regulation"),
        ("Legal and Regulatory", "Privacy and Data Protection"),
        ("Business and Operations", "Competition"),
        ("Business and Operations", "Competition"),
    ]


def test_summary_bullets_and_section_subtitles_are_not_factors() -> None:
    # NVIDIA-like: green bold categories, black bold factors, a summary list first.
    factors, passages = segment(
        section(
            ("Risk Factors Summary", BOLD_GREEN),
            ("Risks Related to Our Markets", BOLD_GREEN),
            ("Competition could cause us to lose market share.", BODY, "li"),
            ("Demand may fall short of our supply.", BODY, "li"),
            ("Risk Factors", BOLD_GREEN),
            ("Risks Related to Our Markets", BOLD_GREEN),
            ("Competition could cause us to lose market share.", BOLD),
            (body("competition"), BODY),
            ("Demand may fall short of our supply.", BOLD),
            (body("demand"), BODY),
        )
    )
    assert headings(factors) == [
        "Competition could cause us to lose market share.",
        "Demand may fall short of our supply.",
    ]
    assert all(factor.category == ("Risks Related to Our Markets",) for factor in factors)
    assert intro_of(passages) == (
        "Risk Factors Summary",
        "Risks Related to Our Markets",
        "Competition could cause us to lose market share.",
        "Demand may fall short of our supply.",
        "Risk Factors",
    )


def test_run_in_italic_lead_is_the_heading() -> None:
    # IBM-like: the italic "Heading:" opens the first body paragraph.
    lead = "Risks from Investing in Growth Opportunities Could Impact Results:"
    rest = "The company continues to invest in new markets, and these bets may not pay off."
    text = f"{lead} {rest}"
    block = Block(text, 0, len(text), style=BODY, lead=lead, lead_style=ITALIC)
    second_lead = "Cybersecurity Risks Could Harm the Company:"
    second_text = f"{second_lead} Attacks on our systems may expose client data."
    second = Block(
        second_text,
        len(text) + 2,
        len(text) + 2 + len(second_text),
        style=BODY,
        lead=second_lead,
        lead_style=ITALIC,
    )
    more = Block(body("cyber"), second.end + 2, second.end + 2 + len(body("cyber")), style=BODY)
    factors, passages = segment(Section("Risk Factors", (block, second, more), 0, more.end))
    assert headings(factors) == [lead, second_lead]
    assert factors[0].paragraphs == (rest,)
    assert factors[1].paragraphs[1:] == (body("cyber"),)
    assert all(factor.run_in for factor in factors)
    assert intro_of(passages) == ()


def test_short_italic_titles_are_factors_like_sentences() -> None:
    # Plymouth-like: italic headings, some of them one-word titles.
    factors, _ = segment(
        section(
            ("Risks Associated with Our Business", BOLD),
            ("Competition", ITALIC),
            (body("competition"), BODY),
            ("We may not be able to raise more capital.", ITALIC),
            (body("capital"), BODY),
            ("Litigation", ITALIC),
            (body("litigation"), BODY),
        )
    )
    assert headings(factors) == [
        "Competition",
        "We may not be able to raise more capital.",
        "Litigation",
    ]
    assert {factor.category for factor in factors} == {("Risks Associated with Our Business",)}


def test_underlined_capitals_categories() -> None:
    # Coca-Cola-like: bold+underline ALL CAPS categories over bold+italic factors.
    factors, _ = segment(
        section(
            ("RISKS RELATED TO OUR OPERATIONS", BOLD_UNDERLINE),
            ("Product safety concerns could hurt our business.", BOLD_ITALIC),
            (body("safety"), BODY),
            ("RISKS RELATED TO REGULATION", BOLD_UNDERLINE),
            ("Changes in tax laws may increase our costs.", BOLD_ITALIC),
            (body("tax"), BODY),
        )
    )
    assert [factor.category for factor in factors] == [
        ("RISKS RELATED TO OUR OPERATIONS",),
        ("RISKS RELATED TO REGULATION",),
    ]


PLAIN_FILING = (
    # A long intro paragraph may end in ":" and still be followed by the first heading.
    f"{LONG * 3}The most significant factors affecting our operations include the following:",
    "Changes in economic conditions could reduce demand for our products.",
    body("economy"),
    "Each of our businesses is subject to seasonal variations, as follows:",
    "Revenues in the first quarter are usually the highest of the year.",
    "Labor disputes may disrupt our operations.",
    body("labor"),
    "We also obtain insurance against some of these losses, subject to deductibles.",
    "Risks Related to the Acquisition",
    "The proposed acquisition may cause disruption in our business.",
    body("acquisition"),
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Disney-like text, one paragraph per line: one-sentence body lines stay body, a
        # short title above a heading is a category, the line ending in ":" is a lead-in.
        (
            PLAIN_FILING,
            [
                ("Changes in economic conditions could reduce demand for our products.", ()),
                ("Labor disputes may disrupt our operations.", ()),
                (
                    "The proposed acquisition may cause disruption in our business.",
                    ("Risks Related to the Acquisition",),
                ),
            ],
        ),
        # AEGON-like headlines without a final full stop.
        (
            (
                "The risk factors are described in more detail below.",
                "Changes in interest rates may significantly affect profitability",
                body("interest"),
                "Liquidity risk of certain investment assets",
                body("liquidity"),
            ),
            [
                ("Changes in interest rates may significantly affect profitability", ()),
                ("Liquidity risk of certain investment assets", ()),
            ],
        ),
        # A paragraph broken by a page: the part after the break is not a heading.
        (
            (
                "Our business may be adversely affected if our network fails.",
                f"{LONG}Our accumulated deficit as of",
                "March 31, 2005 amounted to 34 billion yen, and we may not reduce it soon.",
                body("deficit"),
            ),
            [("Our business may be adversely affected if our network fails.", ())],
        ),
        # A paragraph cut inside a parenthesis: the rest, though it reads like a risk
        # sentence, closes the parenthesis and is not a heading.
        (
            (
                "Our prices may fall.",
                f"{body('pricing')} We also face cheaper schemes (such as the G20",
                "Roadmap)). These factors could hurt us.",
                "Rapid technological change could hurt our growth.",
                body("technology"),
            ),
            [
                ("Our prices may fall.", ()),
                ("Rapid technological change could hurt our growth.", ()),
            ],
        ),
        # A closing line that says the heading again goes with that factor; the category
        # and the heading after it still start the next one.
        (
            (
                "Currency fluctuations could reduce our revenue.",
                body("currency"),
                "Currency fluctuations or exchange controls could reduce our revenue.",
                "Brand and Reputation",
                "Negative brand perception may hurt our business.",
                body("brand"),
            ),
            [
                ("Currency fluctuations could reduce our revenue.", ()),
                ("Negative brand perception may hurt our business.", ("Brand and Reputation",)),
            ],
        ),
        # A risk sentence over a title that heads the next heading has no body of its own.
        (
            (
                "Our guarantees may cause losses.",
                body("guarantee"),
                "We have indemnification obligations that could hurt our results.",
                "Common Stock and Governance",
                "Provisions in our charter could deter a takeover.",
                body("charter"),
            ),
            [
                ("Our guarantees may cause losses.", ()),
                (
                    "Provisions in our charter could deter a takeover.",
                    ("Common Stock and Governance",),
                ),
            ],
        ),
        # "Any ..." may head a factor on its own, but a closing "Any ..." line gives way to
        # the plain statement after it.
        (
            (
                "Any failure to comply with privacy laws may harm us.",
                body("privacy"),
                "Any problems at our suppliers could have a material adverse effect on us.",
                "There are risks associated with our international business.",
                body("international"),
            ),
            [
                ("Any failure to comply with privacy laws may harm us.", ()),
                ("There are risks associated with our international business.", ()),
            ],
        ),
    ],
)
def test_text_cues_without_formatting(
    lines: tuple[str, ...], expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    factors, _ = segment(section(*((line, Style()) for line in lines)), has_markup=False)
    assert [(factor.heading, factor.category) for factor in factors] == expected


RUN_IN_TEXT = (
    "The risks below could affect our business.",
    "Risks Related to Our Business",
    "Damage to Our Reputation Could Impact the Business: Our brand is one of our assets. "
    + body("reputation"),
    "Failure of Innovation Initiatives Could Impact Our Long-Term Success: We invest in "
    "new areas. " + body("innovation"),
    "Risks Related to the Spin-Off of Example Holdings, Inc.",
    "Our Results Could Be Impacted by Our U.S. and non-U.S. Pension Plans: Pension costs "
    "may rise. " + body("pension"),
)


def test_run_in_headings_without_formatting_are_read_from_title_case() -> None:
    # IBM-like text with its italics gone: Title Case leads ending in ":" head the factors,
    # the titles above them are categories.
    factors, passages = segment(
        section(*((line, Style()) for line in RUN_IN_TEXT)), has_markup=False
    )
    assert [(f.heading, f.category, f.run_in) for f in factors] == [
        (
            "Damage to Our Reputation Could Impact the Business:",
            ("Risks Related to Our Business",),
            True,
        ),
        (
            "Failure of Innovation Initiatives Could Impact Our Long-Term Success:",
            ("Risks Related to Our Business",),
            True,
        ),
        (
            "Our Results Could Be Impacted by Our U.S. and non-U.S. Pension Plans:",
            ("Risks Related to the Spin-Off of Example Holdings, Inc.",),
            True,
        ),
    ]
    assert factors[0].paragraphs[0].startswith("Our brand is one of our assets.")
    assert intro_of(passages) == ("The risks below could affect our business.",)


def test_two_title_case_leads_are_not_a_pattern() -> None:
    lines = RUN_IN_TEXT[:4]
    factors, _ = segment(section(*((line, Style()) for line in lines)), has_markup=False)
    assert not any(factor.run_in for factor in factors)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Damage to Our Brand Could Harm Us: It matters.", "Damage to Our Brand Could Harm Us:"),
        (
            "Use of AI, including Agents, Could Hurt Us: We use it.",
            "Use of AI, including Agents, Could Hurt Us:",
        ),
        # Not Title Case, too short, the section's own name, or a lead-in to a list.
        ("For example, our costs could rise: Prices vary.", ""),
        ("Key Risks: The following.", ""),
        ("Risk Factors Summary: The following are our main risks.", ""),
        ("Our Markets Include the Following Regions: asia and europe.", ""),
        ("\u2022 Damage to Our Reputation Could Harm Us: The brand matters.", ""),
    ],
)
def test_title_case_lead(text: str, lead: str) -> None:
    assert title_case_lead(text) == lead


def test_wording_wins_when_formatting_marks_only_a_few_lines() -> None:
    # An HTML section whose headings are plain text; two bold lines are not a pattern.
    rows: list[tuple[str, Style]] = [
        ("Selected Data", BOLD),
        ("Our business may suffer.", BOLD),
        (body("intro"), BODY),
    ]
    expected = [
        "Price competition could reduce our margins.",
        "We depend on a few suppliers for key parts.",
        "Strikes may disrupt our plants.",
        "A stronger yen would lower reported revenue.",
        "Storms and floods can damage our facilities.",
        "New tax rules might raise our costs.",
        "Our debt limits what we can do.",
    ]
    topics = ("price", "supply", "labor", "yen", "storm", "tax", "debt")
    for heading, topic in zip(expected, topics, strict=True):
        rows += [(heading, BODY), (body(topic), BODY)]
    factors, _ = segment(section(*rows))
    assert headings(factors)[-7:] == expected


def test_prose_in_the_heading_look_stays_body() -> None:
    warning = (
        "Investors should read this carefully. The risks are real. They may occur at once. "
        "Some of them we cannot foresee."
    )
    factors, _ = segment(
        section(
            ("Competition may hurt our margins.", BOLD),
            (body("competition"), BODY),
            (warning, BOLD),
            ("We may need more capital.", BOLD),
            (body("capital"), BODY),
        )
    )
    assert headings(factors) == ["Competition may hurt our margins.", "We may need more capital."]
    assert factors[0].paragraphs[-1] == warning


def test_a_section_laid_out_in_tables_is_read_like_paragraphs() -> None:
    rows = [
        ("Competition may hurt our margins.", BOLD),
        (body("competition"), BODY),
        ("We may need more capital.", BOLD),
        (body("capital"), BODY),
    ]
    plain = section(*rows)
    tabled = Section(
        plain.title,
        tuple(replace(block, in_table=True) for block in plain.blocks),
        plain.start,
        plain.end,
    )
    assert headings(segment(tabled)[0]) == headings(segment(plain)[0])
    assert len(segment(tabled)[0]) == 2


def test_headings_boxed_in_one_cell_tables_are_headings() -> None:
    # Each heading alone in its table; a real table (several cells) keeps its bold cells out.
    plain = section(
        ("Competition may hurt our margins.", BOLD),
        (body("competition"), BODY),
        ("Net revenue by year.", BOLD),
        ("Revenue grew in both years.", BOLD),
        (body("revenue"), BODY),
        ("We may need more capital.", BOLD),
        (body("capital"), BODY),
        ("Our stock price may be volatile.", BOLD),
        (body("stock"), BODY),
    )
    boxed = {0, 2, 3, 5, 7}
    blocks = tuple(
        replace(block, in_table=True, tag="td") if index in boxed else block
        for index, block in enumerate(plain.blocks)
    )
    factors, _intro = segment(Section(plain.title, blocks, plain.start, plain.end))
    assert headings(factors) == [
        "Competition may hurt our margins.",
        "We may need more capital.",
        "Our stock price may be volatile.",
    ]
    assert factors[0].paragraphs[1:3] == ("Net revenue by year.", "Revenue grew in both years.")


def test_no_headings_means_no_factors() -> None:
    factors, passages = segment(section((body("a"), BODY), (body("b"), BODY)), has_markup=False)
    assert factors == ()
    assert intro_of(passages) == (body("a"), body("b"))


# -- invariants over generated sections ---------------------------------------------------

LINES = st.sampled_from(
    [
        "Risks Related to Our Business",
        "Competition",
        "We may lose customers to larger rivals.",
        "Changes in law could raise our costs.",
        "Any of these events could harm us.",
        "Our markets are characterized by:",
        "rapid change in technology;",
        body("general"),
        LONG.strip(),
        "Risk Factors Summary",
        "Damage to Our Brand Could Harm Us: Our brand is one of our assets.",
        "Risks Related to the Spin-Off of Example Holdings, Inc.",
    ]
)
STYLES = st.sampled_from([BODY, BOLD, BOLD_ITALIC, ITALIC, BIG, ORANGE, BOLD_GREEN, Style()])
ROWS = st.lists(
    st.tuples(LINES, STYLES, st.sampled_from(["p", "p", "li"]), st.integers(0, 3)), max_size=40
)


def _rebuilt(factors: tuple[Factor, ...], passages: tuple[Passage, ...]) -> list[str]:
    texts: list[str] = []
    for factor in reading_order(factors, passages):
        if isinstance(factor, Passage):
            texts.extend(factor.paragraphs)
        elif factor.run_in:
            first = factor.paragraphs[0] if factor.paragraphs else ""
            texts.append(f"{factor.heading} {first}".strip())
            texts.extend(factor.paragraphs[1:])
        else:
            texts.append(factor.heading)
            texts.extend(factor.paragraphs)
    return texts


def _with_leads(rows: list[tuple[str, Style, str, int]]) -> Section:
    """A section whose blocks sometimes open with an italic run-in lead of 1-3 words."""
    blocks: list[Block] = []
    offset = 0
    for text, style, tag, lead_words in rows:
        words = text.split()
        lead = ""
        if lead_words and len(words) > lead_words:
            lead = " ".join(words[:lead_words]) + ":"
            text = f"{lead} {' '.join(words[lead_words:])}"  # noqa: PLW2901  (the led text)
        end = offset + len(text)
        blocks.append(Block(text, offset, end, style, lead, ITALIC, tag))
        offset = end + 2
    return Section("Risk Factors", tuple(blocks), 0, offset)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, has_markup=st.booleans())
def test_every_block_lands_once_in_order(
    rows: list[tuple[str, Style, str, int]], has_markup: bool
) -> None:
    built = _with_leads(rows)
    factors, passages = segment(built, has_markup=has_markup)
    blocks = mend_wrapped(built.blocks)
    marks = mark_blocks(blocks, has_markup=has_markup)
    # Every block but a category line is a passage paragraph, a heading or body, once and in
    # reading order; text before any category or factor is the introduction.
    kept = [b.text for b, m in zip(blocks, marks, strict=True) if m.kind is not Kind.CATEGORY]
    assert _rebuilt(factors, passages) == kept
    intro = intro_of(passages)
    assert intro == tuple(kept[: len(intro)])
    for part in reading_order(factors, passages):
        assert part.start <= part.end
    for earlier, later in itertools.pairwise(reading_order(factors, passages)):
        assert earlier.end <= later.start


@settings(max_examples=100, deadline=None)
@given(rows=ROWS)
def test_mending_wrapped_lines_keeps_every_word_in_order(
    rows: list[tuple[str, Style, str, int]],
) -> None:
    built = _with_leads(rows)
    mended = mend_wrapped(built.blocks)
    assert " ".join(b.text for b in mended) == " ".join(b.text for b in built.blocks)
    assert len(mended) <= len(built.blocks)
    for earlier, later in itertools.pairwise(mended):
        assert earlier.start <= earlier.end < later.start


# -- a heading wrapped over two blocks ----------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        # The rest opens in lower case: one heading.
        (("Our warranty reserves may be", BOLD), ("insufficient to cover claims.", BOLD), True),
        # The line stops on a word no sentence ends with; the rest opens with a name.
        (("We depend on suppliers in the", BOLD), ("United States and Asia.", BOLD), True),
        (("Our plain line stops on and", BODY), ("the rest follows it.", BODY), True),
        # A finished sentence, a list lead-in or a title stays a block of its own.
        (("Competition may hurt us.", BOLD), ("our rivals are larger.", BOLD), False),
        (("Our markets are characterized by:", BODY), ("rapid change;", BODY), False),
        (("Risks Related to Our Business", BOLD), ("Competition may hurt us.", BOLD), False),
        # Another look: a heading above its body, not the rest of it.
        (("Our warranty reserves may be", BOLD), ("insufficient, as it happens.", BODY), False),
        # A list item is not the rest of a heading.
        (("Our costs may rise due to", BODY), ("higher prices;", BODY, "li"), False),
    ],
)
def test_a_heading_wrapped_over_two_blocks_is_joined(
    first: tuple[str, Style], second: tuple[str, Style] | tuple[str, Style, str], joined: bool
) -> None:
    built = section(first, second)
    mended = mend_wrapped(built.blocks)
    assert len(mended) == (1 if joined else 2)
    if joined:
        assert mended[0].text == f"{first[0]} {second[0]}"
        assert (mended[0].start, mended[0].end) == (built.blocks[0].start, built.blocks[1].end)


def test_a_wrapped_heading_heads_its_factor() -> None:
    factors, _intro = segment(
        section(
            ("Our warranty reserves may be", BOLD),
            ("insufficient to cover future claims.", BOLD),
            (body("warranty"), BODY),
            ("Competition may hurt our margins.", BOLD),
            (body("competition"), BODY),
        )
    )
    assert headings(factors) == [
        "Our warranty reserves may be insufficient to cover future claims.",
        "Competition may hurt our margins.",
    ]
