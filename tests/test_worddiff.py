"""Word diff: ops rebuild both texts, changes are whole words, changed figures are tagged."""

from __future__ import annotations

import fast_diff_match_patch
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.diff.figures import find_figures, has_figure
from core.diff.words import changed_words, count_words, diff_tokens, tokenize, word_diff
from core.model import DiffOp, OpKind


def _rebuild(ops: tuple[DiffOp, ...]) -> tuple[str, str]:
    old = "".join(op.text for op in ops if op.kind is not OpKind.INSERT)
    new = "".join(op.text for op in ops if op.kind is not OpKind.DELETE)
    return old, new


_vocabulary = st.sampled_from(
    [
        "risk",
        "may",
        "our",
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
_texts = st.lists(st.one_of(_vocabulary, st.text(max_size=4)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_texts, _texts)
def test_ops_rebuild_both_texts(old: str, new: str) -> None:
    assert _rebuild(word_diff(old, new)) == (old, new)


@settings(max_examples=60, deadline=None)
@given(_texts, _texts)
def test_python_fallback_gives_the_same_ops(old: str, new: str) -> None:
    """The pure-Python engine is the same algorithm and cleanup as the C++ one."""
    fallback = word_diff(old, new, engine="diff_match_patch")
    assert fallback == word_diff(old, new, engine="fast_diff_match_patch")
    assert _rebuild(fallback) == (old, new)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # numbers keep their thousands separators and decimals
        ("¥3,000.5 million", ["¥", "3,000.5", " ", "million"]),
        # apostrophes and hyphens stay inside a word
        ("the company\u2019s year-end", ["the", " ", "company\u2019s", " ", "year-end"]),
        # whitespace runs are one token, punctuation marks one each
        ("a,  b.", ["a", ",", "  ", "b", "."]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


def test_identical_texts_are_one_equal_op() -> None:
    assert word_diff("same text", "same text") == (DiffOp(OpKind.EQUAL, "same text"),)
    assert word_diff("", "") == ()


def test_changes_are_whole_words() -> None:
    ops = word_diff("We sell connectivity services.", "We sell outsourcing services.")
    assert [(op.kind, op.text) for op in ops] == [
        (OpKind.EQUAL, "We sell "),
        (OpKind.DELETE, "connectivity"),
        (OpKind.INSERT, "outsourcing"),
        (OpKind.EQUAL, " services."),
    ]


@pytest.mark.parametrize(
    ("old", "new", "figures"),
    [
        # an amount with currency and scale
        ("invested ¥2.2 billion in", "invested ¥3.1 billion in", {"2.2", "3.1"}),
        # the year of a date
        ("as of March 31, 2008.", "as of March 31, 2009.", {"2008", "2009"}),
        # a percentage
        ("grew 5% last year", "grew 12.5% last year", {"5", "12.5"}),
        # a fiscal year inserted with other words
        ("in the year", "in fiscal 2009 and the year", {"fiscal 2009"}),
    ],
)
def test_changed_figures_are_tagged(old: str, new: str, figures: set[str]) -> None:
    ops = word_diff(old, new)
    tagged = {op.text for op in ops if op.figure}
    assert tagged == figures
    assert all(op.kind is not OpKind.EQUAL for op in ops if op.figure)


def test_words_are_not_tagged_as_figures() -> None:
    ops = word_diff("risks may rise", "risks could rise sharply")
    assert not any(op.figure for op in ops)


def test_changed_words_counts() -> None:
    ops = word_diff("one two three four", "one 2 three four five")
    assert changed_words(ops) == (2, 1)
    assert count_words("It\u2019s 1,234.5 yen.") == 3


def test_long_rewrite_is_not_coarsened() -> None:
    """No time limit: a long text with scattered edits keeps its many small equalities."""
    sentence = "The company may not maintain its current level of revenues in Japan. "
    old = sentence * 300
    new = old.replace("current", "present")
    ops = word_diff(old, new)
    assert sum(1 for op in ops if op.kind is OpKind.DELETE) == 300
    assert changed_words(ops) == (300, 300)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown diff engine"):
        word_diff("a", "b", engine="nope")


def test_more_distinct_tokens_than_the_surrogate_gap() -> None:
    """Token codes skip U+D800..U+DFFF, so 60,000 distinct tokens still diff correctly."""
    old = [f"w{k}" for k in range(60_000)]
    new = [*old[:30_000], "inserted", *old[30_000:59_999]]
    runs = diff_tokens(old, new)
    assert [kind for kind, _ in runs] == [OpKind.EQUAL, OpKind.INSERT, OpKind.EQUAL, OpKind.DELETE]
    assert runs[1][1] == ["inserted"] and runs[3][1] == ["w59999"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # yen amount with a scale word
        ("invested ¥2.2 billion", [("amount", "¥2.2 billion")]),
        # dollar amount, thousands separators
        ("a charge of $1,234.5 million", [("amount", "$1,234.5 million")]),
        # amount written with the currency after the number
        ("about 3,000 million yen", [("amount", "3,000 million yen")]),
        # percentages in signs and words
        ("up 5% and 12.5 percent", [("percent", "5%"), ("percent", "12.5 percent")]),
        # a full date and a month-year date
        (
            "on March 31, 2009 and in August 2008",
            [("date", "March 31, 2009"), ("date", "August 2008")],
        ),
        # fiscal years
        ("in fiscal 2009 and FY2010", [("fiscal_year", "fiscal 2009"), ("fiscal_year", "FY2010")]),
        # a bare year and a plain count
        ("since 1996 we have 1,500 engineers", [("year", "1996"), ("number", "1,500")]),
        # item numbers and version-like strings are not figures
        ("see Item 1A and Item 7A", []),
        # form names and numbered words are names, not figures
        ("this Form 20-F and our Form 10-K", []),
        ("the COVID-19 pandemic", []),
        ("no digits at all", []),
    ],
)
def test_find_figures(text: str, found: list[tuple[str, str]]) -> None:
    assert [(f.kind.value, f.text) for f in find_figures(text)] == found
    assert has_figure(text) == bool(found)


def test_an_edit_at_the_start_slides_without_losing_text() -> None:
    # The insertion at the very start repeats the kept word after it, so it may slide left
    # past the start of the text: the word it slides past must stay kept, not vanish.
    old, new = "risk\n\nrisk", "risk risk\n\nrisk risk\n\nrisk\n\nrisk risk"
    ops = word_diff(old, new)
    assert "".join(op.text for op in ops if op.kind is not OpKind.INSERT) == old
    assert "".join(op.text for op in ops if op.kind is not OpKind.DELETE) == new


@settings(max_examples=200, deadline=None)
@given(_texts, _texts, st.booleans())
def test_runs_are_the_engine_answer_mapped_back_token_by_token(
    old: str, new: str, cleanup: bool
) -> None:
    """diff_tokens takes each run's tokens as a slice of the side it rebuilds: the same runs
    as mapping each character of the engine's answer back to its token."""
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    codes: dict[str, str] = {}
    for token in (*old_tokens, *new_tokens):
        codes.setdefault(token, chr(0x100 + len(codes)))  # below the surrogates at this size
    tokens = {char: token for token, char in codes.items()}
    kinds = {"=": OpKind.EQUAL, "-": OpKind.DELETE, "+": OpKind.INSERT}
    answer = fast_diff_match_patch.diff(
        "".join(codes[t] for t in old_tokens),
        "".join(codes[t] for t in new_tokens),
        timelimit=0,
        checklines=False,
        cleanup="Semantic" if cleanup else "No",
        counts_only=False,
    )
    expected = [(kinds[sign], [tokens[c] for c in chars]) for sign, chars in answer if chars]
    assert diff_tokens(old_tokens, new_tokens, cleanup=cleanup) == expected
