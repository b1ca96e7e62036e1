"""Pair the passages of two filings that are no risk factors, and place them among the factor
pairs.

Introductions pair with each other, closings with each other, and a category's text with the
text of the same category in the other filing: the same name (whitespace, quotes and case
aside), else the category most of its factors went to (a renamed category). A passage is
never matched against a factor. What is left is added or removed. Each passage pair is then
placed where its passage reads: the introduction first, a category's text right before the
pair holding the category's first factor, the closing last.

>>> from core.model import Filing, Passage, PassageKind
>>> intro = Passage(PassageKind.INTRODUCTION, ("Our risks are below.",))
>>> new_intro = Passage(PassageKind.INTRODUCTION, ("Our consolidated risks are below.",))
>>> old = Filing("old.txt", "Acme", "10-K", 2023, "Risk Factors", (), (intro,))
>>> new = Filing("new.txt", "Acme", "10-K", 2024, "Risk Factors", (), (new_intro,))
>>> [(p.old, p.new, p.status.value, p.words_added) for p in pair_passages(old, new, [])]
[(0, 0, 'modified', 1)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from core.align.similarity import simple
from core.diff.pair import diff_factors
from core.diff.sides import normalized
from core.diff.words import count_words
from core.model import Filing, Pair, Passage, PassageKind, Status

_Key = tuple[PassageKind, tuple[str, ...]]


def pair_passages(old: Filing, new: Filing, factor_pairs: Sequence[Pair]) -> list[Pair]:
    """One passage pair for every passage of either filing, in no particular order.

    `factor_pairs` (the aligned factors) tell where a category went when it was renamed.
    """
    old_keys = [_key(passage) for passage in old.passages]
    new_keys = [_key(passage) for passage in new.passages]
    free_new = dict.fromkeys(range(len(new.passages)))
    matches: dict[int, int] = {}
    for i, key in enumerate(old_keys):
        j = next((j for j in free_new if new_keys[j] == key), None)
        if j is not None:
            matches[i] = j
            del free_new[j]
    images = _category_images(old, new, factor_pairs)
    for i, key in enumerate(old_keys):
        if i in matches or key[0] is not PassageKind.CATEGORY:
            continue
        image = images.get(key[1])
        j = next((j for j in free_new if new_keys[j] == (PassageKind.CATEGORY, image)), None)
        if j is not None:
            matches[i] = j
            del free_new[j]
    pairs = [passage_pair(old.passages[i], new.passages[j], i, j) for i, j in matches.items()]
    pairs += [
        Pair(i, None, Status.REMOVED, words_removed=count_words(passage.text), passage=True)
        for i, passage in enumerate(old.passages)
        if i not in matches
    ]
    pairs += [
        Pair(None, j, Status.ADDED, words_added=count_words(new.passages[j].text), passage=True)
        for j in free_new
    ]
    return pairs


def passage_pair(old: Passage, new: Passage, i: int, j: int) -> Pair:
    """The pair of old passage `i` and new passage `j`: unchanged when their texts are the
    same (spacing and quote marks aside), else modified with the words added and removed.
    `similarity` is the share of words the two texts keep in common."""
    if normalized(old.text) == normalized(new.text):
        return Pair(i, j, Status.UNCHANGED, similarity=1.0, heading_similarity=1.0, passage=True)
    # Counted as a pair's diff counts them (core.diff.pair), like a factor's.
    diff = diff_factors((old,), (new,), status=Status.MODIFIED)
    added, removed = diff.words_added, diff.words_removed
    return Pair(
        i,
        j,
        Status.MODIFIED,
        similarity=round(simple(old.text, new.text), 4),
        heading_similarity=1.0 if _key(old) == _key(new) else 0.0,
        words_added=added,
        words_removed=removed,
        passage=True,
    )


def place_passages(
    factor_pairs: Sequence[Pair], passage_pairs: Sequence[Pair], old: Filing, new: Filing
) -> list[Pair]:
    """`factor_pairs` (in display order) with each passage pair placed where its passage
    reads: before the pair holding the factor its passage precedes (the new passage's, else
    the old one's), or at the end when no pair holds that factor (the closing)."""
    holding_new = {j: k for k, pair in enumerate(factor_pairs) for j in pair.new_indexes}
    holding_old = {i: k for k, pair in enumerate(factor_pairs) for i in pair.old_indexes}
    placed: list[tuple[int, int, int, Pair]] = []
    for pair in passage_pairs:
        passage, holding = (
            (new.passages[pair.new], holding_new)
            if isinstance(pair.new, int)
            else (old.passages[_one(pair.old)], holding_old)
        )
        position = holding.get(passage.before, len(factor_pairs))
        placed.append((position, _KIND_ORDER[passage.kind], passage.before, pair))
    placed.sort(key=lambda entry: entry[:3])
    return list(_merge(factor_pairs, placed))


_KIND_ORDER = {PassageKind.INTRODUCTION: 0, PassageKind.CATEGORY: 1, PassageKind.CLOSING: 2}


def _merge(
    factor_pairs: Sequence[Pair], placed: Sequence[tuple[int, int, int, Pair]]
) -> Iterator[Pair]:
    at = 0
    for k, pair in enumerate(factor_pairs):
        while at < len(placed) and placed[at][0] <= k:
            yield placed[at][3]
            at += 1
        yield pair
    yield from (entry[3] for entry in placed[at:])


def _one(side: int | tuple[int, ...] | None) -> int:
    if not isinstance(side, int):
        raise ValueError(f"a passage pair holds one passage a side, not {side!r}")
    return side


def _key(passage: Passage) -> _Key:
    return passage.kind, _category_key(passage.category)


def _category_key(category: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalized(name).casefold() for name in category)


def _category_images(
    old: Filing, new: Filing, factor_pairs: Sequence[Pair]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each old category (as a key) mapped to the new category most of its paired factors
    went to."""
    went: dict[tuple[str, ...], Counter[tuple[str, ...]]] = {}
    for pair in factor_pairs:
        for i in pair.old_indexes:
            for j in pair.new_indexes:
                source = _category_key(old.factors[i].category)
                went.setdefault(source, Counter())[_category_key(new.factors[j].category)] += 1
    return {source: counts.most_common(1)[0][0] for source, counts in went.items()}
