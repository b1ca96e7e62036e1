"""The timeline window: the matrix model, filters, the selected risk's history, clicking a
cell to open the pair of years, several files opened in the background, print and export."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from core.model import Status
from core.pipeline import load_filing
from core.timeline.build import build_timeline
from core.timeline.model import Lineage, Timeline
from gui.timeline_model import CELL_ROLE, LINEAGE_ROLE, TimelineFilter, TimelineModel
from gui.timeline_window import TimelineWindow, pair_index, timeline_notes
from tests.paths import FIXTURES, SAMPLES
from tests.shown import comparison_shown

pytestmark = pytest.mark.gui

YEARS = (2005, 2008, 2009, 2012)
IIJ = [SAMPLES / f"iij-20f-fy{year}.txt" for year in YEARS]
NVIDIA = [FIXTURES / "corpus" / f"nvidia_10-K_{year}.html.gz" for year in (2023, 2024)]
LOAD_TIMEOUT = 60_000  # ms


@functools.cache
def iij_timeline() -> Timeline:
    return build_timeline([load_filing(path) for path in IIJ])


@functools.cache
def nvidia_timeline() -> Timeline:
    return build_timeline([load_filing(path) for path in NVIDIA])


def lineage_with(timeline: Timeline, heading_part: str) -> Lineage:
    return next(row for row in timeline.lineages if heading_part in row.latest_heading())


def make_window(qtbot: QtBot, timeline: Timeline | None = None) -> TimelineWindow:
    window = TimelineWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    if timeline is not None:
        window.set_timeline(timeline)
    return window


def shown_keys(window: TimelineWindow) -> list[str]:
    """The lineages listed in the matrix, top to bottom (category rows left out)."""
    keys: list[str] = []
    model = window.view.model()

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            lineage = index.data(LINEAGE_ROLE)
            if isinstance(lineage, Lineage):
                keys.append(lineage.key)
            walk(index)

    walk(QModelIndex())
    return keys


# The model ------------------------------------------------------------------------------------


@pytest.mark.parametrize("timeline", [iij_timeline, nvidia_timeline], ids=["flat", "categories"])
def test_the_matrix_model_passes_the_model_tester(qtmodeltester: ModelTester, timeline) -> None:  # type: ignore[no-untyped-def]
    model = TimelineModel()
    model.set_timeline(timeline())
    qtmodeltester.check(model, force_py=True)
    proxy = TimelineFilter()
    proxy.setSourceModel(model)
    proxy.set_only_changed(True)
    proxy.set_text("competition")
    qtmodeltester.check(proxy, force_py=True)


def test_a_row_per_lineage_a_column_per_year_and_cells_by_status(qapp: object) -> None:
    timeline = iij_timeline()
    model = TimelineModel()
    model.set_timeline(timeline)
    assert model.rowCount() == len(timeline.lineages)  # IIJ has no categories: no group rows
    assert model.columnCount() == 1 + len(YEARS)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 5)]
    assert headers == ["FY2005", "FY2008", "FY2009", "FY2012"]
    tip = model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "FY2008: 18 factors, 4 added, 1 removed" in tip
    international = model.index_of("2005-13")
    assert "international" in international.data()
    removed = international.siblingAtColumn(2)
    assert removed.data(CELL_ROLE).status is Status.REMOVED
    assert removed.data(Qt.ItemDataRole.DecorationRole) is not None  # the status badge
    assert "Removed this year" in removed.data(Qt.ItemDataRole.ToolTipRole)
    first = international.siblingAtColumn(1)
    assert first.data() == "●"
    assert "FY2005: There are risks associated with our international business" in first.data(
        Qt.ItemDataRole.ToolTipRole
    )
    network = model.index_of(lineage_with(timeline, "network suffers").key, 2012)
    # 17.8% of its words changed: shown floored, as the factor list and the captions show a share
    assert network.data() == "17%" and network.data(CELL_ROLE).status is Status.MODIFIED


def test_lineages_group_under_the_category_of_their_latest_year(qapp: object) -> None:
    timeline = nvidia_timeline()
    model = TimelineModel()
    model.set_timeline(timeline)
    groups = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert len(groups) == len({lineage.category for lineage in timeline.lineages}) >= 2
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        for child in range(model.rowCount(group)):
            lineage = model.index(child, 0, group).data(LINEAGE_ROLE)
            assert " > ".join(lineage.category) == group.data()


def test_filing_text_in_a_tooltip_is_shown_as_text(qapp: object) -> None:
    from dataclasses import replace

    filings = list(iij_timeline().filings)
    first = filings[0].factors[0]
    filings[0] = replace(
        filings[0],
        factors=(replace(first, heading="<img src=x width=9999>"), *filings[0].factors[1:]),
    )
    model = TimelineModel()
    model.set_timeline(build_timeline(filings[:2]))
    tips = [
        model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) for row in range(model.rowCount())
    ]
    assert any("&lt;img src=x width=9999&gt;" in tip for tip in tips)
    assert not any("<img" in tip for tip in tips)


# The window -----------------------------------------------------------------------------------


def test_only_changed_and_search_filter_the_rows(qtbot: QtBot) -> None:
    timeline = iij_timeline()
    window = make_window(qtbot, timeline)
    assert shown_keys(window) == [lineage.key for lineage in timeline.lineages]
    window.search_box.setText("telecommunications carriers")
    shown = shown_keys(window)
    assert lineage_with(timeline, "other telecommunications carriers").key in shown
    assert len(shown) < len(timeline.lineages)
    window.search_box.setText("Earthquake")  # in the text of a risk, never in a heading
    found = shown_keys(window)
    assert found == [lineage_with(timeline, "network suffers interruptions").key]
    window.search_box.clear()
    window.actions_by_id["only_changed"].setChecked(True)
    changed = [row.key for row in timeline.lineages if row.changed]
    assert shown_keys(window) == changed


def test_selecting_a_lineage_shows_its_headings_and_steps(qtbot: QtBot) -> None:
    timeline = iij_timeline()
    window = make_window(qtbot, timeline)
    lineage = lineage_with(timeline, "Fluctuations in the stock prices")
    window.select_lineage(lineage.key)
    text = window.detail.toPlainText()
    assert text.startswith(lineage.latest_heading())
    for year in YEARS:
        assert f"FY{year}   {lineage.heading(year)}" in text
    assert "FY2005 → FY2008: Modified" in text and "FY2009 → FY2012: Modified" in text


def test_clicking_a_cell_opens_that_year_and_the_one_before_at_the_factor(qtbot: QtBot) -> None:
    timeline = iij_timeline()
    window = make_window(qtbot, timeline)
    lineage = lineage_with(timeline, "Fluctuations in the stock prices")
    index = window.filter.mapFromSource(window.model.index_of(lineage.key, 2012))
    window.view.scrollTo(index)
    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.view.visualRect(index).center(),
    )
    pair_window = window.comparison_window()
    qtbot.addWidget(pair_window, before_close_func=lambda w: w.loader.wait(10_000))
    comparison = pair_window.comparison()
    assert comparison is not None
    assert (comparison.old.fiscal_year, comparison.new.fiscal_year) == (2009, 2012)
    expected = pair_index(
        comparison, old=lineage.cell(2009).factors[0], new=lineage.cell(2012).factors[0]
    )
    qtbot.waitUntil(lambda: pair_window.view.current_pair() == expected, timeout=5000)
    pair = comparison.pairs[expected]
    assert comparison.new.factors[pair.new_indexes[0]].heading == lineage.heading(2012)
    assert pair_window.view.top_pair(1) == expected


def test_any_two_years_side_by_side_even_far_apart(qtbot: QtBot) -> None:
    timeline = build_timeline([load_filing(path) for path in IIJ[:3]])
    window = make_window(qtbot, timeline)
    window.old_year_box.setCurrentIndex(2)  # chosen in reverse: FY2009 ...
    window.new_year_box.setCurrentIndex(0)  # ... with FY2005
    pair_window = window.comparison_window()
    qtbot.addWidget(pair_window, before_close_func=lambda w: w.loader.wait(10_000))
    window.actions_by_id["side_by_side"].trigger()
    # FY2005 and FY2009 were compared directly to check the chains: shown at once.
    comparison = pair_window.comparison()
    assert comparison is not None
    assert (comparison.old.fiscal_year, comparison.new.fiscal_year) == (2005, 2009)


def test_a_pair_of_years_not_yet_compared_is_aligned_in_the_background(qtbot: QtBot) -> None:
    window = make_window(qtbot, iij_timeline())
    pair_window = window.comparison_window()
    qtbot.addWidget(pair_window, before_close_func=lambda w: w.loader.wait(10_000))
    assert iij_timeline().comparison(2005, 2009) is None
    with comparison_shown(qtbot, pair_window, timeout=LOAD_TIMEOUT):
        window.compare_years(2005, 2009)
    comparison = pair_window.comparison()
    assert comparison is not None
    assert (comparison.old.fiscal_year, comparison.new.fiscal_year) == (2005, 2009)


def test_files_open_in_the_background_and_another_company_is_named(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    with qtbot.waitSignal(window.timeline_shown, timeout=LOAD_TIMEOUT):
        window.open_files([IIJ[2], NVIDIA[0], IIJ[0], IIJ[1]])
    timeline = window.timeline()
    assert timeline is not None and timeline.fiscal_years == (2005, 2008, 2009)
    assert "nvidia_10-K_2023.html.gz is a 10-K of Nvidia Corp" in window.messages_bar.text()
    assert "IIJ" in window.windowTitle() and "FY2005 to FY2009" in window.windowTitle()
    assert not window.progress.isVisible()
    assert [window.old_year_box.itemText(i) for i in range(3)] == ["FY2005", "FY2008", "FY2009"]


def test_cancel_keeps_the_timeline_shown(qtbot: QtBot) -> None:
    window = make_window(qtbot, iij_timeline())
    with qtbot.waitSignal(window.loader.cancelled, timeout=LOAD_TIMEOUT):
        window.open_files(IIJ[:2])
        assert window.progress.isVisible()
        window.cancel_button.click()
    assert window.timeline() is iij_timeline()
    assert "cancelled" in window.statusBar().currentMessage()


def test_export_html_and_pdf_from_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, iij_timeline())
    window.write_to(tmp_path / "iij.html")
    window.write_to(tmp_path / "iij.pdf")
    assert "<th>FY2012</th>" in (tmp_path / "iij.html").read_text(encoding="utf-8")
    assert (tmp_path / "iij.pdf").read_bytes().startswith(b"%PDF")
    # Never over one of the filings.
    window.write_to(Path(iij_timeline().filings[0].path))
    assert "will not write" in window.messages_bar.text()


def test_notes_name_refused_files_and_where_chain_and_direct_comparison_disagree() -> None:
    from dataclasses import replace

    from core.timeline.model import Disagreement, Refusal

    timeline = replace(
        iij_timeline(),
        disagreements=(Disagreement(2005, 2012, 12, chained=(), direct=(12,)),),
        refused=(Refusal("x.htm", "x.htm is a 10-K of Other Corp, not a 20-F of IIJ."),),
    )
    notes = timeline_notes(timeline)
    assert notes.startswith("x.htm is a 10-K of Other Corp")
    assert "FY2005 #13 “There are risks associated with our international business.”" in notes
    assert "leads in FY2012 to nothing along the chain but to #13 compared directly" in notes


def test_the_year_chart_stands_over_the_year_columns(qtbot: QtBot) -> None:
    window = make_window(qtbot, iij_timeline())
    header = window.view.header()
    qtbot.waitUntil(lambda: window.chart.column_rect(len(YEARS)).width() > 0, timeout=5000)
    for column in range(1, 1 + len(YEARS)):
        in_chart = window.chart.mapToGlobal(window.chart.column_rect(column).center().toPoint())
        middle = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        in_matrix = window.view.viewport().mapToGlobal(QPoint(middle, 0))
        assert abs(in_chart.x() - in_matrix.x()) <= 1
