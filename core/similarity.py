"""Text similarity measures of "Lazy Prices" (Cohen, Malloy and Nguyen, 2020).

- cosine: cosine of the two texts' term-frequency vectors (lower-cased words),
- jaccard: size of the intersection of the two word sets over the size of their union,
- simple: share of words a diff leaves unchanged, 2 * kept / (old words + new words).

Each is 1.0 for identical texts and for two empty texts, 0.0 when nothing is shared.

>>> round(cosine("risks may rise", "risks may fall"), 3), jaccard("a b", "b c")
(0.667, 0.3333333333333333)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from core.model import Filing, OpKind, Similarity
from core.worddiff import diff_tokens

_WORD_RE = re.compile(r"\w+(?:[.,'\u2019\-]\w+)*")


def words(text: str) -> list[str]:
    """The lower-cased words of `text`, numbers included, in order."""
    return [word.casefold() for word in _WORD_RE.findall(text)]


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
    return 2 * _kept_words(a, b) / total if total else 1.0


def section_similarity(old: Filing, new: Filing) -> Similarity:
    """The three measures over the whole Risk Factors sections (headings and bodies).

    For the simple measure the paragraphs are first lined up by a paragraph-level diff and
    only the replaced runs are diffed word by word, so a long section is never one big diff.
    """
    old_paragraphs = [words(p) for p in _paragraphs(old)]
    new_paragraphs = [words(p) for p in _paragraphs(new)]
    old_words = [word for paragraph in old_paragraphs for word in paragraph]
    new_words = [word for paragraph in new_paragraphs for word in paragraph]
    return Similarity(
        cosine=vector_cosine(Counter(old_words), Counter(new_words)),
        jaccard=set_jaccard(set(old_words), set(new_words)),
        simple=_paragraph_simple(old_paragraphs, new_paragraphs),
    )


def _paragraphs(filing: Filing) -> Iterable[str]:
    for factor in filing.factors:
        yield factor.heading
        yield from factor.paragraphs


def _paragraph_simple(old: list[list[str]], new: list[list[str]]) -> float:
    total = sum(map(len, old)) + sum(map(len, new))
    if total == 0:
        return 1.0
    keys = {" ".join(paragraph): paragraph for paragraph in (*old, *new)}
    kept = 0
    pending_old: list[str] = []
    pending_new: list[str] = []
    runs = diff_tokens([" ".join(p) for p in old], [" ".join(p) for p in new], cleanup=False)
    for kind, paragraphs in [*runs, (OpKind.EQUAL, [])]:
        run_words = [word for key in paragraphs for word in keys[key]]
        if kind is OpKind.DELETE:
            pending_old.extend(run_words)
        elif kind is OpKind.INSERT:
            pending_new.extend(run_words)
        else:
            if pending_old and pending_new:
                kept += _kept_words(pending_old, pending_new)
            pending_old, pending_new = [], []
            kept += len(run_words)
    return 2 * kept / total


def _kept_words(a: list[str], b: list[str]) -> int:
    return sum(len(run) for kind, run in diff_tokens(a, b, cleanup=False) if kind is OpKind.EQUAL)
