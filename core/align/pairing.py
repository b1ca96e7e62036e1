"""Align the risk factors of two filings into Pairs.

1. Score every (old, new) factor pair: TF-IDF-weighted cosine of heading + body words, blended
   with the TF-IDF cosine of the headings alone (IDF over the factors of both filings, so
   boilerplate words shared by every factor weigh little).
2. Match with an optimal assignment (largest total score); a score below `threshold` is
   "no match", so a factor may end up added or removed.
3. Look for splits and merges among what is left over: one factor whose words are covered
   by two (or more) on the other side, each of which mostly comes from it (its words, and
   some of its word 3-shingles) and holds passages of it no other part holds. Words make
   this robust to a part reworded as it was split off; the shingles keep an unrelated short
   factor (whose words any long factor holds) out. The rules are strict because a false
   split costs more than a missed one.
4. Mark pairs out of relative order (not on a longest increasing subsequence of the
   matched pairs) or moved to another category as moved; identical texts as unchanged.
   When several fewest-moves readings exist, the factors that travelled farthest are the
   moved ones, and on a tie the one brought forward: of two swapped neighbours, the one
   now read first is marked moved (a drafter raises a risk to make it more prominent; the
   other only stepped down one place). A factor taken from one category to another is
   moved, and the reordering it causes moves no other factor; a category renamed (its
   factors going together to a name the new filing did not use before) is not a move.
5. Order pairs for display: the new filing's order, removed factors where they stood in
   the old filing.
6. Pair the passages that are no factors (introduction, category texts, closing) among
   themselves and place each where it reads (core.align.passages).
"""

from __future__ import annotations

