"""A reviewer's segmentation corrections applied to one filing's factors.

Each correction keeps every word of the section: a heading that was not one joins the factor
before it as a paragraph, a paragraph that starts a factor becomes that factor's heading, a
category heading read as a factor becomes the category of the factors under it (its body, if
any, joins the factor before it, where the segmenter puts text that sits under a category
before its first factor).

>>> from core.model import Factor, Filing
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
from core.model import Factor, Filing
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
    intro = list(filing.intro)
    for correction in corrections:
        k = find_factor(factors, correction.factor, strict=True)
        if k is None:
            raise CorrectionError(
                f"the factor {correction.factor.heading!r} is not in {filing.path}"
            )
        if isinstance(correction, NotAHeading):
            _join_previous(factors, intro, k, (factors[k].heading, *factors[k].paragraphs))
            del factors[k]
        elif isinstance(correction, NewFactorAt):
            factors[k : k + 1] = _split(factors[k], correction)
        elif isinstance(correction, CategoryHeading):
            _make_category(factors, intro, k)
    return replace(filing, factors=tuple(factors), intro=tuple(intro))


def _join_previous(
    factors: list[Factor], intro: list[str], k: int, paragraphs: tuple[str, ...]
) -> None:
    """Append `paragraphs` (text of factor k) to the factor before k, or to the intro."""
    if not paragraphs:
        return
    if k == 0:
        intro.extend(paragraphs)
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


def _make_category(factors: list[Factor], intro: list[str], k: int) -> None:
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
    _join_previous(factors, intro, k, heading.paragraphs)
    del factors[k]
