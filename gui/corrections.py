"""A reviewer's corrections as the window offers them, worked out from what the person chose
(no Qt): the rows selected in the factor list, a row dragged onto another, the paragraph a pane
was clicked at. Each answer is a `Proposal`: the corrections, and the words that name them in
Edit > Undo and in the menus ("Pair old #4 with new #7").

>>> from core.model import Factor, Filing, Pair, Similarity, Status, Summary
>>> def filing(*headings):
...     return Filing("f", "", "", None, "", tuple(Factor(h, ("Body.",), start=10 * k)
...                                                for k, h in enumerate(headings)))
>>> comparison = Comparison(filing("A", "B"), filing("A", "C"), (
...     Pair(0, 0, Status.UNCHANGED), Pair(1, None, Status.REMOVED),
...     Pair(None, 1, Status.ADDED)), Summary({}, Similarity(1.0, 1.0, 1.0)))
>>> pairing(comparison, [1, 2]).text
'Pair old #2 with new #2'
>>> split(comparison, [0, 2]).text
'Split old #1 into new #1, #2'
>>> unpairing(comparison, 0).text
'Unpair old #1 and new #1'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.diff.sides import side_factors, side_pieces
from core.model import Comparison, Pair, Status
from core.report.labels import factor_numbers
from core.review.anchors import anchor_of
from core.review.model import (
    CategoryHeading,
    Correction,
    Link,
    NewFactorAt,
    NotAHeading,
    NotMoved,
    Side,
    Unlink,
)
from gui.pane_document import PairBlocks

SIDES = (Side.OLD, Side.NEW)
SEGMENTATION = (NotAHeading, NewFactorAt, CategoryHeading)
# The words of a paragraph a "new factor here" correction records to find it again: enough
# to tell it from its neighbours, short enough to survive a later edit of its end.
OPENING_CHARS = 60


@dataclass(frozen=True, slots=True)
class Proposal:
    """Corrections that make one action, and its name."""

    corrections: tuple[Correction, ...]
    text: str


@dataclass(frozen=True, slots=True)
class PanePlace:
    """Where in a pane: pair `pair`, factor `factor` (its index in the side's filing, -1 in
    a caption, category or placeholder), `paragraph` (-1 for the heading, else the index of
    a body paragraph)."""

    side: int
    pair: int
    factor: int = -1
    paragraph: int = -1


def _side_indexes(pair: Pair, side: int) -> tuple[int, ...]:
    return pair.old_indexes if side == 0 else pair.new_indexes


def _selected(comparison: Comparison, rows: Sequence[int]) -> tuple[list[int], list[int]]:
    """The distinct old and new factors of the selected pairs, in filing order (the text
    outside the factors has none: it is never paired by hand)."""
    pairs = [comparison.pairs[row] for row in rows if not comparison.pairs[row].passage]
    olds = sorted({i for pair in pairs for i in pair.old_indexes})
    news = sorted({j for pair in pairs for j in pair.new_indexes})
    return olds, news


def link(comparison: Comparison, olds: Sequence[int], news: Sequence[int]) -> Proposal:
    """These old and new factors form one pair (one to one, a split or a merge)."""
    correction = Link(
        tuple(anchor_of(comparison.old.factors[i]) for i in olds),
        tuple(anchor_of(comparison.new.factors[j]) for j in news),
    )
    old, new = factor_numbers(tuple(olds)), factor_numbers(tuple(news))
    if len(olds) == 1 and len(news) == 1:
        text = f"Pair old {old} with new {new}"
    elif len(olds) == 1:
        text = f"Split old {old} into new {new}"
    else:
        text = f"Merge old {old} into new {new}"
    return Proposal((correction,), text)


def pairing(comparison: Comparison, rows: Sequence[int]) -> Proposal | None:
    """Pair one old and one new factor chosen in the list: the selection holds exactly one
    of each, or it is two rows of which one has no partner (an added or removed factor),
    which is paired with the other row's factor. None when no such pair is told."""
    olds, news = _selected(comparison, rows)
    if len(olds) == 1 and len(news) == 1:
        return None if _already_paired(comparison, olds, news) else link(comparison, olds, news)
    if len(rows) != 2:
        return None
    first, second = (comparison.pairs[row] for row in rows)
    if first.passage or second.passage:
        return None
    for lone, other in ((first, second), (second, first)):
        if not lone.new_indexes and len(lone.old_indexes) == 1 and len(other.new_indexes) == 1:
            return link(comparison, lone.old_indexes, other.new_indexes)
        if not lone.old_indexes and len(lone.new_indexes) == 1 and len(other.old_indexes) == 1:
            return link(comparison, other.old_indexes, lone.new_indexes)
    return None


def dropped(comparison: Comparison, source: int, target: int) -> Proposal | None:
    """A row dragged onto another: the dragged row's factor pairs with the target's factor
    on the other side (its old factor with the target's new one, else its new factor with
    the target's old one)."""
    if source == target:
        return None
    dragged, onto = comparison.pairs[source], comparison.pairs[target]
    if dragged.passage or onto.passage:
        return None
    if len(dragged.old_indexes) == 1 and len(onto.new_indexes) == 1:
        olds, news = dragged.old_indexes, onto.new_indexes
    elif len(dragged.new_indexes) == 1 and len(onto.old_indexes) == 1:
        olds, news = onto.old_indexes, dragged.new_indexes
    else:
        return None
    return None if _already_paired(comparison, olds, news) else link(comparison, olds, news)


