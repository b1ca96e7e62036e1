"""The frozen values of a timeline: several filings of one company, their factors chained
year to year into lineages.

N Filings (by fiscal year) --align consecutive--> Comparisons --chain--> Lineages

A lineage is one risk followed through the years: the factors of each year that the
alignments join (a split branches it, a merge joins two into one). It has one `Cell` per
fiscal year of the timeline, so the lineages are the rows of a matrix whose columns are years.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Comparison, Filing, Similarity, Status


@dataclass(frozen=True, slots=True)
class Cell:
    """A lineage in one fiscal year.

    `factors` are indexes into that year's filing (several after a split or before a merge;
    none when the risk is not disclosed that year). `status` is how it changed from the
    previous year of the timeline: a pair status, ADDED when it appears, REMOVED in the first
    year it is gone; None in the first year of the timeline and in the later years it stays
    gone. `changed_share` is the share of words added or removed since the previous year it
    was disclosed (1.0 added or removed, 0.0 unchanged). A risk back after a gap is ADDED with
    `restored_from` the year it was last disclosed (its share counted against that year).
    """

    fiscal_year: int
    factors: tuple[int, ...] = ()
    status: Status | None = None
    changed_share: float = 0.0
    restored_from: int | None = None

    @property
    def present(self) -> bool:
        return bool(self.factors)


@dataclass(frozen=True, slots=True)
class Lineage:
    """One risk across the years. `key` is its stable identity: the fiscal year it is first
    disclosed and its factor number that year ("2005-3"), the same on every run over the
    same filings. `cells` has one Cell per year of the timeline, oldest first; `headings`
    the heading(s) of each cell (empty where the risk is absent); `category` the category path
    of its latest year."""

    key: str
    cells: tuple[Cell, ...]
    headings: tuple[tuple[str, ...], ...]
    category: tuple[str, ...] = ()

    @property
    def first_year(self) -> int:
        return next(cell.fiscal_year for cell in self.cells if cell.present)

    @property
    def last_year(self) -> int:
        return next(cell.fiscal_year for cell in reversed(self.cells) if cell.present)

    @property
    def gaps(self) -> tuple[int, ...]:
        """The fiscal years between its first and last year when the risk is absent."""
        first, last = self.first_year, self.last_year
        return tuple(
            cell.fiscal_year
            for cell in self.cells
            if first < cell.fiscal_year < last and not cell.present
        )

    @property
    def changed(self) -> bool:
        """True when any year after its first one shows a change (anything but unchanged)."""
        return any(cell.status not in (None, Status.UNCHANGED) for cell in self.cells[1:])

    def cell(self, fiscal_year: int) -> Cell:
        return next(cell for cell in self.cells if cell.fiscal_year == fiscal_year)

    def heading(self, fiscal_year: int) -> str:
        """Its heading that year (several joined by ' / '), '' when absent."""
        for cell, headings in zip(self.cells, self.headings, strict=True):
            if cell.fiscal_year == fiscal_year:
                return " / ".join(headings)
        return ""

    def latest_heading(self) -> str:
        return self.heading(self.last_year)


@dataclass(frozen=True, slots=True)
class YearSummary:
    """One fiscal year's column head: its number of factors, how many were added and removed
    since the previous year and the section's similarity to it (None for the first year)."""

    fiscal_year: int
    factors: int
    added: int = 0
    removed: int = 0
    similarity: Similarity | None = None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Where following the lineages from `old_year` to `new_year` and aligning the two years
    directly disagree about factor `old` of the old year. `chained` and `direct` are the new
    year's factors each way takes it to (empty: it is gone by then)."""

    old_year: int
    new_year: int
    old: int
    chained: tuple[int, ...]
    direct: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Refusal:
    """A file left out of the timeline and why, in words a person can act on."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """Filings of one company and form, oldest fiscal year first, with the comparison of each
    year with the next (`steps[t]` compares `filings[t]` with `filings[t + 1]`), the direct
    comparisons of non-adjacent years made to check the chains (`direct`), the lineages, a
    summary per year, where chaining and direct comparison disagree, and the files refused."""

    filings: tuple[Filing, ...]
    steps: tuple[Comparison, ...]
    direct: tuple[Comparison, ...]
    lineages: tuple[Lineage, ...]
    years: tuple[YearSummary, ...]
    disagreements: tuple[Disagreement, ...] = ()
    refused: tuple[Refusal, ...] = ()

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return tuple(summary.fiscal_year for summary in self.years)

    @property
    def company(self) -> str:
        return next((f.company for f in reversed(self.filings) if f.company), "")

    @property
    def form(self) -> str:
        return next((f.form for f in reversed(self.filings) if f.form), "")

    def filing(self, fiscal_year: int) -> Filing:
        return self.filings[self.fiscal_years.index(fiscal_year)]

    def comparison(self, old_year: int, new_year: int) -> Comparison | None:
        """The comparison made of the two years (consecutive or checked directly), if any."""
        for comparison in (*self.steps, *self.direct):
            if (comparison.old.fiscal_year, comparison.new.fiscal_year) == (old_year, new_year):
                return comparison
        return None
