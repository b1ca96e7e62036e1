"""Find the vertical spans (bands, stripes, links) that meet the screen, without a full scan.

A scroll step repaints what is on screen; with the spans' tops in order and the running
lowest bottom beside them, the ones that can meet a y-range are found by two bisections,
so the work per paint grows with what is visible, not with the number of factors.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence


class Spans:
    """Spans [tops[k], bottoms[k]] given in order of their tops (ties allowed).

    >>> spans = Spans([0, 40, 310], [50, 300, 320])
    >>> list(spans.around(100, 200)), list(spans.around(305, 400)), list(spans.around(-9, -1))
    ([1], [2], [])
    """

    def __init__(self, tops: Sequence[float], bottoms: Sequence[float]) -> None:
        if len(tops) != len(bottoms):
            raise ValueError(f"{len(tops)} tops but {len(bottoms)} bottoms")
        if any(later < earlier for earlier, later in itertools.pairwise(tops)):
            raise ValueError("span tops must be in order")
        self._tops = list(tops)
        self._bottoms = list(bottoms)
        # The lowest bottom reached by any span up to each one: non-decreasing.
        self._reach = list(itertools.accumulate(self._bottoms, max))

    def __len__(self) -> int:
        return len(self._tops)

    def first_reaching(self, y: float) -> int:
        """The first span whose bottom (or an earlier span's) is at or below `y`; every span
        before it ends above `y`."""
        return bisect.bisect_left(self._reach, y)

    def after_starting_by(self, y: float) -> int:
        """One past the last span that starts at or above `y`; every span from it on starts
        below `y`."""
        return bisect.bisect_right(self._tops, y)

    def around(self, top: float, bottom: float) -> range:
        """Indexes of the spans that may overlap [top, bottom]: every span that does is in
        the range; a short span under a long one may be in it without overlapping."""
        first = self.first_reaching(top)
        return range(first, max(first, self.after_starting_by(bottom)))


def linked_around(
    old: Spans, new: Spans, old_view: tuple[float, float], new_view: tuple[float, float]
) -> range:
    """Indexes of the links (span k of `old` tied to span k of `new`) that may show between
    two views, each a (top, bottom) in its own document. A link outside both views can still
    cross between them (its old end above its view, its new end below, when the panes are
    scrolled apart); it lies between the links seen on either side, so one range holds all.

    >>> spans = Spans([0, 100, 200, 300], [90, 190, 290, 390])
    >>> linked_around(spans, spans, (150, 250), (150, 250))
    range(1, 3)
    >>> linked_around(spans, spans, (0, 50), (350, 400))  # scrolled apart: all cross
    range(0, 4)
    """
    first = min(old.first_reaching(old_view[0]), new.first_reaching(new_view[0]))
    last = max(old.after_starting_by(old_view[1]), new.after_starting_by(new_view[1]))
    return range(first, max(first, last))
