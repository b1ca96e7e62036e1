"""Levelling pair anchors: the pure filler computation and two real documents."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from gui.alignment import AnchoredDocument, level_anchors, realign


@pytest.mark.parametrize(
    ("old", "new", "old_fillers", "new_fillers"),
    [
        ([], [], [], []),  # nothing to level
        ([0, 100], [0, 100], [0, 0], [0, 0]),  # already level
        ([0, 100], [0, 40], [0, 0], [0, 60]),  # the new side is behind: it gets filler
        ([0, 40, 50], [0, 100, 110], [0, 60, 0], [0, 0, 0]),  # a shift carries forward
        ([10, 20], [0, 0], [0, 0], [10, 10]),  # two anchors on one block on the new side
        ([0, 100, 150], [0, 40, 300], [0, 0, 210], [0, 60, 0]),  # behind, then ahead
    ],
)
def test_level_anchors(
    old: list[float], new: list[float], old_fillers: list[float], new_fillers: list[float]
) -> None:
    assert level_anchors(old, new) == (old_fillers, new_fillers)


def test_level_anchors_needs_matching_counts() -> None:
    with pytest.raises(ValueError, match="anchor counts differ"):
        level_anchors([0, 1], [0])


gaps = st.lists(st.floats(0, 500), min_size=1, max_size=40)


@given(st.data())
def test_levelled_anchors_meet_with_minimal_filler(data: st.DataObject) -> None:
    old_gaps = data.draw(gaps)
    new_gaps = data.draw(
        st.lists(st.floats(0, 500), min_size=len(old_gaps), max_size=len(old_gaps))
    )
    old = [sum(old_gaps[: index + 1]) for index in range(len(old_gaps))]
    new = [sum(new_gaps[: index + 1]) for index in range(len(new_gaps))]
    old_fillers, new_fillers = level_anchors(old, new)
    old_shift = new_shift = 0.0
    for index in range(len(old)):
        old_shift += old_fillers[index]
        new_shift += new_fillers[index]
        assert old[index] + old_shift == pytest.approx(new[index] + new_shift)
        assert old_fillers[index] >= 0
        assert new_fillers[index] >= 0
        assert min(old_fillers[index], new_fillers[index]) == 0


def _document(paragraph_lengths: list[int]) -> AnchoredDocument:
    """One heading + one paragraph of `length` words per anchor, top margins only."""
    document = QTextDocument()
    document.setTextWidth(300)
    cursor = QTextCursor(document)
    anchors = []
    margins = {}
    for index, length in enumerate(paragraph_lengths):
        block_format = QTextBlockFormat()
        block_format.setTopMargin(8)
        if index:
            cursor.insertBlock(block_format)
        else:
            cursor.setBlockFormat(block_format)
        cursor.insertText(f"Heading {index}")
        anchors.append(cursor.block().blockNumber())
        margins[cursor.block().blockNumber()] = 8.0
        cursor.insertBlock(block_format)
        cursor.insertText(" ".join(["word"] * length))
    return AnchoredDocument(document, anchors, margins)


@pytest.mark.gui
def test_realign_levels_real_documents_and_is_stable(qtbot: QtBot) -> None:
    old = _document([200, 5, 80, 0])
    new = _document([5, 150, 10, 40])
    realign(old, new)
    assert old.anchor_tops() == pytest.approx(new.anchor_tops(), abs=1)
    # Realigning at the same width changes nothing; at a new width the anchors meet again.
    before = old.anchor_tops()
    realign(old, new)
    assert old.anchor_tops() == pytest.approx(before, abs=0.5)
    for anchored in (old, new):
        anchored.document.setTextWidth(180)
    realign(old, new)
    assert old.anchor_tops() == pytest.approx(new.anchor_tops(), abs=1)


@pytest.mark.gui
def test_realign_is_stable_when_two_anchors_share_a_block(qtbot: QtBot) -> None:
    # An added factor's placeholder (one block) faces both the caption and the heading of
    # the other side: its block holds two anchors. Realigning again (each resize) must not
    # push it down further each time (it grew by one filler per realign).
    old = _document([30, 30, 30])
    new = _document([30, 30, 30])
    # Old: heading 1 and its paragraph are two anchors; new: its heading 1 stands for both.
    shared, paragraph = new.anchors[1], old.anchors[1] + 1
    old.anchors[1:2] = [old.anchors[1], paragraph]
    old.base_margins[paragraph] = 8.0
    new.anchors[1:2] = [shared, shared]
    realign(old, new)
    heights = [anchored.document.size().height() for anchored in (old, new)]
    for _ in range(3):
        realign(old, new)
    assert [anchored.document.size().height() for anchored in (old, new)] == pytest.approx(
        heights, abs=0.5
    )
