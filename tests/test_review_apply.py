"""A reviewer's corrections re-align a real comparison, and marks follow their factors."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.align.pairing import align
from core.model import Comparison, Filing, Status
from core.pipeline import load_filing
from core.review.anchors import anchor_of
from core.review.apply import apply_review, pair_key
from core.review.model import (
    CategoryHeading,
    Correction,
    FilingRecord,
    Link,
    Mark,
    NewFactorAt,
    NotAHeading,
    NotMoved,
    Review,
    ReviewState,
    Side,
    Unlink,
)

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"


@cache
def _filing(year: int) -> Filing:
    return load_filing(str(SAMPLES / f"iij-20f-fy{year}.txt"))


def _review(*corrections: Correction, marks: tuple[Mark, ...] = ()) -> Review:
    record = FilingRecord(path="x", size=0, sha256="")
    return Review(old=record, new=record, corrections=corrections, marks=marks)


def _each_factor_once(comparison: Comparison) -> None:
    old = Counter(i for pair in comparison.factor_pairs for i in pair.old_indexes)
    new = Counter(j for pair in comparison.factor_pairs for j in pair.new_indexes)
    assert sorted(old) == list(range(len(comparison.old.factors)))
    assert sorted(new) == list(range(len(comparison.new.factors)))
    assert set(old.values()) <= {1}
    assert set(new.values()) <= {1}


def _pair_with(comparison: Comparison, *, old: int | None = None, new: int | None = None):
    for pair in comparison.factor_pairs:
        if (old is None or old in pair.old_indexes) and (new is None or new in pair.new_indexes):
            return pair
    raise AssertionError(f"no pair holds old {old} / new {new}")


def test_no_review_is_the_programs_alignment() -> None:
    old, new = _filing(2005), _filing(2012)
    reviewed = apply_review(old, new, _review())
    assert reviewed.comparison.pairs == align(old, new).pairs
    assert not any(pair.corrected for pair in reviewed.comparison.pairs)
    assert {mark.state for mark in reviewed.marks} == {ReviewState.UNREVIEWED}


def test_linking_a_removed_and_an_added_factor_pairs_them_and_says_so() -> None:
    old, new = _filing(2005), _filing(2012)
    program = align(old, new)
    removed = next(p for p in program.pairs if p.status is Status.REMOVED)
    added = next(p for p in program.pairs if p.status is Status.ADDED)
    i, j = removed.old_indexes[0], added.new_indexes[0]
    link = Link(old=(anchor_of(old.factors[i]),), new=(anchor_of(new.factors[j]),))
    comparison = apply_review(old, new, _review(link)).comparison
    pair = _pair_with(comparison, old=i)
    assert pair.new_indexes == (j,)
    assert pair.corrected
    assert pair.status in {Status.MODIFIED, Status.MOVED}
    assert pair.words_added > 0 and pair.words_removed > 0
    _each_factor_once(comparison)
    assert comparison.summary.counts[Status.REMOVED] == program.summary.counts[Status.REMOVED] - 1


def test_unlinking_a_pair_leaves_a_removed_and_an_added_factor_marked_as_corrected() -> None:
    old, new = _filing(2008), _filing(2009)
    pair = next(p for p in align(old, new).pairs if p.status is Status.MODIFIED)
    i, j = pair.old_indexes[0], pair.new_indexes[0]
    unlink = Unlink(old=anchor_of(old.factors[i]), new=anchor_of(new.factors[j]))
    comparison = apply_review(old, new, _review(unlink)).comparison
    assert _pair_with(comparison, old=i).new_indexes != (j,)
    assert _pair_with(comparison, old=i).corrected
    _each_factor_once(comparison)


def test_a_later_link_undoes_an_unlink_and_a_later_unlink_undoes_a_link() -> None:
    old, new = _filing(2008), _filing(2009)
    pair = next(p for p in align(old, new).pairs if p.status is Status.MODIFIED)
    a, b = anchor_of(old.factors[pair.old_indexes[0]]), anchor_of(new.factors[pair.new_indexes[0]])
    relinked = apply_review(old, new, _review(Unlink(a, b), Link((a,), (b,)))).comparison
    assert _pair_with(relinked, old=pair.old_indexes[0]).new_indexes == pair.new_indexes
    unlinked = apply_review(old, new, _review(Link((a,), (b,)), Unlink(a, b))).comparison
    assert _pair_with(unlinked, old=pair.old_indexes[0]).new_indexes != pair.new_indexes


def test_a_declared_split_is_one_pair_with_two_new_factors() -> None:
    old, new = _filing(2008), _filing(2009)
    link = Link(old=(anchor_of(old.factors[0]),), new=tuple(anchor_of(f) for f in new.factors[:2]))
    comparison = apply_review(old, new, _review(link)).comparison
    pair = _pair_with(comparison, old=0)
    assert (pair.status, pair.new_indexes, pair.corrected) == (Status.SPLIT, (0, 1), True)
    _each_factor_once(comparison)


def test_not_moved_clears_a_move() -> None:
    old, new = _filing(2005), _filing(2012)
    moved = [p for p in align(old, new).pairs if p.status is Status.MOVED]
    assert moved, "IIJ FY2005 -> FY2012 has moved factors"
    i = moved[0].old_indexes[0]
    comparison = apply_review(old, new, _review(NotMoved(anchor_of(old.factors[i])))).comparison
    pair = _pair_with(comparison, old=i)
    assert pair.status in {Status.MODIFIED, Status.UNCHANGED}
    assert pair.corrected


def test_a_mark_follows_its_factor_after_a_segmentation_correction() -> None:
    old, new = _filing(2008), _filing(2009)
    program = align(old, new)
    target = program.pairs[5]
    note = Mark(pair_key(program, target), ReviewState.FLAGGED, "ask the CFO", "ann", "t")
    # Joining new factor #1 into #0 renumbers every later factor of the new filing.
    correction = NotAHeading(Side.NEW, anchor_of(new.factors[1]))
    reviewed = apply_review(old, new, _review(correction, marks=(note,)))
    flagged = [k for k, m in enumerate(reviewed.marks) if m.state is ReviewState.FLAGGED]
    assert len(flagged) == 1
    pair = reviewed.comparison.pairs[flagged[0]]
    assert pair.old_indexes == target.old_indexes
    assert reviewed.marks[flagged[0]].note == "ask the CFO"
    assert len(reviewed.comparison.new.factors) == len(new.factors) - 1
    assert not reviewed.orphans


def test_a_mark_whose_factors_are_gone_is_an_orphan_not_dropped() -> None:
    old, new = _filing(2008), _filing(2009)
    program = align(old, new)
    key = pair_key(program, program.pairs[0])
    stranger = type(key)(old=(), new=())
    lost = Mark(stranger, ReviewState.FLAGGED, "lost note")
    reviewed = apply_review(old, new, _review(marks=(lost,)))
    assert reviewed.orphans == (lost,)


def test_a_correction_whose_paragraph_is_gone_is_reported_unapplied() -> None:
    old, new = _filing(2008), _filing(2009)
    wrong = NewFactorAt(Side.OLD, anchor_of(old.factors[0]), 0, "words not there")
    reviewed = apply_review(old, new, _review(wrong))
    assert [c for c, _ in reviewed.unapplied] == [wrong]
    assert reviewed.comparison.pairs == align(old, new).pairs


def _words(filing: Filing) -> Counter[str]:
    text = [paragraph for passage in filing.passages for paragraph in passage.paragraphs]
    for factor in filing.factors:
        text += [factor.heading, *factor.paragraphs]
    return Counter(" ".join(text).split())


@st.composite
def _corrections(draw: st.DrawFn) -> list[Correction]:
    old, new = _filing(2008), _filing(2009)
    made: list[Correction] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(
            st.sampled_from(["link", "split", "merge", "unlink", "not_moved", "segment", "new"])
        )
        i = draw(st.integers(0, len(old.factors) - 2))
        j = draw(st.integers(0, len(new.factors) - 2))
        a, b = anchor_of(old.factors[i]), anchor_of(new.factors[j])
        if kind == "link":
            made.append(Link((a,), (b,)))
        elif kind == "split":
            made.append(Link((a,), (b, anchor_of(new.factors[j + 1]))))
        elif kind == "merge":
            made.append(Link((a, anchor_of(old.factors[i + 1])), (b,)))
        elif kind == "unlink":
            made.append(Unlink(a, b))
        elif kind == "not_moved":
            made.append(NotMoved(a))
        elif kind == "new":
            # A paragraph becomes a heading (the segmenter missed it), as the window records it.
            side = draw(st.sampled_from(list(Side)))
            factor = (old if side is Side.OLD else new).factors[i if side is Side.OLD else j]
            if factor.paragraphs:
                p = draw(st.integers(0, len(factor.paragraphs) - 1))
                opening = factor.paragraphs[p][:60]
                made.append(NewFactorAt(side, anchor_of(factor), p, opening))
        else:
            side = draw(st.sampled_from(list(Side)))
            factor_anchor = a if side is Side.OLD else b
            made.append(draw(st.sampled_from([NotAHeading, CategoryHeading]))(side, factor_anchor))
    return made


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corrections())
def test_any_sequence_of_corrections_keeps_every_factor_in_exactly_one_pair(
    corrections: list[Correction],
) -> None:
    old, new = _filing(2008), _filing(2009)
    reviewed = apply_review(old, new, _review(*corrections))
    _each_factor_once(reviewed.comparison)
    assert len(reviewed.marks) == len(reviewed.comparison.pairs)
    # Made one correction at a time, as the window does (reusing the scores and pair diffs of
    # the step before), the comparison is the same as made from the filings at once.
    step = apply_review(old, new, _review())
    for count in range(1, len(corrections) + 1):
        step = apply_review(old, new, _review(*corrections[:count]), before=step)
    assert step.comparison == reviewed.comparison
    # Segmentation corrections move words between headings, bodies and categories, never
    # lose one: every word of the section is still in a passage (the introduction, a
    # category's text), a heading, a body or a category name.
    for before, after in ((old, reviewed.comparison.old), (new, reviewed.comparison.new)):
        categories = Counter(
            word for factor in after.factors for name in factor.category for word in name.split()
        )
        assert not _words(before) - (_words(after) + categories)
