"""The view options a reader switches while reading: diff options that stop marking case,
punctuation or number changes, and "only changes", which folds unchanged pairs up in both
panes. Both re-render in place, keep pairs level and navigation working, and persist."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from core.diff.options import EXACT, DiffOptions
from core.diff.pair import PairDiff, comparison_diffs
from core.model import Comparison, Factor, Filing, Pair, Similarity, Status, Summary
from gui.actions import DIFF_OPTION_ACTIONS
from gui.compare_view import CompareView
from gui.factor_tree_model import CHANGED_COLUMN, PAIR_ROLE, SORT_ROLE
from gui.main_window import MainWindow
from gui.pane import Pane
from gui.print_document import PrintDocument, build_print_document
from gui.settings import Settings
from gui.worker import ComparisonLoader
from tests.built_comparison import make_comparison
from tests.paths import SAMPLES
from tests.prepared import prepared_compare
from tests.shown import comparison_shown

pytestmark = pytest.mark.gui

CASE = DiffOptions(ignore_case=True)
NUMBERS = DiffOptions(ignore_numbers=True)
PUNCTUATION = DiffOptions(ignore_punctuation=True)


def _filing(year: int, *factors: Factor) -> Filing:
    return Filing(f"{year}.htm", "Example Corp", "10-K", year, "Item 1A. Risk Factors", factors)


def _comparison(old: tuple[Factor, ...], new: tuple[Factor, ...]) -> Comparison:
    pairs = tuple(Pair(index, index, Status.MODIFIED, 0.9) for index in range(len(old)))
    summary = Summary({Status.MODIFIED: len(pairs)}, Similarity(0.9, 0.9, 0.9))
    return Comparison(_filing(2008, *old), _filing(2009, *new), pairs, summary)


# One pair per option: (old heading, old body) -> (new heading, new body).
RECASED = (
    Factor("Risks Related to Our Business", ("Our revenue may decline.",)),
    Factor("RISKS RELATED TO OUR BUSINESS", ("OUR REVENUE MAY DECLINE.",)),
)
ROLLED = (
    Factor("Liquidity", ("As of March 31, 2008, we held ¥2.2 billion in cash.",)),
    Factor("Liquidity", ("As of March 31, 2009, we held ¥3.1 billion in cash.",)),
)
REPUNCTUATED = (
    Factor("Competition", ("However we may lose customers; rivals are larger.",)),
    Factor("Competition", ("However, we may lose customers, rivals are larger",)),
)


def _marked(document: QTextDocument) -> list[str]:
    """The runs of `document` drawn as deleted (struck) or inserted (underlined)."""
    runs = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format = fragment.charFormat()
            if char_format.fontStrikeOut() or char_format.fontUnderline():
                runs.append(fragment.text())
            iterator += 1
        block = block.next()
    return runs


def _view(qtbot: QtBot, comparison: Comparison) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_comparison(comparison)
    QApplication.processEvents()
    return view


@pytest.mark.parametrize(
    ("factors", "options", "hidden"),
    [
        (RECASED, CASE, ["RISKS", "REVENUE"]),
        (ROLLED, NUMBERS, ["2009", "3.1"]),
        (REPUNCTUATED, PUNCTUATION, [","]),
    ],
)
def test_an_ignored_difference_is_not_marked_and_returns_when_switched_off(
    qtbot: QtBot, factors: tuple[Factor, Factor], options: DiffOptions, hidden: list[str]
) -> None:
    view = _view(qtbot, _comparison((factors[0],), (factors[1],)))
    new_marks = _marked(view.pane(1).document())
    assert all(any(word in run for run in new_marks) for word in hidden)
    assert _marked(view.pane(0).document())  # deletions on the old side too

    view.set_diff_options(options)
    assert _marked(view.pane(0).document()) == []
    assert _marked(view.pane(1).document()) == []
    assert view.diff_options() == options

    view.set_diff_options(EXACT)
    assert _marked(view.pane(1).document()) == new_marks


def test_a_real_change_stays_marked_beside_ignored_ones(qtbot: QtBot) -> None:
    old = Factor("Liquidity", ("As of March 31, 2008, we held ¥2.2 billion in cash.",))
    new = Factor("Liquidity", ("As of March 31, 2009, we borrowed ¥3.1 billion in cash.",))
    view = _view(qtbot, _comparison((old,), (new,)))
    view.set_diff_options(NUMBERS)
    assert _marked(view.pane(0).document()) == ["held"]
    assert _marked(view.pane(1).document()) == ["borrowed"]


# Only changes ---------------------------------------------------------------------------------

UNCHANGED = [0, 6, 7]  # the unchanged pairs of built_comparison.make_comparison


@pytest.fixture
def view(qtbot: QtBot) -> CompareView:
    return _view(qtbot, make_comparison())


def _pair_text(pane: Pane, view: CompareView, side: int, index: int) -> str:
    """The text of the blocks that pair `index` occupies in pane `side`."""
    top, bottom = view.pair_range(side, index)
    layout = pane.document().documentLayout()
    texts = []
    block = pane.document().begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if top - 1 <= rect.top() and rect.bottom() <= bottom + 1:
            texts.append(block.text())
        block = block.next()
    return "\n".join(texts)


def test_only_changes_folds_unchanged_pairs_in_both_panes(view: CompareView) -> None:
    long_before = view.pair_range(0, 7)[1] - view.pair_range(0, 7)[0]
    view.set_only_changes(True)
    assert view.only_changes()
    for side in (0, 1):
        pane = view.pane(side)
        for index in UNCHANGED:
            text = _pair_text(pane, view, side, index)
            assert "The company faces" not in text and "Competition is intense" not in text
            assert "Unchanged — " in text
        assert "Unchanged — 120 words" in _pair_text(pane, view, side, 7)  # 12 x 10 words
        # Changed pairs keep their text.
        assert "The company faces" in _pair_text(pane, view, side, 4)
    assert view.pair_range(0, 7)[1] - view.pair_range(0, 7)[0] < long_before / 3

    view.set_only_changes(False)
    assert "The company faces" in _pair_text(view.pane(0), view, 0, 7)
    assert "Unchanged — " not in view.pane(0).document().toPlainText()


def test_folded_pairs_stay_level_and_navigable(view: CompareView) -> None:
    view.set_only_changes(True)
    for index in range(len(make_comparison().pairs)):
        assert view.pair_range(0, index)[0] == pytest.approx(view.pair_range(1, index)[0], abs=2)
    view.resize(1000, 300)  # short enough that the last pairs need scrolling
    QApplication.processEvents()
    for index in (0, 2, 3, 5):
        view.go_to_pair(index)
        assert view.top_pair(0) == view.top_pair(1) == index
    view.go_to_pair(0)
    visited = []
    while view.next_change():
        visited.append(view.current_pair())
    assert visited == [1, 2, 3, 4, 5]


def test_folding_keeps_the_pair_at_the_top(view: CompareView) -> None:
    view.resize(1000, 300)
    QApplication.processEvents()
    view.go_to_pair(5)
    view.set_only_changes(True)
    assert view.top_pair(0) == view.top_pair(1) == 5
    view.set_diff_options(CASE)
    assert view.top_pair(0) == 5
    view.set_only_changes(False)
    assert view.top_pair(0) == view.top_pair(1) == 5


@pytest.mark.parametrize("change", ["only_changes", "diff_options", "zoom"])
def test_re_rendering_keeps_the_current_pair(view: CompareView, qtbot: QtBot, change: str) -> None:
    """The tree follows the current pair; re-rendering must not announce another one."""
    view.resize(1000, 300)
    QApplication.processEvents()
    view.go_to_pair(5)
    announced: list[int] = []
    view.current_pair_changed.connect(announced.append)
    if change == "only_changes":
        view.set_only_changes(True)
    elif change == "diff_options":
        view.set_diff_options(CASE)
    else:
        view.zoom(2)
    assert view.current_pair() == 5
    assert announced == []


def test_a_pair_changed_only_in_ignored_ways_folds_and_is_skipped(qtbot: QtBot) -> None:
    old = (ROLLED[0], REPUNCTUATED[0], RECASED[0])
    new = (
        Factor("Liquidity", ("As of March 31, 2009, we borrowed ¥3.1 billion in cash.",)),
        REPUNCTUATED[1],
        Factor("Risks Related to Our Business", ("Our revenue may rise.",)),
    )
    view = _view(qtbot, _comparison(old, new))
    view.set_only_changes(True)
    assert "Unchanged" not in view.pane(0).document().toPlainText()  # nothing is unchanged yet
    view.go_to_pair(0)
    assert view.next_change() and view.current_pair() == 1

    view.set_diff_options(PUNCTUATION)
    assert "Unchanged but for punctuation — 8 words" in _pair_text(view.pane(0), view, 0, 1)
    assert "However" not in view.pane(1).document().toPlainText()
    assert view.pair_range(0, 2)[0] == pytest.approx(view.pair_range(1, 2)[0], abs=2)
    view.go_to_pair(0)
    assert view.next_change() and view.current_pair() == 2  # the folded pair is skipped
    assert view.previous_change() and view.current_pair() == 0


# The window: menu items, persistence, printing -------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    # Each pair of files is compared once a run (tests.prepared): loading is not tested here.
    shown = MainWindow(loader=ComparisonLoader(compare=prepared_compare))
    qtbot.addWidget(shown, before_close_func=lambda w: w.loader.wait(10_000))
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    with comparison_shown(qtbot, shown, timeout=30_000):
        shown.compare(SAMPLES / "iij-20f-fy2008.txt", SAMPLES / "iij-20f-fy2009.txt")
    yield shown


def test_view_menu_options_reach_the_panes_and_persist(qtbot: QtBot, window: MainWindow) -> None:
    view_menu = window.menus["View"]
    names = [action.objectName() for action in view_menu.actions()]
    assert {"ignore_case", "ignore_punctuation", "ignore_numbers", "only_changes"} <= set(names)
    marked_before = len(_marked(window.view.pane(1).document()))

    window.actions_by_id["ignore_numbers"].trigger()
    assert window.view.diff_options() == NUMBERS
    qtbot.waitUntil(lambda: not window.view.filling())  # the panes fill in behind the screen
    assert len(_marked(window.view.pane(1).document())) < marked_before
    sequence = window.actions_by_id["ignore_case"].shortcuts()[0][0]
    window.activateWindow()
    window.view.pane(0).setFocus()
    qtbot.keyClick(window.view.pane(0), sequence.key(), sequence.keyboardModifiers())
    assert window.view.diff_options() == DiffOptions(ignore_case=True, ignore_numbers=True)
    window.actions_by_id["only_changes"].trigger()
    assert window.view.only_changes() and window.tree.filter.only_changes()
    qtbot.waitUntil(lambda: not window.view.filling())
    assert "Unchanged — " in window.view.pane(0).document().toPlainText()

    window.close()
    assert Settings().diff_options == DiffOptions(ignore_case=True, ignore_numbers=True)
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.actions_by_id["ignore_case"].isChecked()
    assert again.actions_by_id["ignore_numbers"].isChecked()
    assert not again.actions_by_id["ignore_punctuation"].isChecked()
    assert again.view.diff_options() == DiffOptions(ignore_case=True, ignore_numbers=True)
    assert again.view.only_changes()


def test_the_pdf_is_marked_with_the_panes_options(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[DiffOptions] = []

    def recording_diffs(comparison: Comparison, *, options: DiffOptions) -> tuple[PairDiff, ...]:
        used.append(options)
        return comparison_diffs(comparison, options=options)

    printed: list[str] = []

    def recording_document(*args: Any, **kwargs: Any) -> PrintDocument:
        printout = build_print_document(*args, **kwargs)
        printed.append(printout.document.toPlainText())
        return printout

    monkeypatch.setattr("gui.printing.comparison_diffs", recording_diffs)
    monkeypatch.setattr("gui.printing.build_print_document", recording_document)
    target = tmp_path / "redline.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    window.actions_by_id["ignore_numbers"].trigger()
    window.actions_by_id["export_pdf"].trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert used[-1] == DiffOptions(ignore_numbers=True)
    assert "Changes in numbers are not marked." in printed[-1]  # the legend says so


def _shares(window: MainWindow) -> list[float]:
    comparison = window.comparison()
    assert comparison is not None
    model = window.tree.model
    return [
        model.index_of_pair(index).siblingAtColumn(CHANGED_COLUMN).data(SORT_ROLE)
        for index in range(len(comparison.pairs))
    ]


def test_the_tree_counts_changed_words_as_the_panes_mark_them(window: MainWindow) -> None:
    exact = _shares(window)
    window.view.go_to_pair(5)
    window.actions_by_id["ignore_numbers"].trigger()
    lenient = _shares(window)
    assert all(after <= before for before, after in zip(exact, lenient, strict=True))
    assert any(after < before for before, after in zip(exact, lenient, strict=True))
    assert window.tree.view.currentIndex().data(PAIR_ROLE) == 5
    window.actions_by_id["ignore_numbers"].trigger()
    assert _shares(window) == exact


def test_find_says_when_the_text_may_be_folded_away(qtbot: QtBot, window: MainWindow) -> None:
    phrase = "We keep and manage confidential information"  # an unchanged factor's body
    window.actions_by_id["find"].trigger()
    qtbot.keyClicks(window.find_bar.text_box, phrase)
    window.find_next()
    selected = [window.view.pane(side).textCursor().selectedText() for side in (0, 1)]
    assert phrase in selected
    window.actions_by_id["only_changes"].trigger()
    window.find_next()  # waits for the panes to fill in, if they still do
    qtbot.waitUntil(lambda: not window.view.filling())
    assert window.find_bar.status_text() == "Not found"
    assert "Only Changes" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    "options",
    [EXACT, CASE, DiffOptions(ignore_case=True, ignore_punctuation=True, ignore_numbers=True)],
)
def test_diff_options_round_trip_through_settings(options: DiffOptions) -> None:
    Settings().diff_options = options
    stored = Settings()
    stored.sync()
    assert Settings().diff_options == options


def test_no_shortcut_is_used_twice(window: MainWindow) -> None:
    keys = [
        sequence.toString()
        for action in window.actions_by_id.values()
        for sequence in action.shortcuts()
    ]
    assert len(keys) == len(set(keys)), sorted(keys)
    assert window.actions_by_id["ignore_case"].isCheckable()


def test_each_ignore_menu_item_is_named_after_the_option_it_sets() -> None:
    # The window builds DiffOptions(**{action id: checked}) from these menu items.
    assert set(DIFF_OPTION_ACTIONS) == {option.name for option in fields(DiffOptions)}
