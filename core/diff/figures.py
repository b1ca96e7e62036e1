"""Find figures in text: amounts, percentages, dates, fiscal years, years and plain numbers.

A changed figure is what a reader of two annual reports looks for first ("¥2.2 billion" became
"¥3.1 billion", "March 31, 2008" became "March 31, 2009"), so the word diff tags them and the
panes and the printout set every figure apart. This is the one finder for all of them: a
Pygments lexer (`FigureLexer`) whose figure rules are `FIGURE_PATTERNS`, defined here once.
A lexer reads prose the way a reader skims it, a word at a time, so digits inside a word
("COVID-19", "4G") never start a figure.

Measured when it became the one finder: the lexer finds the same figures as one compiled
regular expression of the same patterns on all 348 headings and paragraphs of the IIJ and
Coca-Cola pairs; compare_files end to end (medians of 11 and 25 alternating runs) costs 3-6%
more on the IIJ pair (2-3 ms of 50) and 0.3-3% more on the Coca-Cola pair, as the word diff
looks for figures in changed runs only; alone the lexer is about 1.5 times as slow (54 ms
against 37 ms over those 348 texts), and each text's figures are remembered for the panes.

>>> [f.text for f in find_figures("IIJ invested ¥2.2 billion as of August 31, 2009, up 5%.")]
['¥2.2 billion', 'August 31, 2009', '5%']
>>> [(str(kind), text) for kind, text in lex_figures("Up 5% on May 1, 2009") if kind is not Text]
[('Token.Literal.Number.Percent', '5%'), ('Token.Literal.Date', 'May 1, 2009')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

# Pygments ships no type information (types-Pygments is not a dependency).
from pygments.lexer import RegexLexer  # type: ignore[import-untyped]
from pygments.token import Literal, Number, Text, _TokenType  # type: ignore[import-untyped]


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

# The token type of each kind of figure (Pygments' own names where it has them).
KIND_TOKENS: dict[FigureKind, _TokenType] = {
    FigureKind.AMOUNT: Number.Amount,
    FigureKind.PERCENT: Number.Percent,
    FigureKind.DATE: Literal.Date,
    FigureKind.FISCAL_YEAR: Number.FiscalYear,
    FigureKind.YEAR: Number.Year,
    FigureKind.NUMBER: Number,
}
_TOKEN_KINDS = {token: kind for kind, token in KIND_TOKENS.items()}


class FigureLexer(RegexLexer):  # type: ignore[misc]  # RegexLexer is untyped
    """Figures in English prose (`FIGURE_PATTERNS`); words, spaces and punctuation are
    plain `Text`."""

    name = "Filing figures"
    aliases: ClassVar[list[str]] = ["figures"]
    filenames: ClassVar[list[str]] = []
    flags = FIGURE_FLAGS

    tokens: ClassVar[dict[str, list[tuple[str, _TokenType]]]] = {
        "root": [
            *((pattern, KIND_TOKENS[kind]) for kind, pattern in FIGURE_PATTERNS),
            # Words (with their inner digits, as in "COVID-19" or "4G"), then anything else.
            (r"[^\W\d]\w*(?:-\w+)*", Text),
            (r"\s+", Text),
            (r".", Text),
        ]
    }


_LEXER = FigureLexer(stripnl=False, ensurenl=False)


def lex_figures(text: str) -> list[tuple[_TokenType, str]]:
    """(token type, text) pairs covering `text` exactly; consecutive Text is merged."""
    merged: list[tuple[_TokenType, str]] = []
    # get_tokens_unprocessed: get_tokens would rewrite line endings and shift offsets.
    for _, kind, value in _LEXER.get_tokens_unprocessed(text):
        if merged and kind is Text and merged[-1][0] is Text:
            merged[-1] = (Text, merged[-1][1] + value)
        else:
            merged.append((kind, value))
    return merged


# Texts whose figures are remembered: a pane rebuild (a correction, a zoom step, a theme)
# writes the same paragraphs again. About the paragraphs of a few large filings.
REMEMBERED_TEXTS = 8192


@functools.lru_cache(maxsize=REMEMBERED_TEXTS)
def find_figures(text: str) -> tuple[Figure, ...]:
    """Every figure in `text`, left to right, never overlapping (remembered per text)."""
    if not _DIGIT_RE.search(text):  # every figure pattern holds a digit; most text has none
        return ()
    return tuple(
        Figure(_TOKEN_KINDS[kind], start, start + len(value), value)
        for start, kind, value in _LEXER.get_tokens_unprocessed(text)
        if kind in _TOKEN_KINDS
    )


def has_figure(text: str) -> bool:
    """True when `text` holds at least one figure."""
    return bool(find_figures(text))
