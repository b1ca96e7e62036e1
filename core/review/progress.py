"""How far a review has come: the counts the status bar, the printout and `review` show.

>>> from core.model import Pair, Status
>>> from core.review.model import Mark, PairKey, ReviewState
>>> pairs = (Pair(0, 0, Status.MODIFIED), Pair(1, None, Status.REMOVED),
...          Pair(2, 1, Status.UNCHANGED))
>>> key = PairKey((), ())
>>> marks = (Mark(key, ReviewState.REVIEWED), Mark(key, ReviewState.FLAGGED), Mark(key))
>>> progress = review_progress(pairs, marks)
>>> progress.describe()
'1 of 2 changes reviewed, 1 flagged'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.model import Pair, Status
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


def is_change(pair: Pair) -> bool:
    """Whether a reviewer has something to read in this pair."""
    return pair.status is not Status.UNCHANGED


def review_progress(pairs: Sequence[Pair], marks: Sequence[Mark]) -> ReviewProgress:
    """Counts over `pairs` and their `marks` (one mark per pair, in the same order)."""
    changes = reviewed = flagged = unchanged_marked = 0
    for pair, mark in zip(pairs, marks, strict=True):
        if not is_change(pair):
            unchanged_marked += mark.state is not ReviewState.UNREVIEWED
            continue
        changes += 1
        reviewed += mark.state is ReviewState.REVIEWED
        flagged += mark.state is ReviewState.FLAGGED
    return ReviewProgress(changes, reviewed, flagged, unchanged_marked)
