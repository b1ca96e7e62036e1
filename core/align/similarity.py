"""Text similarity measures of "Lazy Prices" (Cohen, Malloy and Nguyen, 2020).

- cosine: cosine of the two texts' term-frequency vectors (lower-cased words),
- jaccard: size of the intersection of the two word sets over the size of their union,
- simple: share of words a diff leaves unchanged, 2 * kept / (old words + new words).

Each is 1.0 for identical texts and for two empty texts, 0.0 when nothing is shared.

>>> round(cosine("risks may rise", "risks may fall"), 3), jaccard("a b", "b c")
(0.667, 0.3333333333333333)
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from core.diff.words import coded, common_prefix_length, common_suffix_length, kept_length
from core.model import Filing, Similarity
from core.vocabulary import WORD_RE

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


# The one character whose casefolded form is one character of another kind (a combining
# mark folding to a letter): in a text holding it, the words are found before folding.
_FOLDS_INTO_A_LETTER = "\u0345"


def words(text: str) -> list[str]:
    """The lower-cased words of `text`, numbers included, in order."""
    folded = text.casefold()
    if len(folded) == len(text) and _FOLDS_INTO_A_LETTER not in text:
        # Every character folded to one character of its kind (word character, mark that
        # joins a word, other): the words of the folded text are the folded words.
        return WORD_RE.findall(folded)
    found = WORD_RE.findall(text)
    # Casefolded in one call: a word holds no space, and casefolding makes none.
    return " ".join(found).casefold().split(" ") if found else []


def cosine(a: str, b: str) -> float:
    """Cosine similarity of the term-frequency vectors of `a` and `b`."""
    return vector_cosine(Counter(words(a)), Counter(words(b)))


def vector_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors; 1.0 when both are empty, 0.0 when one is."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(weight * large.get(term, 0.0) for term, weight in small.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return min(1.0, dot / norm) if norm else 0.0


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the word sets of `a` and `b`."""
    return set_jaccard(set(words(a)), set(words(b)))


def set_jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def simple(a: str, b: str) -> float:
    """Share of words left unchanged by a diff of `a` into `b`: 2 * kept / (len a + len b).

    The diff runs over lower-cased words (punctuation and spacing ignored) without semantic
    cleanup, so "kept" is a longest common subsequence of the two word lists.
    """
    return _word_list_simple(words(a), words(b))


def _word_list_simple(a: list[str], b: list[str]) -> float:
    total = len(a) + len(b)
    return 2 * common_words(a, b) / total if total else 1.0


def section_similarity(old: Filing, new: Filing) -> Similarity:
    """The three measures over the whole Risk Factors sections (headings and bodies)."""
    return word_list_similarity(section_words(old), section_words(new))


def word_list_similarity(old_words: list[str], new_words: list[str]) -> Similarity:
    """The three measures over two texts given as their words (see `words`)."""
    total = len(old_words) + len(new_words)
    return Similarity(
        cosine=vector_cosine(Counter(old_words), Counter(new_words)),
        jaccard=set_jaccard(set(old_words), set(new_words)),
        simple=2 * common_words(old_words, new_words) / total if total else 1.0,
    )


def section_words(filing: Filing) -> list[str]:
    """The lower-cased words of the whole Risk Factors section: every heading and body."""
    return [word for text in _paragraphs(filing) for word in words(text)]


def _paragraphs(filing: Filing) -> Iterable[str]:
    for factor in filing.factors:
        yield factor.heading
        yield from factor.paragraphs


# Below this many word pairs (len a * len b) two word lists are diffed directly.
_DIRECT_DIFF = 250_000


def common_words(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of a common subsequence of two word lists: the words a diff keeps.

    Exact (a longest common subsequence) for short lists. Long lists are first cut at
    anchors, words that occur exactly once in each list and in the same order in both
    (patience diff, as in git), so two long unrelated sections cost about as much as two
    similar ones instead of a quadratic diff.

    >>> common_words("a b c d".split(), "d c b a".split())
    1
    """
    # One character per word (core.diff.words.coded): the cutting below slices, compares and
    # counts strings in C, and the diffs read the pieces as they are.
    old, new = coded(a, b)
    kept = 0
    stack = [(old, new)]
    while stack:
        left, right = stack.pop()
        if not left or not right:
            continue  # nothing in common (most pieces between two anchors next to each other)
        if left == right:
            kept += len(left)  # kept whole (most other pieces of two similar sections)
            continue
        prefix = common_prefix_length(left, right)
        kept += prefix
        left, right = left[prefix:], right[prefix:]
        suffix = common_suffix_length(left, right)
        kept += suffix
        left, right = left[: len(left) - suffix], right[: len(right) - suffix]
        if not left or not right:
            continue
        anchors = _unique_anchors(left, right) if len(left) * len(right) > _DIRECT_DIFF else []
        if not anchors:
            kept += kept_length(left, right)
            continue
        kept += len(anchors)
        start_left = start_right = 0
        for i, j in anchors:
            stack.append((left[start_left:i], right[start_right:j]))
            start_left, start_right = i + 1, j + 1
        stack.append((left[start_left:], right[start_right:]))
    return kept


def _unique_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """(i, j) positions of words occurring once in `a` and once in `b` (coded strings, see
    core.diff.words.coded), as many as possible in the same order in both."""
    # numpy is loaded already (alignment's score matrix); as arrays of code points the words
    # are counted and matched by sorting in C rather than by a dictionary lookup per word.
    import numpy as np  # noqa: PLC0415

    old_once, old_at = _once(np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32))
    new_once, new_at = _once(np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32))
    _, in_old, in_new = np.intersect1d(old_once, new_once, assume_unique=True, return_indices=True)
    i, j = old_at[in_old], new_at[in_new]
    order = np.argsort(i)
    candidates = list(zip(i[order].tolist(), j[order].tolist(), strict=True))
    chain = longest_increasing([j for _, j in candidates])
    return [candidates[k] for k in sorted(chain)]


def _once(codes: NDArray[np.uint32]) -> tuple[NDArray[np.uint32], NDArray[np.intp]]:
    """The values occurring once in `codes` (sorted) and where each occurs."""
    import numpy as np  # noqa: PLC0415

    values, first, counts = np.unique(codes, return_index=True, return_counts=True)
    once = counts == 1
    return values[once], first[once]


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of `values`.

    >>> sorted(longest_increasing([3, 1, 2, 5, 4]))  # values 1, 2, 4
    [1, 2, 4]
    """
    tails: list[int] = []  # tails[k] = smallest value ending an increasing run of length k + 1
    tail_position: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_position.append(position)
        else:
            tails[k] = value
            tail_position[k] = position
        previous[position] = tail_position[k - 1] if k else -1
    chosen: set[int] = set()
    position = tail_position[-1] if tail_position else -1
    while position >= 0:
        chosen.add(position)
        position = previous[position]
    return chosen
