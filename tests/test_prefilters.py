"""Cheap checks that let the stages after reading skip work must never change an answer: each
prefilter passes everything its full check would accept (real block texts and made-up ones),
and the stage finds the same with the prefilter as without it."""

from __future__ import annotations

import itertools
import re
import re._constants as constants
import re._parser as re_parser
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.align import pairing, similarity
from core.diff import passages, words
from core.model import Block
from core.pipeline import load_filing
from core.read import section
from core.read.document import read_document
from core.segment import factors, sentence_leads, text_levels
from core.segment.factors import mend_wrapped
from core.segment.roles import Kind
from core.segment.text_levels import text_marks
from tests.paths import FIXTURES, SAMPLES

# Filings whose sections open with each kind of heading the section finder knows.
_FILINGS = [
    FIXTURES / "corpus" / "ibm_10-K_2023.html.gz",  # "Item 1A. Risk Factors" (TOC, references)
    FIXTURES / "corpus" / "loncor_20-F_2015.html.gz",  # "D." and "Risk Factors" in two cells
    FIXTURES / "corpus" / "aegon_20-F_2000.html.gz",  # a bare "Risk factors" inside Item 3
    FIXTURES / "corpus" / "medicis_10-K_1999.html.gz",  # "Additional Factors That May Affect"
    FIXTURES / "older" / "stockwalk_10-K_2000.txt.gz",  # "FACTORS THAT MAY AFFECT FUTURE RESULTS"
    FIXTURES / "older" / "home-health-corp_10-K_1997.txt.gz",  # "Forward Outlook and Risks"
    FIXTURES / "heldout" / "disney_10-K_2013.txt.gz",  # a text filing, one line a paragraph
    SAMPLES / "iij-20f-fy2008.txt",  # "Item 3.D" in a 20-F text extract
]


@cache
def _blocks(index: int) -> tuple[Block, ...]:
    return read_document(_FILINGS[index]).blocks


@cache
def _real_texts() -> list[str]:
    return [block.text for index in range(len(_FILINGS)) for block in _blocks(index)]


@pytest.mark.parametrize("index", range(len(_FILINGS)), ids=[p.name for p in _FILINGS])
def test_section_candidates_are_the_same_with_the_heading_prefilter(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = _blocks(index)
    filtered = section._candidates(blocks)
    # A prefilter that passes every block: each is read pattern by pattern, as before it.
    monkeypatch.setattr(section, "_ANY_HEADING", re.compile(""))
    assert section._candidates(blocks) == filtered
    assert filtered, "each of these filings has a heading to find"


def _first_characters(items: Any) -> set[str | None]:
    """The characters a parsed pattern can open with (None: it can match nothing at first),
    read from Python's own parse of it (re._parser, internal but stable in what it names)."""
    found: set[str | None] = set()
    for op, value in items:
        if op is constants.AT:  # "^", "\b": no character
            continue
        if op is constants.LITERAL:
            return found | {chr(value)}
        if op is constants.IN and all(kind is constants.LITERAL for kind, _ in value):
            return found | {chr(code) for _, code in value}
        if op is constants.SUBPATTERN:
            inner = _first_characters(value[3])
        elif op is constants.BRANCH:
            inner = set().union(*(_first_characters(branch) for branch in value[1]))
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
            inner = _first_characters(value[2]) | ({None} if value[0] == 0 else set())
        else:
            raise AssertionError(f"a heading pattern opens with {op}: say what it matches")
        found |= inner - {None}
        if None not in inner:
            return found
    return found | {None}


def test_every_heading_opens_with_a_character_the_openers_hold() -> None:
    """What the union of the heading patterns can open with, ignoring case as it does: every
    character of Unicode matching one of those letters is among the openers."""
    union = section._ANY_HEADING
    first = _first_characters(re_parser.parse(union.pattern, union.flags))
    assert None not in first
    letters = sorted(char for char in first if char is not None)
    assert letters == sorted("i3dacorfb")  # "item", "3.D", "D.", "additional", "certain" ...
    opens = re.compile(f"[{''.join(letters)}]", re.IGNORECASE)
    matching = {chr(code) for code in range(sys.maxunicode + 1) if opens.match(chr(code))}
    assert matching <= section._HEADING_OPENERS


_HEADING_WORDS = [
    "Item 1A.",
    "ITEM 1A",
    "Item 1(a) -",
    "Item 3.D",
    "3.D.",
    "D.",
    "Item 3",
    "Risk Factors",
    "RISK FACTORS",
    "\u201cRisk Factors\u201d",
    "Additional Factors That May Affect Future Results",
    "Certain Business Risks",
    "Factors Affecting Our Future Operating Results",
    "Forward Outlook and Risks",
    "Cautionary Statements",
    "(continued)",
    "12",
    " ",
    ".",
    "\u2014",
    "\u0130tem",  # capital I with a dot, which matches "i" ignoring case
]


def _made_up_texts() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(_HEADING_WORDS), st.text(max_size=12))
    return st.lists(piece, min_size=1, max_size=5).map("".join)


