"""Text similarity measures of "Lazy Prices" (Cohen, Malloy and Nguyen, 2020).

- cosine: cosine of the two texts' term-frequency vectors (lower-cased words),
- jaccard: size of the intersection of the two word sets over the size of their union,
- simple: share of words a word diff leaves unchanged, 2 * kept / (old words + new words).

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
from core.worddiff import count_words, diff_tokens, word_diff

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
    """Share of words left unchanged by a word diff of `a` into `b`."""
    total = count_words(a) + count_words(b)
    if total == 0:
        return 1.0
    kept = sum(count_words(op.text) for op in word_diff(a, b) if op.kind is OpKind.EQUAL)
    return 2 * kept / total


def section_similarity(old: Filing, new: Filing) -> Similarity:
    """The three measures over the whole Risk Factors sections (headings and bodies).

    The simple measure diffs paragraph by paragraph, after matching paragraphs by their
    position in a paragraph-level diff, so one long section is never diffed as one string.
    """
    old_paragraphs = list(_paragraphs(old))
    new_paragraphs = list(_paragraphs(new))
    old_text = "\n\n".join(old_paragraphs)
    new_text = "\n\n".join(new_paragraphs)
    return Similarity(
        cosine=cosine(old_text, new_text),
        jaccard=jaccard(old_text, new_text),
        simple=_paragraph_simple(old_paragraphs, new_paragraphs),
    )


def _paragraphs(filing: Filing) -> Iterable[str]:
    for factor in filing.factors:
        yield factor.heading
        yield from factor.paragraphs


def _paragraph_simple(old: list[str], new: list[str]) -> float:
    """Simple similarity of two paragraph lists: paragraphs are first lined up with a
    paragraph-level diff, then each replaced run is diffed word by word."""
    total = sum(count_words(p) for p in old) + sum(count_words(p) for p in new)
    if total == 0:
        return 1.0
    kept = 0
    for old_run, new_run in _paragraph_runs(old, new):
        if old_run == new_run:
            kept += sum(count_words(p) for p in old_run)
        elif old_run and new_run:
            diff = word_diff("\n\n".join(old_run), "\n\n".join(new_run))
            kept += sum(count_words(op.text) for op in diff if op.kind is OpKind.EQUAL)
    return 2 * kept / total


def _paragraph_runs(old: list[str], new: list[str]) -> list[tuple[list[str], list[str]]]:
    """Runs of (old paragraphs, new paragraphs): equal runs and replaced runs, in order."""
    runs: list[tuple[list[str], list[str]]] = []
    pending_old: list[str] = []
    pending_new: list[str] = []
    for kind, paragraphs in diff_tokens(old, new):
        if kind is OpKind.EQUAL:
            if pending_old or pending_new:
                runs.append((pending_old, pending_new))
                pending_old, pending_new = [], []
            runs.append((paragraphs, paragraphs))
        elif kind is OpKind.DELETE:
            pending_old.extend(paragraphs)
        else:
            pending_new.extend(paragraphs)
    if pending_old or pending_new:
        runs.append((pending_old, pending_new))
    return runs
