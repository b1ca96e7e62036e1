"""The one figure finder (core.diff.figures, a Pygments lexer): which runs of a filing's
prose are figures, and of which kind. The word diff tags changed figures with it and the
panes and printout set figures apart with it, so all agree on what a figure is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.diff.figures import FigureKind, find_figures, lex_figures

AMOUNT, PERCENT, DATE = FigureKind.AMOUNT, FigureKind.PERCENT, FigureKind.DATE
YEAR, FISCAL_YEAR, NUMBER = FigureKind.YEAR, FigureKind.FISCAL_YEAR, FigureKind.NUMBER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("revenue of $1.2 billion", [(AMOUNT, "$1.2 billion")]),
        ("¥350 million in 2009", [(AMOUNT, "¥350 million"), (YEAR, "2009")]),
        ("about 3,500 yen each", [(AMOUNT, "3,500 yen")]),
        ("grew 5.3% last year", [(PERCENT, "5.3%")]),
        ("fell 12 percent", [(PERCENT, "12 percent")]),
        ("as of March 31, 2009, we", [(DATE, "March 31, 2009")]),
        ("in August 2009 the", [(DATE, "August 2009")]),
        ("on 12/31/2023 only", [(DATE, "12/31/2023")]),
        ("during fiscal 2023 we", [(FISCAL_YEAR, "fiscal 2023")]),
        ("FY2008 results", [(FISCAL_YEAR, "FY2008")]),
        ("about 8,000 customers", [(NUMBER, "8,000")]),
        ("COVID-19 and 4G networks", []),  # digits inside words are not figures
        ("Item 1A. Risk Factors", []),  # an item number is a name, not a figure
        ("our annual report on Form 20-F", []),  # a form name is not a figure
        ("this Form 10-K and 8-K filings", []),
        ("MARCH 31, 2009", [(DATE, "MARCH 31, 2009")]),  # capitals, as in headings
        ("no figures here at all", []),
    ],
)
def test_figures_found(text: str, expected: list[tuple[FigureKind, str]]) -> None:
    assert [(figure.kind, figure.text) for figure in find_figures(text)] == expected


def test_figures_are_located_in_their_text() -> None:
    text = "Up 5% to $2 million."
    assert [text[figure.start : figure.end] for figure in find_figures(text)] == [
        "5%",
        "$2 million",
    ]


@given(st.text(alphabet=st.sampled_from("ab 12,.$%-/MarchFY"), max_size=80))
def test_figures_are_ordered_disjoint_and_hold_their_text(text: str) -> None:
    end = 0
    for figure in find_figures(text):
        assert end <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.text
        end = figure.end


@given(st.text(max_size=300))
def test_the_lexer_tokens_cover_the_text_exactly(text: str) -> None:
    assert "".join(value for _, value in lex_figures(text)) == text
