"""Find figures in text: amounts, percentages, dates, fiscal years, years and plain numbers.

A changed figure is what a reader of two annual reports looks for first ("¥2.2 billion" became
"¥3.1 billion", "March 31, 2008" became "March 31, 2009"), so the word diff tags them.

>>> [f.text for f in find_figures("IIJ invested ¥2.2 billion as of August 31, 2009, up 5%.")]
['¥2.2 billion', 'August 31, 2009', '5%']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class FigureKind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"
    DATE = "date"
    FISCAL_YEAR = "fiscal_year"
    YEAR = "year"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in a text: `text[start:end]` of the searched string."""

    kind: FigureKind
    start: int
    end: int
    text: str


_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|mn|bn|m|b)\b)"
_CURRENCY_SIGN = r"(?:US\$|U\.S\.\s?\$|A\$|C\$|HK\$|\$|¥|€|£|₩|₹)"
_CURRENCY_WORD = (
    r"(?:U\.S\.\s+dollars?|dollars?|yen|euros?|pounds?|won|yuan|renminbi|RMB|USD|JPY|EUR|GBP)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?:1[89]\d{2}|20\d{2})"

# Alternatives are tried left to right at each position, so longer, more specific forms
# come first: "$1.2 billion" must win over the plain number "1.2".
FIGURE_PATTERNS: tuple[tuple[FigureKind, str], ...] = (
    (FigureKind.AMOUNT, rf"{_CURRENCY_SIGN}\s?(?:{_NUMBER}){_SCALE}?"),
    (FigureKind.AMOUNT, rf"(?:{_NUMBER}){_SCALE}?\s(?:of\s)?{_CURRENCY_WORD}\b"),
    (FigureKind.AMOUNT, rf"\b(?:USD|JPY|EUR|GBP|RMB)\s?(?:{_NUMBER}){_SCALE}?"),
    (FigureKind.PERCENT, rf"(?:{_NUMBER})\s?(?:%|percent\b|per\scent\b|percentage\spoints?\b)"),
    (FigureKind.DATE, rf"\b{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s{_YEAR}\b"),
    (FigureKind.DATE, rf"\b\d{{1,2}}\s{_MONTH}\s{_YEAR}\b"),
    (FigureKind.DATE, rf"\b{_MONTH}\s{_YEAR}\b"),
    (FigureKind.DATE, r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
    (FigureKind.FISCAL_YEAR, rf"\b(?:fiscal\s(?:year\s)?{_YEAR}\b|FY\s?(?:{_YEAR}|\d{{2}})\b)"),
    (FigureKind.YEAR, rf"\b{_YEAR}\b"),
    # Not a number: digits glued to a word, a form name or an item ("COVID-19", "Form 20-F",
    # "Item 1. Business").
    (FigureKind.NUMBER, rf"(?<!Item )(?<![\w.\-]){_NUMBER}(?![\w]|\.\w|-[A-Za-z])"),
)

_DIGIT_RE = re.compile(r"\d")
FIGURE_FLAGS = re.IGNORECASE
_FIGURE_RE = re.compile(
    "|".join(f"(?P<g{index}>{pattern})" for index, (_, pattern) in enumerate(FIGURE_PATTERNS)),
    FIGURE_FLAGS,
)


def find_figures(text: str) -> tuple[Figure, ...]:
    """Every figure in `text`, left to right, never overlapping."""
    if not _DIGIT_RE.search(text):  # every figure pattern holds a digit; most text has none
        return ()
    figures = []
    for match in _FIGURE_RE.finditer(text):
        group = match.lastgroup
        if group is None:  # pragma: no cover - every alternative is a named group
            continue
        kind = FIGURE_PATTERNS[int(group[1:])][0]
        figures.append(Figure(kind, match.start(), match.end(), match.group()))
    return tuple(figures)


def has_figure(text: str) -> bool:
    """True when `text` holds at least one figure."""
    return _DIGIT_RE.search(text) is not None and _FIGURE_RE.search(text) is not None
