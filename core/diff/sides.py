"""A pair's two sides as the word diff reads them: each side's factors as one text.

A side of a pair is its factors' headings and paragraphs joined by blank lines
(`joined_text`); offsets into that text are how marks (core.diff.pair) say where a change
is, and `side_pieces` says where each heading and paragraph sits in it, so a renderer can
write the pieces and lay the marks over them.

>>> factors = [Factor("Demand may fall", ("It may fall.",)), Factor("Costs may rise", ())]
>>> joined_text(factors)
'Demand may fall\\n\\nIt may fall.\\n\\nCosts may rise'
>>> [(piece.text, piece.start) for piece in side_pieces(factors)]
[('Demand may fall', 0), ('It may fall.', 17), ('Costs may rise', 31)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from core.model import Comparison, Factor, Pair

OLD, NEW = 0, 1  # a pair's sides, as indexes

BREAK = "\n\n"  # between the headings and paragraphs of a side's joined text

# Curly quotes read as straight ones; a no-break space is spacing like any other.
_QUOTES = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'))


class Piece(NamedTuple):
    """One heading or paragraph of a side's text, at `start` in the side's joined text;
    `item` when the paragraph is an item of a bulleted list."""

    text: str
    start: int
    heading: bool
    run_in: bool
    item: bool = False


def factor_text(factor: Factor) -> str:
    """Heading and body as one text, the form the pair scores are computed on."""
    return BREAK.join((factor.heading, *factor.paragraphs))


def joined_text(factors: Sequence[Factor]) -> str:
    """A side's headings and paragraphs in one text, as the word diff compares it."""
    return BREAK.join(factor_text(factor) for factor in factors)


def pair_texts(comparison: Comparison, pair: Pair) -> tuple[str, str]:
    """The old and new joined text of `pair` ("" for the missing side of an added or
    removed factor): what offsets into a pair's sides count in."""
    return (
        joined_text(side_factors(comparison, pair, OLD)),
        joined_text(side_factors(comparison, pair, NEW)),
    )


def side_factors(comparison: Comparison, pair: Pair, side: int) -> tuple[Factor, ...]:
    """The factors of `pair` on `side` (none for the missing side of an added or removed
    factor, several on the many side of a split or merge)."""
    if side == OLD:
        return tuple(comparison.old.factors[index] for index in pair.old_indexes)
    return tuple(comparison.new.factors[index] for index in pair.new_indexes)


def side_pieces(factors: Sequence[Factor]) -> list[Piece]:
    """Headings and paragraphs of `factors` with their offsets in `joined_text(factors)`."""
    pieces = []
    start = 0
    for factor in factors:
        for position, text in enumerate((factor.heading, *factor.paragraphs)):
            item = position - 1 in factor.list_items
            pieces.append(Piece(text, start, position == 0, factor.run_in, item))
            start += len(text) + len(BREAK)
    return pieces


def normalized(text: str) -> str:
    """`text` with curly quotes straightened and whitespace runs collapsed: two texts equal
    in this form read the same (a pair of them is unchanged)."""
    # str.replace per mark, and split/join for spacing: several times faster on a long
    # text than str.translate with a mapping and a whitespace regex (same result).
    for curly, straight in _QUOTES:
        if curly in text:
            text = text.replace(curly, straight)
    return " ".join(text.split())
