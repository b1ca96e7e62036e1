"""Passages moved between factors: text that left one pair and appears in another.

A drafter often takes a sentence or a paragraph out of one risk factor and puts it in
another (of the same category or not). Each pair's word diff sees only a deletion in one
place and an insertion in another; this module links the two, across the whole section.

1. Every pair's two sides are cut into sentences (at paragraph breaks and sentence ends).
   A sentence of the old side is a candidate when most of its words are marked deleted by
   the pair's diff (`MOSTLY_CHANGED`); likewise a sentence of the new side marked inserted.
   A removed factor's whole text counts as deleted, an added factor's as inserted.
2. Candidates are compared by their word 3-shingles, found through an index from shingle
   to inserted sentences (no comparison of every sentence with every other), and a deleted
   and an inserted sentence whose shingles overlap enough (`SIMILAR_SENTENCE`, Dice
   coefficient) are matched, the most similar first, each sentence once.
3. Matched sentences that follow each other on both sides make one passage. A passage
   that stays in its pair (deleted and inserted in the same factor) is the pair's own
   rewording, not a move between factors; a passage shorter than `MIN_PASSAGE_WORDS` is
   boilerplate that many factors say, not a move worth linking.

>>> moved = "Our suppliers in Asia may fail to deliver the components our servers need on time."
>>> old_a, new_b = "Demand may fall. " + moved, "Costs may rise. " + moved
>>> old_sides = [SideChanges(old_a, ((17, len(old_a)),)), SideChanges("", ())]
>>> new_sides = [SideChanges("Demand may fall.", ()), SideChanges(new_b, ((16, len(new_b)),))]
>>> [(p.from_pair, p.from_start, p.to_pair, p.to_start, p.words, p.similarity)
...  for p in find_moved_passages(old_sides, new_sides)]
[(0, 17, 1, 16, 15, 1.0)]
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from core.model import Comparison, DiffOp, MovedPassage, OpKind, Pair
from core.vocabulary import SENTENCE_BREAK_RE, WORD_RE

# A sentence links only when most of it was changed in its pair: a sentence the diff keeps
# in place did not move, and a few words of it matched by chance (a "the", a "may") must
# not keep a moved sentence out. Three quarters leaves room for such chance matches.
MOSTLY_CHANGED = 0.75
# Two sentences are the same text, lightly edited, when their word 3-shingles overlap this
# much (Dice coefficient). Each changed word breaks up to three shingles, so 0.6 still links
# a sentence with about one word in eight changed, while two different sentences on the same
# topic share a phrase or two at most (well under 0.3 in the test corpus).
SIMILAR_SENTENCE = 0.6
# The shortest passage linked as moved: "We may not be successful." or "Any of these events
# could harm us." recur in many factors, and a short sentence deleted in one factor and added
# in another is as likely boilerplate as a move. Twelve words is a specific sentence.
MIN_PASSAGE_WORDS = 12
SHINGLE = 3
# Sentences of a moved paragraph edited more than the rest (or cut in two) fall short of
# SIMILAR_SENTENCE; up to two such changed sentences between two matched ones, on both
# sides, still belong to the passage, as a reader would see it.
BRIDGED_SENTENCES = 2
# A shingle held by more inserted sentences than this ("could have a", "a material adverse")
# says nothing about which sentence is the same: it is left out of the index, so a deleted
# sentence is compared only with the few sentences sharing its specific phrases. Similarity
# itself is still computed over all shingles.
COMMON_SHINGLE = 40

# Where a side's text breaks into paragraphs and sentences.
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


class PassageSpan(NamedTuple):
    """A moved passage where a pair's side holds it: [start, end) of the side's text and the
    passage's index in Comparison.moved_passages."""

    start: int
    end: int
    passage: int


def passage_spans(
    passages: Sequence[MovedPassage], pair: int, *, old_side: bool
) -> tuple[PassageSpan, ...]:
    """The passages that left pair `pair`'s old side (`old_side`) or arrived in its new side,
    in text order."""
    if old_side:
        spans = [
            PassageSpan(p.from_start, p.from_end, k)
            for k, p in enumerate(passages)
            if p.from_pair == pair
        ]
    else:
        spans = [
            PassageSpan(p.to_start, p.to_end, k)
            for k, p in enumerate(passages)
            if p.to_pair == pair
        ]
    return tuple(sorted(spans))