def _heading_found(texts: Sequence[str]) -> bool:
    blocks = [Block(text, 0, len(text)) for text in texts]
    return section._heading(blocks, 0) is not None


@given(
    st.one_of(st.sampled_from(_real_texts()), _made_up_texts()),
    st.one_of(st.sampled_from(_real_texts()), _made_up_texts()),
)
def test_section_heading_prefilter_passes_every_heading(text: str, following: str) -> None:
    if _heading_found([text, following]):
        assert section._ANY_HEADING.match(text) is not None


# Coded word lists (core.diff.words.coded): a few distinct characters, so that words repeat
# and runs of them are shared, and a code above the Basic Multilingual Plane.
_codes = st.text(alphabet=st.sampled_from("\u0100\u0101\u0102\u0103\U00010000"), max_size=60)


@given(_codes, _codes)
def test_common_prefix_and_suffix_found_by_halving_are_the_longest(a: str, b: str) -> None:
    def same_run(x: str, y: str) -> int:
        return next((k for k in range(min(len(x), len(y))) if x[k] != y[k]), min(len(x), len(y)))

    prefix, suffix = same_run(a, b), same_run(a[::-1], b[::-1])
    assert words.common_prefix_length(a, b) == prefix
    assert words.common_suffix_length(a, b) == suffix


@given(_codes, _codes)
def test_unique_anchors_counted_in_arrays_are_those_counted_word_by_word(a: str, b: str) -> None:
    counts_a, counts_b = Counter(a), Counter(b)
    where_b = {word: j for j, word in enumerate(b) if counts_b[word] == 1}
    candidates = [(i, where_b[w]) for i, w in enumerate(a) if counts_a[w] == 1 and w in where_b]
    chain = similarity.longest_increasing([j for _, j in candidates])
    assert similarity._unique_anchors(a, b) == [candidates[k] for k in sorted(chain)]


@cache
def _section_blocks(index: int) -> tuple[Block, ...]:
    """The section's blocks as mark_blocks reads them (wrapped headings mended)."""
    document = read_document(_FILINGS[index])
    return tuple(mend_wrapped(section.find_section(document).blocks))


