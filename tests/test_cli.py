"""The headless command line: outputs, the human summary and one-line errors."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli import run_command
from tests.paths import SAMPLES

OLD = str(SAMPLES / "iij-20f-fy2008.txt")
NEW = str(SAMPLES / "iij-20f-fy2009.txt")
ROOT = Path(__file__).resolve().parent.parent


def test_compare_writes_every_output(tmp_path: Path) -> None:
    out = {kind: tmp_path / f"out.{kind}" for kind in ("json", "html", "csv")}
    args = ["compare", OLD, NEW]
    for kind, path in out.items():
        args += [f"--{kind}", str(path)]
    assert run_command(args) == 0
    report = json.loads(out["json"].read_text(encoding="utf-8"))
    assert report["old"]["path"] == OLD and report["new"]["form"] == "20-F"
    assert len(report["pairs"]) >= 15
    assert out["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    lines = out["csv"].read_text(encoding="utf-8").splitlines()
    # One row per pair: the factor pairs and the passage pairs (IIJ's introduction).
    rows = len(report["pairs"]) + len(report["passage_pairs"])
    assert lines[0].startswith("status,") and len(lines) == rows + 1
    assert report["passage_pairs"][0]["label"] == "Introduction"


def test_compare_without_outputs_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_command(["compare", OLD, NEW]) == 0
    printed = capsys.readouterr().out
    assert "unchanged" in printed and "similarity: cosine" in printed


def test_segment_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_command(["segment", OLD, "--json", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["factors"][0]["heading"].startswith("We may not maintain")


def _binary(tmp_path: Path) -> str:
    path = tmp_path / "image.htm"
    path.write_bytes(bytes(range(256)) * 40)
    return str(path)


def _empty(tmp_path: Path) -> str:
    path = tmp_path / "empty.txt"
    path.write_text("")
    return str(path)


def _no_section(tmp_path: Path) -> str:
    path = tmp_path / "letter.txt"
    path.write_text("Dear shareholders,\n\nWe had a good year.\n\nThe Board\n")
    return str(path)


def _not_applicable(tmp_path: Path) -> str:
    corpus = Path(__file__).resolve().parent / "fixtures" / "corpus"
    path = tmp_path / "fund.html"
    path.write_bytes(
        gzip.decompress(
            (corpus / "commonwealth-income-growth-fund-v_10-K_2015.html.gz").read_bytes()
        )
    )
    return str(path)


def _missing(tmp_path: Path) -> str:
    return str(tmp_path / "nope.htm")


@pytest.mark.parametrize(
    "make_input",
    [
        _missing,  # the file does not exist
        _empty,  # nothing in it
        _binary,  # not text at all
        _no_section,  # text without a Risk Factors section
        _not_applicable,  # Item 1A says "Not applicable"
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    make_input: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = make_input(tmp_path)  # type: ignore[operator]
    assert run_command(["compare", bad, NEW]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("factordiff: error: ")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


@pytest.mark.parametrize(
    "args",
    [
        ["compare", OLD],  # NEW missing
        ["compare", OLD, NEW, "--bogus"],  # unknown option
        ["segment"],  # FILE missing
    ],
)
def test_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run_command(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("factordiff: error: ") and err.count("\n") == 1


@pytest.mark.parametrize("option", ["--json", "--pdf"])
def test_unwritable_output_is_an_error(option: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_command(["compare", OLD, NEW, option, "/nonexistent/dir/out"]) == 2
    assert capsys.readouterr().err.startswith("factordiff: error: ")


def test_subprocess_error_and_help(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "main.py", "compare", _empty(tmp_path), NEW],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("factordiff: error: ") and done.stderr.count("\n") == 1
    shown = subprocess.run(
        [sys.executable, "main.py", "compare", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 0 and "--html" in shown.stdout


def test_pdf_export(tmp_path: Path) -> None:
    """--pdf goes through the GUI's printing code, offscreen, in a fresh process."""
    out = tmp_path / "out.pdf"
    done = subprocess.run(
        [sys.executable, "main.py", "compare", OLD, NEW, "--pdf", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_prints_the_usage_and_never_loads_the_window(option: str) -> None:
    script = (
        "import sys, main; code = main.main([sys.argv[1], 'a.htm', 'b.htm']); "
        "print('Qt loaded' if 'PySide6' in sys.modules else 'no Qt'); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, option],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: factordiff")
    assert "compare OLD NEW" in done.stdout and "segment FILE" in done.stdout
    assert done.stdout.rstrip().endswith("no Qt")