import math
import operator
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from core.align.assignment import max_weight_matching
from core.align.constraints import NONE, Constraints
from core.align.mismatch import mismatch_warnings
from core.align.passages import pair_passages, place_passages
from core.align.similarity import word_list_similarity, words
from core.diff.pair import diff_all, diff_factors, pair_changes
from core.diff.passages import SentenceMemo, counted_as_moved, find_moved_passages
from core.diff.sides import factor_text, normalized
from core.errors import TooManyFactorsError
from core.model import (
    Comparison,
    Factor,
    Filing,
    Pair,
    Progress,
    Similarity,
    Status,
    Summary,
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# Pair F1 on the 14 gold pairs is 1.0 for any threshold from 0.2 to 0.5; 0.35 is the middle.
DEFAULT_THRESHOLD = 0.35
# Alignment compares every old factor with every new one (scores, assignment, moves), so its
# cost grows with the square to the cube of the count: measured, 1,000 factors a side ~8 s,
# 2,000 ~33 s, 4,000 ~170 s and 2.4 GB. The longest real Risk Factors sections hold a few
# hundred factors (the test corpus: at most 42); a filing with more than 1,000 was
# misread (every paragraph taken for a heading) and is refused with a message rather than
# keeping the person waiting minutes for a meaningless answer.
MAX_FACTORS = 1000
# Weight of the whole text (heading + body) against the heading alone in the pair score.
_TEXT_WEIGHT = 0.75
_SHINGLE = 3
# What a passage pair can be: passages are paired by where they stand, so never moved, split
# or merged.
PASSAGE_STATUSES = (Status.ADDED, Status.REMOVED, Status.MODIFIED, Status.UNCHANGED)
# A split/merge part must come mostly from the one factor on the other side (share of its
# words), with some of its passages (share of its 3-shingles; rewording breaks many) ...
_PART_CONTAINED = 0.6
_PART_PASSAGES = 0.1
# ... and the parts together must cover that factor well, each part bringing text of it
# that no other part holds (most of what it shares with the factor, and a short sentence
# at least): a short factor folded into a long one is a merge, a part that only repeats
# its partner's text is not.
_PARTS_COVER = 0.7
_OWN_SHARE = 0.5
_OWN_SHINGLES = 6
_MIN_PARTS = 2  # a split makes two factors or more of one; a merge, one of two or more


@dataclass(frozen=True, slots=True)
class _Scores:
    text: list[list[float]]  # [old][new] TF-IDF cosine of heading + body
    heading: list[list[float]]  # [old][new] TF-IDF cosine of headings

    def combined(self, i: int, j: int) -> float:
        return _TEXT_WEIGHT * self.text[i][j] + (1 - _TEXT_WEIGHT) * self.heading[i][j]


@dataclass(slots=True)
class Memo:
    """What aligning two filings found that aligning them again (after a reviewer's
    correction) can reuse: the sentences of each pair's sides that moved-passage search
    reads, each factor's shingles (a pair's word diff is remembered by core.diff.pair).
    Not a value: each alignment given it adds to it."""

    sentences: SentenceMemo = field(default_factory=dict)
    # a factor's text -> its words; (old section's words, new's) -> their similarity
    words: dict[str, list[str]] = field(default_factory=dict)
    similarities: dict[tuple[tuple[str, ...], tuple[str, ...]], Similarity] = field(
        default_factory=dict
    )
    _grams: tuple[Scored, tuple[list[_Grams], list[_Grams]]] | None = None

    def words_of(self, text: str) -> list[str]:
        found = self.words.get(text)
        if found is None:
            found = self.words[text] = words(text)
        return found

    def grams(self, scored: Scored) -> tuple[list[_Grams], list[_Grams]]:
        """Each factor's words and shingles, for splits and merges (of `scored`'s filings)."""
        if self._grams is None or self._grams[0] is not scored:
            found = ([_Grams(t) for t in scored.old_words], [_Grams(t) for t in scored.new_words])
            self._grams = (scored, found)
        return self._grams[1]


@dataclass(frozen=True, slots=True)
class Scored:
    """Two filings read for alignment: each factor's words, every (old, new) score and the
    sections' similarity. Corrections to the pairing leave the filings as they are, so
    aligning them again under new constraints reuses this instead of scoring again."""

    old: Filing
    new: Filing
    old_words: Sequence[list[str]]
    new_words: Sequence[list[str]]
    scores: _Scores
    similarity: Similarity


def score(
    old: Filing,
    new: Filing,
    *,
    on_row: Callable[[], None] | None = None,
    memo: Memo | None = None,
) -> Scored:
    """Words and scores of every factor of `old` against every factor of `new`
    (`on_row` is called per row of each quadratic step; it may raise Cancelled). `memo`
    lends the words of factors read before and the similarity of sections of the same
    words (a reviewer's heading correction moves words between factors, rarely changes
    them)."""
    _refuse_too_many(old, new)
    memo = Memo() if memo is None else memo
    old_words = [memo.words_of(factor_text(factor)) for factor in old.factors]
    new_words = [memo.words_of(factor_text(factor)) for factor in new.factors]
    scores = _score(old.factors, new.factors, old_words, new_words, on_row=on_row)
    sections = (
        [word for text in old_words for word in text],
        [word for text in new_words for word in text],
    )
    # The words as tuples: hashed from their own (cached) hashes, not joined into new text.
    key = (tuple(sections[0]), tuple(sections[1]))
    similarity = memo.similarities.get(key)
    if similarity is None:
        similarity = memo.similarities[key] = word_list_similarity(*sections)
    return Scored(old, new, old_words, new_words, scores, similarity)


def align(
    old: Filing,
    new: Filing,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    constraints: Constraints = NONE,
    progress: Progress | None = None,
    scored: Scored | None = None,
    memo: Memo | None = None,
) -> Comparison:
    """Pair the factors of `old` with those of `new`; every factor is in exactly one Pair.

    `threshold` is the smallest pair score (0..1) still counted as the same factor.
    `constraints` are pairings a reviewer fixed: their links are pairs as given (marked
    `corrected`), the rest is aligned around them. `progress(done, total)` is called as
    scoring and word diffs advance; it may raise core.errors.Cancelled.

    Re-aligning after a correction: `scored` (from `score(old, new)`, these very filings)
    saves scoring again, `memo`, what an earlier alignment of the same filings found (filled
    in as this one goes), saves reading their sentences and shingles again, and a pair of
    the same factors as before finds its diff remembered (core.diff.pair), so only the pairs
    the correction made are diffed.
    """
    _refuse_too_many(old, new)
    memo = Memo() if memo is None else memo
    # One step for scoring, then one per factor as its pair is diffed.
    total = len(old.factors) + len(new.factors) + 1

    def check() -> None:
        # Called per row of each quadratic step, so a cancel stops alignment within a row.
        if progress is not None:
            progress(0, total)

    check()
    if scored is None or scored.old is not old or scored.new is not new:
        # Each factor's words, found once: scores, splits and the section measures read them.
        scored = score(old, new, on_row=check, memo=memo)
    scores = scored.scores
    matrix = _combined_matrix(scores)
    for i, j in _held_apart(constraints, len(old.factors), len(new.factors)):
        matrix[i][j] = 0.0  # below any threshold: never a match
    matches = dict(max_weight_matching(matrix, threshold=threshold, on_row=check))
    groups = [
        group
        for group in _find_splits_and_merges(
            scored.old_words,
            scored.new_words,
            matches,
            on_part=check,
            grams=lambda: memo.grams(scored),
        )
        if _respects(group, constraints)
    ]
    groups += [_Group(old=o, new=n) for o, n in constraints.links if len(o) > 1 or len(n) > 1]
    grouped_old = {i for group in groups for i in group.old}
    grouped_new = {j for group in groups for j in group.new}
    one_to_one = {i: j for i, j in matches.items() if i not in grouped_old and j not in grouped_new}
    one_to_one.update((o[0], n[0]) for o, n in constraints.links if len(o) == len(n) == 1)
    check()
    moved = _moved(old.factors, new.factors, one_to_one) - constraints.not_moved
    done = 1
    if progress is not None:
        progress(done, total)
    sides = [
        (old_side, new_side, _status(old, new, old_side, new_side, moved))
        for old_side, new_side in _all_sides(len(old.factors), len(new.factors), one_to_one, groups)
    ]
    # The changed words as the panes mark them (core.diff.pair), two pairs at a time; each
    # pair's diff is then remembered, for _make_pair and for aligning the same filings again
    # after a reviewer's correction.
    changed = [side for side in sides if side[2] is not Status.UNCHANGED]

    def diffed(index: int) -> None:
        nonlocal done
        old_side, new_side, _ = changed[index]
        done += len(_indexes(old_side)) + len(_indexes(new_side))
        if progress is not None:
            progress(done, total)

    diff_all(
        [
            (_factors_of(old, old_side), _factors_of(new, new_side), status)
            for old_side, new_side, status in changed
        ],
        on_each=diffed,
    )
    pairs: list[Pair] = []
    for old_side, new_side, status in sides:
        pair = _make_pair(old, new, old_side, new_side, status, scores=scores)
        if _set_by_reviewer(pair, constraints):
            pair = replace(pair, corrected=True)
        pairs.append(pair)
    if progress is not None:
        progress(total, total)
    counts = Counter(pair.status for pair in pairs)
    passage_pairs = pair_passages(old, new, pairs)
    passage_counts = Counter(pair.status for pair in passage_pairs)
    summary = Summary(
        counts={status: counts.get(status, 0) for status in Status},
        similarity=scored.similarity,
        passages={status: passage_counts.get(status, 0) for status in PASSAGE_STATUSES},
    )
    comparison = Comparison(
        old=old,
        new=new,
        pairs=tuple(place_passages(_display_order(pairs), passage_pairs, old, new)),
        summary=summary,
        notices=mismatch_warnings(old, new, summary.similarity),
    )
    return with_moved_passages(comparison, memo=memo)


def with_moved_passages(comparison: Comparison, *, memo: Memo | None = None) -> Comparison:
    """`comparison` with the passages moved between its pairs found (core.diff.passages)
    and each pair's words moved in or out counted as such, not as added or removed
    (`memo`: what was found already, see `align`)."""
    sides = [pair_changes(comparison, pair) for pair in comparison.pairs]
    passages = find_moved_passages(
        [old for old, _ in sides],
        [new for _, new in sides],
        memo=memo.sentences if memo is not None else None,
    )
    if not passages:
        return replace(comparison, moved_passages=())
    pairs = []
    for index, (pair, pair_sides) in enumerate(zip(comparison.pairs, sides, strict=True)):
        pairs.append(
            counted_as_moved(
                pair,
                index,
                pair_sides,
                passages,
                added=pair.words_added,
                removed=pair.words_removed,
            )
        )
    return replace(comparison, pairs=tuple(pairs), moved_passages=passages)


def _held_apart(
    constraints: Constraints, old_count: int, new_count: int
) -> Iterator[tuple[int, int]]:
    """Cells of the score matrix the assignment may not use: pairs the reviewer unpaired,
    and every cell of a factor that a link already places."""
    yield from constraints.apart
    for i in constraints.linked_old():
        yield from ((i, j) for j in range(new_count))
    for j in constraints.linked_new():
        yield from ((i, j) for i in range(old_count))


def _set_by_reviewer(pair: Pair, constraints: Constraints) -> bool:
    """Whether a constraint made this pair what it is: a link, a factor left unpaired
    because the reviewer held it apart from its partner, or a move the reviewer undid."""
    if constraints.is_empty():
        return False
    old, new = set(pair.old_indexes), set(pair.new_indexes)
    if any(set(o) == old and set(n) == new for o, n in constraints.links):
        return True
    if not new and any(i in old for i, _ in constraints.apart):
        return True
    if not old and any(j in new for _, j in constraints.apart):
        return True
    return bool(old & constraints.not_moved)


def _respects(group: _Group, constraints: Constraints) -> bool:
    """A split or merge found by the program stands only if it touches no factor a link
    places and pairs nothing the reviewer held apart."""
    if constraints.is_empty():
        return True
    if constraints.linked_old().intersection(group.old):
        return False
    if constraints.linked_new().intersection(group.new):
        return False
    return not any((i, j) in constraints.apart for i in group.old for j in group.new)


def _refuse_too_many(old: Filing, new: Filing) -> None:
    for filing in (old, new):
        if len(filing.factors) > MAX_FACTORS:
            raise TooManyFactorsError(
                f"{Path(filing.path).name} has {len(filing.factors):,} risk factors, more than "
                f"the {MAX_FACTORS:,} FactorDiff aligns: no annual report has that many (the "
                "longest have a few hundred), so its section was probably misread (every "
                "paragraph taken for a heading). It is not compared."
            )


def _score(
    old: Sequence[Factor],
    new: Sequence[Factor],
    old_words: Sequence[list[str]],
    new_words: Sequence[list[str]],
    *,
    on_row: Callable[[], None] | None = None,
) -> _Scores:
    old_text = [Counter(text) for text in old_words]
    new_text = [Counter(text) for text in new_words]
    old_heading = [Counter(words(f.heading)) for f in old]
    new_heading = [Counter(words(f.heading)) for f in new]
    idf = _idf([*old_text, *new_text])
    return _Scores(
        text=_cosine_matrix(_weigh(old_text, idf), _weigh(new_text, idf), on_row=on_row),
        heading=_cosine_matrix(_weigh(old_heading, idf), _weigh(new_heading, idf), on_row=on_row),
    )


def _idf(documents: Sequence[Counter[str]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(document.keys())
    count = len(documents)
    return {term: math.log((1 + count) / (1 + df)) + 1 for term, df in frequency.items()}


def _weigh(vectors: Sequence[Counter[str]], idf: dict[str, float]) -> list[dict[str, float]]:
    """TF-IDF vectors (sublinear term frequency), scaled to unit length."""
    # 1 + log(tf) per count, worked out once per count rather than once per term.
    most = max((max(vector.values(), default=0) for vector in vectors), default=0)
    sublinear = [0.0, *(1 + math.log(tf) for tf in range(1, most + 1))]
    weighted = []
    for vector in vectors:
        weights = {term: sublinear[tf] * idf[term] for term, tf in vector.items()}
        values = weights.values()
        norm = math.sqrt(sum(map(operator.mul, values, values)))
        weighted.append({term: w / norm for term, w in weights.items()} if norm else {})
    return weighted


def _cosine_matrix(
    old: Sequence[dict[str, float]],
    new: Sequence[dict[str, float]],
    *,
    on_row: Callable[[], None] | None = None,
) -> list[list[float]]:
    """[old][new] dot products of unit vectors, as one matrix product over the terms both
    sides use (a term only one side uses adds nothing to any product). The terms are
    sorted so that the sums, and the scores to the last bit, are the same on every run.
    `on_row` is called once per old row as its vector is laid into the matrix."""
    shared = sorted(set[str]().union(*old) & set[str]().union(*new))
    column = {term: k for k, term in enumerate(shared)}
    # numpy takes a tenth of a second to load: aligning needs it, starting the app does not.
    # Before its first import, OpenBLAS is held to one thread unless the user chose: these
    # products are small (factors x shared terms), a second thread gains nothing on them but
    # spins on a core after each one, beside the UI thread (measured on NVIDIA 2023/24: 230 ms
    # of processor time for 128 ms of alignment with two threads, 125 ms with one). It also
    # keeps the sums, and so the scores to the last bit, the same on machines of any size.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy as np  # noqa: PLC0415

    product = np.minimum(_dense(old, column, on_row=on_row) @ _dense(new, column).T, 1.0)
    matrix: list[list[float]] = product.tolist()
    return matrix


def _dense(
    vectors: Sequence[dict[str, float]],
    column: dict[str, int],
    *,
    on_row: Callable[[], None] | None = None,
) -> NDArray[np.float64]:
    """The vectors as the rows of a matrix with one column per term of `column`."""
    import numpy as np  # noqa: PLC0415  (see _cosine_matrix)

    rows: list[int] = []
    columns: list[int] = []
    weights: list[float] = []
    for row, vector in enumerate(vectors):
        if on_row is not None:
            on_row()
        # Only the terms of `column` take a place; the set intersection finds them in C.
        terms = vector.keys() & column.keys()
        rows += [row] * len(terms)
        columns += map(column.__getitem__, terms)
        weights += map(vector.__getitem__, terms)
    matrix = np.zeros((len(vectors), len(column)))
    matrix[np.array(rows, dtype=np.intp), np.array(columns, dtype=np.intp)] = weights
    return matrix


def _combined_matrix(scores: _Scores) -> list[list[float]]:
    return [
        [scores.combined(i, j) for j in range(len(scores.text[i]))] for i in range(len(scores.text))
    ]


@dataclass(frozen=True, slots=True)
class _Group:
    """A split (one old, several new) or a merge (several old, one new)."""

    old: tuple[int, ...]
    new: tuple[int, ...]


# Word n-grams, each kept as the hash of its text: int sets intersect several times
# faster than sets of tuples (a tuple recomputes its hash on every lookup).
_Shingles = frozenset[int]


def _shingles(tokens: Sequence[str], size: int) -> _Shingles:
    if len(tokens) < size:
        return frozenset([hash(" ".join(tokens))]) if tokens else frozenset()
    windows = zip(*(tokens[k:] for k in range(size)), strict=False)
    return frozenset(map(hash, map(" ".join, windows)))


class _Grams:
    """A factor's distinct words (where its text came from, robust to rewording) and word
    3-shingles (which passages are its own, telling apart two halves of one factor). The
    search reads every factor's words but the shingles of a few candidates only, so those
    are cut on first use."""

    __slots__ = ("_shingles", "_tokens", "words")

    def __init__(self, tokens: Sequence[str]) -> None:
        self.words: _Shingles = frozenset(map(hash, tokens))  # the 1-shingles
        self._tokens = tokens
        self._shingles: _Shingles | None = None

    @property
    def shingles(self) -> _Shingles:
        if self._shingles is None:
            self._shingles = _shingles(self._tokens, _SHINGLE)
        return self._shingles


def _containment(part: _Shingles, whole: _Shingles) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _find_splits_and_merges(
    old: Sequence[list[str]],
    new: Sequence[list[str]],
    matches: dict[int, int],
    *,
    on_part: Callable[[], None] | None = None,
    grams: Callable[[], tuple[Sequence[_Grams], Sequence[_Grams]]] | None = None,
) -> list[_Group]:
    """Splits and merges among the factors the assignment left unmatched (`old` and `new`
    hold each factor's words; `grams` gives their _Grams, asked only when a factor is left
    unmatched: most alignments match every one)."""
    matched_new = set(matches.values())
    unmatched_old = [i for i in range(len(old)) if i not in matches]
    unmatched_new = [j for j in range(len(new)) if j not in matched_new]
    if not unmatched_old and not unmatched_new:
        return []
    if grams is not None:
        old_grams, new_grams = grams()
    else:
        old_grams = [_Grams(tokens) for tokens in old]
        new_grams = [_Grams(tokens) for tokens in new]
    new_of_old = dict(matches)
    old_of_new = {j: i for i, j in matches.items()}
    groups = [
        _Group(old=(whole,), new=parts)
        for whole, parts in _grow(old_grams, new_grams, new_of_old, unmatched_new, on_part)
    ]
    taken_old = {i for group in groups for i in group.old}
    taken_new = {j for group in groups for j in group.new}
    free_old = [i for i in unmatched_old if i not in taken_old]
    old_of_free_new = {j: i for j, i in old_of_new.items() if j not in taken_new}
    for whole, parts in _grow(new_grams, old_grams, old_of_free_new, free_old, on_part):
        if whole not in taken_new and not taken_old.intersection(parts):
            groups.append(_Group(old=parts, new=(whole,)))
    return groups


def _grow(
    wholes: Sequence[_Grams],
    parts: Sequence[_Grams],
    partner: dict[int, int],
    loose_parts: Sequence[int],
    on_part: Callable[[], None] | None = None,
) -> Iterator[tuple[int, tuple[int, ...]]]:
    """(whole, parts) where leftover `loose_parts` complete a `whole` factor of the other side.

    `partner` maps a whole to the part the assignment already gave it (if any). A loose part
    joins the whole that contains most of its words; the group is kept when the parts
    together hold most of the whole's words and each holds passages of it (3-shingles) that
    no other part does.
    """
    candidates: dict[int, list[int]] = {}
    for part in loose_parts:
        if on_part is not None:
            on_part()
        best, best_share = -1, 0.0
        for whole, grams in enumerate(wholes):
            share = _containment(parts[part].words, grams.words)
            if share > best_share:
                best, best_share = whole, share
        passages = _containment(parts[part].shingles, wholes[best].shingles) if best >= 0 else 0
        if best_share >= _PART_CONTAINED and passages >= _PART_PASSAGES:
            candidates.setdefault(best, []).append(part)
    for whole, loose in candidates.items():
        members = [*loose, partner[whole]] if whole in partner else list(loose)
        # A member holding no passage of the whole of its own is dropped, until all do.
        while len(members) >= _MIN_PARTS:
            covered = [wholes[whole].shingles & parts[p].shingles for p in members]
            keep = [
                member
                for k, member in enumerate(members)
                if _own(covered[k], frozenset().union(*covered[:k], *covered[k + 1 :]))
            ]
            if keep == members:
                break
            members = keep
        if len(members) < _MIN_PARTS:
            continue
        union = frozenset().union(*(parts[p].words for p in members))
        if _containment(wholes[whole].words, union) >= _PARTS_COVER:
            yield whole, tuple(sorted(members))


def _own(covered: _Shingles, by_others: _Shingles) -> bool:
    """Whether a part's shingles in the whole are mostly its own, not held by another part."""
    own = len(covered - by_others)
    return own >= _OWN_SHINGLES and own >= _OWN_SHARE * len(covered)


def _moved(old: Sequence[Factor], new: Sequence[Factor], matches: dict[int, int]) -> set[int]:
    """Old indexes of one-to-one matches out of relative order or moved to another category.

    A renamed category is not a move: an old category whose name is still in the new filing
    maps to itself, any other to the new category most of its factors went to; only factors
    that went elsewhere count as moved. The order is judged among the other factors.
    """
    ordered = sorted(matches.items())
    new_categories = {_category_key(factor.category) for factor in new}
    destinations: dict[tuple[str, ...], Counter[tuple[str, ...]]] = {}
    for i, j in ordered:
        key = _category_key(old[i].category)
        destinations.setdefault(key, Counter())[_category_key(new[j].category)] += 1
    moved = set()
    for i, j in ordered:
        key = _category_key(old[i].category)
        image = key if key in new_categories else destinations[key].most_common(1)[0][0]
        if _category_key(new[j].category) != image:
            moved.add(i)
    # A factor that changed category explains the reordering it causes.
    staying = [(i, j) for i, j in ordered if i not in moved]
    in_order = _kept_in_order([j for _, j in staying])
    return moved | {staying[k][0] for k in range(len(staying)) if k not in in_order}


def _kept_in_order(values: Sequence[int]) -> set[int]:
    """Positions of a longest increasing subsequence of `values` (new indexes in old order).

    Among the longest ones, the factors left out (marked moved) are those that travelled
    farthest, and on a tie the one brought forward: of two swapped neighbours the one now
    read first is the moved one, as a drafter who raises a risk's prominence moves it up.
    """
    rank = {value: r for r, value in enumerate(sorted(values))}
    # (kept, -distance travelled, kept factors that went down) summed over a subsequence.
    weight = [
        (1, -abs(rank[value] - position), int(rank[value] > position))
        for position, value in enumerate(values)
    ]
    best: list[tuple[int, int, int]] = []
    previous: list[int] = []
    for k, value in enumerate(values):
        score, before = weight[k], -1
        for p in range(k):
            if values[p] < value:
                candidate = _add(best[p], weight[k])
                if candidate > score:
                    score, before = candidate, p
        best.append(score)
        previous.append(before)
    chosen: set[int] = set()
    position = max(range(len(values)), key=best.__getitem__, default=-1)
    while position >= 0:
        chosen.add(position)
        position = previous[position]
    return chosen


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def _category_key(category: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalized(name).casefold() for name in category)


_Side = int | tuple[int, ...] | None


def _indexes(side: _Side) -> tuple[int, ...]:
    if side is None:
        return ()
    return (side,) if isinstance(side, int) else side


def _all_sides(
    old_count: int, new_count: int, one_to_one: dict[int, int], groups: list[_Group]
) -> Iterator[tuple[_Side, _Side]]:
    """Every factor in exactly one (old side, new side)."""
    for group in groups:
        old_side = group.old[0] if len(group.old) == 1 else group.old
        new_side = group.new[0] if len(group.new) == 1 else group.new
        yield old_side, new_side
    yield from sorted(one_to_one.items())
    grouped_old = {i for group in groups for i in group.old}
    grouped_new = {j for group in groups for j in group.new}
    paired_new = set(one_to_one.values())
    for i in range(old_count):
        if i not in grouped_old and i not in one_to_one:
            yield i, None
    for j in range(new_count):
        if j not in grouped_new and j not in paired_new:
            yield None, j


def _status(old: Filing, new: Filing, old_side: _Side, new_side: _Side, moved: set[int]) -> Status:
    """What became of the factors of `old_side` in `new_side`."""
    old_indexes = _indexes(old_side)
    new_indexes = _indexes(new_side)
    if not new_indexes or not old_indexes:
        return Status.REMOVED if not new_indexes else Status.ADDED
    if len(old_indexes) > 1 or len(new_indexes) > 1:
        return Status.MERGED if len(old_indexes) > 1 else Status.SPLIT
    if old_indexes[0] in moved:
        return Status.MOVED
    same = normalized(factor_text(old.factors[old_indexes[0]])) == normalized(
        factor_text(new.factors[new_indexes[0]])
    )
    return Status.UNCHANGED if same else Status.MODIFIED


def _factors_of(filing: Filing, side: _Side) -> list[Factor]:
    return [filing.factors[i] for i in _indexes(side)]


def _make_pair(
    old: Filing,
    new: Filing,
    old_side: _Side,
    new_side: _Side,
    status: Status,
    *,
    scores: _Scores,
) -> Pair:
    old_indexes = _indexes(old_side)
    new_indexes = _indexes(new_side)
    pair = Pair(old_side, new_side, status)
    if status is not Status.UNCHANGED:
        diff = diff_factors(_factors_of(old, old_side), _factors_of(new, new_side), status=status)
        pair = replace(pair, words_added=diff.words_added, words_removed=diff.words_removed)
    if not old_indexes or not new_indexes:
        return pair
    best = max(scores.combined(i, j) for i in old_indexes for j in new_indexes)
    heading = max(scores.heading[i][j] for i in old_indexes for j in new_indexes)
    return replace(pair, similarity=round(best, 4), heading_similarity=round(heading, 4))


def _display_order(pairs: list[Pair]) -> list[Pair]:
    """New filing's order; a removed factor goes right after the pair holding the nearest
    old factor before it (first, when nothing before it is placed)."""
    placed = sorted((p for p in pairs if p.new is not None), key=lambda p: min(p.new_indexes))
    removed = sorted((p for p in pairs if p.new is None), key=lambda p: min(p.old_indexes))
    for pair in removed:
        index = min(pair.old_indexes)
        position, latest = 0, -1
        for k, other in enumerate(placed):
            before = [i for i in other.old_indexes if i < index]
            if before and max(before) > latest:
                position, latest = k + 1, max(before)
        placed.insert(position, pair)
    return placed
