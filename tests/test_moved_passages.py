"""Passages moved between factors of real filings, edited the way a drafter moves text.

A paragraph taken from one factor into another (as it was, or lightly edited) and two factors
trading a sentence must each come out as a moved passage from the right place to the right
place, counted as moved words, not as words removed in one pair and added in another. Real
consecutive years bound the false links.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import random
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align.pairing import align
from core.diff.options import DiffOptions
from core.diff.pair import recounted
from core.diff.passages import MIN_PASSAGE_WORDS, SIMILAR_SENTENCE
from core.diff.sides import pair_texts
from core.diff.words import count_words
from core.model import Comparison, Factor, Filing, MovedPassage, Pair
from core.report.to_csv import comparison_to_csv
from core.report.to_html import comparison_to_html
from core.report.to_json import comparison_to_json
from core.vocabulary import SENTENCE_BREAK_RE
from tests.test_align_real import _SYNONYMS, FILES, filing, load

NAMES = sorted(FILES)


def _pair_of(comparison: Comparison, old: int | None = None, new: int | None = None) -> int:
    """The index of the pair holding old factor `old` (or new factor `new`)."""
    for index, pair in enumerate(comparison.pairs):
        if pair.passage:
            continue  # the introduction: its indexes number passages
        if old in pair.old_indexes or new in pair.new_indexes:
            return index
    raise AssertionError(f"no pair holds old {old} / new {new}")


def _texts(comparison: Comparison, passage: MovedPassage) -> tuple[str, str]:
    old = pair_texts(comparison, comparison.pairs[passage.from_pair])[0]
    new = pair_texts(comparison, comparison.pairs[passage.to_pair])[1]
    return old[passage.from_start : passage.from_end], new[passage.to_start : passage.to_end]


def _lightly_edited(text: str, rng: random.Random) -> str:
    """`text` with about one word in four that a drafter might swap for a plain synonym
    ("may" -> "might", "significant" -> "substantial") swapped, capitals kept."""

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        synonym = _SYNONYMS.get(word.casefold())
        if synonym is None or rng.random() > 0.25:
            return word
        return synonym.capitalize() if word[0].isupper() else synonym

    return re.sub(r"[A-Za-z]+", swap, text)


def _movable(base: Filing) -> tuple[int, int, int]:
    """(factor losing a paragraph, its paragraph, factor receiving it): the longest
    paragraph of a factor with two or more, given to a factor of another category when the
    filing has several, else to the factor farthest from it."""
    giver, paragraph = max(
        (
            (k, p)
            for k, factor in enumerate(base.factors)
            if len(factor.paragraphs) >= 2
            for p in range(len(factor.paragraphs))
        ),
        key=lambda kp: len(base.factors[kp[0]].paragraphs[kp[1]].split()),
    )
    others = [k for k, f in enumerate(base.factors) if k != giver]
    elsewhere = [k for k in others if base.factors[k].category != base.factors[giver].category]
    taker = (elsewhere or others)[len(elsewhere or others) // 2]
    return giver, paragraph, taker


def _moved(base: Filing, giver: int, paragraph: int, taker: int, text: str) -> Filing:
    """`base` with paragraph `paragraph` of factor `giver` taken out and `text` put in the
    middle of factor `taker`."""
    factors = list(base.factors)
    source = factors[giver]
    kept = source.paragraphs[:paragraph] + source.paragraphs[paragraph + 1 :]
    factors[giver] = replace(source, paragraphs=kept, list_items=())
    target = factors[taker]
    middle = (len(target.paragraphs) + 1) // 2
    paragraphs = (*target.paragraphs[:middle], text, *target.paragraphs[middle:])
    factors[taker] = replace(target, paragraphs=paragraphs, list_items=())
    return replace(base, fiscal_year=(base.fiscal_year or 0) + 1, factors=tuple(factors))


def _one_passage(comparison: Comparison, giver: int, taker: int) -> MovedPassage:
    assert len(comparison.moved_passages) == 1, comparison.moved_passages
    passage = comparison.moved_passages[0]
    assert passage.from_pair == _pair_of(comparison, old=giver)
    assert passage.to_pair == _pair_of(comparison, new=taker)
    return passage


@pytest.mark.parametrize("name", NAMES)
def test_a_paragraph_moved_to_another_factor_is_one_moved_passage(name: str) -> None:
    base = filing(name)
    giver, paragraph, taker = _movable(base)
    text = base.factors[giver].paragraphs[paragraph]
    comparison = align(base, _moved(base, giver, paragraph, taker, text))
    passage = _one_passage(comparison, giver, taker)
    assert _texts(comparison, passage) == (text, text)
    assert passage.similarity == 1.0
    assert passage.words == count_words(text)
    # Counted as moved, not as removed from one pair and added to another.
    source = comparison.pairs[passage.from_pair]
    target = comparison.pairs[passage.to_pair]
    assert (source.words_removed, source.words_moved_out) == (0, passage.words)
    assert (target.words_added, target.words_moved_in) == (0, passage.words)


@pytest.mark.parametrize("name", NAMES)
def test_a_paragraph_moved_and_lightly_edited_is_still_linked(name: str) -> None:
    base = filing(name)
    giver, paragraph, taker = _movable(base)
    text = base.factors[giver].paragraphs[paragraph]
    edited = _lightly_edited(text, random.Random(name))
    assert edited != text
    comparison = align(base, _moved(base, giver, paragraph, taker, edited))
    passage = _one_passage(comparison, giver, taker)
    assert _texts(comparison, passage) == (text, edited)
    assert SIMILAR_SENTENCE <= passage.similarity < 1.0
    target = comparison.pairs[passage.to_pair]
    # Only the edit itself is new text; everything else came from the other factor.
    assert target.words_added < 0.1 * passage.words
    assert target.words_moved_in > 0.9 * passage.words


def _sentences(text: str) -> list[str]:
    """The sentences of a paragraph, cut where the segmenter sees a sentence end."""
    cuts = [0, *(m.end() for m in SENTENCE_BREAK_RE.finditer(text)), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def _is_sentence(text: str) -> bool:
    """A whole sentence, not a list item's fragment ("a decrease in revenues ...,")."""
    return text[0].isupper() and text.endswith((".", "?", "!"))


