"""Printing and PDF export: what a reader finds in the exported file."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from core.model import Comparison, Status
from gui.print_document import header_text
from gui.printing import export_pdf, print_comparison
from tests.built_comparison import make_comparison
from tests.paths import SAMPLES

pytestmark = pytest.mark.gui

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def _pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def _pages(path: Path) -> int:
    return _pdf_text(path).count("\f")


@needs_poppler
def test_pdf_holds_both_filings_pages_and_summary(qtbot: QtBot, tmp_path: Path) -> None:
    comparison = make_comparison()
    out = tmp_path / "compare.pdf"
    export_pdf(comparison, out)
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    assert "Old one revenue fell" in text
    assert "New one revenue rose" in text
    assert "Page 1 of" in text
    assert f"Page {_pages(out)} of {_pages(out)}" in text
    assert "Example Corp · 10-K · FY2008 → FY2009" in text
    # The first page sums up: counts, and the added and removed factors by heading.
    first_page = text.split("\f")[0]
    assert "Added factors (1)" in first_page
    assert "New two added" in first_page
    assert "Removed factors (1)" in first_page
    assert "Legend" in first_page


@needs_poppler
def test_pdf_sets_pairs_side_by_side_on_landscape_pages(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "compare.pdf"
    export_pdf(make_comparison(), out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    width, height = (float(value) for value in info.stdout.split("Page size:")[1].split()[0:3:2])
    assert width > height
    # Both headings of a pair share a line: the columns are level.
    lines = _pdf_text(out).splitlines()
    assert any("Old one revenue fell" in line and "New one revenue rose" in line for line in lines)


@needs_poppler
def test_real_filings_export(qtbot: QtBot, tmp_path: Path) -> None:
    from core.align.pairing import align
    from core.pipeline import load_filing

    comparison = align(
        load_filing(SAMPLES / "iij-20f-fy2008.txt"), load_filing(SAMPLES / "iij-20f-fy2009.txt")
    )
    out = tmp_path / "iij.pdf"
    export_pdf(comparison, out)
    text = " ".join(_pdf_text(out).split())
    for factor in (comparison.old.factors[0], comparison.new.factors[-1]):
        assert " ".join(factor.heading.split()[:6]) in text
    assert _pages(out) > 3


def test_print_turns_the_printer_to_landscape(qtbot: QtBot, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_comparison(make_comparison(), printer)
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
    assert out.stat().st_size > 1000


@pytest.mark.parametrize(
    ("company", "form", "years", "expected"),
    [
        ("Example Corp", "10-K", (2008, 2009), "Example Corp · 10-K · FY2008 → FY2009"),
        ("", "", (None, 2009), "old.htm → FY2009"),  # unknown parts are left out
    ],
)
def test_header_text(
    company: str, form: str, years: tuple[int | None, int | None], expected: str
) -> None:

    base = make_comparison()
    comparison = Comparison(
        replace(base.old, company=company, form=form, fiscal_year=years[0]),
        replace(base.new, company=company, form=form, fiscal_year=years[1]),
        base.pairs,
        base.summary,
    )
    assert header_text(comparison) == expected
    assert Status.ADDED in comparison.summary.counts
