"""Naming a factor by its place and words, and finding it again in a (re)segmented filing.

>>> from core.model import Factor
>>> factors = (Factor("Rates may rise.", ("Body.",), start=0, end=20),
...            Factor("Our  supply   may fail.", ("More.",), start=20, end=45))
>>> anchor = anchor_of(factors[1])
>>> anchor
Anchor(start=20, heading='Our supply may fail.')
>>> find_factor(factors, anchor)
1
>>> find_factor(factors, Anchor(start=999, heading="Our supply may fail."))  # moved text
1
>>> find_factor(factors, Anchor(start=25, heading="A heading no longer there"))  # inside #1
1
>>> find_factor(factors, Anchor(start=999, heading="Gone")) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import Factor, Passage
from core.report.labels import passage_label
from core.review.model import Anchor

_SPACE_RE = re.compile(r"\s+")
# What opens the anchor of a passage (introduction, category text, closing) before its label,
# so that no factor heading reads as one.
PASSAGE_MARK = "§ "


def heading_key(heading: str) -> str:
    """A heading as an anchor keeps it: whitespace runs collapsed, ends trimmed."""
    return _SPACE_RE.sub(" ", heading).strip()


def anchor_of(factor: Factor) -> Anchor:
    return Anchor(start=factor.start, heading=heading_key(factor.heading))


def find_factor(factors: Sequence[Factor], anchor: Anchor, *, strict: bool = False) -> int | None:
    """The index of the factor `anchor` names, or None when it is gone.

    In order of trust: the factor starting at the anchor's offset with the same heading; the
    factor with the same heading nearest the offset (the filing was cut differently before
    it); unless `strict`, the factor whose text holds the offset (its heading was joined into
    another factor, or the segmenter now reads it as body text). A note follows its text into
    another factor; a correction that changes a heading must find that very heading.
    """
    same_heading = [k for k, f in enumerate(factors) if heading_key(f.heading) == anchor.heading]
    for k in same_heading:
        if factors[k].start == anchor.start:
            return k
    if same_heading:
        return min(same_heading, key=lambda k: abs(factors[k].start - anchor.start))
    if strict:
        return None
    for k, factor in enumerate(factors):
        if factor.start <= anchor.start < factor.end:
            return k
    return None


def passage_anchor(passage: Passage) -> Anchor:
    """A passage named by its place and its label: Anchor(134, '§ Introduction')."""
    return Anchor(start=passage.start, heading=PASSAGE_MARK + heading_key(passage_label(passage)))


def is_passage_anchor(anchor: Anchor) -> bool:
    return anchor.heading.startswith(PASSAGE_MARK)


def find_passage(passages: Sequence[Passage], anchor: Anchor) -> int | None:
    """The index of the passage `anchor` names (the one with its label nearest its offset),
    or None when no passage has that label any more."""
    same = [k for k, p in enumerate(passages) if passage_anchor(p).heading == anchor.heading]
    if not same:
        return None
    return min(same, key=lambda k: abs(passages[k].start - anchor.start))
