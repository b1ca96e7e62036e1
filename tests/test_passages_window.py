"""No text left uncompared, as the window shows it: each pane's text, less the labels FactorDiff
adds (the title line, captions naming a passage or a move, placeholders), is the section's text
word for word; the introduction's change is marked in the panes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.align.pairing import align
from core.align.similarity import words
from core.diff.sides import NEW, OLD
from core.errors import SectionNotApplicableError, SectionNotFoundError
from core.model import Comparison, Filing
from core.pipeline import load_filing
from core.read.document import read_document
from core.read.section import find_section
from core.report.labels import fiscal_year_label, pair_caption, passage_label
from core.segment.text_levels import unbulleted
from gui.compare_view import CompareView
from gui.pane_document import placeholder_label
from tests.paths import FIXTURES, SAMPLES

pytestmark = pytest.mark.gui

FILINGS = sorted(
    [
        *SAMPLES.glob("*.txt"),
        *(FIXTURES / "corpus").glob("*.gz"),
        *(FIXTURES / "older").glob("*.gz"),
    ]
)


@pytest.fixture
def view(qtbot: QtBot) -> CompareView:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _section_words(path: str, *, leaving_out: frozenset[str] = frozenset()) -> list[str]:
    """The words of the filing's Risk Factors section, block by block (a bullet glyph is a
    list item's look, not its text), without the blocks whose text is in `leaving_out`."""
    section = find_section(read_document(path))
    return [
        word
        for block in section.blocks
        if block.text not in leaving_out
        for word in words(unbulleted(block.text))
    ]


def _labels(filing: Filing, comparison: Comparison | None = None) -> set[str]:
    """What a pane shows that is not the filing's text: the title line, the captions naming
    passages and moves, placeholders."""
    details = " · ".join(
        part for part in (filing.company, filing.form, fiscal_year_label(filing)) if part
    )
    labels = {filing.section_title or "Risk Factors", details, ""}
    labels |= {passage_label(passage) for passage in filing.passages}
    for pair in comparison.pairs if comparison is not None else ():
        labels |= {pair_caption(comparison, pair, OLD), pair_caption(comparison, pair, NEW)}
        labels.add(placeholder_label(comparison, pair))
    return labels


def _pane_words(
    view: CompareView, side: int, labels: set[str], *, leaving_out: frozenset[str] = frozenset()
) -> list[str]:
    block = view.pane(side).document().begin()
    shown: list[str] = []
    while block.isValid():
        if block.text() not in labels and block.text() not in leaving_out:
            shown += words(block.text())
        block = block.next()
    return shown


@pytest.mark.parametrize("path", FILINGS, ids=lambda path: path.name)
def test_a_filing_alone_shows_its_whole_section(view: CompareView, path: Path) -> None:
    try:
        filing = load_filing(path)
    except (SectionNotFoundError, SectionNotApplicableError):
        pytest.skip("no risk factors section to show")
    view.show_filing(NEW, filing, "Open the other filing to compare")
    QApplication.processEvents()
    assert _pane_words(view, NEW, _labels(filing)) == _section_words(filing.path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (SAMPLES / "iij-20f-fy2008.txt", SAMPLES / "iij-20f-fy2009.txt"),
        (
            FIXTURES / "corpus" / "disney_10-K_2017.txt.gz",
            FIXTURES / "corpus" / "disney_10-K_2018.txt.gz",
        ),
        (
            FIXTURES / "corpus" / "cocacola_10-K_2023.html.gz",
            FIXTURES / "corpus" / "cocacola_10-K_2024.html.gz",
        ),
    ],
    ids=["iij", "disney", "cocacola"],
)
def test_both_panes_of_a_comparison_show_their_whole_sections(
    view: CompareView, old: Path, new: Path
) -> None:
    # Pairs read in the new filing's order: on the old side a moved factor (and the category
    # heading it brings along) stands where its partner reads, so the old pane holds the old
    # section's words in another order. Every word is there, once; category headings aside.
    comparison = align(load_filing(old), load_filing(new))
    view.set_comparison(comparison)
    QApplication.processEvents()
    for side, filing in ((OLD, comparison.old), (NEW, comparison.new)):
        categories = frozenset(
            name for part in (*filing.factors, *filing.passages) for name in part.category
        )
        shown = _pane_words(view, side, _labels(filing, comparison), leaving_out=categories)
        section = _section_words(filing.path, leaving_out=categories)
        assert Counter(shown) == Counter(section)
        if side == NEW:
            assert shown == section


def test_the_introductions_added_word_is_marked_under_its_caption(view: CompareView) -> None:
    comparison = align(
        load_filing(SAMPLES / "iij-20f-fy2008.txt"), load_filing(SAMPLES / "iij-20f-fy2009.txt")
    )
    view.set_comparison(comparison)
    QApplication.processEvents()
    document = view.pane(NEW).document()
    caption = document.find("Introduction")
    assert not caption.isNull()
    found = document.find("consolidated")
    assert found.position() > caption.position()
    found.setPosition(found.selectionStart() + 1)
    inserted = found.charFormat()
    plain = document.find("financial statements")
    plain.setPosition(plain.selectionStart() + 1)
    assert inserted.background() != plain.charFormat().background()
    # Next change starts at the introduction: it is a change like any other.
    assert comparison.pairs[0].passage
    view.go_to_pair(0)
    assert view.current_pair() == 0
