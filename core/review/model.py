"""The values of a review: what a reviewer decided about each pair and what they corrected.

A review is kept apart from the comparison it reviews. Its marks and corrections name factors
by `Anchor` (where the factor starts in its filing's text and the words of its heading), not by
list position, so a review made today still finds its factors after the segmenter has improved
and numbers them differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.diff.options import EXACT, DiffOptions


class ReviewState(StrEnum):
    UNREVIEWED = "unreviewed"
    REVIEWED = "reviewed"
    FLAGGED = "flagged"


class Side(StrEnum):
    OLD = "old"
    NEW = "new"


@dataclass(frozen=True, slots=True)
class Anchor:
    """A factor found again by its place and its words.

    `start` is the factor's character offset in its filing's text (`Factor.start`); `heading`
    is its heading, whitespace-normalised.
    """

    start: int
    heading: str


@dataclass(frozen=True, slots=True)
class PairKey:
    """A pair named by the anchors of its factors on each side (empty for added/removed)."""

    old: tuple[Anchor, ...]
    new: tuple[Anchor, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """The reviewer's state and note on one pair, with who set it and when (ISO 8601, UTC)."""

    pair: PairKey
    state: ReviewState = ReviewState.UNREVIEWED
    note: str = ""
    reviewer: str = ""
    when: str = ""


# Pairing corrections -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """These factors form one pair: one to one, a split (one old) or a merge (one new)."""

    old: tuple[Anchor, ...]
    new: tuple[Anchor, ...]


@dataclass(frozen=True, slots=True)
class Unlink:
    """These two factors are not the same risk: never pair them."""

    old: Anchor
    new: Anchor


@dataclass(frozen=True, slots=True)
class NotMoved:
    """The pair of this old factor is not to be reported as moved."""

    old: Anchor


# Segmentation corrections ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NotAHeading:
    """This factor's heading is body text: heading and body join the factor before it."""

    side: Side
    factor: Anchor


@dataclass(frozen=True, slots=True)
class NewFactorAt:
    """Body paragraph `paragraph` of this factor (its text starts with `opening`) is the
    heading of a factor of its own; the paragraphs after it are that factor's body."""

    side: Side
    factor: Anchor
    paragraph: int
    opening: str


@dataclass(frozen=True, slots=True)
class CategoryHeading:
    """This factor's heading is a category heading: the factors after it in the same category
    fall under it, and its body (if any) joins the factor before it."""

    side: Side
    factor: Anchor


PairingCorrection = Link | Unlink | NotMoved
SegmentCorrection = NotAHeading | NewFactorAt | CategoryHeading
Correction = PairingCorrection | SegmentCorrection


@dataclass(frozen=True, slots=True)
class FilingRecord:
    """Which file a review was made on: enough to tell a changed or a different file."""

    path: str
    size: int
    sha256: str
    company: str = ""
    form: str = ""
    fiscal_year: int | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """Everything a reviewer did to one comparison, in the order they did it."""

    old: FilingRecord
    new: FilingRecord
    options: DiffOptions = EXACT
    corrections: tuple[Correction, ...] = ()
    marks: tuple[Mark, ...] = ()
