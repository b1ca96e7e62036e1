"""Optimal assignment: the result is as good as brute force on small matrices."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align.assignment import max_weight_matching, min_cost_assignment


def _brute_force_cost(cost: list[list[float]]) -> float:
    rows, columns = len(cost), len(cost[0])
    size = min(rows, columns)
    return min(
        sum(cost[r][c] for r, c in zip(chosen_rows, chosen_columns, strict=True))
        for chosen_rows in itertools.combinations(range(rows), size)
        for chosen_columns in itertools.permutations(range(columns), size)
    )


_matrices = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.lists(st.integers(-20, 20), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=200, deadline=None)
@given(_matrices)
def test_min_cost_is_optimal(cost: list[list[float]]) -> None:
    result = min_cost_assignment(cost)
    assert len(result) == min(len(cost), len(cost[0]))
    assert len({r for r, _ in result}) == len(result)
    assert len({c for _, c in result}) == len(result)
    assert sum(cost[r][c] for r, c in result) == _brute_force_cost(cost)


@settings(max_examples=100, deadline=None)
@given(_matrices, st.floats(0, 15))
def test_max_weight_uses_only_allowed_entries(weight: list[list[float]], threshold: float) -> None:
    result = max_weight_matching(weight, threshold=threshold)
    assert all(weight[r][c] >= threshold for r, c in result)
    allowed = [[-w if w >= threshold else 0.0 for w in row] for row in weight]
    assert -sum(weight[r][c] for r, c in result) == _brute_force_cost(allowed)


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        # greedy would take (0, 0) = 0.9 and leave 1 with 0.1; optimal swaps them
        ([[0.9, 0.8], [0.85, 0.1]], ((0, 1), (1, 0))),
        # a row with nothing above the threshold stays unmatched
        ([[0.9, 0.2], [0.1, 0.2]], ((0, 0),)),
        # more columns than rows
        ([[0.1, 0.7, 0.6]], ((0, 1),)),
        # empty
        ([], ()),
    ],
)
def test_max_weight_cases(weight: list[list[float]], expected: tuple[tuple[int, int], ...]) -> None:
    assert max_weight_matching(weight, threshold=0.5) == expected
