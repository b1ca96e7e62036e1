"""The figure lexer: which runs of a filing's prose are figures, and of which kind."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pygments.token import Number, Text

from gui.figure_lexer import Amount, Date, Percent, Year, figure_spans, lex_figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("revenue of $1.2 billion", [(Amount, "$1.2 billion")]),
        ("¥350 million in 2009", [(Amount, "¥350 million"), (Year, "2009")]),
        ("about 3,500 yen each", [(Amount, "3,500 yen")]),
        ("grew 5.3% last year", [(Percent, "5.3%")]),
        ("fell 12 percent", [(Percent, "12 percent")]),
        ("as of March 31, 2009, we", [(Date, "March 31, 2009")]),
        ("in August 2009 the", [(Date, "August 2009")]),
        ("on 12/31/2023 only", [(Date, "12/31/2023")]),
        ("during fiscal 2023 we", [(Year, "fiscal 2023")]),
        ("FY2008 results", [(Year, "FY2008")]),
        ("about 8,000 customers", [(Number, "8,000")]),
        ("COVID-19 and 4G networks", []),  # digits inside words are not figures
        ("Item 1A. Risk Factors", []),  # an item number is a name, not a figure
        ("our annual report on Form 20-F", []),  # a form name is not a figure
        ("this Form 10-K and 8-K filings", []),
        ("MARCH 31, 2009", [(Date, "MARCH 31, 2009")]),  # capitals, as in headings
        ("no figures here at all", []),
    ],
)
def test_figures_found(text: str, expected: list[tuple[object, str]]) -> None:
    found = [(kind, value) for kind, value in lex_figures(text) if kind is not Text]
    assert found == expected


def test_spans_locate_figures() -> None:
    text = "Up 5% to $2 million."
    assert [text[span.start : span.end] for span in figure_spans(text)] == ["5%", "$2 million"]


@given(st.text(max_size=300))
def test_tokens_cover_the_text_exactly(text: str) -> None:
    assert "".join(value for _, value in lex_figures(text)) == text
