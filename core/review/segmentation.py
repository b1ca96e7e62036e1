"""A reviewer's segmentation corrections applied to one filing's factors.

Each correction keeps every word of the section: a heading that was not one joins the factor
before it as a paragraph (or the passage before it, when it was the first factor after one), a
paragraph that starts a factor becomes that factor's heading, a category heading read as a
factor becomes the category of the factors under it (its body, if any, becomes that category's
passage, where the segmenter puts text that sits under a category before its first factor).

>>> from core.model import Factor, Filing, Passage, PassageKind
>>> from core.review.model import Anchor, Side
>>> filing = Filing("f.txt", "Acme", "10-K", 2024, "Risk Factors", (
...     Factor("Rates may rise.", ("Rates matter.",), start=0, end=30),
...     Factor("See below.", ("Details.", "Supply may fail.", "It did once."), start=30, end=90)))
>>> fixed = resegment(filing, [NewFactorAt(Side.OLD, Anchor(30, "See below."), 1, "Supply")])
>>> [f.heading for f in fixed.factors]
['Rates may rise.', 'See below.', 'Supply may fail.']
>>> fixed = resegment(fixed, [NotAHeading(Side.OLD, Anchor(30, "See below."))])
>>> [(f.heading, f.paragraphs) for f in fixed.factors][0]
('Rates may rise.', ('Rates matter.', 'See below.', 'Details.'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from core.errors import FactorDiffError
from core.model import Factor, Filing, Passage, PassageKind
from core.review.anchors import find_factor
from core.review.model import CategoryHeading, NewFactorAt, NotAHeading, SegmentCorrection

# The separator Document.text puts between blocks: a split factor's second part starts this
# far past the end of the paragraphs kept before it (an estimate: its anchor needs no more).
_BLOCK_GAP = 2


class CorrectionError(FactorDiffError):
    """A correction that cannot apply to this filing (its factor or paragraph is gone)."""


def resegment(filing: Filing, corrections: Iterable[SegmentCorrection]) -> Filing:
    """`filing` with each correction applied in order. Raises CorrectionError for one whose
    factor cannot be found or whose paragraph no longer starts with the recorded words."""
    factors = list(filing.factors)
    passages = list(filing.passages)
    for correction in corrections:
        k = find_factor(factors, correction.factor, strict=True)
        if k is None:
            raise CorrectionError(
                f"the factor {correction.factor.heading!r} is not in {filing.path}"
            )
        if isinstance(correction, NotAHeading):
            _join_previous(factors, passages, k, (factors[k].heading, *factors[k].paragraphs))
            del factors[k]
            _shift(passages, k, -1)
        elif isinstance(correction, NewFactorAt):
            factors[k : k + 1] = _split(factors[k], correction)
            _shift(passages, k, +1)
        elif isinstance(correction, CategoryHeading):
            _make_category(factors, passages, k)
    return replace(filing, factors=tuple(factors), passages=tuple(passages))


def _shift(passages: list[Passage], k: int, by: int) -> None:
    """Passages after factor k move `by` places as factor k goes (-1) or splits (+1)."""
    for index, passage in enumerate(passages):
        if passage.before > k:
            passages[index] = replace(passage, before=passage.before + by)


def _join_previous(
    factors: list[Factor], passages: list[Passage], k: int, paragraphs: tuple[str, ...]
) -> None:
    """Append `paragraphs` (text of factor k) to what reads before it: the passage right
    before it (the introduction, a category's text), else the factor before it, else a new
    introduction."""
    if not paragraphs:
        return
    for index, passage in enumerate(passages):
        if passage.before == k and passage.kind is not PassageKind.CLOSING:
            passages[index] = replace(
                passage, paragraphs=(*passage.paragraphs, *paragraphs), end=factors[k].end
            )
            return
    if k == 0:
        introduction = Passage(
            PassageKind.INTRODUCTION, paragraphs, start=factors[k].start, end=factors[k].end
        )
        passages.insert(0, introduction)
        return
    before = factors[k - 1]
    factors[k - 1] = replace(
        before, paragraphs=(*before.paragraphs, *paragraphs), end=factors[k].end
    )


def _split(factor: Factor, correction: NewFactorAt) -> list[Factor]:
    p = correction.paragraph
    if not 0 <= p < len(factor.paragraphs) or not factor.paragraphs[p].startswith(
        correction.opening
    ):
        raise CorrectionError(
            f"the paragraph {correction.opening!r}… is no longer in {factor.heading!r}"
        )
    kept = factor.paragraphs[:p]
    start = factor.start + len(factor.heading) + sum(len(text) + _BLOCK_GAP for text in kept)
    start += _BLOCK_GAP
    head = replace(
        factor,
        paragraphs=kept,
        end=start,
        list_items=tuple(i for i in factor.list_items if i < p),
    )
    tail = Factor(
        heading=factor.paragraphs[p],
        paragraphs=factor.paragraphs[p + 1 :],
        category=factor.category,
        start=start,
        end=factor.end,
        list_items=tuple(i - p - 1 for i in factor.list_items if i > p),
    )
    return [head, tail]


def _make_category(factors: list[Factor], passages: list[Passage], k: int) -> None:
    heading = factors[k]
    path = (*heading.category, heading.heading)
    following = k + 1
    if following == len(factors) or factors[following].category != heading.category:
        # A category names the factors under it: with none, its words would be lost.
        raise CorrectionError(
            f"no factor follows {heading.heading!r} in its category: it cannot head one"
        )
    while following < len(factors) and factors[following].category == heading.category:
        factors[following] = replace(factors[following], category=path)
        following += 1
    del factors[k]
    _shift(passages, k, -1)
    if heading.paragraphs:
        text = Passage(
            PassageKind.CATEGORY,
            heading.paragraphs,
            category=path,
            before=k,
            start=heading.start,
            end=heading.end,
            list_items=heading.list_items,
        )
        at = next((i for i, p in enumerate(passages) if p.before > k), len(passages))
        passages.insert(at, text)
