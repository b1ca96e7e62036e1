"""A small Pygments lexer that picks out the figures of a filing's prose.

Amounts ("$1.2 billion", "¥350 million"), percentages ("5.3%"), dates ("March 31, 2009") and
plain numbers are what a reader compares first, so the panes set them apart; everything else
is `Text`. `figure_spans` gives the figures as character ranges for the pane documents.

>>> [(str(kind), text) for kind, text in lex_figures("Up 5% to $2 million on May 1, 2009")
...  if kind is not Text]
[('Token.Literal.Number.Percent', '5%'), ('Token.Literal.Number.Amount', '$2 million'), \
('Token.Literal.Date', 'May 1, 2009')]
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

# Pygments ships no type information (types-Pygments is not a dependency).
from pygments.lexer import RegexLexer  # type: ignore[import-untyped]
from pygments.token import Literal, Number, Text, _TokenType  # type: ignore[import-untyped]

Amount = Number.Amount
Percent = Number.Percent
Year = Number.Year
Date = Literal.Date

FIGURE_TOKENS = frozenset({Amount, Percent, Year, Date, Number})

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion)\b)"
_CURRENCY_SIGN = r"(?:US\$|A\$|C\$|HK\$|\$|¥|€|£)"
_CURRENCY_WORD = r"(?:dollars?|yen|euros?|pounds?|yuan|renminbi|RMB|USD|JPY|EUR|GBP)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = r"(?:1[89]\d{2}|20\d{2})"


class FigureLexer(RegexLexer):  # type: ignore[misc]  # RegexLexer is untyped
    """Figures in English prose; words, spaces and punctuation are plain `Text`."""

    name = "Filing figures"
    aliases: ClassVar[list[str]] = ["figures"]
    filenames: ClassVar[list[str]] = []
    flags = 0

    tokens: ClassVar[dict[str, list[tuple[str, _TokenType]]]] = {
        "root": [
            (rf"{_CURRENCY_SIGN}\s?(?:{_NUMBER}){_SCALE}?", Amount),
            (rf"(?:{_NUMBER}){_SCALE}?\s(?:of\s)?{_CURRENCY_WORD}\b", Amount),
            (rf"(?:{_NUMBER})\s?(?:%|percent\b|per\scent\b|percentage\spoints?\b)", Percent),
            (rf"\b{_MONTH}\s\d{{1,2}},?\s{_YEAR}\b", Date),
            (rf"\b\d{{1,2}}\s{_MONTH}\s{_YEAR}\b", Date),
            (rf"\b{_MONTH}\s{_YEAR}\b", Date),
            (r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b", Date),
            (rf"\b(?:fiscal\s(?:year\s)?{_YEAR}|FY\s?(?:{_YEAR}|\d{{2}}))\b", Year),
            (rf"\b{_YEAR}\b", Year),
            (rf"(?<![\w.]){_NUMBER}(?!\w)", Number),
            # Words (with their inner digits, as in "COVID-19" or "4G"), then anything else.
            (r"[^\W\d]\w*(?:-\w+)*", Text),
            (r"\s+", Text),
            (r".", Text),
        ]
    }


_LEXER = FigureLexer(stripnl=False, ensurenl=False)


class FigureSpan(NamedTuple):
    start: int
    end: int
    kind: _TokenType


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


def figure_spans(text: str) -> list[FigureSpan]:
    """The figures of `text` as [start, end) character ranges with their token type."""
    spans = []
    for start, kind, value in _LEXER.get_tokens_unprocessed(text):
        if kind in FIGURE_TOKENS:
            spans.append(FigureSpan(start, start + len(value), kind))
    return spans
