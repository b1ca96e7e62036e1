"""Where a pair's changed words are, worked out without Qt (core.diff.pair)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.diff.options import DiffOptions
from core.diff.pair import pair_diff
from core.diff.sides import NEW, OLD, joined_text, side_pieces
from core.model import Comparison, Factor, Filing, Pair, Similarity, Status, Summary


def _comparison(old: list[Factor], new: list[Factor], pair: Pair) -> Comparison:
    return Comparison(
        Filing("old.txt", "Example Corp", "10-K", 2022, "Item 1A", tuple(old)),
        Filing("new.txt", "Example Corp", "10-K", 2023, "Item 1A", tuple(new)),
        (pair,),
        Summary({pair.status: 1}, Similarity(1.0, 1.0, 1.0)),
    )


def _marked(comparison: Comparison, pair: Pair, side: int, options: DiffOptions) -> list[str]:
    factors = [
        (comparison.old if side == OLD else comparison.new).factors[index]
        for index in (pair.old_indexes if side == OLD else pair.new_indexes)
    ]
    text = joined_text(factors)
    marks = pair_diff(comparison, pair, options=options).side(side)
    return [text[mark.start : mark.end].strip() for mark in marks]


def test_pieces_sit_where_the_joined_text_holds_them() -> None:
    factors = [
        Factor("Demand may fall", ("It may fall.", "Sharply."), run_in=True),
        Factor("Costs may rise", ()),
    ]
    text = joined_text(factors)
    pieces = side_pieces(factors)
    assert [piece.text for piece in pieces] == [
        "Demand may fall",
        "It may fall.",
        "Sharply.",
        "Costs may rise",
    ]
    assert all(text[piece.start : piece.start + len(piece.text)] == piece.text for piece in pieces)
    assert [piece.heading for piece in pieces] == [True, False, False, True]


@pytest.mark.parametrize(
    ("old_body", "new_body", "options", "deleted", "inserted"),
    [
        # one word replaced: it is marked on each side
        ("Prices may fall.", "Prices may rise.", DiffOptions(), ["fall"], ["rise"]),
        # a year moved on, numbers ignored: nothing marked
        ("Sales in 2008 fell.", "Sales in 2009 fell.", DiffOptions(ignore_numbers=True), [], []),
        # a word re-cased, case ignored: nothing marked
        ("Prices may fall.", "PRICES may fall.", DiffOptions(ignore_case=True), [], []),
        # a word added at the end
        ("Prices may fall.", "Prices may fall sharply.", DiffOptions(), [], ["sharply"]),
    ],
)
def test_one_to_one_pair_marks(
    old_body: str, new_body: str, options: DiffOptions, deleted: list[str], inserted: list[str]
) -> None:
    pair = Pair(0, 0, Status.MODIFIED)
    comparison = _comparison([Factor("Prices", (old_body,))], [Factor("Prices", (new_body,))], pair)
    assert _marked(comparison, pair, OLD, options) == deleted
    assert _marked(comparison, pair, NEW, options) == inserted
    diff = pair_diff(comparison, pair, options=options)
    assert diff.overlooked == (not deleted and not inserted)
    assert diff.is_change == bool(deleted or inserted)


@pytest.mark.parametrize("status", [Status.UNCHANGED, Status.ADDED, Status.REMOVED])
def test_pairs_without_two_sides_to_diff_have_no_marks(status: Status) -> None:
    """An unchanged pair has nothing to mark; an added or removed factor is shown whole."""
    pair = Pair(
        None if status is Status.ADDED else 0, None if status is Status.REMOVED else 0, status
    )
    comparison = _comparison([Factor("A", ("x",))], [Factor("B", ("y",))], pair)
    diff = pair_diff(comparison, pair)
    assert (diff.old_marks, diff.new_marks) == ((), ())
    assert diff.is_change == (status is not Status.UNCHANGED)


_WORDS = st.sampled_from(["risk", "may", "fall", "2008", "$1.2", "(a)", "we", "—", "rise"])
_TEXTS = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    old_heads=st.lists(_TEXTS, min_size=1, max_size=3),
    new_heads=st.lists(_TEXTS, min_size=1, max_size=3),
    body=_TEXTS,
    other=_TEXTS,
)
def test_marks_lie_in_order_inside_their_side(
    old_heads: list[str], new_heads: list[str], body: str, other: str
) -> None:
    """Whatever the pair's shape, each side's marks are ordered, disjoint, inside the side's
    joined text, never only spacing; the paragraph rows take every heading and paragraph of
    each side once, in reading order."""
    old = [Factor(heading, (body,)) for heading in old_heads]
    new = [Factor(heading, (other,)) for heading in new_heads]
    status = Status.MODIFIED if len(old) == len(new) == 1 else Status.SPLIT
    pair = Pair(tuple(range(len(old))), tuple(range(len(new))), status)
    comparison = _comparison(old, new, pair)
    marks = pair_diff(comparison, pair)
    for side, factors in ((OLD, old), (NEW, new)):
        text = joined_text(factors)
        previous_end = 0
        for mark in marks.side(side):
            assert previous_end <= mark.start < mark.end <= len(text)
            assert text[mark.start : mark.end].strip()
            previous_end = mark.end
    rows = marks.paragraph_rows
    assert [row.old for row in rows if row.old is not None] == list(range(len(side_pieces(old))))
    assert [row.new for row in rows if row.new is not None] == list(range(len(side_pieces(new))))
    assert all(row.old is not None or row.new is not None for row in rows)