def pair_spans(comparison: Comparison, pair: Pair, *, old_side: bool) -> tuple[PassageSpan, ...]:
    """`passage_spans` of `pair`, found in `comparison` (by identity, else by value)."""
    if not comparison.moved_passages:
        return ()
    index = next((k for k, p in enumerate(comparison.pairs) if p is pair), -1)
    if index < 0:
        index = next((k for k, p in enumerate(comparison.pairs) if p == pair), -1)
    return passage_spans(comparison.moved_passages, index, old_side=old_side)


def moved_ops(
    ops: Iterable[DiffOp],
    old_spans: Sequence[PassageSpan],
    new_spans: Sequence[PassageSpan],
    *,
    old_at: int = 0,
    new_at: int = 0,
) -> tuple[DiffOp, ...]:
    """`ops` with the deleted text inside `old_spans` and the inserted text inside
    `new_spans` cut out as ops of their own, marked `moved`; the ops start at `old_at` /
    `new_at` of the sides' texts the spans are offsets into. They rebuild the same texts.

    >>> from core.diff.words import word_diff
    >>> ops = word_diff("Keep. Moved away here.", "Keep.")
    >>> cut = moved_ops(ops, [PassageSpan(6, 11, 0)], [])
    >>> [(op.text, op.moved) for op in cut if op.kind is OpKind.DELETE]
    [(' ', False), ('Moved', True), (' away here.', False)]
    """
    if not old_spans and not new_spans:
        return tuple(ops)
    cut: list[DiffOp] = []
    for op in ops:
        size = len(op.text)
        if op.kind is OpKind.EQUAL:
            old_at += size
            new_at += size
            cut.append(op)
            continue
        at = old_at if op.kind is OpKind.DELETE else new_at
        spans = old_spans if op.kind is OpKind.DELETE else new_spans
        cut.extend(_cut(op, at, spans))
        if op.kind is OpKind.DELETE:
            old_at += size
        else:
            new_at += size
    return tuple(cut)


def _cut(op: DiffOp, at: int, spans: Sequence[PassageSpan]) -> Iterable[DiffOp]:
    """`op` (which starts at `at`) in pieces: inside a span (moved) or not."""
    if op.ignored:
        yield op
        return
    end = at + len(op.text)
    points = sorted(
        {at, end} | {edge for span in spans for edge in (span.start, span.end) if at < edge < end}
    )
    for start, stop in itertools.pairwise(points):
        inside = any(span.start <= start < span.end for span in spans)
        yield replace(op, text=op.text[start - at : stop - at], moved=inside)


class SideChanges(NamedTuple):
    """One side of a pair: its text and the [start, end) runs the diff marks changed in it
    (deleted on the old side, inserted on the new side)."""

    text: str
    changed: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class _Sentence:
    pair: int
    order: int  # its place among its side's sentences
    start: int
    end: int
    words: tuple[str, ...]
    shingles: frozenset[int]


# The candidate sentences found in each side (as of pair 0), for a later search over sides of
# the same texts and changes to reuse: a reviewer's correction changes a few pairs only.
SentenceMemo = dict[SideChanges, tuple["_Sentence", ...]]


def find_moved_passages(
    old_sides: Sequence[SideChanges],
    new_sides: Sequence[SideChanges],
    *,
    memo: SentenceMemo | None = None,
) -> tuple[MovedPassage, ...]:
    """The passages that left the old side of one pair for the new side of another.

    `old_sides[k]` / `new_sides[k]` are pair k's sides (an empty text for the missing side
    of an added or removed factor). The passages come in the order of the text they left.
    `memo` keeps what was read of each side, for the next search to reuse.
    """
    memo = {} if memo is None else memo
    deleted = [s for k, side in enumerate(old_sides) for s in _remembered(k, side, memo)]
    inserted = [s for k, side in enumerate(new_sides) for s in _remembered(k, side, memo)]
    matches = _match(deleted, inserted)
    passages = []
    for run in _runs(matches, deleted, inserted):
        passage = _passage(run, old_sides, new_sides)
        if passage.from_pair != passage.to_pair and passage.words >= MIN_PASSAGE_WORDS:
            passages.append(passage)
    return tuple(passages)


def _remembered(pair: int, side: SideChanges, memo: SentenceMemo) -> Iterable[_Sentence]:
    found = memo.get(side)
    if found is None:
        found = memo[side] = tuple(_candidates(0, side))
    return found if pair == 0 else (replace(sentence, pair=pair) for sentence in found)