@pytest.mark.parametrize("index", range(len(_FILINGS)), ids=[p.name for p in _FILINGS])
def test_marks_are_the_same_without_reading_the_wording_when_formatting_finds_enough(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = _section_blocks(index)
    for has_markup in (True, False):
        marks = factors.mark_blocks(blocks, has_markup=has_markup)
        # A bound no count reaches: the wording is always read, as before the shortcut.
        monkeypatch.setattr(factors, "most_text_factors", lambda _: sys.maxsize)
        assert factors.mark_blocks(blocks, has_markup=has_markup) == marks
        monkeypatch.undo()


@given(st.data())
def test_most_text_factors_is_never_fewer_than_the_wording_finds(data: st.DataObject) -> None:
    blocks = _section_blocks(data.draw(st.integers(0, len(_FILINGS) - 1)))
    first = data.draw(st.integers(0, len(blocks) - 1))
    last = data.draw(st.integers(first + 1, len(blocks)))
    window = blocks[first:last]
    found = sum(mark.kind in (Kind.FACTOR, Kind.RUN_IN) for mark in text_marks(window))
    assert text_levels.most_text_factors(window) >= found


@given(st.lists(st.sampled_from(["risk", "may", "our", "the"]), max_size=12))
def test_sentence_shingles_cut_in_c_are_the_word_windows(words: list[str]) -> None:
    windows = [tuple(words[at : at + passages.SHINGLE]) for at in range(len(words) - 2)]
    assert passages._shingles(words) == frozenset(map(hash, windows))


@given(st.lists(st.text(alphabet=" a\n\u00a0", max_size=40), max_size=8), st.integers(0, 3))
def test_too_few_factors_answers_as_counting_every_word(texts: list[str], factors: int) -> None:
    blocks = [Block(text, 0, len(text)) for text in texts]
    words = sum(len(text.split()) for text in texts)
    with pytest.MonkeyPatch.context() as patch:
        # A limit these short texts can reach, on either side of it.
        patch.setattr(sentence_leads, "MAX_WORDS_PER_FACTOR", 20)
        expected = words > 20 * max(factors, 1)
        assert sentence_leads.too_few_factors(blocks, factors) == expected


@given(st.text(alphabet=st.sampled_from("a1., '\u2019-\n\t\u00a0\u2003_$"), max_size=40))
def test_tokens_are_the_same_with_spacing_tried_first(text: str) -> None:
    """The token pattern tries spacing first: no other alternative matches a space, so the
    tokens are those of the pattern written words first."""
    words_first = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:['\u2019\-]\w+)*|\s+|.", re.DOTALL)
    assert words.tokenize(text) == words_first.findall(text)


_pieces = st.text(alphabet=st.sampled_from("ab1.,'\u2019- \n\u00a0$"), max_size=12)


@given(_pieces, _pieces, _pieces, _pieces)
def test_a_pair_is_tokenized_as_each_text_alone(head: str, old: str, new: str, tail: str) -> None:
    """The text two sides share at either end is tokenized once, and the tokens are those of
    each text tokenized alone, wherever the shared text ends (inside a word, a number, a
    run of spacing)."""
    old_text, new_text = head + old + tail, head + new + tail
    assert words.tokenize_pair(old_text, new_text) == (
        words.tokenize(old_text),
        words.tokenize(new_text),
    )


@pytest.mark.parametrize("index", range(3), ids=[p.name for p in _FILINGS[:3]])
def test_real_paragraphs_are_tokenized_as_each_text_alone(index: int) -> None:
    paragraphs = [block.text for block in _section_blocks(index)]
    for old, new in itertools.pairwise(paragraphs):
        edited = new[: len(new) // 2] + "may also" + new[len(new) // 2 :]
        for a, b in ((old, new), (new, edited), (edited, new)):
            assert words.tokenize_pair(a, b) == (words.tokenize(a), words.tokenize(b))


def test_shingles_are_cut_only_when_a_factor_is_left_unmatched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Splits and merges are looked for among unmatched factors only: when every factor
    matches, no factor's words and shingles are gathered for that search."""
    filing = load_filing(SAMPLES / "iij-20f-fy2008.txt")
    shorter = replace(filing, factors=filing.factors[1:])
    cut: list[int] = []
    original = pairing._Grams.__init__

    def counted(grams: pairing._Grams, tokens: Sequence[str]) -> None:
        cut.append(len(tokens))
        original(grams, tokens)

    monkeypatch.setattr(pairing._Grams, "__init__", counted)
    pairing.align(filing, filing)
    assert cut == []
    pairing.align(filing, shorter)
    assert len(cut) == len(filing.factors) + len(shorter.factors)


def test_casefolding_keeps_each_character_one_of_its_kind_but_the_one_set_apart() -> None:
    """`similarity.words` finds the words of a casefolded text when folding kept its length:
    that is right only if no character folds to one character of another kind (word
    character, mark joining a word, other); the one that does is set apart."""
    joins = set(".,'\u2019-")

    def kind(char: str) -> tuple[bool, bool]:
        return bool(re.match(r"\w", char)), char in joins

    changing = {
        chr(code)
        for code in range(sys.maxunicode + 1)
        if len(folded := chr(code).casefold()) == 1 and kind(folded) != kind(chr(code))
    }
    assert changing == set(similarity._FOLDS_INTO_A_LETTER)
