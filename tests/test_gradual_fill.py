"""A large comparison shows its first screen at once and fills the panes in behind it, with the
window answering in between; it ends exactly as if the panes had been written at once, and
what a person does meanwhile (scroll, go to a pair, next change, find, zoom) still works."""

from __future__ import annotations

import dataclasses
import functools

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from pytestqt.qtbot import QtBot

from core.compare import compare_files
from core.diff.sides import NEW, OLD
from core.model import Comparison, Pair, Status
from gui.compare_view import CompareView
from gui.factor_tree_model import PAIR_ROLE, REVIEW_COLUMN, FactorTreeModel
from gui.main_window import MainWindow, Prepared
from gui.worker import ComparisonLoader
from tests.paths import FIXTURES
from tests.prepared import prepared_compare
from tests.shown import comparison_shown

pytestmark = pytest.mark.gui

CORPUS = FIXTURES / "corpus"
OLD_FILE = CORPUS / "cocacola_10-K_2023.html.gz"
NEW_FILE = CORPUS / "cocacola_10-K_2024.html.gz"
TIMEOUT = 60_000  # ms


@functools.cache
def _large() -> Comparison:
    return compare_files(str(OLD_FILE), str(NEW_FILE))


def _view(qtbot: QtBot) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def _at_once(qtbot: QtBot) -> CompareView:
    view = _view(qtbot)
    view.set_comparison(_large())
    assert not view.filling()
    return view


def _shown(view: CompareView) -> tuple[list[str], list[tuple[float, float]], list[int]]:
    """Each pane's text, where each pair is on each side, and the pairs with change ticks."""
    comparison = view.comparison()
    assert comparison is not None
    texts = [view.pane(side).document().toPlainText() for side in (OLD, NEW)]
    ranges = [view.pair_range(side, i) for side in (OLD, NEW) for i in range(len(comparison.pairs))]
    ticks = [tick.pair for side in (OLD, NEW) for tick in view.pane(side).change_map().ticks()]
    return texts, ranges, ticks


def _filled(qtbot: QtBot, view: CompareView) -> None:
    qtbot.waitUntil(lambda: not view.filling(), timeout=TIMEOUT)


def test_the_first_screen_shows_at_once_and_the_rest_fills_in_between_events(
    qtbot: QtBot,
) -> None:
    comparison = _large()
    at_once = _at_once(qtbot)
    view = _view(qtbot)
    seen_while_filling: list[bool] = []
    ticker = QTimer(view)
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: seen_while_filling.append(view.filling()))
    ticker.start()
    with qtbot.waitSignal(view.filled, timeout=TIMEOUT):
        view.set_comparison(comparison, gradual=True)
        assert view.filling()
        # Both panes show their beginning: the first factor's heading on each side.
        for side, filing in ((OLD, comparison.old), (NEW, comparison.new)):
            first_screen = view.pane(side).document().toPlainText()
            assert filing.factors[0].heading in first_screen
            assert len(first_screen) < len(at_once.pane(side).document().toPlainText())
    ticker.stop()
    assert True in seen_while_filling  # the event loop ran while the panes filled
    assert not view.filling()
    assert _shown(view) == _shown(at_once)
    changed = {i for i, pair in enumerate(comparison.pairs) if pair.status is not Status.UNCHANGED}
    assert set(_shown(view)[2]) == changed


