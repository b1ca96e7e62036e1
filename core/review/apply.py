"""A review applied to two filings: corrections first, then the marks on the pairs that result.

>>> reviewed = apply_review(old, new, review)  # doctest: +SKIP
>>> reviewed.comparison.pairs[0].corrected, reviewed.marks[0].state  # doctest: +SKIP
(True, <ReviewState.FLAGGED: 'flagged'>)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from core.align.constraints import Constraints
from core.align.pairing import DEFAULT_THRESHOLD, Memo, Scored, align, score
from core.model import Comparison, Factor, Filing, Pair, Progress
from core.review.anchors import (
    anchor_of,
    find_factor,
    find_passage,
    is_passage_anchor,
    passage_anchor,
)
from core.review.model import (
    Anchor,
    Correction,
    Link,
    Mark,
    NotMoved,
    PairKey,
    Review,
    SegmentCorrection,
    Side,
    Unlink,
)
from core.review.segmentation import CorrectionError, resegment


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A comparison under a review.

    `marks[k]` is the mark of `comparison.pairs[k]` (an unreviewed mark when it has none).
    `orphans` are marks whose factors are no longer found (shown with their text, never
    dropped); `unapplied` are corrections whose factors are gone, with the reason.
    `scored` (the scores of the two re-segmented filings) and `memo` (the word diffs made of
    their pairs, and more) are for the next correction to reuse (see `apply_review`'s `before`).
    """

    comparison: Comparison
    marks: tuple[Mark, ...]
    orphans: tuple[Mark, ...] = ()
    unapplied: tuple[tuple[Correction, str], ...] = ()
    scored: Scored | None = field(default=None, compare=False, repr=False)
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)


def pair_key(comparison: Comparison, pair: Pair) -> PairKey:
    """The anchors of a pair's factors (of its passages, for a passage pair), the name a
    review gives it."""
    if pair.passage:
        return PairKey(
            old=tuple(passage_anchor(comparison.old.passages[i]) for i in pair.old_indexes),
            new=tuple(passage_anchor(comparison.new.passages[j]) for j in pair.new_indexes),
        )
    return PairKey(
        old=tuple(anchor_of(comparison.old.factors[i]) for i in pair.old_indexes),
        new=tuple(anchor_of(comparison.new.factors[j]) for j in pair.new_indexes),
    )


def apply_review(
    old: Filing,
    new: Filing,
    review: Review,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    before: Reviewed | None = None,
) -> Reviewed:
    """Apply `review`'s corrections to the two filings, align them again under the pairings
    it fixed, and attach each mark to the pair that now holds its factors.

    `before`, the same filings under an earlier state of the review, makes a correction
    cheap: a side whose segmentation did not change keeps its filing, filings that both
    stayed keep their scores, and pairs of unchanged texts are not diffed again.
    """
    unapplied: list[tuple[Correction, str]] = []
    old = _resegmented(old, Side.OLD, review.corrections, unapplied)
    new = _resegmented(new, Side.NEW, review.corrections, unapplied)
    constraints = _constraints(old.factors, new.factors, review.corrections, unapplied)
    scored = before.scored if before is not None else None
    memo = before.memo if before is not None else Memo()
    if scored is not None:
        # A side read as before is given as the very filing the scores were made on.
        old = scored.old if scored.old == old else old
        new = scored.new if scored.new == new else new
    if scored is None or scored.old is not old or scored.new is not new:
        scored = _scored(old, new, memo, progress)
    comparison = align(
        old,
        new,
        threshold=threshold,
        constraints=constraints,
        progress=progress,
        scored=scored,
        memo=memo,
    )
    marks, orphans = attach_marks(comparison, review.marks)
    return Reviewed(comparison, marks, orphans, tuple(unapplied), scored, memo)


