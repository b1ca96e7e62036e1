"""The comparison view as a reader meets it: level pairs, scrolling together, navigation,
word-level marks, drops, zoom and theme."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextBlock, QTextCharFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.model import Comparison
from gui.compare_view import CompareView
from gui.pane import Pane
from tests.built_comparison import make_comparison
from tests.paths import FIXTURES, SAMPLES

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot: QtBot) -> CompareView:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_comparison(make_comparison())
    QApplication.processEvents()
    return widget


def _block_starting(pane: Pane, text: str) -> QTextBlock:
    block = pane.document().begin()
    while block.isValid():
        if block.text().startswith(text):
            return block
        block = block.next()
    raise AssertionError(f"no block starts with {text!r}")


def _top(pane: Pane, text: str) -> float:
    block = _block_starting(pane, text)
    return pane.document().documentLayout().blockBoundingRect(block).top()


def _format_of(pane: Pane, text: str) -> QTextCharFormat:
    """The character format of the first occurrence of `text` in the pane."""
    cursor = pane.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 1)
    return cursor.charFormat()


# Headings of (old, new) per pair; a placeholder's label stands in for the missing side.
LEVEL_PAIRS = [
    ("Old zero unchanged", "Old zero unchanged"),
    ("Old one revenue fell", "New one revenue rose"),
    ("Added in FY2009", "New two added"),
    ("Old two removed", "Removed in FY2009"),
    ("Split into #5, #6", "Split from old #5"),  # the captions above the headings
    ("Old four split", "New four split first"),
    ("Moved to new #4", "Moved from old #4"),
    ("Old five unchanged", "Old five unchanged"),
    ("Old six unchanged", "Old six unchanged"),
]


@pytest.mark.parametrize(("old_heading", "new_heading"), LEVEL_PAIRS)
def test_pairs_start_level(view: CompareView, old_heading: str, new_heading: str) -> None:
    assert _top(view.pane(0), old_heading) == pytest.approx(_top(view.pane(1), new_heading), abs=2)


def test_pairs_stay_level_after_resize_and_zoom(view: CompareView, qtbot: QtBot) -> None:
    view.resize(620, 600)
    qtbot.waitUntil(lambda: abs(_top(view.pane(0), "Old six") - _top(view.pane(1), "Old six")) <= 2)
    view.zoom(3)
    assert view.font_size() == pytest.approx(14.0)
    for old_heading, new_heading in LEVEL_PAIRS:
        assert _top(view.pane(0), old_heading) == pytest.approx(
            _top(view.pane(1), new_heading), abs=2
        )


@pytest.mark.parametrize("index", [0, 3, 4, 5])
def test_go_to_pair_brings_it_to_the_top_of_both_panes(view: CompareView, index: int) -> None:
    view.go_to_pair(index)
    assert view.top_pair(0) == index
    assert view.top_pair(1) == index


def test_go_to_pair_announces_the_current_pair(view: CompareView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.current_pair_changed) as signal:
        view.go_to_pair(4)
    assert signal.args == [4]


def test_scrolling_one_pane_scrolls_the_other(view: CompareView) -> None:
    old_bar, new_bar = view.pane(0).verticalScrollBar(), view.pane(1).verticalScrollBar()
    assert old_bar.maximum() > 300
    old_bar.setValue(old_bar.maximum() // 2)
    assert abs(new_bar.value() - old_bar.value()) <= 3
    new_bar.setValue(new_bar.maximum() // 4)
    assert abs(old_bar.value() - new_bar.value()) <= 3


def test_scrolling_into_a_pair_keeps_its_counterpart_beside_it(view: CompareView) -> None:
    view.go_to_pair(1)
    bar = view.pane(1).verticalScrollBar()
    bar.setValue(bar.value() + 40)
    assert view.top_pair(0) == view.top_pair(1) == 1


def test_unlocked_panes_scroll_alone(view: CompareView) -> None:
    view.set_scroll_locked(False)
    assert not view.scroll_locked()
    old_bar, new_bar = view.pane(0).verticalScrollBar(), view.pane(1).verticalScrollBar()
    before = new_bar.value()
    old_bar.setValue(old_bar.maximum() // 2)
    assert new_bar.value() == before
    view.set_scroll_locked(True)
    assert abs(new_bar.value() - old_bar.value()) <= 3


def test_next_change_skips_unchanged_pairs(view: CompareView) -> None:
    visited = []
    view.go_to_pair(0)
    while view.next_change():
        visited.append(view.current_pair())
    assert visited == [1, 2, 3, 4, 5]
    assert not view.next_change()
    assert view.previous_change()
    assert view.current_pair() == 4


def test_previous_change_stops_at_the_first_change(view: CompareView) -> None:
    view.go_to_pair(2)
    assert view.previous_change()
    assert view.current_pair() == 1
    assert not view.previous_change()


@pytest.mark.parametrize(
    ("side", "text", "struck", "underlined"),
    [
        (0, "fell 5%", True, False),  # a deleted word on the old side is struck through
        (1, "rose 7%", False, True),  # an inserted word on the new side is underlined
        (0, "competition", False, False),  # kept words carry no mark
    ],
)
def test_changed_words_are_marked(
    view: CompareView, side: int, text: str, struck: bool, underlined: bool
) -> None:
    char_format = _format_of(view.pane(side), text)
    assert char_format.fontStrikeOut() is struck
    assert char_format.fontUnderline() is underlined


def test_changed_figures_stand_out_from_changed_words(view: CompareView) -> None:
    figure = _format_of(view.pane(1), "3.1 billion")
    word = _format_of(view.pane(1), "rose 7%")
    assert figure.fontUnderline()
    assert figure.fontWeight() > word.fontWeight()
    assert figure.background().color() != word.background().color()


def test_category_headings_are_larger_than_factor_headings(view: CompareView) -> None:
    category = _format_of(view.pane(0), "Business Risks")
    heading = _format_of(view.pane(0), "Old zero unchanged")
    body = _format_of(view.pane(0), "The company faces")
    assert category.fontPointSize() > heading.fontPointSize() >= body.fontPointSize()
    assert heading.fontWeight() > body.fontWeight()


def test_a_missing_factor_is_shown_as_a_band(view: CompareView) -> None:
    bands = [band for band in view.pane(0).bands() if band.placeholder]
    assert len(bands) == 1  # the added factor
    added_top, added_bottom = view.pair_range(1, 2)
    assert bands[0].top <= added_top
    assert bands[0].bottom >= added_bottom


def test_dropping_a_file_on_a_pane_announces_it(view: CompareView, qtbot: QtBot) -> None:
    mime = QMimeData()
    path = str(Path("/tmp/annual-report.htm").resolve())
    mime.setUrls([QUrl.fromLocalFile(path)])
    viewport = view.pane(1).viewport()
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.file_dropped) as signal:
        QApplication.sendEvent(viewport, drop)
    assert signal.args == [1, path]


def test_dropping_text_is_refused(view: CompareView) -> None:
    mime = QMimeData()
    mime.setText("not a file")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.pane(0).viewport(), enter)
    assert not enter.isAccepted()


def test_find_searches_both_panes(view: CompareView) -> None:
    assert view.find("New two added")  # only in the new pane
    assert view.pane(1).textCursor().selectedText() == "New two added"
    assert view.find("Old six unchanged")
    assert not view.find("no such words anywhere")


def test_dark_theme_repaints_text_light_on_dark(view: CompareView) -> None:
    view.set_dark(True)
    body = _format_of(view.pane(0), "The company faces")
    assert body.foreground().color().lightness() > 180
    assert view.pane(0).palette().base().color().lightness() < 60
    assert _top(view.pane(0), "Old six") == pytest.approx(_top(view.pane(1), "Old six"), abs=2)


def test_clearing_the_comparison_empties_both_panes(view: CompareView) -> None:
    view.set_comparison(None)
    assert view.pane(0).document().isEmpty()
    assert view.pane(1).document().isEmpty()
    assert view.top_pair(0) == -1
    assert not view.next_change()


@pytest.fixture(scope="module")
def cocacola() -> Comparison:
    from core.align.pairing import align
    from core.pipeline import load_filing

    corpus = FIXTURES / "corpus"
    return align(
        load_filing(corpus / "cocacola_10-K_2023.html.gz"),
        load_filing(corpus / "cocacola_10-K_2024.html.gz"),
    )


def test_large_pair_scrolls_and_realigns_fast(cocacola: Comparison, qtbot: QtBot) -> None:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_comparison(cocacola)
    old_bar = widget.pane(0).verticalScrollBar()
    steps = range(0, old_bar.maximum(), max(1, old_bar.maximum() // 200))
    started = time.perf_counter()
    for value in steps:
        old_bar.setValue(value)
    per_step = (time.perf_counter() - started) / len(steps)
    assert per_step < 0.005

    widget.resize(1100, 900)
    QApplication.processEvents()
    started = time.perf_counter()
    widget.realign()
    assert time.perf_counter() - started < 0.5
    last = len(cocacola.pairs) - 1
    tops = (widget.pair_range(0, last)[0], widget.pair_range(1, last)[0])
    assert tops[0] == pytest.approx(tops[1], abs=2)


@pytest.fixture(scope="module")
def iij() -> Comparison:
    from core.align.pairing import align
    from core.pipeline import load_filing

    return align(
        load_filing(SAMPLES / "iij-20f-fy2008.txt"), load_filing(SAMPLES / "iij-20f-fy2009.txt")
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "In addition to factors related to general economic conditions",  # kept after a change
        "an increase in SG&A costs",  # kept after paragraphs of different lengths
    ],
)
def test_paragraphs_kept_in_common_start_level(
    iij: Comparison, qtbot: QtBot, paragraph: str
) -> None:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_comparison(iij)
    assert _top(widget.pane(0), paragraph) == pytest.approx(_top(widget.pane(1), paragraph), abs=2)


@pytest.mark.parametrize(("side", "count"), [(0, 7), (1, 8)])
def test_every_factor_is_numbered_beside_its_heading(
    view: CompareView, side: int, count: int
) -> None:
    numbers = view.pane(side).factor_numbers()
    assert sorted(int(number.label[1:]) for number in numbers) == list(range(1, count + 1))
    # "Moved from old #4" can be followed: #4 sits at the moved factor's heading on both sides.
    fourth = next(number for number in numbers if number.label == "#4")
    assert fourth.top == pytest.approx(_top(view.pane(side), "Old three moved"), abs=1)


@pytest.mark.parametrize("change", ["zoom", "dark", "resize"])
def test_the_reader_keeps_their_place(view: CompareView, qtbot: QtBot, change: str) -> None:
    view.go_to_pair(4)
    if change == "zoom":
        view.zoom(2)
    elif change == "dark":
        view.set_dark(True)
    else:
        view.resize(700, 600)
        qtbot.wait(20)
    assert view.top_pair(0) == 4
    assert view.top_pair(1) == 4
