"""The printout a reader keeps: changes only, the blackline layout, headings kept with their
text, and a first page that tells the truth about what changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QFontMetricsF, QTextBlock
from pytestqt.qtbot import QtBot

from cli import run_command
from core.compare import compare_files
from core.diff.pair import comparison_diffs
from core.diff.sides import joined_text, side_factors
from core.model import Comparison, Status
from gui.pane_document import UNCHANGED_NOTE
from gui.print_document import PrintLayout, build_print_document
from gui.printing import keep_with_next

pytestmark = pytest.mark.gui

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
FY2008 = SAMPLES / "iij-20f-fy2008.txt"
FY2009 = SAMPLES / "iij-20f-fy2009.txt"
WIDTH = 700.0
PAGE_HEIGHT = 720.0  # a page height at which headings of both layouts fall in a foot


@pytest.fixture(scope="module")
def samples() -> Comparison:
    return compare_files(FY2008, FY2009)


def unchanged_folds(comparison: Comparison) -> dict[int, str]:
    return {
        index: UNCHANGED_NOTE
        for index, pair in enumerate(comparison.pairs)
        if pair.status is Status.UNCHANGED
    }


@pytest.mark.parametrize("layout", list(PrintLayout))
def test_changes_only_folds_unchanged_factors_to_their_headings(
    qtbot: QtBot, samples: Comparison, layout: PrintLayout
) -> None:
    diffs = comparison_diffs(samples)
    folds = unchanged_folds(samples)
    assert folds
    whole = build_print_document(samples, diffs, width=WIDTH, layout=layout).document
    folded = build_print_document(samples, diffs, width=WIDTH, layout=layout, folded=folds).document
    text = folded.toPlainText()
    for index in folds:
        factor = samples.new.factors[samples.pairs[index].new_indexes[0]]
        assert factor.heading in text  # the heading stays
        assert factor.paragraphs[0][:60] not in text  # the body folds away
        assert factor.paragraphs[0][:60] in whole.toPlainText()
    sides = 2 if layout is PrintLayout.SIDE_BY_SIDE else 1
    assert text.count(f"{UNCHANGED_NOTE} — ") == len(folds) * sides


def test_the_blackline_is_one_text_with_deletions_struck_and_insertions_underlined(
    qtbot: QtBot, samples: Comparison
) -> None:
    diffs = comparison_diffs(samples)
    document = build_print_document(
        samples, diffs, width=WIDTH, layout=PrintLayout.BLACKLINE
    ).document
    text = document.toPlainText()
    assert "Blackline · " in text
    assert "Modified · old #1 → new #1" in text
    struck = underlined = 0
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            char_format = fragment.charFormat()
            struck += char_format.fontStrikeOut()
            underlined += char_format.fontUnderline()
            fragments += 1
        block = block.next()
    assert struck > 20 and underlined > 20
    # The removed and the inserted wording both stand in the one text.
    assert "price" in text and "prices" in text
    # Struck and inserted words that meet with no space are set a thin space apart.
    assert "price\u2009prices" in text
    # List items keep their bullets (IIJ's first factor lists its revenue risks).
    assert text.count("•\t") >= 10


@pytest.mark.parametrize("layout", list(PrintLayout))
def test_a_heading_never_sits_alone_at_the_foot_of_a_page(
    qtbot: QtBot, samples: Comparison, layout: PrintLayout
) -> None:
    diffs = comparison_diffs(samples)
    printout = build_print_document(samples, diffs, width=WIDTH, layout=layout)
    document = printout.document
    document.setPageSize(QSizeF(WIDTH, PAGE_HEIGHT))
    layout_of = document.documentLayout()
    line = QFontMetricsF(document.defaultFont()).lineSpacing()

    def headings() -> list[QTextBlock]:
        """The first block with text of each pair (its caption or heading)."""
        if printout.table is None:
            # The pairs' blocks come last (the first page's list titles before them).
            pairs = printout.keep_with_next[-len(samples.pairs) :]
            return [document.findBlockByNumber(number) for number in pairs]
        firsts = []
        for row in printout.pair_rows:  # a pair's first row; its paragraphs follow
            block = printout.table.cellAt(row, 0).firstCursorPosition().block()
            while not block.text():
                block = block.next()
            firsts.append(block)
        return firsts

    def alone() -> list[str]:
        """Headings whose page has no room for them and two more lines."""
        found = []
        for block in headings():
            rect = layout_of.blockBoundingRect(block)
            left = PAGE_HEIGHT - rect.top() % PAGE_HEIGHT
            if left < rect.height() + 2 * line:
                found.append(block.text()[:40])
        return found

    assert len(headings()) == len(samples.pairs)
    before = alone()
    assert before, "at this page height some heading falls in a page's foot"
    moved = keep_with_next(printout, PAGE_HEIGHT)
    assert alone() == []
    assert moved >= 1  # moving one may carry the next ones clear of a foot too


def test_the_first_page_tells_the_truth(qtbot: QtBot, samples: Comparison) -> None:
    diffs = comparison_diffs(samples)
    document = build_print_document(samples, diffs, width=WIDTH).document
    first = document.toPlainText().split("Old · ")[0]  # the summary, before the pairs table
    kept = samples.summary.similarity.simple
    assert kept < 1
    assert "Wording kept: " in first and "100%" not in first.split("(100% only")[0]
    assert "cosine" in first and "Jaccard" in first  # each measure, with what it means
    # The legend's samples come from these filings: a changed figure the new one holds.
    legend = first.split("a changed figure: ")[1].split("\n")[0].strip()
    new_texts = [joined_text(side_factors(samples, pair, 1)) for pair in samples.factor_pairs]
    assert any(legend in text for text in new_texts)
    # The introduction's change is listed with the text outside the factors.
    assert "Changed text outside the factors (1)" in first
    assert "Introduction — modified, 1 word added, 0 removed" in first
    # "The 5 most reworded factors" lists five.
    title = next(line for line in first.splitlines() if "most reworded" in line)
    count = int(title.split()[1])
    listed = first.split(title)[1].strip().splitlines()
    assert len([line for line in listed if line.startswith("old #")]) == count


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_compare_writes_a_blackline_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "blackline.pdf"
    code = run_command(
        ["compare", str(FY2008), str(FY2009), "--pdf", str(out), "--layout", "blackline"]
    )
    assert code == 0
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Blackline · " in text and " · old #1 → new #1" in text
