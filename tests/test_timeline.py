"""Several years of one company as a timeline: lineages, gaps, refusals, progress and cancel.

The four IIJ 20-F filings (FY2005, 2008, 2009, 2012) have gold alignments for every two of
their years, direct or composed through the years between (tests/fixtures/gold/pair_iij_*);
following the lineages from one year to another must link the factors as those do.
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import Cancelled, FactorDiffError
from core.model import Filing, Status
from core.pipeline import load_filing
from core.timeline.build import build_timeline
from core.timeline.files import TimelineError, timeline_of_files
from core.timeline.load import MAX_FILINGS, load_filings
from core.timeline.model import Timeline
from scripts import evaluate
from tests.paths import FIXTURES, SAMPLES

GOLD = FIXTURES / "gold"
YEARS = (2005, 2008, 2009, 2012)
IIJ = [SAMPLES / f"iij-20f-fy{year}.txt" for year in YEARS]
NVIDIA_2023 = FIXTURES / "corpus" / "nvidia_10-K_2023.html.gz"
NETWORK = "Our business may be adversely affected if our network suffers interruptions"


@functools.cache
def iij(year: int) -> Filing:
    return load_filing(SAMPLES / f"iij-20f-fy{year}.txt")


@functools.cache
def iij_timeline() -> Timeline:
    return build_timeline([iij(year) for year in YEARS])


def chained_links(
    timeline: Timeline, old_year: int, new_year: int
) -> set[tuple[int | None, int | None]]:
    """(old, new) factor links that following the lineages from one year to the other makes;
    (i, None) for a factor gone by then, (None, j) for one that was not there yet."""
    links: set[tuple[int | None, int | None]] = set()
    for lineage in timeline.lineages:
        old, new = lineage.cell(old_year).factors, lineage.cell(new_year).factors
        if old and new:
            links |= {(i, j) for i in old for j in new}
        else:
            links |= {(i, None) for i in old} | {(None, j) for j in new}
    return links


def in_gold_indexes(
    links: set[tuple[int | None, int | None]], old_map: dict[int, int], new_map: dict[int, int]
) -> set[tuple[int | None, int | None]]:
    return {
        (None if i is None else old_map[i], None if j is None else new_map[j]) for i, j in links
    }


def gold_map(year: int) -> dict[int, int]:
    labels = json.loads((GOLD / f"iij-20f-fy{year}.json").read_text(encoding="utf-8"))
    gold_headings = [str(factor["heading"]) for factor in labels["factors"]]
    mapping = evaluate.match_headings([f.heading for f in iij(year).factors], gold_headings)
    assert len(mapping) == len(iij(year).factors) == len(gold_headings)
    return mapping


@pytest.mark.parametrize(
    ("old_year", "new_year"),
    [
        (2005, 2008),  # consecutive filings, gold labelled directly
        (2008, 2009),
        (2009, 2012),
        (2005, 2009),  # two years apart: the chain against the composed gold
        (2008, 2012),
        (2005, 2012),  # first to last year: three steps of chain
    ],
)
def test_lineages_link_two_years_as_the_gold_does(old_year: int, new_year: int) -> None:
    labels = json.loads((GOLD / f"pair_iij_{old_year}_{new_year}.json").read_text("utf-8"))
    gold = evaluate.links((pair[0], pair[1]) for pair in labels["pairs"])
    chained = chained_links(iij_timeline(), old_year, new_year)
    assert in_gold_indexes(chained, gold_map(old_year), gold_map(new_year)) == gold


def test_chaining_and_direct_comparison_agree_on_iij() -> None:
    timeline = iij_timeline()
    assert timeline.disagreements == ()
    # The first year was compared with the last directly to check the chains.
    assert timeline.comparison(2005, 2012) is not None


def test_a_lineage_has_a_stable_key_first_and_last_year_and_headings() -> None:
    timeline = iij_timeline()
    assert [lineage.key for lineage in timeline.lineages] == [
        lineage.key for lineage in build_timeline([iij(y) for y in reversed(YEARS)]).lineages
    ]
    assert len({lineage.key for lineage in timeline.lineages}) == len(timeline.lineages)
    international = next(
        lineage for lineage in timeline.lineages if "international" in lineage.latest_heading()
    )
    # FY2005's factor 13 ("international business") is dropped in FY2008.
    assert (international.key, international.first_year, international.last_year) == (
        "2005-13",
        2005,
        2005,
    )
    assert international.cell(2008).status is Status.REMOVED
    assert international.cell(2009).status is None
    litigation = next(row for row in timeline.lineages if "litigation" in row.latest_heading())
    assert (litigation.first_year, litigation.last_year) == (2008, 2012)
    assert litigation.cell(2005).present is False
    assert litigation.cell(2008).status is Status.ADDED
    assert litigation.heading(2009).startswith("We may be named as defendants")


def test_each_year_counts_its_factors_and_what_was_added_and_removed() -> None:
    years = {summary.fiscal_year: summary for summary in iij_timeline().years}
    assert [years[y].factors for y in YEARS] == [15, 18, 18, 19]
    # Gold: 4 added and 1 removed by FY2008, none in FY2009, 2 added and 1 removed by FY2012.
    assert [(years[y].added, years[y].removed) for y in YEARS[1:]] == [(4, 1), (0, 0), (2, 1)]
    assert years[2005].similarity is None
    similarity = years[2009].similarity
    assert similarity is not None and similarity.cosine > years[2008].similarity.cosine  # type: ignore[union-attr]


def without(filing: Filing, heading_start: str) -> Filing:
    kept = tuple(f for f in filing.factors if not f.heading.startswith(heading_start))
    assert len(kept) == len(filing.factors) - 1
    return replace(filing, factors=kept)


def test_a_factor_dropped_for_one_year_and_restored_is_one_lineage_with_a_gap() -> None:
    filings = [iij(2005), iij(2008), without(iij(2009), NETWORK), iij(2012)]
    timeline = build_timeline(filings)
    network = [
        row for row in timeline.lineages if any(NETWORK in h for hs in row.headings for h in hs)
    ]
    assert len(network) == 1, "one lineage, not two"
    lineage = network[0]
    assert (lineage.first_year, lineage.last_year, lineage.gaps) == (2005, 2012, (2009,))
    assert lineage.cell(2009).status is Status.REMOVED
    back = lineage.cell(2012)
    assert (back.status, back.restored_from) == (Status.ADDED, 2008)
    # Counted against FY2008's text, which FY2012 changed a little: not a whole new factor.
    assert 0 < back.changed_share < 0.5
    # FY2008 and FY2012 were compared directly to join the chain, and the chain now agrees.
    assert timeline.comparison(2008, 2012) is not None
    assert timeline.disagreements == ()


def test_a_factor_gone_for_good_is_not_joined_to_an_unrelated_new_one() -> None:
    # FY2005's international-business risk never comes back, though FY2012 adds two risks
    # (new business investments, M&A) after the years it was missing.
    timeline = iij_timeline()
    added_2012 = [row for row in timeline.lineages if row.first_year == 2012]
    assert len(added_2012) == 2
    assert all(row.cell(2012).restored_from is None for row in added_2012)


def test_a_filing_of_another_company_is_refused_by_name_and_the_others_open() -> None:
    timeline = timeline_of_files([IIJ[2], NVIDIA_2023, IIJ[0], IIJ[1]])
    assert timeline.fiscal_years == (2005, 2008, 2009)
    (refusal,) = timeline.refused
    assert refusal.path == str(NVIDIA_2023)
    assert "nvidia_10-K_2023.html.gz" in refusal.reason
    assert "Nvidia" in refusal.reason and "20-F" in refusal.reason


def test_a_second_filing_of_a_year_and_an_unreadable_file_are_refused(tmp_path: Path) -> None:
    copy = tmp_path / "iij-copy.txt"
    copy.write_bytes(IIJ[1].read_bytes())
    empty = tmp_path / "empty.htm"
    empty.write_bytes(b"")
    loaded = load_filings([IIJ[0], IIJ[1], copy, empty], parallel=False)
    assert [f.fiscal_year for f in loaded.filings] == [2005, 2008]
    reasons = {Path(r.path).name: r.reason for r in loaded.refused}
    assert "second filing for FY2008" in reasons["iij-copy.txt"]
    assert reasons["empty.htm"].startswith("empty.htm: ")


def test_too_few_filings_of_one_company_make_no_timeline() -> None:
    # One each: the latest filing's company is kept and the other named as left out.
    with pytest.raises(TimelineError, match=r"1 left\. iij-20f-fy2005\.txt is a 20-F of IIJ"):
        timeline_of_files([IIJ[0], NVIDIA_2023], parallel=False)
    with pytest.raises(FactorDiffError, match="2 to 25 filings; 1 given"):
        timeline_of_files([IIJ[0]])
    with pytest.raises(FactorDiffError, match=f"; {MAX_FILINGS + 1} given"):
        timeline_of_files((IIJ * 7)[: MAX_FILINGS + 1])


@pytest.mark.parametrize("parallel", [False, True])
def test_worker_processes_load_the_same_timeline_with_progress(parallel: bool) -> None:
    reports: list[tuple[int, int]] = []
    timeline = timeline_of_files(
        list(reversed(IIJ)), parallel=parallel, progress=lambda d, t: reports.append((d, t))
    )
    assert timeline.fiscal_years == YEARS
    assert [row.key for row in timeline.lineages] == [row.key for row in iij_timeline().lineages]
    assert [row.cells for row in timeline.lineages] == [
        row.cells for row in iij_timeline().lineages
    ]
    assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1]
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


@pytest.mark.parametrize("parallel", [False, True])
def test_cancelling_through_progress_stops_the_timeline(parallel: bool) -> None:
    def cancel(done: int, total: int) -> None:
        if done > 0:
            raise Cancelled("Timeline cancelled.")

    with pytest.raises(Cancelled):
        timeline_of_files(IIJ, parallel=parallel, progress=cancel)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=4, max_size=4))
def test_every_factor_of_every_year_is_in_exactly_one_lineage(drops: list[int]) -> None:
    # Each year loses one factor (a different one each time): lineages break and rejoin.
    filings = []
    for year, drop in zip(YEARS, drops, strict=True):
        factors = iij(year).factors
        filings.append(replace(iij(year), factors=factors[:drop] + factors[drop + 1 :]))
    timeline = build_timeline(filings)
    for filing in timeline.filings:
        year = filing.fiscal_year
        placed = [i for row in timeline.lineages for i in row.cell(year).factors]  # type: ignore[arg-type]
        assert sorted(placed) == list(range(len(filing.factors)))
    for lineage in timeline.lineages:
        assert any(cell.present for cell in lineage.cells)
        first = lineage.cell(lineage.first_year)
        assert first.status in (None, Status.ADDED)


def test_a_cancel_is_noticed_before_the_direct_comparisons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import core.timeline.build

    aligned: list[tuple[int | None, int | None]] = []
    finished: list[int] = []
    real_align = core.timeline.build.align

    def counting_align(old: Filing, new: Filing, **options: object) -> object:
        aligned.append((old.fiscal_year, new.fiscal_year))
        comparison = real_align(old, new, **options)  # type: ignore[arg-type]
        finished.append(1)
        return comparison

    def progress(_done: int, _total: int) -> None:
        if len(finished) == len(YEARS) - 1:  # every consecutive year aligned: stop now
            raise Cancelled("Timeline cancelled.")

    monkeypatch.setattr(core.timeline.build, "align", counting_align)
    filings = [iij(2005), iij(2008), without(iij(2009), NETWORK), iij(2012)]
    with pytest.raises(Cancelled):
        build_timeline(filings, progress=progress)
    # The gap (FY2008 to FY2012) and first-to-last comparisons were never started.
    assert aligned == [(2005, 2008), (2008, 2009), (2009, 2012)]
