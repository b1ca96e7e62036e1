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

import functools
import re
from typing import ClassVar, NamedTuple

# Pygments ships no type information (types-Pygments is not a dependency).
from pygments.lexer import RegexLexer  # type: ignore[import-untyped]
from pygments.token import Literal, Number, Text, _TokenType  # type: ignore[import-untyped]

from core.diff.figures import FIGURE_FLAGS, FIGURE_PATTERNS, FigureKind

Amount = Number.Amount
Percent = Number.Percent
Year = Number.Year
Date = Literal.Date

FIGURE_TOKENS = frozenset({Amount, Percent, Year, Date, Number})

# Token type of each kind core.diff.figures finds; FiscalYear reads as a Year.
_TOKEN_OF_KIND: dict[FigureKind, _TokenType] = {
    FigureKind.AMOUNT: Amount,
    FigureKind.PERCENT: Percent,
    FigureKind.DATE: Date,
    FigureKind.FISCAL_YEAR: Year,
    FigureKind.YEAR: Year,
    FigureKind.NUMBER: Number,
}


class FigureLexer(RegexLexer):  # type: ignore[misc]  # RegexLexer is untyped
    """Figures in English prose; words, spaces and punctuation are plain `Text`.

    The figure patterns are core.diff.figures' own, so what the panes show as a figure is what
    the word diff tags as a changed figure.
    """

    name = "Filing figures"
    aliases: ClassVar[list[str]] = ["figures"]
    filenames: ClassVar[list[str]] = []
    flags = FIGURE_FLAGS

    tokens: ClassVar[dict[str, list[tuple[str, _TokenType]]]] = {
        "root": [
            *((pattern, _TOKEN_OF_KIND[kind]) for kind, pattern in FIGURE_PATTERNS),
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


# Texts whose figures are remembered: a pane rebuild (a correction, a zoom step, a theme)
# writes the same paragraphs again. About the paragraphs of a few large filings.
REMEMBERED_TEXTS = 8192
_DIGIT_RE = re.compile(r"\d")


@functools.lru_cache(maxsize=REMEMBERED_TEXTS)
def figures_in(text: str) -> tuple[FigureSpan, ...]:
    """`figure_spans(text)` in text order, remembered; () at once for text with no digit.

    >>> [(span.start, span.end) for span in figures_in("Up 5% in 2009")]
    [(3, 5), (9, 13)]
    """
    if _DIGIT_RE.search(text) is None:
        return ()
    return tuple(sorted(figure_spans(text), key=lambda span: span.start))


def figure_spans(text: str) -> list[FigureSpan]:
    """The figures of `text` as [start, end) character ranges with their token type."""
    spans = []
    for start, kind, value in _LEXER.get_tokens_unprocessed(text):
        if kind in FIGURE_TOKENS:
            spans.append(FigureSpan(start, start + len(value), kind))
    return spans