def _first_long_sentence(factor: Factor, *, unique_in: str) -> tuple[int, str] | None:
    """(paragraph, sentence) of the first sentence of `factor` with enough words to be
    linked that appears once in the filing."""
    for p, paragraph in enumerate(factor.paragraphs):
        for sentence in _sentences(paragraph):
            if (
                count_words(sentence) >= MIN_PASSAGE_WORDS + 3
                and unique_in.count(sentence) == 1
                and _is_sentence(sentence)
            ):
                return p, sentence
    return None


def _whole_text(base: Filing) -> str:
    return "\n".join(p for f in base.factors for p in (f.heading, *f.paragraphs))


def _without(factor: Factor, paragraph: int, sentence: str) -> Factor:
    paragraphs = list(factor.paragraphs)
    paragraphs[paragraph] = " ".join(paragraphs[paragraph].replace(sentence, " ").split())
    return replace(factor, paragraphs=tuple(p for p in paragraphs if p), list_items=())


def _with(factor: Factor, sentence: str) -> Factor:
    """`factor` with `sentence` closing its last paragraph (a paragraph of its own when the
    last one does not end a sentence, e.g. a list item)."""
    paragraphs = list(factor.paragraphs)
    if paragraphs and paragraphs[-1].endswith("."):
        paragraphs[-1] = f"{paragraphs[-1]} {sentence}"
    else:
        paragraphs.append(sentence)
    return replace(factor, paragraphs=tuple(paragraphs), list_items=())


@pytest.mark.parametrize("name", NAMES)
def test_two_factors_swapping_a_sentence_are_two_moved_passages(name: str) -> None:
    base = filing(name)
    whole = _whole_text(base)
    found = [
        (k, hit)
        for k, factor in enumerate(base.factors)
        if (hit := _first_long_sentence(factor, unique_in=whole)) is not None
    ]
    (first, (p1, s1)), (second, (p2, s2)) = found[1], found[len(found) // 2]
    factors = list(base.factors)
    factors[first] = _with(_without(factors[first], p1, s1), s2)
    factors[second] = _with(_without(factors[second], p2, s2), s1)
    comparison = align(base, replace(base, factors=tuple(factors)))
    links = {(p.from_pair, p.to_pair): _texts(comparison, p) for p in comparison.moved_passages}
    a_old, b_old = _pair_of(comparison, old=first), _pair_of(comparison, old=second)
    assert links == {(a_old, b_old): (s1, s1), (b_old, a_old): (s2, s2)}


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        # IIJ's and Coca-Cola's factors are reworded in place from one year to the next.
        ("iij-20f-fy2008.txt", "iij-20f-fy2009.txt", 0),
        ("cocacola_10-K_2023.html.gz", "cocacola_10-K_2024.html.gz", 0),
        # Mastercard took its sentence on central bank digital currencies from the factor on
        # new payment technologies into the one on competition, lightly edited.
        ("mastercard_10-K_2023.html.gz", "mastercard_10-K_2024.html.gz", 1),
    ],
)
def test_real_years_link_only_text_that_moved(earlier: str, later: str, expected: int) -> None:
    comparison = align(load(earlier), load(later))
    assert len(comparison.moved_passages) == expected
    for passage in comparison.moved_passages:
        old, new = _texts(comparison, passage)
        assert "CBDC" in old and "CBDC" in new
        assert passage.from_pair != passage.to_pair


