"""A pair's two sides as the word diff reads them: each side's factors as one text.

A side of a pair is its factors' headings and paragraphs joined by blank lines
(`joined_text`); offsets into that text are how marks (core.diff.pair) say where a change
is, and `side_pieces` says where each heading and paragraph sits in it, so a renderer can
write the pieces and lay the marks over them. A side of a passage pair (the introduction, a
category's text, the closing: Pair.passage) is its passage's paragraphs, with no heading.

>>> factors = [Factor("Demand may fall", ("It may fall.",)), Factor("Costs may rise", ())]
>>> joined_text(factors)
'Demand may fall\\n\\nIt may fall.\\n\\nCosts may rise'
>>> [(piece.text, piece.start) for piece in side_pieces(factors)]
[('Demand may fall', 0), ('It may fall.', 17), ('Costs may rise', 31)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from core.model import Comparison, Factor, Pair, Passage

# What a side of a pair holds: factors, or the passage of a passage pair.
Part = Factor | Passage

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


def factor_text(factor: Part) -> str:
    """Heading and body as one text, the form the pair scores are computed on (a passage's
    paragraphs)."""
    return BREAK.join(_texts(factor))


def _texts(part: Part) -> tuple[str, ...]:
    """A factor's heading and paragraphs; a passage's paragraphs."""
    return (part.heading, *part.paragraphs) if isinstance(part, Factor) else part.paragraphs


def joined_text(factors: Sequence[Part]) -> str:
    """A side's headings and paragraphs in one text, as the word diff compares it."""
    return BREAK.join(factor_text(factor) for factor in factors)


def pair_texts(comparison: Comparison, pair: Pair) -> tuple[str, str]:
    """The old and new joined text of `pair` ("" for the missing side of an added or
    removed factor): what offsets into a pair's sides count in."""
    return (
        joined_text(side_parts(comparison, pair, OLD)),
        joined_text(side_parts(comparison, pair, NEW)),
    )


def side_parts(comparison: Comparison, pair: Pair, side: int) -> tuple[Part, ...]:
    """What `side` of the pair holds: its factors, or a passage pair's passage."""
    if pair.passage:
        return side_passages(comparison, pair, side)
    return side_factors(comparison, pair, side)


def side_passages(comparison: Comparison, pair: Pair, side: int) -> tuple[Passage, ...]:
    """The passage of a passage pair on `side` (none on the side without one)."""
    if not pair.passage:
        return ()
    filing = comparison.old if side == OLD else comparison.new
    indexes = pair.old_indexes if side == OLD else pair.new_indexes
    return tuple(filing.passages[index] for index in indexes)


def side_factors(comparison: Comparison, pair: Pair, side: int) -> tuple[Factor, ...]:
    """The factors of `pair` on `side` (none for the missing side of an added or removed
    factor, several on the many side of a split or merge). Raises ValueError for a passage
    pair, which holds none (see `side_parts`)."""
    if pair.passage:
        raise ValueError("a passage pair holds no factors: read it with side_parts")
    if side == OLD:
        return tuple(comparison.old.factors[index] for index in pair.old_indexes)
    return tuple(comparison.new.factors[index] for index in pair.new_indexes)


def side_pieces(factors: Sequence[Part]) -> list[Piece]:
    """Headings and paragraphs of `factors` (a passage's paragraphs) with their offsets in
    `joined_text(factors)`."""
    pieces = []
    start = 0
    for factor in factors:
        heading = isinstance(factor, Factor)
        run_in = factor.run_in if isinstance(factor, Factor) else False
        for position, text in enumerate(_texts(factor)):
            paragraph = position - 1 if heading else position
            item = paragraph in factor.list_items
            pieces.append(Piece(text, start, heading and position == 0, run_in, item))
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