def test_scrolling_while_the_panes_fill_keeps_them_together(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.set_comparison(_large(), gradual=True)
    new_bar, old_bar = view.pane(NEW).verticalScrollBar(), view.pane(OLD).verticalScrollBar()
    reached = []
    while view.filling():
        new_bar.setValue(new_bar.maximum())  # as far down as what is written goes
        reached.append(new_bar.value())
        assert view.pair_at(OLD, old_bar.pageStep() / 2) >= view.top_pair(NEW) - 1
        qtbot.wait(1)
    assert reached[-1] > reached[0]  # the document grew as the reader scrolled down it
    new_bar.setValue(new_bar.maximum() // 2)
    assert abs(view.top_pair(OLD) - view.top_pair(NEW)) <= 1


def test_going_to_a_pair_not_written_yet_waits_for_it(qtbot: QtBot) -> None:
    comparison = _large()
    view = _view(qtbot)
    view.set_comparison(comparison, gradual=True)
    assert view.filling()
    last = len(comparison.pairs) - 1
    view.go_to_pair(last)
    _filled(qtbot, view)
    assert view.current_pair() == last
    assert view.top_pair(OLD) == view.top_pair(NEW)
    assert view.top_pair(OLD) >= last - 1  # the last pairs may not fill a whole screen


def test_next_change_while_filling_reaches_the_changes_written_later(qtbot: QtBot) -> None:
    comparison = _large()
    at_once = _at_once(qtbot)
    expected = []
    while at_once.next_change():
        expected.append(at_once.current_pair())
    view = _view(qtbot)
    view.set_comparison(comparison, gradual=True)
    assert view.filling()
    for _ in expected:
        view.next_change()
    # Each step happened at once when its change was written, else once the panes filled.
    _filled(qtbot, view)
    assert view.current_pair() == expected[-1]
    assert view.top_pair(OLD) == view.top_pair(NEW)
    assert not view.next_change()


def test_find_while_filling_counts_and_reaches_the_whole_comparison(qtbot: QtBot) -> None:
    comparison = _large()
    at_once = _at_once(qtbot)
    word = "pandemic"
    whole = at_once.set_find_text(word)
    assert whole.total > 1
    view = _view(qtbot)
    view.set_comparison(comparison, gradual=True)
    view.find(word)
    _filled(qtbot, view)
    result = view.find_result()
    assert (result.total, result.per_side, result.current) == (whole.total, whole.per_side, 1)
    selected = [view.pane(side).textCursor().selectedText().casefold() for side in (OLD, NEW)]
    assert word in selected


def test_zooming_while_filling_ends_level_and_whole(qtbot: QtBot) -> None:
    at_once = _at_once(qtbot)
    at_once.zoom(2)
    view = _view(qtbot)
    view.set_comparison(_large(), gradual=True)
    view.zoom(2)
    _filled(qtbot, view)
    assert _shown(view) == _shown(at_once)


def test_the_window_fills_a_loaded_comparison_from_what_its_loader_prepared(
    qtbot: QtBot,
) -> None:
    window = MainWindow(loader=ComparisonLoader(compare=prepared_compare))
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    with comparison_shown(qtbot, window, timeout=TIMEOUT):
        window.compare(OLD_FILE, NEW_FILE)
    comparison = window.comparison()
    assert comparison is not None
    assert window.loader.prepared(comparison) is not None  # marks and figures came with it
    at_once = _view(qtbot)
    at_once.resize(window.view.size())
    at_once.set_comparison(comparison)
    assert [window.view.pane(side).document().toPlainText() for side in (OLD, NEW)] == [
        at_once.pane(side).document().toPlainText() for side in (OLD, NEW)
    ]
    assert len(window.view.pane(NEW).change_map().ticks()) == sum(
        pair.status is not Status.UNCHANGED for pair in comparison.pairs
    )
    # The factor list was filled from the rows the loader worked out: it lists what a list
    # working them out itself lists, cell by cell, tooltips too (the review column aside:
    # the window's review has begun).
    assert isinstance(window.loader.prepared(comparison), Prepared)
    listed = FactorTreeModel()
    listed.set_comparison(comparison)
    assert _cells(window.tree.model) == _cells(listed)


def _cells(model: FactorTreeModel) -> list[tuple[object, ...]]:
    """Every cell's text, tooltip and pair, row by row down the tree, but the review's."""
    cells: list[tuple[object, ...]] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(REVIEW_COLUMN):
                index = model.index(row, column, parent)
                roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, PAIR_ROLE)
                cells.append(tuple(index.data(role) for role in roles))
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    return cells


def test_the_panes_keep_their_shaped_text_for_scrolling(qtbot: QtBot) -> None:
    # Each block keeps its lines shaped once laid out: a scroll step repaints what is on
    # screen without shaping its text again, written at once or gradually.
    view = _view(qtbot)
    view.set_comparison(_large(), gradual=True)
    _filled(qtbot, view)
    for shown in (view, _at_once(qtbot)):
        for side in (OLD, NEW):
            block = shown.pane(side).document().begin()
            while block.isValid():
                assert block.layout().cacheEnabled(), block.text()
                block = block.next()


def test_what_a_printout_folds_is_known_while_the_panes_fill(qtbot: QtBot) -> None:
    at_once = _at_once(qtbot)
    at_once.set_only_changes(True)
    view = _view(qtbot)
    view.set_only_changes(True)
    view.set_comparison(_large(), gradual=True)
    assert view.filling()
    # A printout of changes only, asked for now, folds the same pairs the whole panes will.
    assert view.fold_notes() == at_once.fold_notes()
    assert view.fold_notes()  # the Coca-Cola pair has unchanged factors to fold
    _filled(qtbot, view)
    assert _shown(view) == _shown(at_once)


def _looks(view: CompareView) -> list[list[tuple[object, ...]]]:
    """Each pane block by block: its text, top margin (fillers too) and the colours of its
    runs of text."""
    panes = []
    for side in (OLD, NEW):
        blocks: list[tuple[object, ...]] = []
        block = view.pane(side).document().begin()
        while block.isValid():
            runs = []
            fragment = block.begin()
            while not fragment.atEnd():
                piece = fragment.fragment()
                char_format = piece.charFormat()
                colours = (char_format.background().color().name(), char_format.foreground())
                runs.append((piece.text(), colours[0], colours[1].color().name()))
                fragment += 1
            blocks.append((block.text(), round(block.blockFormat().topMargin()), runs))
            block = block.next()
        panes.append(blocks)
    return panes


def _corrected(comparison: Comparison, middle: int, *, unpaired: bool) -> Comparison:
    """`comparison` with its pair `middle` marked as set by the reviewer, or unpaired (its
    old factor removed, its new one added, each a placeholder facing the other's text)."""
    pair = comparison.pairs[middle]
    changed: tuple[Pair, ...] = (dataclasses.replace(pair, corrected=True),)
    if unpaired:
        changed = (
            Pair(pair.old, None, Status.REMOVED, corrected=True),
            Pair(None, pair.new, Status.ADDED, corrected=True),
        )
    pairs = (*comparison.pairs[:middle], *changed, *comparison.pairs[middle + 1 :])
    return dataclasses.replace(comparison, pairs=pairs)


@pytest.mark.parametrize("unpaired", [False, True])
@pytest.mark.parametrize("gradual", [False, True])
def test_a_new_comparison_keeps_the_pairs_that_look_alike_and_ends_as_if_written_anew(
    qtbot: QtBot, gradual: bool, unpaired: bool
) -> None:
    # A reviewer's correction changes a pair halfway down: the panes keep the blocks of the
    # pairs before it and write the rest, and end exactly as panes written anew would.
    comparison = _large()
    middle = next(
        index
        for index in range(len(comparison.pairs) // 2, len(comparison.pairs))
        if comparison.pairs[index].status is Status.MODIFIED
    )
    corrected = _corrected(comparison, middle, unpaired=unpaired)
    view = _at_once(qtbot)
    documents = [view.pane(side).document() for side in (OLD, NEW)]
    kept_text = [document.findBlockByNumber(1).text() for document in documents]
    view.set_comparison(corrected, gradual=gradual, place=(middle, 0.0))
    _filled(qtbot, view)
    assert [view.pane(side).document() for side in (OLD, NEW)] == documents  # kept, not new
    assert [document.findBlockByNumber(1).text() for document in documents] == kept_text
    anew = _view(qtbot)
    anew.set_comparison(corrected)
    assert _shown(view) == _shown(anew)
    assert _looks(view) == _looks(anew)
    assert "set by the reviewer" in view.pane(NEW).document().toPlainText()
    # Back to the comparison before: the same again.
    view.set_comparison(comparison)
    assert _shown(view) == _shown(_at_once(qtbot))
    assert _looks(view) == _looks(_at_once(qtbot))


def test_a_comparison_of_other_filings_keeps_no_block_of_the_one_shown(qtbot: QtBot) -> None:
    # The same pairs in another company's filing: each pane opens with its filing's title,
    # company and year, so nothing is kept from the comparison shown before.
    comparison = _large()
    other = dataclasses.replace(
        comparison, new=dataclasses.replace(comparison.new, company="Other Beverages Inc")
    )
    view = _at_once(qtbot)
    view.set_comparison(other)
    anew = _view(qtbot)
    anew.set_comparison(other)
    assert _looks(view) == _looks(anew)
    assert "Other Beverages Inc" in view.pane(NEW).document().findBlockByNumber(1).text()