def test_the_diff_options_keep_moved_words_out_of_added_and_removed() -> None:
    base = filing("iij")
    giver, paragraph, taker = _movable(base)
    text = base.factors[giver].paragraphs[paragraph]
    comparison = align(base, _moved(base, giver, paragraph, taker, text.upper()))
    lenient = recounted(comparison, options=DiffOptions(ignore_case=True))
    # Case alone differs, so every moved word stays moved under either reading.
    target: Pair = lenient.pairs[comparison.moved_passages[0].to_pair]
    assert target.words_added == 0
    assert target.words_moved_in == count_words(text)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(NAMES), data=st.data())
def test_any_sentence_moved_between_two_factors_is_found(name: str, data: st.DataObject) -> None:
    base = filing(name)
    whole = _whole_text(base)
    choices = [
        (k, p, sentence)
        for k, factor in enumerate(base.factors)
        for p, paragraph in enumerate(factor.paragraphs)
        for sentence in _sentences(paragraph)
        if count_words(sentence) >= MIN_PASSAGE_WORDS
        and whole.count(sentence) == 1
        and _is_sentence(sentence)
    ]
    giver, paragraph, sentence = data.draw(st.sampled_from(choices), label="sentence")
    taker = data.draw(
        st.sampled_from([k for k in range(len(base.factors)) if k != giver]), label="taker"
    )
    factors = list(base.factors)
    factors[giver] = _without(factors[giver], paragraph, sentence)
    factors[taker] = _with(factors[taker], sentence)
    comparison = align(base, replace(base, factors=tuple(factors)))
    passage = _one_passage(comparison, giver, taker)
    assert _texts(comparison, passage) == (sentence, sentence)


def test_every_report_lists_the_moved_passage() -> None:
    base = filing("iij")
    giver, paragraph, taker = _movable(base)
    text = base.factors[giver].paragraphs[paragraph]
    comparison = align(base, _moved(base, giver, paragraph, taker, text))
    source = _pair_of(comparison, old=giver)
    target = _pair_of(comparison, new=taker)
    document = comparison_to_json(comparison)
    # The JSON's `pairs` are the factor pairs (the introduction is among `passage_pairs`).
    listed = comparison.factor_pairs
    at_source = listed.index(comparison.pairs[source])
    at_target = listed.index(comparison.pairs[target])
    (entry,) = document["moved_passages"]
    assert (entry["from"]["pair"], entry["from"]["old"], entry["from"]["text"]) == (
        at_source,
        giver,
        text,
    )
    assert (entry["to"]["pair"], entry["to"]["new"], entry["to"]["text"]) == (
        at_target,
        taker,
        text,
    )
    assert entry["words"] == count_words(text) == document["summary"]["words_moved"]
    assert document["pairs"][at_source]["words_moved_out"] == count_words(text)
    assert document["pairs"][at_target]["words_moved_in"] == count_words(text)
    # The contract's first keys are still there, meaning what they meant for other pairs.
    assert {"old", "new", "status", "words_added", "words_removed"} <= set(document["pairs"][0])
    rows = list(csv.DictReader(io.StringIO(comparison_to_csv(comparison))))
    (row,) = [row for row in rows if row["status"] == "moved_passage"]
    assert (row["old_index"], row["new_index"]) == (str(giver), str(taker))
    assert row["new_heading"] == base.factors[taker].heading
    report = comparison_to_html(comparison)
    assert "Moved passages (1)" in report
    assert html.escape(f"moved to new #{taker + 1}") in report
    assert html.escape(text[:60]) in report
    # Both pairs' blocks say where the passage went or came from, linked to the other.
    assert report.count('class="caption moved-note"') == 2
    # In the redlines the passage is marked moved on both sides, not deleted and inserted.
    opening = html.escape(" ".join(text.split()[:4]), quote=False)
    assert f'<del class="moved">{opening}' in report
    assert f'<ins class="moved">{opening}' in report
    assert f"<del>{opening}" not in report and f"<ins>{opening}" not in report
    assert f'href="#pair-{target + 1}">{html.escape(f"moved to new #{taker + 1}")}' in report


def test_a_paragraph_moved_inside_its_factor_is_no_move_between_factors() -> None:
    base = filing("tesla")
    giver, paragraph, _ = _movable(base)
    text = base.factors[giver].paragraphs[paragraph]
    # The paragraph goes to the other end of its own factor.
    comparison = align(base, _moved(base, giver, paragraph, giver, text))
    assert comparison.moved_passages == ()


def test_a_short_sentence_moved_is_boilerplate_not_a_passage() -> None:
    base = filing("iij")
    short = "Any of these events could harm our business."  # fewer than MIN_PASSAGE_WORDS
    assert count_words(short) < MIN_PASSAGE_WORDS
    factors = list(base.factors)
    factors[2] = replace(factors[2], paragraphs=(*factors[2].paragraphs, short))
    old = replace(base, factors=tuple(factors))
    factors[2] = base.factors[2]
    factors[9] = replace(factors[9], paragraphs=(*factors[9].paragraphs, short))
    comparison = align(old, replace(base, factors=tuple(factors)))
    assert comparison.moved_passages == ()
