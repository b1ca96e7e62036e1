"""The four section similarity measures of "Lazy Prices" (Cohen, Malloy and Nguyen, 2020).

All four compare the whole Risk Factors sections (every heading and body) as lower-cased
word sequences, each in [0, 1] with 1.0 for identical sections:

- cosine: cosine of the term-frequency vectors,
- jaccard: shared distinct words over all distinct words,
- min_edit: 1 - (fewest word insertions, deletions and substitutions turning the old section
  into the new) / (words of the longer section),
- simple: words a diff keeps, 2 * kept / (old words + new words).

Cosine, Jaccard and simple are core.align.similarity's, as the comparison reports them;
minimum edit (a word-level Levenshtein distance) is computed here with RapidFuzz, which the
batch extra installs.

>>> min_edit("we expect demand to increase".split(), "we expect weakness in sales".split())
0.4
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.align.similarity import section_words
from core.model import Comparison


@dataclass(frozen=True, slots=True)
class SectionMeasures:
    cosine: float
    jaccard: float
    min_edit: float
    simple: float


def section_measures(comparison: Comparison) -> SectionMeasures:
    """The four measures between the old and the new section of `comparison`."""
    similarity = comparison.summary.similarity
    return SectionMeasures(
        cosine=similarity.cosine,
        jaccard=similarity.jaccard,
        min_edit=min_edit(section_words(comparison.old), section_words(comparison.new)),
        simple=similarity.simple,
    )


def min_edit(old: Sequence[str], new: Sequence[str]) -> float:
    """1 - word-level edit distance / longer length; 1.0 for two empty sequences."""
    from rapidfuzz.distance import Levenshtein  # noqa: PLC0415 - the batch extra, lazily

    return float(Levenshtein.normalized_similarity(old, new))