def _candidates(pair: int, side: SideChanges) -> Iterable[_Sentence]:
    """The sentences of `side` most of whose words are changed, in text order. Only the
    paragraphs a changed run touches are cut into sentences: on a long factor reworded here
    and there, most paragraphs are kept whole."""
    if not side.changed:
        return
    run_starts = [start for start, _ in side.changed]
    order = 0
    for paragraph_start, paragraph_end in _paragraph_spans(side.text):
        if not _overlapping(paragraph_start, paragraph_end, run_starts, side.changed):
            order += 1  # a kept paragraph: the sentences either side of it are not one run
            continue
        for start, end in _sentence_spans(side.text, paragraph_start, paragraph_end):
            runs = _overlapping(start, end, run_starts, side.changed)
            if not runs:
                # No word of it changed: it only takes its place in the order, as any
                # sentence of SHINGLE words or more does (counted no further than that).
                words_found = itertools.islice(WORD_RE.finditer(side.text, start, end), SHINGLE)
                order += sum(1 for _ in words_found) == SHINGLE
                continue
            found = WORD_RE.findall(side.text, start, end)
            if len(found) < SHINGLE:
                continue
            order += 1
            if len(runs) == 1 and runs[0][0] <= start and runs[0][1] >= end:
                changed = len(found)  # one changed run covers the whole sentence
            else:
                changed = sum(
                    len(WORD_RE.findall(side.text, max(run_start, start), min(run_end, end)))
                    for run_start, run_end in runs
                )
            if changed >= MOSTLY_CHANGED * len(found):
                # Casefolded at once: a word holds no space, and casefolding makes none (so
                # there are as many words as found).
                words = " ".join(found).casefold().split(" ")
                yield _Sentence(pair, order, start, end, tuple(words), _shingles(words))


def _overlapping(
    start: int, end: int, run_starts: list[int], runs: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...]:
    """The runs (sorted, not overlapping each other) that overlap [start, end)."""
    last = bisect.bisect_left(run_starts, end)
    first = last
    while first > 0 and runs[first - 1][1] > start:
        first -= 1
    return runs[first:last]


