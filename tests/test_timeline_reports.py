"""The timeline's outputs: `python main.py timeline F1 F2 … --json/--csv/--html/--pdf`."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from cli import run_command
from core.model import Factor, Filing, Status
from core.pipeline import load_filing
from core.report.timeline_csv import timeline_to_csv
from core.report.timeline_html import cell_text, timeline_to_html
from core.timeline.build import build_timeline
from core.timeline.model import Cell
from tests.paths import FIXTURES, SAMPLES

YEARS = (2005, 2008, 2009, 2012)
IIJ = [str(SAMPLES / f"iij-20f-fy{year}.txt") for year in YEARS]
NVIDIA_2024 = str(FIXTURES / "corpus" / "nvidia_10-K_2024.html.gz")


def test_json_lists_years_and_lineages_with_their_factor_each_year(tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    assert run_command(["timeline", *reversed(IIJ), "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [year["fiscal_year"] for year in report["years"]] == list(YEARS)
    assert report["company"] == "IIJ" and report["form"] == "20-F"
    assert report["years"][1] | {"path": ""} == {
        "fiscal_year": 2008,
        "path": "",
        "factors": 18,
        "added": 4,
        "removed": 1,
        "similarity": report["years"][1]["similarity"],
    }
    lineages = {lineage["id"]: lineage for lineage in report["lineages"]}
    international = lineages["2005-13"]
    assert [y["factor"] for y in international["years"]] == [12, None, None, None]
    assert [y["status"] for y in international["years"]] == [None, "removed", None, None]
    network = next(
        lineage
        for lineage in report["lineages"]
        if lineage["years"][0]["heading"] and "network suffers" in lineage["years"][0]["heading"]
    )
    assert [y["factor"] for y in network["years"]] == [3, 6, 6, 7]
    assert all(0 <= y["changed_share"] <= 1 for y in network["years"])
    assert report["disagreements"] == [] and report["refused"] == []
    # Every factor of every year is in one lineage.
    for t, year in enumerate(report["years"]):
        placed = [lineage["years"][t]["factor"] for lineage in report["lineages"]]
        assert sorted(i for i in placed if i is not None) == list(range(year["factors"]))


def test_csv_has_a_row_per_lineage_and_year(tmp_path: Path) -> None:
    out = tmp_path / "timeline.csv"
    assert run_command(["timeline", *IIJ, "--csv", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    lineages = {row["lineage"] for row in rows}
    assert len(rows) == len(lineages) * len(YEARS)
    litigation = [row for row in rows if row["heading"].startswith("We may be named")]
    assert [row["fiscal_year"] for row in litigation] == ["2008", "2009", "2012"]
    assert [row["status"] for row in litigation] == ["added", "unchanged", "unchanged"]


def _with_heading(filing: Filing, heading: str) -> Filing:
    first = filing.factors[0]
    factor: Factor = replace(first, heading=heading)
    return replace(filing, factors=(factor, *filing.factors[1:]))


def test_filing_text_stays_text_in_csv_and_html() -> None:
    hostile = '=HYPERLINK("http://x") <script>alert(1)</script>'
    filings = [load_filing(path) for path in IIJ[:3]]
    filings[-1] = _with_heading(filings[-1], hostile)
    timeline = build_timeline(filings)
    rows = list(csv.reader(io.StringIO(timeline_to_csv(timeline))))
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert any(cell == "'" + hostile for row in rows for cell in row)
    html = timeline_to_html(timeline)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_html_shows_the_matrix_and_each_changed_risks_steps(tmp_path: Path) -> None:
    out = tmp_path / "timeline.html"
    assert run_command(["timeline", *IIJ, "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert all(f"<th>FY{year}</th>" in html for year in YEARS)
    assert "FY2008 → FY2009" in html and "of words changed" in html
    assert "text-decoration:line-through" in html  # a deletion in some step's word diff
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.html"]  # no temporary left


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (Cell(2005, (0,)), "●"),  # present in the first year
        (Cell(2008), ""),  # absent
        (Cell(2008, (), Status.REMOVED, 1.0), "-"),
        (Cell(2008, (1,), Status.ADDED, 1.0), "+"),
        (Cell(2008, (1,), Status.UNCHANGED), "="),
        (Cell(2008, (1,), Status.MODIFIED, 0.374), "~ 37%"),
        (Cell(2008, (1,), Status.MODIFIED, 0.004), "~ <1%"),  # a small change still shows
        (Cell(2008, (1,), Status.MODIFIED, 0.0), "~ punct."),  # no word, only signs changed
        (Cell(2012, (1,), Status.ADDED, 0.2, restored_from=2008), "+ 20%"),  # back after a gap
        (Cell(2008, (1, 2), Status.SPLIT, 0.1), "<"),
    ],
)
def test_cell_text(cell: Cell, text: str) -> None:
    assert cell_text(cell) == text


def test_a_filing_of_another_company_is_left_out_with_a_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command(["timeline", IIJ[0], NVIDIA_2024, IIJ[1], IIJ[2]]) == 0
    captured = capsys.readouterr()
    assert "left out: nvidia_10-K_2024.html.gz is a 10-K of Nvidia Corp" in captured.err
    assert "FY2005: 15 factors" in captured.out and "FY2009: 18 factors" in captured.out


def test_too_few_filings_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_command(["timeline", IIJ[0]]) == 2
    assert capsys.readouterr().err.startswith("factordiff: error: A timeline needs 2 to 25")


def test_pdf_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "timeline.pdf"
    assert run_command(["timeline", *IIJ[:2], "--pdf", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.pdf"]


def test_an_output_over_an_input_filing_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "fy2005.txt"
    first.write_bytes(Path(IIJ[0]).read_bytes())
    assert run_command(["timeline", str(first), IIJ[1], "--html", str(first)]) == 2
    assert "will not write" in capsys.readouterr().err
    assert first.read_bytes() == Path(IIJ[0]).read_bytes()
