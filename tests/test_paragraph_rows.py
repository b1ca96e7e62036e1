"""Paragraphs line up inside a pair: a kept or reworded paragraph starts level with its
counterpart, an added one faces a filler, in the panes and on paper (core.diff.paragraphs,
core.diff.pair.PairDiff.paragraph_rows).

The real case: IIJ's 20-F for FY2012 adds a bullet ("larger technology human resources …")
inside the nine-bullet factor "We may not be able to compete effectively …" of FY2005."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.align.pairing import align
from core.diff.pair import pair_diff
from core.diff.paragraphs import Row
from core.diff.sides import side_parts, side_pieces
from core.model import Comparison, Status
from core.pipeline import load_filing
from gui.compare_view import CompareView
from gui.pane import Pane
from gui.print_document import build_print_document
from tests.paths import SAMPLES

ADDED = "larger technology human resources"  # a bullet FY2012 adds
KEPT_AFTER = "higher brand recognition"  # the bullet after it, kept (reworded) in both years
KEPT_BEFORE = "more extensive and well-developed marketing"  # the bullet before it
HEADING = "We may not be able to compete effectively"


@pytest.fixture(scope="module")
def iij() -> Comparison:
    return align(
        load_filing(SAMPLES / "iij-20f-fy2005.txt"), load_filing(SAMPLES / "iij-20f-fy2012.txt")
    )


def _competition(iij: Comparison) -> int:
    return next(
        index
        for index, pair in enumerate(iij.pairs)
        if not pair.passage
        and pair.new_indexes
        and iij.new.factors[pair.new_indexes[0]].heading.startswith(HEADING)
    )


def _row_texts(iij: Comparison, index: int) -> list[tuple[str, str]]:
    pair = iij.pairs[index]
    diff = pair_diff(iij, pair)
    old, new = (side_pieces(side_parts(iij, pair, side)) for side in (0, 1))
    return [
        (
            old[row.old].text if row.old is not None else "",
            new[row.new].text if row.new is not None else "",
        )
        for row in diff.paragraph_rows
    ]


def test_the_added_bullet_faces_nothing_and_its_neighbours_their_counterparts(
    iij: Comparison,
) -> None:
    index = _competition(iij)
    assert iij.pairs[index].status is Status.MODIFIED
    rows = _row_texts(iij, index)
    added = next(k for k, (_, new) in enumerate(rows) if new.startswith(ADDED))
    assert rows[added][0] == ""  # nothing on the old side: a filler
    assert rows[added - 1][0].startswith(KEPT_BEFORE) and rows[added - 1][1].startswith(KEPT_BEFORE)
    assert rows[added + 1][0].startswith(KEPT_AFTER) and rows[added + 1][1].startswith(KEPT_AFTER)
    # Every other row of this reworded factor pairs a paragraph with its counterpart.
    assert sum(1 for old, new in rows if not old) == 2  # the added bullet, a closing paragraph
    assert all(old and new for old, new in rows[:added])


def test_added_and_removed_parts_are_rows_of_one_side(iij: Comparison) -> None:
    for pair in iij.pairs:
        if pair.old_indexes and pair.new_indexes:
            continue
        rows = pair_diff(iij, pair).paragraph_rows
        side = side_parts(iij, pair, 0 if pair.old_indexes else 1)
        count = len(side_pieces(side))
        expected = [Row(k, None) if pair.old_indexes else Row(None, k) for k in range(count)]
        assert list(rows) == expected


def _block(document: QTextDocument, text: str) -> QTextBlock:
    block = document.begin()
    while block.isValid():
        if block.text().startswith(text):
            return block
        block = block.next()
    raise AssertionError(f"no block starts with {text!r}")


def _top(pane: Pane, text: str) -> float:
    document = pane.document()
    return document.documentLayout().blockBoundingRect(_block(document, text)).top()


def _bottom(pane: Pane, text: str) -> float:
    document = pane.document()
    return document.documentLayout().blockBoundingRect(_block(document, text)).bottom()


@pytest.fixture
def view(qtbot: QtBot, iij: Comparison) -> CompareView:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_comparison(iij)
    QApplication.processEvents()
    return widget


@pytest.mark.gui
def test_the_panes_show_the_kept_bullet_after_the_added_one_at_the_same_height(
    view: CompareView,
) -> None:
    old, new = view.pane(0), view.pane(1)
    assert _top(old, KEPT_AFTER) == pytest.approx(_top(new, KEPT_AFTER), abs=1)
    assert _top(old, KEPT_BEFORE) == pytest.approx(_top(new, KEPT_BEFORE), abs=1)
    # The old pane leaves room where the new one shows the added bullet: a filler as tall.
    added_height = _bottom(new, ADDED) - _top(new, ADDED)
    assert _top(old, KEPT_AFTER) - _bottom(old, KEPT_BEFORE) >= added_height
    view.zoom(2)  # and again once the text wraps differently
    assert _top(old, KEPT_AFTER) == pytest.approx(_top(new, KEPT_AFTER), abs=1)


@pytest.mark.gui
def test_scrolling_one_pane_brings_the_other_to_the_same_bullet(
    view: CompareView, qtbot: QtBot
) -> None:
    old, new = view.pane(0), view.pane(1)
    new.verticalScrollBar().setValue(round(_top(new, KEPT_AFTER)) - 200)
    qtbot.waitUntil(lambda: old.verticalScrollBar().value() == new.verticalScrollBar().value())
    on_screen = _top(old, KEPT_AFTER) - old.verticalScrollBar().value()
    assert on_screen == pytest.approx(
        _top(new, KEPT_AFTER) - new.verticalScrollBar().value(), abs=1
    )


@pytest.mark.gui
def test_the_printout_puts_each_bullet_in_a_row_with_its_counterpart(
    qtbot: QtBot, iij: Comparison
) -> None:
    diffs = [pair_diff(iij, pair) for pair in iij.pairs]
    printout = build_print_document(iij, diffs, width=1000)
    table = printout.table
    assert table is not None

    def cell_text(row: int, column: int) -> str:
        cell = table.cellAt(row, column)
        cursor = cell.firstCursorPosition()
        cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    texts = [(cell_text(row, 0), cell_text(row, 1)) for row in range(table.rows())]
    added = next(row for row, (_, new) in enumerate(texts) if new.startswith(ADDED))
    assert texts[added][0] == ""  # an empty cell faces the added bullet
    assert texts[added + 1][0].startswith(KEPT_AFTER)
    assert texts[added + 1][1].startswith(KEPT_AFTER)
    # The rows that open a pair: one per pair, each starting with its factor number.
    assert len(printout.pair_rows) == len(iij.pairs)
    layout = printout.document.documentLayout()
    old_cell, new_cell = (table.cellAt(added + 1, column) for column in (0, 1))
    old_top = layout.blockBoundingRect(old_cell.firstCursorPosition().block()).top()
    new_top = layout.blockBoundingRect(new_cell.firstCursorPosition().block()).top()
    added_top = layout.blockBoundingRect(table.cellAt(added, 1).firstCursorPosition().block())
    assert old_top == pytest.approx(new_top, abs=1)
    assert old_top > added_top.bottom()  # level below the added bullet, on both sides
