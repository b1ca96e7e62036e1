"""The score matrix as one matrix product gives what the sum over shared terms gave.

The reference below is the formulation alignment used before (an inverted index of the new
side, products added term by term in Python); the matrix product must agree with it to
rounding, and alignment must pair every fixture pair the same way with either.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align import pairing
from core.model import Filing
from core.pipeline import load_filing

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"
SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
# Consecutive years of one company (inline XBRL, text 10-Ks, the IIJ 20-F samples).
PAIRS = [
    ("cocacola_10-K_2023.html.gz", "cocacola_10-K_2024.html.gz"),
    ("ibm_10-K_2023.html.gz", "ibm_10-K_2024.html.gz"),
    ("mastercard_10-K_2023.html.gz", "mastercard_10-K_2024.html.gz"),
    ("nvidia_10-K_2023.html.gz", "nvidia_10-K_2024.html.gz"),
    ("nvidia_10-K_2024.html.gz", "nvidia_10-K_2025.html.gz"),
    ("tesla_10-K_2023.html.gz", "tesla_10-K_2024.html.gz"),
    ("disney_10-K_2016.txt.gz", "disney_10-K_2017.txt.gz"),
    ("disney_10-K_2017.txt.gz", "disney_10-K_2018.txt.gz"),
    ("iij-20f-fy2008.txt", "iij-20f-fy2009.txt"),
    # two companies: few matches, many near-threshold scores
    ("tesla_10-K_2024.html.gz", "ibm_10-K_2024.html.gz"),
]


def postings_cosine_matrix(
    old: Sequence[dict[str, float]],
    new: Sequence[dict[str, float]],
    *,
    on_row: Callable[[], None] | None = None,
) -> list[list[float]]:
    """[old][new] dot products through an inverted index of the new side (the reference)."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(new):
        for term, weight in vector.items():
            postings.setdefault(term, []).append((j, weight))
    matrix = []
    for vector in old:
        if on_row is not None:
            on_row()
        row = [0.0] * len(new)
        for term, weight in vector.items():
            for j, other in postings.get(term, ()):
                row[j] += weight * other
        matrix.append([min(1.0, value) for value in row])
    return matrix


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {term: w / norm for term, w in weights.items()} if norm else {}


_VECTORS = st.lists(
    st.dictionaries(
        st.sampled_from([f"w{k}" for k in range(40)]),
        st.floats(min_value=0.01, max_value=10.0),
        max_size=25,
    ).map(_unit),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(old=_VECTORS, new=_VECTORS)
def test_matrix_product_equals_the_sum_over_shared_terms(
    old: list[dict[str, float]], new: list[dict[str, float]]
) -> None:
    product = pairing._cosine_matrix(old, new)
    reference = postings_cosine_matrix(old, new)
    assert len(product) == len(reference)
    for row, expected in zip(product, reference, strict=True):
        assert row == pytest.approx(expected, abs=1e-12)
        assert all(isinstance(value, float) and value <= 1.0 for value in row)


@functools.cache
def _load(name: str) -> Filing:
    path = CORPUS / name
    return load_filing(path if path.exists() else SAMPLES / name)


@pytest.mark.slow
@pytest.mark.parametrize(("old_name", "new_name"), PAIRS)
def test_fixture_pairs_pair_the_same_with_either_formulation(
    monkeypatch: pytest.MonkeyPatch, old_name: str, new_name: str
) -> None:
    old, new = _load(old_name), _load(new_name)
    with_product = pairing.align(old, new)
    monkeypatch.setattr(pairing, "_cosine_matrix", postings_cosine_matrix)
    with_postings = pairing.align(old, new)
    assert with_product.pairs == with_postings.pairs
    assert with_product.summary == with_postings.summary
