"""Outputs carry the review: the printout's first page (progress, reviewer and date, flagged
pairs with their notes) and each pair's state and note in both layouts; the HTML report, CSV
and JSON with state, note, reviewer, time and corrected pairings; notes as plain text
everywhere. And the first page fits: measured, not guessed."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from pytestqt.qtbot import QtBot

from cli import run_command
from core.align.pairing import align
from core.diff.pair import comparison_diffs
from core.model import Status
from core.pipeline import load_filing
from core.report.to_csv import COLUMNS, reviewed_to_csv
from core.report.to_html import comparison_to_html, reviewed_to_html
from core.review.anchors import anchor_of
from core.review.apply import Reviewed, apply_review, pair_key
from core.review.file import filing_record, save_review
from core.review.model import Link, Mark, Review, ReviewState
from gui import main_window
from gui.print_document import PrintLayout, build_print_document
from gui.printing import keep_with_next
from tests.paths import SAMPLES
from tests.review_support import discard_unsaved_reviews
from tests.test_main_window import compare_and_wait, make_window

pytestmark = pytest.mark.gui

FY2008 = SAMPLES / "iij-20f-fy2008.txt"
FY2009 = SAMPLES / "iij-20f-fy2009.txt"
NOTE = '<b>ask</b> the CFO\n=HYPERLINK("http://x")'
WIDTH = 700.0


def a_review(flagged: int, *, reviewed: int = 2) -> Review:
    """The first `flagged` changes flagged with NOTE, the next `reviewed` ones reviewed, and
    one pairing set by hand."""
    old, new = load_filing(FY2008), load_filing(FY2009)
    comparison = align(old, new)
    changes = [pair for pair in comparison.factor_pairs if pair.status is not Status.UNCHANGED]
    marks = [
        Mark(
            pair_key(comparison, pair),
            ReviewState.FLAGGED,
            f"{NOTE} {k}",
            "ann",
            "2026-12-03T14:05:00Z",
        )
        for k, pair in enumerate(changes[:flagged])
    ]
    marks += [
        Mark(pair_key(comparison, pair), ReviewState.REVIEWED, "", "bob", "2026-12-04T09:30:00Z")
        for pair in changes[flagged : flagged + reviewed]
    ]
    link = Link((anchor_of(old.factors[1]),), (anchor_of(new.factors[2]),))
    return Review(filing_record(old), filing_record(new), corrections=(link,), marks=tuple(marks))


@pytest.fixture(scope="module")
def reviewed() -> Reviewed:
    return apply_review(load_filing(FY2008), load_filing(FY2009), a_review(2))


def pdf_text(path: Path, first: int, last: int) -> str:
    """The text of pages `first` to `last`, ligatures ("ﬂ") spelt out, every run of white
    space (a wrapped line) one space."""
    text = subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize("layout", ["side-by-side", "blackline"])
def test_the_reviewed_printout_says_who_reviewed_what_and_each_pair_its_state(
    qtbot: QtBot, tmp_path: Path, layout: str
) -> None:
    review_path = tmp_path / "annual.factordiff"
    save_review(review_path, a_review(2))
    out = tmp_path / "reviewed.pdf"
    args = ["compare", str(FY2008), str(FY2009), "--review", str(review_path)]
    assert run_command([*args, "--pdf", str(out), "--layout", layout]) == 0
    first = pdf_text(out, 1, 1)
    assert "2 of 17 changes reviewed, 2 flagged" in first
    assert "Reviewed by ann and bob, last on 2026-12-04 09:30 UTC" in first
    assert "1 pairing set by the reviewer" in first
    assert "Flagged (2)" in first
    # The note as the reviewer wrote it: its markup is text, its line break kept.
    assert '<b>ask</b> the CFO =HYPERLINK("http://x") 1' in first
    rest = pdf_text(out, 2, 99)
    assert rest.count("Flagged by ann on 2026-12-03 14:05 UTC") == 2
    assert rest.count("Reviewed by bob on 2026-12-04 09:30 UTC") == 2
    assert rest.count("<b>ask</b> the CFO") == 2
    assert "pairing set by the reviewer" in rest.lower()  # the pair's caption says so


def summary_of(document_text: str, layout: PrintLayout) -> str:
    marker = "Old · " if layout is PrintLayout.SIDE_BY_SIDE else "Blackline · "
    return document_text.split(marker, maxsplit=1)[0]


def most_reworded_listed(summary: str) -> int:
    lines = summary.splitlines()
    title = next((k for k, line in enumerate(lines) if "most reworded" in line), None)
    if title is None:
        return 0
    return len([line for line in lines[title + 1 :] if line.startswith("old #")])


@pytest.mark.parametrize("layout", list(PrintLayout))
def test_the_first_page_holds_what_fits_of_the_most_reworded_list(
    qtbot: QtBot, reviewed: Reviewed, layout: PrintLayout
) -> None:
    comparison = reviewed.comparison
    marks = comparison_diffs(comparison)

    def build(page_height: float | None) -> tuple[float, str, float]:
        printout = build_print_document(
            comparison, marks, width=WIDTH, layout=layout, review=reviewed, page_height=page_height
        )
        document = printout.document
        document.setPageSize(QSizeF(WIDTH, page_height or 10_000.0))
        keep_with_next(printout, page_height or 10_000.0)
        summary = summary_of(document.toPlainText(), layout)
        ends = document.find(summary.splitlines()[-1]).block()
        bottom = document.documentLayout().blockBoundingRect(ends).bottom()
        title = document.find("most reworded").block()
        top = document.documentLayout().blockBoundingRect(title).top()
        return bottom, summary, top

    bottom, summary, title_top = build(None)
    assert most_reworded_listed(summary) == 5
    # A page that ends two entries into the list, as it did when the fifth spilled over.
    page = title_top + (bottom - title_top) * 0.6
    bottom, summary, _title = build(page)
    assert 1 <= most_reworded_listed(summary) < 5
    assert bottom <= page  # the summary ends on its first page: nothing spills over


def test_a_long_flagged_list_runs_on_entry_by_entry(qtbot: QtBot) -> None:
    reviewed = apply_review(load_filing(FY2008), load_filing(FY2009), a_review(14))
    comparison = reviewed.comparison
    marks = comparison_diffs(comparison)
    page = 400.0
    printout = build_print_document(
        comparison, marks, width=WIDTH, review=reviewed, page_height=page
    )
    document = printout.document
    document.setPageSize(QSizeF(WIDTH, page))
    keep_with_next(printout, page)
    layout = document.documentLayout()
    summary = summary_of(document.toPlainText(), PrintLayout.SIDE_BY_SIDE)
    assert summary.count("Flagged by ann") == 14
    assert most_reworded_listed(summary) == 5  # past the first page anyway: all five follow
    pages = set()
    block = document.begin()
    while block.isValid() and "Old · " not in block.text():
        rect = layout.blockBoundingRect(block)
        if "Flagged by ann" in block.text():
            # One entry (pair, who flagged it, the note) is never cut by a page's end.
            assert int(rect.top() // page) == int((rect.bottom() - 1) // page), block.text()
            pages.add(int(rect.top() // page))
        block = block.next()
    assert len(pages) >= 2  # the list did run on


def test_the_html_report_carries_the_review_as_plain_text(reviewed: Reviewed) -> None:
    html = reviewed_to_html(reviewed)
    assert "2 of 17 changes reviewed, 2 flagged" in html
    assert "Reviewed by ann and bob, last on 2026-12-04 09:30 UTC" in html
    assert "&lt;b&gt;ask&lt;/b&gt; the CFO" in html and "<b>ask</b>" not in html
    assert html.count('class="review flagged"') == 2
    assert html.count('class="review reviewed"') == 2
    assert "pairing set by the reviewer" in html
    # Without a review the report is as it was.
    plain = comparison_to_html(reviewed.comparison)
    assert 'id="review"' not in plain and 'class="review' not in plain


def test_the_csv_carries_state_note_reviewer_time_and_corrected(reviewed: Reviewed) -> None:
    rows = list(csv.DictReader(io.StringIO(reviewed_to_csv(reviewed))))
    assert tuple(rows[0]) == COLUMNS
    flagged = [row for row in rows if row["review_state"] == "flagged"]
    assert len(flagged) == 2
    assert flagged[0]["reviewer"] == "ann" and flagged[0]["review_time"] == "2026-12-03T14:05:00Z"
    assert flagged[0]["note"].startswith("<b>ask</b> the CFO\n=HYPERLINK")
    assert [row["corrected"] for row in rows].count("yes") == 1
    pairs = [row for row in rows if row["status"] not in ("moved_passage", "warning")]
    assert len(pairs) == len(reviewed.comparison.pairs)
    assert {row["review_state"] for row in pairs} == {"flagged", "reviewed", "unreviewed"}


def test_a_note_that_starts_like_a_formula_is_not_run_by_a_spreadsheet(
    reviewed: Reviewed,
) -> None:
    marks = list(reviewed.marks)
    marks[0] = Mark(marks[0].pair, ReviewState.FLAGGED, '=HYPERLINK("http://x")', "ann", "")
    text = reviewed_to_csv(Reviewed(reviewed.comparison, tuple(marks)))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["note"] == '\'=HYPERLINK("http://x")'


def test_compare_with_a_review_writes_every_output_with_it(qtbot: QtBot, tmp_path: Path) -> None:
    review_path = tmp_path / "annual.factordiff"
    save_review(review_path, a_review(2))
    out = {kind: tmp_path / f"out.{kind}" for kind in ("json", "html", "csv")}
    args = ["compare", str(FY2008), str(FY2009), "--review", str(review_path)]
    assert run_command([*args, *(f"--{k}={p}" for k, p in out.items())]) == 0
    document = json.loads(out["json"].read_text(encoding="utf-8"))
    reviews = [pair["review"] for pair in document["pairs"]]
    assert [r["state"] for r in reviews].count("flagged") == 2
    assert all({"state", "note", "reviewer", "when"} <= set(r) for r in reviews)
    assert sum(pair["corrected"] for pair in document["pairs"]) == 1
    assert "&lt;b&gt;ask&lt;/b&gt;" in out["html"].read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(out["csv"].read_text(encoding="utf-8"))))
    assert [row["review_state"] for row in rows].count("flagged") == 2


def test_the_window_exports_carry_the_review_once_there_is_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    discard_unsaved_reviews(monkeypatch)
    window = make_window(qtbot)
    compare_and_wait(qtbot, window, FY2008, FY2009)
    out = tmp_path / "report.html"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *_a, **_k: out)
    window.export_html()
    assert 'id="review"' not in out.read_text(encoding="utf-8")  # nobody reviewed anything
    session = window.review.session
    assert session is not None
    pairs = session.comparison.pairs
    first = next(k for k, pair in enumerate(pairs) if pair.status is not Status.UNCHANGED)
    session.set_state(first, ReviewState.FLAGGED)
    session.set_note(first, NOTE)
    window.export_html()
    html = out.read_text(encoding="utf-8")
    changes = sum(pair.status is not Status.UNCHANGED for pair in pairs)
    assert f"0 of {changes} changes reviewed, 1 flagged" in html
    assert "&lt;b&gt;ask&lt;/b&gt; the CFO" in html
    # The data exports carry the same review as the compare command's --csv and --json.
    table = tmp_path / "report.csv"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *_a, **_k: table)
    window.export_csv()
    with table.open(encoding="utf-8", newline="") as stream:
        flagged = [row for row in csv.DictReader(stream) if row["review_state"] == "flagged"]
    assert len(flagged) == 1 and flagged[0]["note"].startswith("<b>ask</b> the CFO")
    document = tmp_path / "report.json"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *_a, **_k: document)
    window.export_json()
    review = json.loads(document.read_text(encoding="utf-8"))["review"]
    assert review["flagged"] == 1 and review["progress"].endswith("1 flagged")
    pdf = tmp_path / "report.pdf"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *_a, **_k: pdf)
    window.export_pdf()
    if shutil.which("pdftotext"):
        assert "<b>ask</b> the CFO" in pdf_text(pdf, 1, 1)
