"""Word diff options: case, punctuation and numbers can be overlooked, while the ops still
rebuild both texts and the runs that differ only in an ignored way are flagged, not lost."""

from __future__ import annotations

import re
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.diff.options import EXACT, DiffOptions
from core.diff.pair import pair_diff, recounted
from core.diff.words import changed_words, word_diff
from core.model import DiffOp, OpKind
from tests.built_comparison import make_comparison

CASE = DiffOptions(ignore_case=True)
PUNCTUATION = DiffOptions(ignore_punctuation=True)
NUMBERS = DiffOptions(ignore_numbers=True)
ALL = DiffOptions(ignore_case=True, ignore_punctuation=True, ignore_numbers=True)


def _rebuild(ops: tuple[DiffOp, ...]) -> tuple[str, str]:
    old = "".join(op.text for op in ops if op.kind is not OpKind.INSERT)
    new = "".join(op.text for op in ops if op.kind is not OpKind.DELETE)
    return old, new


def _changes(ops: tuple[DiffOp, ...]) -> list[tuple[OpKind, str]]:
    """The inserts and deletes a reader is shown."""
    return [(op.kind, op.text) for op in ops if op.kind is not OpKind.EQUAL and not op.ignored]


_vocabulary = st.sampled_from(
    [
        "Risk",
        "may",
        "OUR",
        "¥2.2",
        "billion",
        "2009",
        "5%",
        "March",
        "31,",
        "the",
        "\u2019s",
        "\n\n",
    ]
)
_texts = st.lists(st.one_of(_vocabulary, st.text(max_size=4)), max_size=30).map(" ".join)
_options = st.builds(DiffOptions, st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=300, deadline=None)
@given(_texts, _texts, _options)
def test_ops_rebuild_both_texts_under_every_option(
    old: str, new: str, options: DiffOptions
) -> None:
    ops = word_diff(old, new, options=options)
    assert _rebuild(ops) == (old, new)
    assert all(op.kind is not OpKind.EQUAL for op in ops if op.ignored)