def _paragraph_spans(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for paragraph_break in _PARAGRAPH_RE.finditer(text):
        yield start, paragraph_break.start()
        start = paragraph_break.end()
    yield start, len(text)


def _sentence_spans(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """[start, end) of each sentence of the paragraph text[start:end], spacing left out."""
    for stop in SENTENCE_BREAK_RE.finditer(text, start, end):
        yield from _trimmed(text, start, stop.end())
        start = stop.end()
    yield from _trimmed(text, start, end)


def _trimmed(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _shingles(words: Sequence[str]) -> frozenset[int]:
    """The hashes of the word SHINGLE-tuples of `words` (the windows cut and hashed in C)."""
    return frozenset(map(hash, zip(*(words[at:] for at in range(SHINGLE)), strict=False)))


def _dice(one: frozenset[int], other: frozenset[int]) -> float:
    return 2 * len(one & other) / (len(one) + len(other))


def _match(
    deleted: Sequence[_Sentence], inserted: Sequence[_Sentence]
) -> list[tuple[_Sentence, _Sentence, float]]:
    """Deleted and inserted sentences matched one to one, the most similar first. A match
    inside one pair is kept too (it takes both sentences), so a sentence reworded in place
    is not taken for one moved from elsewhere."""
    index: defaultdict[int, list[int]] = defaultdict(list)
    for position, sentence in enumerate(inserted):
        for shingle in sentence.shingles:
            index[shingle].append(position)
    edges = []
    for d, sentence in enumerate(deleted):
        # The inserted sentences sharing a specific shingle with it (in any order: the
        # edges are sorted below by a key no two share).
        holders = (index.get(shingle, ()) for shingle in sentence.shingles)
        shared = set(itertools.chain.from_iterable(h for h in holders if len(h) <= COMMON_SHINGLE))
        for i in shared:
            similarity = _dice(sentence.shingles, inserted[i].shingles)
            if similarity >= SIMILAR_SENTENCE:
                edges.append((similarity, len(sentence.words), d, i))
    edges.sort(key=lambda edge: (-edge[0], -edge[1], edge[2], edge[3]))
    taken_deleted: set[int] = set()
    taken_inserted: set[int] = set()
    matches = []
    for similarity, _, d, i in edges:
        if d in taken_deleted or i in taken_inserted:
            continue
        taken_deleted.add(d)
        taken_inserted.add(i)
        matches.append((deleted[d], inserted[i], similarity))
    return matches


def _runs(
    matches: list[tuple[_Sentence, _Sentence, float]],
    deleted: Sequence[_Sentence],
    inserted: Sequence[_Sentence],
) -> list[list[tuple[_Sentence, _Sentence, float]]]:
    """Matches grouped into runs: sentences that follow each other in one pair's old text
    and whose partners follow each other in one pair's new text. Up to `BRIDGED_SENTENCES`
    changed sentences between two matches on both sides join them (a sentence of a moved
    paragraph edited more than the rest, or cut in two)."""
    changed_old = {(s.pair, s.order) for s in deleted}
    changed_new = {(s.pair, s.order) for s in inserted}
    runs: list[list[tuple[_Sentence, _Sentence, float]]] = []
    for match in sorted(matches, key=lambda m: (m[0].pair, m[0].order)):
        if runs and _follows(runs[-1][-1], match, changed_old, changed_new):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _follows(
    last: tuple[_Sentence, _Sentence, float],
    match: tuple[_Sentence, _Sentence, float],
    changed_old: set[tuple[int, int]],
    changed_new: set[tuple[int, int]],
) -> bool:
    (last_deleted, last_inserted, _), (deleted, inserted, _) = last, match
    if deleted.pair != last_deleted.pair or inserted.pair != last_inserted.pair:
        return False
    old_gap = range(last_deleted.order + 1, deleted.order)
    new_gap = range(last_inserted.order + 1, inserted.order)
    if inserted.order <= last_inserted.order:
        return False
    if len(old_gap) > BRIDGED_SENTENCES or len(new_gap) > BRIDGED_SENTENCES:
        return False
    return all((deleted.pair, o) in changed_old for o in old_gap) and all(
        (inserted.pair, o) in changed_new for o in new_gap
    )


def _passage(
    run: list[tuple[_Sentence, _Sentence, float]],
    old_sides: Sequence[SideChanges],
    new_sides: Sequence[SideChanges],
) -> MovedPassage:
    first_deleted, first_inserted, _ = run[0]
    last_deleted, last_inserted, _ = run[-1]
    old_text = old_sides[first_deleted.pair].text[first_deleted.start : last_deleted.end]
    new_text = new_sides[first_inserted.pair].text[first_inserted.start : last_inserted.end]
    old_words = [word.casefold() for word in WORD_RE.findall(old_text)]
    new_words = [word.casefold() for word in WORD_RE.findall(new_text)]
    return MovedPassage(
        from_pair=first_deleted.pair,
        from_start=first_deleted.start,
        from_end=last_deleted.end,
        to_pair=first_inserted.pair,
        to_start=first_inserted.start,
        to_end=last_inserted.end,
        words=len(old_words),
        similarity=round(_dice(_shingles(old_words), _shingles(new_words)), 4),
    )


def moved_words(
    index: int,
    old: SideChanges,
    new: SideChanges,
    passages: Sequence[MovedPassage],
) -> tuple[int, int]:
    """(words moved in, words moved out) of pair `index`: the changed words of its new side
    inside a passage moved to it, and of its old side inside a passage moved away. Counted
    over each changed run's part inside the passage, as core.diff.words.changed_words counts
    the runs, so these words can be taken from its counts."""
    moved_in = sum(
        _changed_words_inside(new, p.to_start, p.to_end) for p in passages if p.to_pair == index
    )
    moved_out = sum(
        _changed_words_inside(old, p.from_start, p.from_end)
        for p in passages
        if p.from_pair == index
    )
    return moved_in, moved_out


def counted_as_moved(
    pair: Pair,
    index: int,
    sides: tuple[SideChanges, SideChanges],
    passages: Sequence[MovedPassage],
    *,
    added: int,
    removed: int,
) -> Pair:
    """Pair `index` with `added`/`removed` (its word diff's counts) less the words of
    `passages` moved into or out of it, which it counts as moved instead."""
    moved_in, moved_out = moved_words(index, *sides, passages)
    return replace(
        pair,
        words_added=added - moved_in,
        words_removed=removed - moved_out,
        words_moved_in=moved_in,
        words_moved_out=moved_out,
    )


def _changed_words_inside(side: SideChanges, start: int, end: int) -> int:
    return sum(
        len(WORD_RE.findall(side.text, max(run_start, start), min(run_end, end)))
        for run_start, run_end in side.changed
        if run_start < end and run_end > start
    )
