"""The three "Lazy Prices" similarity measures, on texts and on whole filings."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align.similarity import (
    common_words,
    cosine,
    jaccard,
    section_similarity,
    simple,
    words,
)
from core.model import Factor, Filing
from core.vocabulary import WORD_RE


@pytest.mark.parametrize(
    ("a", "b", "expected_cosine", "expected_jaccard", "expected_simple"),
    [
        # identical texts
        ("risks may rise", "risks may rise", 1.0, 1.0, 1.0),
        # case and punctuation do not count as words
        ("Risks may rise.", "risks MAY rise", 1.0, 1.0, 1.0),
        # nothing in common
        ("alpha beta", "gamma delta", 0.0, 0.0, 0.0),
        # one of three words replaced
        ("risks may rise", "risks may fall", 2 / 3, 2 / 4, 2 / 3),
        # the same words in another order: cosine and jaccard see no change, the diff does
        ("a b c d", "d c b a", 1.0, 1.0, 0.25),
        # two empty texts are identical
        ("", "", 1.0, 1.0, 1.0),
        # one empty text shares nothing
        ("", "words here", 0.0, 0.0, 0.0),
    ],
)
def test_measures(
    a: str, b: str, expected_cosine: float, expected_jaccard: float, expected_simple: float
) -> None:
    assert cosine(a, b) == pytest.approx(expected_cosine)
    assert jaccard(a, b) == pytest.approx(expected_jaccard)
    assert simple(a, b) == pytest.approx(expected_simple)


def test_cosine_weighs_repeated_words() -> None:
    # term frequencies (2, 1) and (1, 2) over the same two words
    assert cosine("a a b", "a b b") == pytest.approx(4 / 5)


def _filing(*factors: tuple[str, str]) -> Filing:
    return Filing(
        path="x.txt",
        company="Co",
        form="10-K",
        fiscal_year=2024,
        section_title="Risk Factors",
        factors=tuple(Factor(heading=h, paragraphs=(body,)) for h, body in factors),
    )


def test_section_similarity_identical_filings() -> None:
    filing = _filing(("Competition may hurt us.", "We compete."), ("Debt.", "We owe money."))
    measures = section_similarity(filing, filing)
    assert (measures.cosine, measures.jaccard, measures.simple) == (1.0, 1.0, 1.0)


def test_section_similarity_sees_an_added_factor() -> None:
    old = _filing(("Competition may hurt us.", "We compete with large carriers."))
    new = _filing(
        ("Competition may hurt us.", "We compete with large carriers."),
        ("Earthquakes may hit Tokyo.", "Our data centers are in one city."),
    )
    measures = section_similarity(old, new)
    assert 0.0 < measures.jaccard < 1.0
    # all 9 old words kept, of 9 old + 20 new
    assert measures.simple == pytest.approx(18 / 29)


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


_word_lists = st.lists(st.sampled_from(["risk", "may", "our", "yen", "debt", "tax"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_word_lists, _word_lists)
def test_common_words_of_short_lists_is_the_lcs(a: list[str], b: list[str]) -> None:
    assert common_words(a, b) == _lcs(a, b)


def test_common_words_of_long_lists() -> None:
    """Long lists go through unique-word anchors: never more than the LCS, close to it
    for edited texts, exact for a single insertion."""
    a = [f"w{k % 400}" for k in range(3000)]
    b = [*a[:1000], "new", *a[1000:2000], *a[2001:]]
    assert common_words(a, b) == 2999
    rng = random.Random(7)
    old = [f"w{rng.randrange(300)}" for _ in range(700)]
    new = [word for word in old if rng.random() > 0.1]
    for position in sorted(rng.sample(range(len(new)), 40), reverse=True):
        new.insert(position, f"w{rng.randrange(300)}")
    exact = _lcs(old, new)
    assert 0.95 * exact <= common_words(old, new) <= exact


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("a\u00dfΣς1,.'-\u2019 \n\t\ufb01\u0130\u0345A")))
def test_words_are_each_word_casefolded(text: str) -> None:
    """`words` casefolds the words in one call: the same as casefolding each (German sharp
    s, dotted capital I, final sigma and ligatures change length or neighbours when folded; a
    combining ypogegrammeni folds to a letter)."""
    assert words(text) == [word.casefold() for word in WORD_RE.findall(text)]
