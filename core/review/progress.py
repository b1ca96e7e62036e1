"""How far a review has come: the counts the status bar, the printout and `review` show.

>>> from core.model import Factor, Filing, Pair, Similarity, Status, Summary
>>> from core.review.model import Mark, PairKey, ReviewState
>>> old = Filing("old.txt", "", "", 2008, "", (Factor("Costs rise", ("They rose.",)),
...     Factor("Rates fall", ()), Factor("Demand", ())))
>>> new = Filing("new.txt", "", "", 2009, "", (Factor("Costs rise", ("They rose a lot.",)),
...     Factor("Demand", ())))
>>> pairs = (Pair(0, 0, Status.MODIFIED), Pair(1, None, Status.REMOVED),
...          Pair(2, 1, Status.UNCHANGED))
>>> comparison = Comparison(old, new, pairs, Summary({}, Similarity(1, 1, 1)))
>>> key = PairKey((), ())
>>> marks = (Mark(key, ReviewState.REVIEWED), Mark(key, ReviewState.FLAGGED), Mark(key))
>>> progress = review_progress(comparison, marks)
>>> progress.describe()
'1 of 2 changes reviewed, 1 flagged'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.diff.pair import pair_diff
from core.model import Comparison, Pair
from core.review.model import Mark, ReviewState


@dataclass(frozen=True, slots=True)
class ReviewProgress:
    """`changes`: pairs that are a change (not unchanged); `reviewed` and `flagged` count
    those changes the reviewer has settled or flagged (a flagged change is not reviewed);
    `unchanged_marked` counts unchanged pairs the reviewer marked anyway."""

    changes: int
    reviewed: int
    flagged: int
    unchanged_marked: int

    @property
    def open(self) -> int:
        return self.changes - self.reviewed - self.flagged

    def describe(self) -> str:
        noun = "change" if self.changes == 1 else "changes"
        text = f"{self.reviewed} of {self.changes} {noun} reviewed"
        return f"{text}, {self.flagged} flagged" if self.flagged else text


def is_change(comparison: Comparison, pair: Pair) -> bool:
    """Whether a reviewer has something to read in `pair` of `comparison`: its difference
    is a change (core.diff.pair), as the panes and the factor list say."""
    return pair_diff(comparison, pair).is_change


def review_progress(comparison: Comparison, marks: Sequence[Mark]) -> ReviewProgress:
    """Counts over the pairs of `comparison` and their `marks` (one mark per pair, in the
    same order)."""
    changes = reviewed = flagged = unchanged_marked = 0
    for pair, mark in zip(comparison.pairs, marks, strict=True):
        if not is_change(comparison, pair):
            unchanged_marked += mark.state is not ReviewState.UNREVIEWED
            continue
        changes += 1
        reviewed += mark.state is ReviewState.REVIEWED
        flagged += mark.state is ReviewState.FLAGGED
    return ReviewProgress(changes, reviewed, flagged, unchanged_marked)
