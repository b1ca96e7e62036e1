"""Page furniture, bullets and page-broken paragraphs (core.read.clean)."""

from __future__ import annotations

import pytest

from core.model import Style
from core.read.clean import clean_blocks, is_furniture
from core.read.draft import Draft


def _block(text: str, **fields: object) -> Draft:
    return Draft(text, **fields)  # type: ignore[arg-type]


def _texts(drafts: list[Draft | None]) -> list[str]:
    return [block.text for block in clean_blocks(drafts)]


_BODY = "Our business depends on demand for our products, which may fall without notice."


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("25", True),  # a page number
        ("- 7 -", True),  # typewritten page number
        ("F-3", True),  # financial statement pages
        ("Page 4", True),
        ("ii", True),  # roman page number of the front matter
        ("Page F-2 of F-26", True),
        ("I", False),  # a capital letter on its own is not a page number
        ("Table of Contents", True),  # the back-link on every page
        ("TABLE OF CONTENTS", True),
        ("Index to Financial Statements", True),
        ("Index to Consolidated Financial Statements", True),
        ("2023", False),  # a year, not a page number
        ("Item 1A. Risk Factors", False),
        ("Not applicable.", False),
        ("Competition", False),
    ],
)
def test_is_furniture(text: str, furniture: bool) -> None:
    assert is_furniture(text) is furniture


def test_page_numbers_in_tables_are_data() -> None:
    drafts: list[Draft | None] = [_block("25", in_table=True), _block(_BODY)]
    assert _texts(drafts) == ["25", _BODY]


def test_running_header_and_footer_repeating_at_page_breaks_are_dropped() -> None:
    drafts: list[Draft | None] = []
    for page in range(30, 34):
        drafts += [
            _block("PART I"),
            _block("Item 1A. Risk Factors"),
            _block(f"Paragraph {page}. {_BODY}"),
            _block(f"Acme Corp. | 2023 Form 10-K | {page}"),
            None,
        ]
    assert _texts(drafts) == [f"Paragraph {page}. {_BODY}" for page in range(30, 34)]


def test_running_footer_next_to_page_numbers_in_text_without_page_breaks() -> None:
    drafts: list[Draft | None] = []
    for page in range(3):
        drafts += [_block(f"Body {page}. {_BODY}") for _ in range(6)]
        drafts += [_block("Acme Inc. Annual Report"), _block(str(page + 7))]
    texts = _texts(drafts)
    assert "Acme Inc. Annual Report" not in texts
    assert len(texts) == 18


def test_running_header_with_the_words_of_a_heading_keeps_the_heading() -> None:
    small = Style(font_size=8.0)
    drafts: list[Draft | None] = []
    for page in range(3):
        drafts += [None, _block("ITEM 1A. RISK FACTORS", style=small)]
        if page == 0:
            drafts.append(_block("ITEM 1A. RISK FACTORS", style=Style(bold=1.0, font_size=18.0)))
        drafts.append(_block(f"Paragraph {page}. {_BODY}"))
    assert _texts(drafts)[0] == "ITEM 1A. RISK FACTORS"
    assert _texts(drafts).count("ITEM 1A. RISK FACTORS") == 1


def test_repeated_line_far_from_page_breaks_and_not_applicable_are_kept() -> None:
    drafts: list[Draft | None] = []
    for item in range(4):
        drafts += [None, _block(f"Item {item + 4}."), _block("Not applicable.")]
        drafts += [_block(f"{_BODY} {n}.") for n in range(2)] + [_block("Competition")]
        drafts += [_block(f"{_BODY} {n}.") for n in range(2, 6)]
    texts = _texts(drafts)
    assert texts.count("Not applicable.") == 4
    assert texts.count("Competition") == 4


@pytest.mark.parametrize(
    ("drafts", "expected"),
    [
        # a glyph block and its text become one list item
        ([_block("\u2022"), _block("lower prices,")], [("lower prices,", "li")]),
        # a glyph opening the block
        ([_block("\u2022 lower prices,")], [("lower prices,", "li")]),
        ([_block("- lower prices,")], [("lower prices,", "li")]),
        # a Symbol-font bullet that arrives as a private-use character
        ([_block("\uf0b7"), _block("lower prices,")], [("lower prices,", "li")]),
        ([_block("\uf0b7 lower prices,")], [("lower prices,", "li")]),
        # a converter's "- \\cdot" pair
        ([_block("- \\cdot larger customer bases, and")], [("larger customer bases, and", "li")]),
        # a minus sign before a number is not a bullet
        ([_block("-5% in 2023")], [("-5% in 2023", "p")]),
        # a list number in its own table cell stays with its item
        (
            [_block("(a)", in_table=True), _block("acquire and lease equipment", in_table=True)],
            [("(a) acquire and lease equipment", "li")],
        ),
        # a negative figure beside a label in a financial table does not
        (
            [_block("(37)", in_table=True), _block("Latin America", in_table=True)],
            [("(37)", "p"), ("Latin America", "p")],
        ),
        # a glyph with nothing after it disappears
        ([_block(_BODY), _block("\u2022")], [(_BODY, "p")]),
    ],
)
def test_bullets(drafts: list[Draft | None], expected: list[tuple[str, str]]) -> None:
    assert [(block.text, block.tag) for block in clean_blocks(drafts)] == expected


def test_bullet_glyph_is_cut_from_the_lead_too() -> None:
    italic = Style(italic=1.0)
    block = _block("\u2022 Standards. We set them.", lead="\u2022 Standards.", lead_style=italic)
    (item,) = clean_blocks([block])
    assert (item.text, item.lead, item.lead_style) == (
        "Standards. We set them.",
        "Standards.",
        italic,
    )


@pytest.mark.parametrize(
    ("drafts", "expected"),
    [
        # cut by a page break, continues in lowercase
        ([_block("Our deficit, which we may not be able to reduce in the foreseeable"),
          _block("12"), None, _block("Table of Contents"), _block("future, amounts to 3 billion.")],
         ["Our deficit, which we may not be able to reduce in the foreseeable future, "
          "amounts to 3 billion."]),
        # a dangling "as of" before a capitalised date
        ([_block("Our accumulated deficit was large for a company of our size as of"),
          _block("March 31, 2005, and we may not reduce it.")],
         ["Our accumulated deficit was large for a company of our size as of March 31, 2005, "
          "and we may not reduce it."]),
        # a finished sentence is not continued
        ([_block(_BODY), None, _block("and so on.")], [_BODY, "and so on."]),
        # a short heading without a full stop is not continued
        ([_block("Risks Related to Our Business"), _block("we sell.")],
         ["Risks Related to Our Business", "we sell."]),
        # a bold heading followed by plain text is not one paragraph
        ([_block(_BODY[:-1] + " and", style=Style(bold=1.0)), _block("more text.")],
         [_BODY[:-1] + " and", "more text."]),
        # table cells stay apart
        ([_block(_BODY[:-1], in_table=True), _block("continued", in_table=True)],
         [_BODY[:-1], "continued"]),
    ],
)  # fmt: skip
def test_broken_paragraphs(drafts: list[Draft | None], expected: list[str]) -> None:
    assert _texts(drafts) == expected


def test_joined_paragraph_mixes_styles_by_length() -> None:
    first = _block("x" * 90 + " of", style=Style(italic=1.0, font_size=10.0))
    second = _block("y" * 6, style=Style(italic=1.0, bold=0.0, font_size=9.0))
    (joined,) = clean_blocks([first, None, second])
    assert joined.style.italic == 1.0
    assert joined.style.font_size == 10.0
