"""Chain the factors of several filings into lineages.

1. Align each fiscal year with the next (core.align.pairing.align).
2. Join every factor with its partners in the next year: the lineages are the groups so
   joined (a split branches a lineage, a merge joins two).
3. Re-check broken chains against non-adjacent years: a lineage that ends (its risk removed
   the next year) and one that starts a few filings later (added) are one lineage with a gap
   when the two years, aligned directly, pair their factors.
4. Align the first year with the last directly and report where that disagrees with the chain
   (and likewise for the years compared in step 3).
5. One Cell per lineage and year: its factors, how it changed since the previous year and the
   share of its words that changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from core.align.pairing import DEFAULT_THRESHOLD, align
from core.diff.sides import factor_text
from core.diff.words import count_words
from core.model import Comparison, Filing, Pair, Progress, Status
from core.progress import report, share_of
from core.timeline.model import Cell, Disagreement, Lineage, Refusal, Timeline, YearSummary

# How many filings in a row a risk may be missing and still continue its lineage when it
# comes back. Each look back is one more full alignment per year with a broken chain; a risk
# missing from more consecutive annual reports than this is a new disclosure, not a pause.
MAX_ABSENT_FILINGS = 3

# When a lineage's pairs in one step disagree, the cell shows the most telling status:
# a change of shape before a change of place before a change of words.
_CELL_PRIORITY: tuple[Status, ...] = (
    Status.SPLIT,
    Status.MERGED,
    Status.MOVED,
    Status.MODIFIED,
    Status.UNCHANGED,
)

Node = tuple[int, int]  # (year position in the timeline, factor index in that year's filing)


def build_timeline(
    filings: Sequence[Filing],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    refused: Sequence[Refusal] = (),
    progress: Progress | None = None,
) -> Timeline:
    """The timeline of `filings` (distinct fiscal years of one company; sorted here).

    `threshold` is align's. Progress is reported per alignment; core.errors.Cancelled raised
    by `progress` stops the work. Raises ValueError for filings without a fiscal year or with
    a year twice (core.timeline.load.one_company leaves those out first).
    """
    ordered = _by_year(filings)
    count = len(ordered)
    # Each consecutive alignment is one step; the re-checks and the report one more.
    total = count
    steps: list[Comparison] = []
    for t in range(count - 1):
        part = share_of(progress, t, t + 1, total=total)
        steps.append(align(ordered[t], ordered[t + 1], threshold=threshold, progress=part))
    groups = _Groups()
    for t, step in enumerate(steps):
        for pair in step.factor_pairs:
            nodes = [(t, i) for i in pair.old_indexes] + [(t + 1, j) for j in pair.new_indexes]
            groups.join_all(nodes)
        for j in range(len(ordered[t + 1].factors)):
            groups.find((t + 1, j))
    for i in range(len(ordered[0].factors) if ordered else 0):
        groups.find((0, i))

    # The direct comparisons report no steps of their own, but each one first asks the
    # progress callback, so a cancel is noticed before every alignment.
    def still_wanted() -> None:
        report(progress, total - 1, total)

    direct = _bridge_gaps(ordered, groups, threshold=threshold, before_align=still_wanted)
    if count > 2 and not any(_spans(c, ordered[0], ordered[-1]) for c in direct):
        still_wanted()
        direct.append(align(ordered[0], ordered[-1], threshold=threshold))
    lineages = _lineages(ordered, steps, direct, groups)
    disagreements = tuple(
        d for comparison in direct for d in _disagreements(ordered, comparison, groups)
    )
    report(progress, total, total)
    return Timeline(
        filings=tuple(ordered),
        steps=tuple(steps),
        direct=tuple(direct),
        lineages=lineages,
        years=_year_summaries(ordered, steps),
        disagreements=disagreements,
        refused=tuple(refused),
    )


def _by_year(filings: Sequence[Filing]) -> list[Filing]:
    years = [f.fiscal_year for f in filings]
    if any(year is None for year in years):
        raise ValueError("every filing of a timeline needs a fiscal year")
    if len(set(years)) != len(years):
        raise ValueError("a timeline holds one filing per fiscal year")
    return sorted(filings, key=lambda f: f.fiscal_year or 0)


@dataclass(slots=True)
class _Groups:
    """Union-find over factor nodes: which factors belong to one lineage."""

    parent: dict[Node, Node] = field(default_factory=dict)

    def find(self, node: Node) -> Node:
        parent = self.parent.setdefault(node, node)
        if parent != node:
            parent = self.find(parent)
            self.parent[node] = parent
        return parent

    def join_all(self, nodes: Sequence[Node]) -> None:
        for node in nodes[1:]:
            self.join(nodes[0], node)

    def join(self, a: Node, b: Node) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The older root stays the group's root: a lineage is named by its first factor.
            first, second = sorted((root_a, root_b))
            self.parent[second] = first

    def members(self) -> dict[Node, list[Node]]:
        grouped: dict[Node, list[Node]] = {}
        for node in sorted(self.parent):
            grouped.setdefault(self.find(node), []).append(node)
        return grouped


def _bridge_gaps(
    filings: Sequence[Filing],
    groups: _Groups,
    *,
    threshold: float,
    before_align: Callable[[], None],
) -> list[Comparison]:
    """Join lineages that end with those starting up to MAX_ABSENT_FILINGS filings later when
    the two years aligned directly pair them one to one; the comparisons made."""
    made: list[Comparison] = []
    for t in range(len(filings) - 2):
        for u in range(t + 2, min(len(filings), t + 2 + MAX_ABSENT_FILINGS)):
            spans = _year_spans(groups)
            ended = {root for root, (_first, last) in spans.items() if last == t}
            started = {root for root, (first, _last) in spans.items() if first == u}
            if not ended or not started:
                continue
            before_align()
            comparison = align(filings[t], filings[u], threshold=threshold)
            made.append(comparison)
            for pair in comparison.factor_pairs:
                if len(pair.old_indexes) != 1 or len(pair.new_indexes) != 1:
                    continue
                old, new = (t, pair.old_indexes[0]), (u, pair.new_indexes[0])
                if groups.find(old) in ended and groups.find(new) in started:
                    groups.join(old, new)
    return made


def _year_spans(groups: _Groups) -> dict[Node, tuple[int, int]]:
    return {
        root: (min(t for t, _ in nodes), max(t for t, _ in nodes))
        for root, nodes in groups.members().items()
    }


def _spans(comparison: Comparison, old: Filing, new: Filing) -> bool:
    return comparison.old is old and comparison.new is new


def _lineages(
    filings: Sequence[Filing],
    steps: Sequence[Comparison],
    direct: Sequence[Comparison],
    groups: _Groups,
) -> tuple[Lineage, ...]:
    built: list[tuple[tuple[int, int], Lineage]] = []
    for root, nodes in groups.members().items():
        by_year: dict[int, tuple[int, ...]] = {}
        for t, i in nodes:
            by_year[t] = (*by_year.get(t, ()), i)
        cells = tuple(_cell(filings, steps, direct, by_year, t) for t in range(len(filings)))
        last = max(by_year)
        latest = filings[last].factors[by_year[last][0]]
        lineage = Lineage(
            key=f"{filings[root[0]].fiscal_year}-{root[1] + 1}",
            cells=cells,
            headings=tuple(
                tuple(filings[t].factors[i].heading for i in by_year.get(t, ()))
                for t in range(len(filings))
            ),
            category=latest.category,
        )
        # Latest lineages first, each in the reading order of its last filing.
        built.append(((-last, by_year[last][0]), lineage))
    return tuple(lineage for _order, lineage in sorted(built, key=lambda item: item[0]))


def _cell(
    filings: Sequence[Filing],
    steps: Sequence[Comparison],
    direct: Sequence[Comparison],
    by_year: dict[int, tuple[int, ...]],
    t: int,
) -> Cell:
    year = filings[t].fiscal_year or 0
    factors = by_year.get(t, ())
    before = [s for s in by_year if s < t]
    if t == 0 or (not factors and (t - 1) not in by_year):
        return Cell(year, factors)
    if not factors:
        return Cell(year, (), Status.REMOVED, 1.0)
    if not before:
        return Cell(year, factors, Status.ADDED, 1.0)
    last = max(before)
    comparison = steps[t - 1] if last == t - 1 else _find(direct, filings[last], filings[t])
    if comparison is None:  # not reached: a restored risk was joined by a direct comparison
        return Cell(year, factors, Status.ADDED, 1.0, restored_from=filings[last].fiscal_year)
    pairs = _touching(comparison, by_year[last], factors)
    share = _changed_share(comparison, pairs, by_year[last], factors)
    if last != t - 1:
        return Cell(year, factors, Status.ADDED, share, restored_from=filings[last].fiscal_year)
    return Cell(year, factors, _step_status(pairs), share)


def _find(comparisons: Iterable[Comparison], old: Filing, new: Filing) -> Comparison | None:
    return next((c for c in comparisons if c.old is old and c.new is new), None)


def _touching(comparison: Comparison, old: tuple[int, ...], new: tuple[int, ...]) -> list[Pair]:
    return [
        pair
        for pair in comparison.factor_pairs
        if set(pair.old_indexes) & set(old) or set(pair.new_indexes) & set(new)
    ]


def _step_status(pairs: Sequence[Pair]) -> Status:
    """One status for a lineage's step from its pairs: the most telling of the paired ones; a
    part added or removed beside unchanged parts is still a modification of the whole."""
    paired = {p.status for p in pairs if p.old_indexes and p.new_indexes}
    status = next((s for s in _CELL_PRIORITY if s in paired), Status.MODIFIED)
    if status is Status.UNCHANGED and any(not p.old_indexes or not p.new_indexes for p in pairs):
        return Status.MODIFIED
    return status


def _changed_share(
    comparison: Comparison, pairs: Sequence[Pair], old: tuple[int, ...], new: tuple[int, ...]
) -> float:
    """Words added, removed and moved in or out over the words of both years' factors (as the
    factor list's changed share counts them: like with like, core.diff.words.count_words)."""
    changed = sum(p.words_changed for p in pairs)
    total = sum(count_words(factor_text(comparison.old.factors[i])) for i in old) + sum(
        count_words(factor_text(comparison.new.factors[j])) for j in new
    )
    return min(1.0, changed / total) if total else 0.0


