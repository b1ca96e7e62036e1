"""A lineage's history as steps: from each year it is disclosed to the next one (or to the
year it is gone), each with its difference (core.diff.pair, as the two-pane window diffs a pair).

>>> [(s.old_year, s.new_year, s.status.value) for s in lineage_steps(lineage)]  # doctest: +SKIP
[(2005, 2008, 'modified'), (2008, 2009, 'removed'), (2009, 2012, 'added')]
"""

from __future__ import annotations

from dataclasses import dataclass

from core.diff.pair import PairDiff, diff_factors
from core.model import Status
from core.timeline.model import Cell, Lineage, Timeline


@dataclass(frozen=True, slots=True)
class Step:
    """How a lineage went from `old_year` to `new_year`: the factors each year (either side
    empty when the risk was added or removed), the status and share of words changed. For a
    risk back after a gap, `old_year` is the year it was last disclosed."""

    old_year: int
    new_year: int
    old: tuple[int, ...]
    new: tuple[int, ...]
    status: Status
    changed_share: float


def lineage_steps(lineage: Lineage) -> tuple[Step, ...]:
    """Every change of status along the lineage, oldest first (its first year is no step
    unless the risk was added after the timeline's first year)."""
    steps: list[Step] = []
    previous: Cell | None = None
    for cell in lineage.cells:
        if cell.status is not None:
            old = previous.factors if previous is not None else ()
            old_year = previous.fiscal_year if previous is not None else cell.fiscal_year
            if cell.status is Status.ADDED and cell.restored_from is None:
                old, old_year = (), cell.fiscal_year
            steps.append(
                Step(old_year, cell.fiscal_year, old, cell.factors, cell.status, cell.changed_share)
            )
        if cell.present:
            previous = cell
    return tuple(steps)


def step_diff(timeline: Timeline, step: Step) -> PairDiff:
    """The difference of a step's factors (either side empty for a risk added or removed),
    worked out as a pair of the two years' comparison is."""
    old = timeline.filing(step.old_year).factors
    new = timeline.filing(step.new_year).factors
    return diff_factors([old[i] for i in step.old], [new[j] for j in step.new], status=step.status)


def step_headings(timeline: Timeline, step: Step) -> tuple[str, str]:
    """The old and new headings of a step, several joined by ' / '."""
    old = timeline.filing(step.old_year).factors
    new = timeline.filing(step.new_year).factors
    return (
        " / ".join(old[i].heading for i in step.old),
        " / ".join(new[j].heading for j in step.new),
    )