def split(comparison: Comparison, rows: Sequence[int]) -> Proposal | None:
    """One old factor and the two or more new factors it became, all selected."""
    olds, news = _selected(comparison, rows)
    if len(olds) != 1 or len(news) < 2 or _already_paired(comparison, olds, news):
        return None
    return link(comparison, olds, news)


def merge(comparison: Comparison, rows: Sequence[int]) -> Proposal | None:
    """Two or more old factors and the one new factor they became, all selected."""
    olds, news = _selected(comparison, rows)
    if len(news) != 1 or len(olds) < 2 or _already_paired(comparison, olds, news):
        return None
    return link(comparison, olds, news)


def _already_paired(comparison: Comparison, olds: Sequence[int], news: Sequence[int]) -> bool:
    return any(
        pair.old_indexes == tuple(olds) and pair.new_indexes == tuple(news)
        for pair in comparison.factor_pairs
    )


def unpairing(comparison: Comparison, index: int) -> Proposal | None:
    """The pair's factors are not the same risk: each old one removed, each new one added
    (unless another partner is found). None for a pair with one side only."""
    pair = comparison.pairs[index]
    if pair.passage or not pair.old_indexes or not pair.new_indexes:
        return None
    corrections = tuple(
        Unlink(anchor_of(comparison.old.factors[i]), anchor_of(comparison.new.factors[j]))
        for i in pair.old_indexes
        for j in pair.new_indexes
    )
    old, new = factor_numbers(pair.old_indexes), factor_numbers(pair.new_indexes)
    return Proposal(corrections, f"Unpair old {old} and new {new}")


def not_moved(comparison: Comparison, index: int) -> Proposal | None:
    """The pair is not to be reported as moved (None unless it is)."""
    pair = comparison.pairs[index]
    if pair.status is not Status.MOVED:
        return None
    old = pair.old_indexes[0]
    return Proposal(
        (NotMoved(anchor_of(comparison.old.factors[old])),),
        f"Mark old #{old + 1} not moved",
    )


def _factor_words(side: int, factor: int) -> str:
    return f"{('old', 'new')[side]} #{factor + 1}"


def not_a_heading(comparison: Comparison, side: int, factor: int) -> Proposal:
    """The heading of `factor` is body text: it joins the factor before it."""
    filing = comparison.old if side == 0 else comparison.new
    joins = f"joins {_factor_words(side, factor - 1)}" if factor else "joins the introduction"
    return Proposal(
        (NotAHeading(SIDES[side], anchor_of(filing.factors[factor])),),
        f"Not a factor heading: {_factor_words(side, factor)} ({joins})",
    )


def category_heading(comparison: Comparison, side: int, factor: int) -> Proposal:
    """The heading of `factor` names a category over the factors after it."""
    filing = comparison.old if side == 0 else comparison.new
    return Proposal(
        (CategoryHeading(SIDES[side], anchor_of(filing.factors[factor])),),
        f"Category heading: {_factor_words(side, factor)}",
    )


def new_factor_at(comparison: Comparison, place: PanePlace) -> Proposal | None:
    """Body paragraph `place.paragraph` of `place.factor` starts a factor of its own (None
    where `place` is no body paragraph)."""
    if place.factor < 0 or place.paragraph < 0:
        return None
    filing = comparison.old if place.side == 0 else comparison.new
    factor = filing.factors[place.factor]
    opening = factor.paragraphs[place.paragraph][:OPENING_CHARS]
    correction = NewFactorAt(SIDES[place.side], anchor_of(factor), place.paragraph, opening)
    where = _factor_words(place.side, place.factor)
    return Proposal(
        (correction,), f"Start a new factor at {where}, paragraph {place.paragraph + 1}"
    )


def factor_of(comparison: Comparison, index: int, side: int, place: PanePlace | None) -> int:
    """The factor a heading correction on pair `index` acts on: the one at `place` when it
    is on that side and pair, else the pair's first factor on `side` (-1 when it has none)."""
    if place is not None and place.pair == index and place.side == side and place.factor >= 0:
        return place.factor
    pair = comparison.pairs[index]
    indexes = () if pair.passage else _side_indexes(pair, side)
    return indexes[0] if indexes else -1


def pane_place(
    comparison: Comparison, blocks: Sequence[PairBlocks], side: int, block: int
) -> PanePlace | None:
    """What block number `block` of pane `side` shows (`blocks`: each pair's blocks there)."""
    for index, pair_blocks in enumerate(blocks):
        if not pair_blocks.first <= block <= pair_blocks.last:
            continue
        pair = comparison.pairs[index]
        if pair.passage:
            return PanePlace(side, index)
        indexes = _side_indexes(pair, side)
        factors = side_factors(comparison, pair, side)
        pieces = iter(side_pieces(factors))
        for factor_index, factor in zip(indexes, factors, strict=True):
            for paragraph in range(-1, len(factor.paragraphs)):
                piece = next(pieces)
                if pair_blocks.starts.get(piece.start) == block:
                    return PanePlace(side, index, factor_index, paragraph)
        return PanePlace(side, index)
    return None