def _disagreements(
    filings: Sequence[Filing], comparison: Comparison, groups: _Groups
) -> Iterable[Disagreement]:
    """Old factors whose partners in the new year differ between the chain and `comparison`."""
    a = next(t for t, f in enumerate(filings) if f is comparison.old)
    b = next(t for t, f in enumerate(filings) if f is comparison.new)
    direct: dict[int, set[int]] = {}
    for pair in comparison.factor_pairs:
        for i in pair.old_indexes:
            direct.setdefault(i, set()).update(pair.new_indexes)
    members = groups.members()
    for i in range(len(comparison.old.factors)):
        chained = {j for t, j in members[groups.find((a, i))] if t == b}
        if chained != direct.get(i, set()):
            yield Disagreement(
                old_year=comparison.old.fiscal_year or 0,
                new_year=comparison.new.fiscal_year or 0,
                old=i,
                chained=tuple(sorted(chained)),
                direct=tuple(sorted(direct.get(i, set()))),
            )


def _year_summaries(
    filings: Sequence[Filing], steps: Sequence[Comparison]
) -> tuple[YearSummary, ...]:
    summaries = (
        [YearSummary(filings[0].fiscal_year or 0, len(filings[0].factors))] if filings else []
    )
    for step in steps:
        counts: Counter[Status] = Counter(step.summary.counts)
        summaries.append(
            YearSummary(
                fiscal_year=step.new.fiscal_year or 0,
                factors=len(step.new.factors),
                added=counts[Status.ADDED],
                removed=counts[Status.REMOVED],
                similarity=step.summary.similarity,
            )
        )
    return tuple(summaries)
