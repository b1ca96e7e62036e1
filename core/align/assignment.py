"""Optimal assignment (the Hungarian method, Jonker-Volgenant style shortest augmenting paths).

Pure Python, O(n² m) for an n x m matrix; risk-factor lists have at most a few hundred rows.

>>> min_cost_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
((0, 1), (1, 0), (2, 2))
>>> max_weight_matching([[0.9, 0.8], [0.85, 0.1]], threshold=0.5)
((0, 1), (1, 0))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

Matrix = Sequence[Sequence[float]]


def min_cost_assignment(
    cost: Matrix, *, on_row: Callable[[], None] | None = None
) -> tuple[tuple[int, int], ...]:
    """Rows matched to distinct columns so that the total cost is the smallest possible.

    Every row is matched when there are at least as many columns as rows, otherwise every
    column is. Returns (row, column) pairs sorted by row. `on_row()` is called before each
    row is placed; what it raises (core.errors.Cancelled) stops the work.
    """
    rows = len(cost)
    columns = len(cost[0]) if rows else 0
    if rows == 0 or columns == 0:
        return ()
    if rows > columns:
        transposed = [[cost[r][c] for r in range(rows)] for c in range(columns)]
        return tuple(sorted((r, c) for c, r in _assign_rows(transposed, on_row)))
    return tuple(sorted(_assign_rows(cost, on_row)))


def _assign_rows(cost: Matrix, on_row: Callable[[], None] | None) -> list[tuple[int, int]]:
    """Shortest augmenting path assignment for rows <= columns (1-based potentials)."""
    rows = len(cost)
    columns = len(cost[0])
    row_potential = [0.0] * (rows + 1)
    column_potential = [0.0] * (columns + 1)
    owner = [0] * (columns + 1)  # owner[c] = row (1-based) holding column c; 0 = free
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        if on_row is not None:
            on_row()
        owner[0] = row
        column = 0
        min_slack = [math.inf] * (columns + 1)
        used = [False] * (columns + 1)
        while True:
            used[column] = True
            current_row = owner[column]
            delta = math.inf
            next_column = 0
            row_cost = cost[current_row - 1]
            potential = row_potential[current_row]
            for candidate in range(1, columns + 1):
                if used[candidate]:
                    continue
                slack = row_cost[candidate - 1] - potential - column_potential[candidate]
                if slack < min_slack[candidate]:
                    min_slack[candidate] = slack
                    way[candidate] = column
                if min_slack[candidate] < delta:
                    delta = min_slack[candidate]
                    next_column = candidate
            for candidate in range(columns + 1):
                if used[candidate]:
                    row_potential[owner[candidate]] += delta
                    column_potential[candidate] -= delta
                else:
                    min_slack[candidate] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    return [(owner[c] - 1, c - 1) for c in range(1, columns + 1) if owner[c]]


def max_weight_matching(
    weight: Matrix, *, threshold: float = 0.0, on_row: Callable[[], None] | None = None
) -> tuple[tuple[int, int], ...]:
    """Pairs (row, column) with weight >= `threshold` whose total weight is the largest.

    Entries below the threshold count as "no match": the result is the best matching that
    uses only allowed entries, so a row may stay unmatched.
    """
    rows = len(weight)
    columns = len(weight[0]) if rows else 0
    if rows == 0 or columns == 0:
        return ()
    cost = [[-w if w >= threshold else 0.0 for w in row] for row in weight]
    assigned = min_cost_assignment(cost, on_row=on_row)
    return tuple((r, c) for r, c in assigned if weight[r][c] >= threshold)