# Letters with a one-to-one upper case in Latin-1 (upper() of 'ß' or 'ÿ' changes the
# token structure or leaves the range).
_latin = st.text(
    alphabet=st.characters(codec="latin-1", categories=("L", "N", "P", "Zs")), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(_latin)
def test_ignore_case_sees_no_change_in_an_upper_cased_text(text: str) -> None:
    ops = word_diff(text, text.upper(), options=CASE)
    assert _changes(ops) == []
    assert _rebuild(ops) == (text, text.upper())


@settings(max_examples=200, deadline=None)
@given(_texts, st.randoms(use_true_random=False))
def test_ignore_numbers_sees_no_change_when_only_digits_change(text: str, random: Random) -> None:
    changed = re.sub(r"[0-9]", lambda _m: str(random.randrange(10)), text)
    ops = word_diff(text, changed, options=NUMBERS)
    assert _changes(ops) == []
    assert _rebuild(ops) == (text, changed)


_words = st.lists(st.sampled_from(["risk", "may", "Our", "2009", "yen", "rates"]), min_size=1)
_marks = st.sampled_from(["", ",", ".", ";", ":", " -", "!", "?"])


@settings(max_examples=200, deadline=None)
@given(_words, st.data())
def test_ignore_punctuation_sees_no_change_when_only_marks_change(
    words: list[str], data: st.DataObject
) -> None:
    old_marks = data.draw(st.lists(_marks, min_size=len(words), max_size=len(words)))
    new_marks = data.draw(st.lists(_marks, min_size=len(words), max_size=len(words)))
    old = " ".join(word + mark for word, mark in zip(words, old_marks, strict=True))
    new = " ".join(word + mark for word, mark in zip(words, new_marks, strict=True))
    ops = word_diff(old, new, options=PUNCTUATION)
    assert _changes(ops) == []
    assert _rebuild(ops) == (old, new)


@pytest.mark.parametrize(
    ("old", "new", "options", "shown"),
    [
        # case: the re-cased heading is not a change, the changed verb still is
        (
            "Risks Related to Our Business rose",
            "RISKS RELATED TO OUR BUSINESS fell",
            CASE,
            [(OpKind.DELETE, "rose"), (OpKind.INSERT, "fell")],
        ),
        # numbers: a rolled-forward date and amount are not changes
        ("As of March 31, 2008, ¥2.2 billion.", "As of March 31, 2009, ¥3.1 billion.", NUMBERS, []),
        # numbers: a changed word next to a changed number still is a change
        (
            "As of March 31, 2008",
            "As of April 30, 2009",
            NUMBERS,
            [(OpKind.DELETE, "March"), (OpKind.INSERT, "April")],
        ),
        # punctuation: an added comma and a changed full stop are not changes
        ("However we may fail.", "However, we may fail;", PUNCTUATION, []),
        # punctuation: a curly apostrophe and a thousands separator inside a token
        ("the company\u2019s 1,234 sites", "the company's 1234 sites", PUNCTUATION, []),
        # punctuation: a replaced year keeps the comma after it unmarked
        (
            "ended March 31, 2008, the",
            "ended March 31, 2009, the",
            PUNCTUATION,
            [(OpKind.DELETE, "2008"), (OpKind.INSERT, "2009")],
        ),
        # punctuation: a deleted word takes its own comma with it
        ("cost, risk and time", "cost and time", PUNCTUATION, [(OpKind.DELETE, "risk ")]),
        # off: every difference is shown
        ("Risk", "RISK", EXACT, [(OpKind.DELETE, "Risk"), (OpKind.INSERT, "RISK")]),
    ],
)
def test_what_is_shown_under_each_option(
    old: str, new: str, options: DiffOptions, shown: list[tuple[OpKind, str]]
) -> None:
    ops = word_diff(old, new, options=options)
    assert _changes(ops) == shown
    assert _rebuild(ops) == (old, new)


@settings(max_examples=150, deadline=None)
@given(_texts, _texts)
def test_options_change_nothing_when_texts_differ_in_no_ignored_way(old: str, new: str) -> None:
    """Texts in lower case without digits or punctuation diff the same with every option."""
    clean_old = re.sub(r"[^a-z ]", "", old.lower())
    clean_new = re.sub(r"[^a-z ]", "", new.lower())
    assert word_diff(clean_old, clean_new, options=DiffOptions(True, False, True)) == word_diff(
        clean_old, clean_new
    )


def test_ignored_changes_are_not_counted() -> None:
    ops = word_diff("Revenue in 2008 rose", "REVENUE in 2009 fell", options=ALL)
    assert changed_words(ops) == (1, 1)
    assert changed_words(word_diff("Revenue in 2008 rose", "REVENUE in 2009 fell")) == (3, 3)


def test_a_paragraph_break_after_a_changed_mark_is_kept() -> None:
    ops = word_diff("we may fail.\n\nNext", "we may fail\n\nNext", options=PUNCTUATION)
    assert any(op.kind is OpKind.EQUAL and "\n\n" in op.text for op in ops)


@pytest.mark.parametrize(
    ("options", "words"),
    [(EXACT, ""), (CASE, "case"), (DiffOptions(True, True, True), "case, punctuation and numbers")],
)
def test_options_describe_themselves(options: DiffOptions, words: str) -> None:
    assert options.describe() == words


def test_recounted_pairs_leave_out_ignored_words() -> None:
    comparison = make_comparison()
    assert recounted(comparison, options=EXACT) is comparison
    again = recounted(comparison, options=NUMBERS)
    # "Revenue fell 5% in 2008 to $2.2 billion." -> "Revenue rose 7% in 2009 to $3.1 billion."
    counted = (again.pairs[1].words_added, again.pairs[1].words_removed)
    lenient = pair_diff(comparison, comparison.pairs[1], options=NUMBERS)
    assert counted == (lenient.words_added, lenient.words_removed)
    exact = pair_diff(comparison, comparison.pairs[1])
    assert sum(counted) < exact.words_added + exact.words_removed
    assert [pair.status for pair in again.pairs] == [pair.status for pair in comparison.pairs]
    assert again.pairs[2] == comparison.pairs[2]  # an added factor keeps its count
