"""`fetch` and `compare TSLA:2023 TSLA:2024` on the command line, against the local EDGAR."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import run_command
from tests.edgar_server import CONTACT, NEWEST, TESLA_CIK, EdgarServer


def test_fetch_saves_named_copies_and_prints_their_paths(
    edgar: EdgarServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "filings"
    args = ["fetch", "TSLA", "--years", "2023", "2024", "--out", str(out), "--user-agent", CONTACT]
    assert run_command(args) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / "tesla_10-K_2023.html"), str(out / "tesla_10-K_2024.html")]
    assert all(Path(path).stat().st_size > 100_000 for path in printed)


def test_compare_straight_from_edgar_writes_the_source(
    edgar: EdgarServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTORDIFF_USER_AGENT", CONTACT)
    report_path = tmp_path / "report.json"
    html_path = tmp_path / "report.html"
    args = ["compare", "TSLA:2023", "TSLA:2024", "--json", str(report_path)]
    assert run_command([*args, "--html", str(html_path)]) == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    old, new = report["old"]["source"], report["new"]["source"]
    assert (old["accession"], new["accession"]) == (NEWEST[1][0], NEWEST[0][0])
    assert old["cik"] == TESLA_CIK and old["company"] == "Tesla, Inc."
    assert new["url"].endswith("/tsla-20241231.htm")
    assert report["old"]["fiscal_year"] == 2023 and report["pairs"]
    html = html_path.read_text(encoding="utf-8")
    # A reader of the HTML report can check the source too.
    assert f"from EDGAR: Tesla, Inc. (CIK {TESLA_CIK}), 10-K filed 2025-01-30" in html
    assert f'<a href="{new["url"]}">' in html


def test_a_local_file_has_no_source(tmp_path: Path) -> None:
    from tests.paths import SAMPLES

    out = tmp_path / "report.json"
    old, new = SAMPLES / "iij-20f-fy2008.txt", SAMPLES / "iij-20f-fy2009.txt"
    assert run_command(["compare", str(old), str(new), "--json", str(out)]) == 0
    assert "source" not in json.loads(out.read_text(encoding="utf-8"))["old"]


def test_no_contact_is_refused_politely(
    edgar: EdgarServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command(["fetch", "TSLA", "--years", "2023", "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("factordiff: error: SEC asks every program")
    assert "--user-agent" in error and "Traceback" not in error
    assert edgar.requests == []


def test_unknown_company_and_year_are_one_line_errors(
    edgar: EdgarServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--user-agent", CONTACT]
    assert run_command(["fetch", "NOPEZZ", "--years", "2023", "--out", str(tmp_path), *base]) == 2
    assert "no company on EDGAR's ticker list matches 'NOPEZZ'" in capsys.readouterr().err
    assert run_command(["compare", "TSLA:1990", "TSLA:2024", *base]) == 2
    assert "no 10-K for fiscal year 1990" in capsys.readouterr().err


def test_offline_later_the_cache_still_compares(
    edgar: EdgarServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command(["compare", "TSLA:2023", "TSLA:2024", "--user-agent", CONTACT]) == 0
    edgar.stop()
    capsys.readouterr()
    assert run_command(["compare", "TSLA:2023", "TSLA:2024"]) == 0  # no network, no contact
    assert "Tesla" in capsys.readouterr().out


def test_an_unknown_form_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_command(["compare", "TSLA:2023", "TSLA:2024", "--form", "10-Q"]) == 2
    assert "'10-Q' is not an annual-report form" in capsys.readouterr().err
