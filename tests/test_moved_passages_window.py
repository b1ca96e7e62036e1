"""A passage moved between factors, as a reader meets it in the panes: its own colour on
both sides, a caption naming the other place, and a click on the caption going there."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.align.pairing import align
from core.diff.pair import comparison_diffs, pair_diff, redline
from core.diff.passages import moved_ops, pair_spans
from core.model import Comparison
from gui.compare_view import CompareView
from gui.pair_menu import redline_text
from gui.pane import Pane
from gui.print_document import PrintLayout, build_print_document
from gui.summary_bar import SummaryBar
from gui.theme import LIGHT
from tests.test_align_real import filing
from tests.test_moved_passages import _movable, _moved

pytestmark = pytest.mark.gui


@pytest.fixture
def moved() -> tuple[Comparison, str]:
    """IIJ's FY2009 filing with its longest paragraph moved to a factor far from it."""
    base = filing("iij")
    giver, paragraph, taker = _movable(base)
    text = base.factors[giver].paragraphs[paragraph]
    return align(base, _moved(base, giver, paragraph, taker, text)), text


@pytest.fixture
def view(qtbot: QtBot, moved: tuple[Comparison, str]) -> CompareView:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_comparison(moved[0])
    QApplication.processEvents()
    return widget


def _caption(pane: Pane, start: str) -> QTextCursor:
    cursor = pane.document().find(start)
    assert not cursor.isNull(), f"no caption {start!r} in the pane"
    return cursor


def _on_screen(pane: Pane, cursor: QTextCursor) -> bool:
    rect = pane.cursorRect(cursor)
    return pane.viewport().rect().intersects(rect)


def test_the_passage_has_its_own_colour_on_both_sides(
    view: CompareView, moved: tuple[Comparison, str]
) -> None:
    _, text = moved
    for side in (0, 1):
        cursor = view.pane(side).document().find(text[:40])
        assert not cursor.isNull()
        cursor.setPosition(cursor.selectionStart() + 5)
        assert cursor.charFormat().background().color().name() == LIGHT.moved_background


def test_captions_name_the_other_place_and_lead_there(
    view: CompareView, moved: tuple[Comparison, str], qtbot: QtBot
) -> None:
    comparison, text = moved
    passage = comparison.moved_passages[0]
    taker = comparison.pairs[passage.to_pair].new_indexes[0]
    giver = comparison.pairs[passage.from_pair].old_indexes[0]
    old_caption = _caption(view.pane(0), f"moved to new #{taker + 1} ")
    new_caption = _caption(view.pane(1), f"moved from old #{giver + 1} ")
    # A click on the old place's caption brings the new place into view.
    pane = view.pane(0)
    view.go_to_passage(0, 0)
    qtbot.waitUntil(lambda: _on_screen(pane, old_caption))
    arrived = view.pane(1).document().find(text[:40])
    assert not _on_screen(view.pane(1), arrived)  # far from where it left
    where = pane.cursorRect(QTextCursor(old_caption.block())).center() + QPoint(20, 0)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: _on_screen(view.pane(1), arrived))
    # And back: the new place's caption leads to where the passage left.
    left = view.pane(0).document().find(text[:40])
    where = view.pane(1).cursorRect(QTextCursor(new_caption.block())).center() + QPoint(20, 0)
    qtbot.mouseClick(view.pane(1).viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: _on_screen(view.pane(0), left))


def test_the_summary_bar_counts_the_passages_and_shows_each(
    qtbot: QtBot, moved: tuple[Comparison, str]
) -> None:
    comparison, _ = moved
    bar = SummaryBar()
    qtbot.addWidget(bar)
    bar.set_comparison(comparison)
    button = bar.passages_button()
    assert button.text().endswith("1 passage moved")
    with qtbot.waitSignal(bar.passage_chosen) as shown:
        button.click()
    assert shown.args == [0]
    bar.set_comparison(replace(comparison, moved_passages=()))
    assert button.isHidden()


@pytest.mark.parametrize("layout", list(PrintLayout))
def test_the_printout_lists_the_passage_first_and_marks_it_in_the_pairs(
    moved: tuple[Comparison, str], layout: PrintLayout
) -> None:
    comparison, text = moved
    printout = build_print_document(
        comparison, comparison_diffs(comparison), width=1000, layout=layout
    ).document
    assert "Moved passages (1, " in printout.toPlainText()
    found = printout.find(text[:40])
    marked = []
    while not found.isNull():
        cursor = QTextCursor(found)
        cursor.setPosition(found.selectionStart() + 5)
        marked.append(cursor.charFormat().background().color().name())
        found = printout.find(text[:40], found)
    # Where it left and where it arrived: both in the moved colour.
    assert marked == [LIGHT.moved_background] * 2


def test_a_copied_redline_says_what_moved(moved: tuple[Comparison, str]) -> None:
    comparison, text = moved
    passage = comparison.moved_passages[0]
    source = comparison.pairs[passage.from_pair]
    ops = moved_ops(
        pair_diff(comparison, source).joined_ops,
        pair_spans(comparison, source, old_side=True),
        pair_spans(comparison, source, old_side=False),
    )
    assert f"[moved: {text}]" in redline_text(redline(ops))
