"""`batch --edgar`: companies' annual reports fetched from EDGAR (the local replay server),
then compared year to year like a folder of filings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cli import run_command
from tests.edgar_server import CONTACT, EdgarServer


def test_batch_fetches_a_companys_years_and_compares_them(
    edgar: EdgarServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out = tmp_path / "filings", tmp_path / "results.csv"
    args = ["batch", str(folder), "--edgar", "TSLA", "NOSUCHTICKER", "--years", "2023", "2024"]
    args += ["--out", str(out), "--workers", "1", "--user-agent", CONTACT]
    assert run_command(args) == 0
    assert sorted(p.name for p in folder.glob("*.html")) == [
        "tesla_10-K_2023.html",
        "tesla_10-K_2024.html",
    ]
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["old_fiscal_year"], r["new_fiscal_year"], r["error"]) for r in rows] == [
        ("2023", "2024", "")
    ]
    err = capsys.readouterr().err
    assert "batch: TSLA: 2 filings in" in err
    assert "batch: NOSUCHTICKER:" in err  # named, and the rest still compared


def test_batch_edgar_without_a_contact_asks_for_one_and_fetches_nothing(
    edgar: EdgarServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "filings"
    args = ["batch", str(folder), "--edgar", "TSLA", "--years", "2023", "2024"]
    assert run_command([*args, "--out", str(tmp_path / "results.csv")]) == 2
    assert not folder.exists() or not any(folder.iterdir())
    assert "user-agent" in capsys.readouterr().err.lower()
