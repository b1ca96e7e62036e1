"""Alignment can be cancelled inside its long steps, and a filing with more factors than any
annual report holds is refused with a message instead of taking minutes (issue 8)."""

from __future__ import annotations

import random

import pytest

from core.align import pairing
from core.align.pairing import MAX_FACTORS, align
from core.errors import Cancelled, TooManyFactorsError
from core.model import Factor, Filing, Progress

VOCABULARY = [f"word{k}" for k in range(3000)]


def _filing(count: int, seed: int, name: str = "x.htm") -> Filing:
    rng = random.Random(seed)
    factors = tuple(
        Factor(
            heading=" ".join(rng.choices(VOCABULARY, k=8)),
            paragraphs=(" ".join(rng.choices(VOCABULARY, k=60)),),
        )
        for _ in range(count)
    )
    return Filing(name, "Example", "10-K", 2024, "Item 1A. Risk Factors", factors)


def _cancel_at(call: int) -> tuple[list[int], Progress]:
    calls = [0]

    def progress(_done: int, _total: int) -> None:
        calls[0] += 1
        if calls[0] >= call:
            raise Cancelled("Comparison cancelled.")

    return calls, progress


def _must_not_run(step: str) -> object:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError(f"alignment went on to {step} after Cancel")

    return fail


COUNT = 200


def test_cancel_stops_the_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairing, "max_weight_matching", _must_not_run("the assignment"))
    calls, progress = _cancel_at(5)
    with pytest.raises(Cancelled):
        align(_filing(COUNT, 1), _filing(COUNT, 2), progress=progress)
    assert calls[0] == 5


def test_cancel_stops_the_assignment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairing, "_find_splits_and_merges", _must_not_run("splits and merges"))
    # One call at the start, one per old factor for each of the two score matrices, then
    # one per row of the assignment: this call falls in the middle of the assignment.
    _calls, progress = _cancel_at(1 + 2 * COUNT + COUNT // 2)
    with pytest.raises(Cancelled):
        align(_filing(COUNT, 1), _filing(COUNT, 2), progress=progress)


def test_cancel_stops_the_search_for_splits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairing, "_moved", _must_not_run("the moves"))
    # Unrelated filings: nothing matches, every factor is a loose part to place.
    _calls, progress = _cancel_at(1 + 3 * COUNT + COUNT // 2)
    with pytest.raises(Cancelled):
        align(_filing(COUNT, 1), _filing(COUNT, 2), progress=progress)


def test_a_filing_with_more_factors_than_any_report_is_refused() -> None:
    misread = _filing(MAX_FACTORS + 1, 3, name="/filings/every-paragraph-a-heading.htm")
    with pytest.raises(TooManyFactorsError) as refused:
        align(_filing(30, 4), misread)
    message = str(refused.value)
    assert "every-paragraph-a-heading.htm has 1,001 risk factors" in message
    assert "misread" in message
    with pytest.raises(TooManyFactorsError):
        align(misread, _filing(30, 4))


def test_a_large_but_possible_filing_is_aligned() -> None:
    comparison = align(_filing(300, 5), _filing(300, 5))
    assert len(comparison.pairs) == 300