def unreviewed(
    old: Filing,
    new: Filing,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> Reviewed:
    """The program's alignment of `old` with `new` under no review yet (what
    `apply_review` gives for an empty review), its scores and memo kept: a window aligns
    the filings so once, and the first correction reuses them (`apply_review`'s `before`).
    """
    memo = Memo()
    scored = _scored(old, new, memo, progress)
    comparison = align(old, new, threshold=threshold, progress=progress, scored=scored, memo=memo)
    return Reviewed(comparison, attach_marks(comparison, ())[0], scored=scored, memo=memo)


def _scored(old: Filing, new: Filing, memo: Memo, progress: Progress | None) -> Scored:
    total = len(old.factors) + len(new.factors) + 1  # as align counts its steps
    on_row = None if progress is None else lambda: progress(0, total)
    return score(old, new, on_row=on_row, memo=memo)


def attach_marks(
    comparison: Comparison, marks: Sequence[Mark]
) -> tuple[tuple[Mark, ...], tuple[Mark, ...]]:
    """(one mark per pair of `comparison`, the marks that found no pair). A later mark on the
    same pair replaces an earlier one."""
    keys = [pair_key(comparison, pair) for pair in comparison.pairs]
    attached = [Mark(pair=key) for key in keys]
    orphans: list[Mark] = []
    for mark in marks:
        k = _pair_of(comparison, mark.pair)
        if k is None:
            orphans.append(mark)
        else:
            attached[k] = Mark(keys[k], mark.state, mark.note, mark.reviewer, mark.when)
    return tuple(attached), tuple(orphans)


def _pair_of(comparison: Comparison, key: PairKey) -> int | None:
    """The pair holding the most of the factors (or the passage) `key` names (None when none
    is found)."""
    passages = any(is_passage_anchor(anchor) for anchor in (*key.old, *key.new))
    if passages:
        old = {find_passage(comparison.old.passages, a) for a in key.old} - {None}
        new = {find_passage(comparison.new.passages, a) for a in key.new} - {None}
    else:
        old = {find_factor(comparison.old.factors, a) for a in key.old} - {None}
        new = {find_factor(comparison.new.factors, a) for a in key.new} - {None}
    best, best_count = None, 0
    for k, pair in enumerate(comparison.pairs):
        if pair.passage is not passages:
            continue
        count = len(old.intersection(pair.old_indexes)) + len(new.intersection(pair.new_indexes))
        if count > best_count:
            best, best_count = k, count
    return best


def _resegmented(
    filing: Filing,
    side: Side,
    corrections: Sequence[Correction],
    unapplied: list[tuple[Correction, str]],
) -> Filing:
    for correction in corrections:
        if isinstance(correction, SegmentCorrection) and correction.side is side:
            try:
                filing = resegment(filing, [correction])
            except CorrectionError as error:
                unapplied.append((correction, str(error)))
    return filing


def _constraints(
    old: Sequence[Factor],
    new: Sequence[Factor],
    corrections: Sequence[Correction],
    unapplied: list[tuple[Correction, str]],
) -> Constraints:
    """The pairing corrections as constraints, later ones overriding earlier ones that name
    the same factors (a link made, then undone by an unlink, leaves only the unlink)."""
    links: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    apart: set[tuple[int, int]] = set()
    not_moved: set[int] = set()
    for correction in corrections:
        if isinstance(correction, SegmentCorrection):
            continue
        if isinstance(correction, Link):
            olds, news = _find_all(old, correction.old), _find_all(new, correction.new)
            if olds is None or news is None or not _valid_link(olds, news):
                unapplied.append((correction, "its factors are no longer in the filings"))
                continue
            links = [(o, n) for o, n in links if not set(o) & set(olds) and not set(n) & set(news)]
            apart -= {(i, j) for i in olds for j in news}
            links.append((olds, news))
        elif isinstance(correction, Unlink):
            i, j = find_factor(old, correction.old), find_factor(new, correction.new)
            if i is None or j is None:
                unapplied.append((correction, "its factors are no longer in the filings"))
                continue
            links = [(o, n) for o, n in links if not (i in o and j in n)]
            apart.add((i, j))
        elif isinstance(correction, NotMoved):
            i = find_factor(old, correction.old)
            if i is None:
                unapplied.append((correction, "its factor is no longer in the old filing"))
                continue
            not_moved.add(i)
    return Constraints(links=tuple(links), apart=frozenset(apart), not_moved=frozenset(not_moved))


def _find_all(factors: Sequence[Factor], anchors: Sequence[Anchor]) -> tuple[int, ...] | None:
    found = [find_factor(factors, anchor) for anchor in anchors]
    if any(k is None for k in found):
        return None
    return tuple(sorted({k for k in found if k is not None}))


def _valid_link(olds: tuple[int, ...], news: tuple[int, ...]) -> bool:
    """One to one, one to many or many to one: never many to many, never an empty side."""
    return bool(olds) and bool(news) and (len(olds) == 1 or len(news) == 1)
