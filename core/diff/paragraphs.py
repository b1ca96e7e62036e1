"""Which paragraph of one side of a pair faces which paragraph of the other.

A pair's two sides are read as rows of paragraphs (headings count as paragraphs): a row holds
a paragraph of each side that the word diff kept largely in common (the same paragraph, kept
or reworded), or a paragraph of one side alone (added or removed), facing nothing. The rows
keep both sides' reading order, so side-by-side views can start each row level on both
sides and put a filler in front of nothing (core.diff.pair.PairDiff.paragraph_rows).

The text two paragraphs keep in common is read off the word diff's equal runs, so the rows
agree with the marks a reader sees. Among all orderly pairings (no two rows crossing) the one
keeping the most text in common is chosen, pairing only paragraphs that keep at least
`COUNTERPART_SHARE` of the shorter one.

>>> old = [(0, 10), (12, 30), (32, 50)]  # three paragraphs of the old side's joined text
>>> new = [(0, 10), (12, 25), (27, 45)]  # the middle one rewritten, another one added
>>> kept = {(0, 0): 10, (2, 2): 18}
>>> pair_rows(len(old), len(new), kept, [e - s for s, e in old], [e - s for s, e in new])
(Row(old=0, new=0), Row(old=1, new=None), Row(old=None, new=1), Row(old=2, new=2))
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from core.model import DiffOp, OpKind

# Two paragraphs face each other when the text the word diff kept in both is at least this
# share of the shorter one. A reworded paragraph keeps most of its words; a paragraph added
# next to a kept one shares only the odd phrase ("the Company", "in addition") with it, and
# the word diff's semantic cleanup already folds such short equalities into the changes.
# Measured on the 310 paired factors of the 14 fixture year pairs (1,302 rows): any share from
# 0.2 to 0.4 changes the rows of at most 6 of them; 0.3 is the middle of that plateau.
COUNTERPART_SHARE = 0.3


class Row(NamedTuple):
    """One row of a pair's paragraphs: an index into each side's pieces (its headings and
    paragraphs in reading order, core.diff.sides.side_pieces), None for the side that has
    no counterpart."""

    old: int | None
    new: int | None


class _Pieces:
    """One side's pieces as [start, end) spans of its joined text, in order."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(piece, overlap start, overlap end) of each piece that overlaps [start, end)."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        found = []
        for index in range(first, bisect.bisect_left(self.starts, end)):
            low, high = max(start, self.spans[index][0]), min(end, self.spans[index][1])
            if low < high:
                found.append((index, low, high))
        return found


def kept_in_common(
    parts: Iterable[tuple[int, int, Sequence[DiffOp]]],
    old_spans: Sequence[tuple[int, int]],
    new_spans: Sequence[tuple[int, int]],
) -> dict[tuple[int, int], int]:
    """Characters of equal text (old piece, new piece) hold in common, from the word diff:
    `parts` are (old offset, new offset, ops) of runs of ops that start at those offsets of
    the sides' joined texts, `*_spans` the [start, end) of each piece in them (the blank
    lines between pieces belong to none)."""
    kept: dict[tuple[int, int], int] = {}
    old, new = _Pieces(old_spans), _Pieces(new_spans)
    for old_start, new_start, ops in parts:
        old_at, new_at = old_start, new_start
        for op in ops:
            size = len(op.text)
            if op.kind is OpKind.EQUAL:
                shift = new_at - old_at
                for i, low, high in old.overlapping(old_at, old_at + size):
                    for j, new_low, new_high in new.overlapping(low + shift, high + shift):
                        kept[i, j] = kept.get((i, j), 0) + new_high - new_low
            if op.kind is not OpKind.INSERT:
                old_at += size
            if op.kind is not OpKind.DELETE:
                new_at += size
    return kept


def pair_rows(
    old_count: int,
    new_count: int,
    kept: Mapping[tuple[int, int], int],
    old_sizes: Sequence[int],
    new_sizes: Sequence[int],
) -> tuple[Row, ...]:
    """The rows of `old_count` and `new_count` pieces: the orderly pairing that keeps the
    most text in `kept` (characters each (old, new) pair of pieces holds in common) among
    pieces keeping at least COUNTERPART_SHARE of the shorter one; the pieces left over face
    nothing, removed ones before added ones between two pairs."""
    candidates = {
        (i, j): size
        for (i, j), size in kept.items()
        if size >= COUNTERPART_SHARE * max(1, min(old_sizes[i], new_sizes[j]))
    }
    # best[i][j]: the most text kept pairing the first i old and first j new pieces.
    best = [[0] * (new_count + 1) for _ in range(old_count + 1)]
    for i in range(1, old_count + 1):
        row, above = best[i], best[i - 1]
        for j in range(1, new_count + 1):
            value = max(above[j], row[j - 1])
            paired = candidates.get((i - 1, j - 1))
            if paired is not None and above[j - 1] + paired > value:
                value = above[j - 1] + paired
            row[j] = value
    matches: list[tuple[int, int]] = []
    i, j = old_count, new_count
    while i > 0 and j > 0:
        paired = candidates.get((i - 1, j - 1))
        if paired is not None and best[i][j] == best[i - 1][j - 1] + paired:
            matches.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    matches.reverse()
    rows: list[Row] = []
    old_next = new_next = 0
    for old_index, new_index in [*matches, (old_count, new_count)]:
        rows += [Row(k, None) for k in range(old_next, old_index)]
        rows += [Row(None, k) for k in range(new_next, new_index)]
        if old_index < old_count:
            rows.append(Row(old_index, new_index))
        old_next, new_next = old_index + 1, new_index + 1
    return tuple(rows)
