"""The factor tree model and its filter, on comparisons built by hand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from core.diff.options import EXACT, DiffOptions
from core.diff.words import changed_words, word_diff
from core.model import Comparison, Factor, Filing, Pair, Similarity, Status, Summary
from core.report.change_share import share_text, signs_only
from core.report.labels import changed_share
from gui.factor_filter import FactorFilter
from gui.factor_tree import FactorTree
from gui.factor_tree_model import (
    CHANGED_COLUMN,
    FACTOR_COLUMN,
    PAIR_ROLE,
    SORT_ROLE,
    STATUS_COLUMN,
    FactorTreeModel,
)

MARKETS = ("Risks Related to Our Markets",)
LEGAL = ("Legal and Regulatory", "Privacy")


def factor(heading: str, body: str = "Body text of the factor.", category=()) -> Factor:
    return Factor(heading=heading, paragraphs=(body,), category=category)


def make_comparison() -> Comparison:
    old = (
        factor("Demand may fall", "Demand for our services may fall sharply.", MARKETS),
        factor("Competition is intense", "We compete with many firms.", MARKETS),
        factor("Old privacy rule", "A rule applies to us.", LEGAL),
        factor("Currency risk", "The yen may rise.", ()),
    )
    new = (
        factor("Demand may fall", "Demand for our services may fall sharply.", MARKETS),
        factor("Competition is fierce", "We compete with many large firms.", MARKETS),
        factor("Cyber attacks", "Attackers may breach our systems.", LEGAL),
        factor("Privacy rules tighten", "New rules apply to us.", LEGAL),
    )
    pairs = (
        Pair(0, 0, Status.UNCHANGED, 1.0, 1.0),
        Pair(1, 1, Status.MODIFIED, 0.8, 0.7, words_added=2, words_removed=1),
        Pair(None, 2, Status.ADDED),
        Pair(2, 3, Status.MODIFIED, 0.5, 0.4, words_added=4, words_removed=3),
        Pair(3, None, Status.REMOVED),
    )
    counts = {status: sum(p.status is status for p in pairs) for status in Status}
    return Comparison(
        old=Filing("old.txt", "Example Corp", "10-K", 2022, "Item 1A", old),
        new=Filing("new.txt", "Example Corp", "10-K", 2023, "Item 1A", new),
        pairs=pairs,
        summary=Summary(counts, Similarity(0.9, 0.8, 0.85)),
    )


def rows(model: FactorTreeModel, parent: QModelIndex | None = None) -> list[tuple[str, list]]:
    """(text of column 0, children) for every row under parent."""
    parent = QModelIndex() if parent is None else parent
    return [
        (model.index(r, 0, parent).data(), rows(model, model.index(r, 0, parent)))
        for r in range(model.rowCount(parent))
    ]


@pytest.mark.gui
def test_model_passes_qt_model_tester(qapp: QApplication, qtmodeltester: ModelTester) -> None:
    model = FactorTreeModel()
    model.set_comparison(make_comparison())
    qtmodeltester.check(model, force_py=True)
    model.set_comparison(None)  # resets with the tester watching
    model.set_comparison(make_comparison())


@pytest.mark.gui
def test_filter_passes_qt_model_tester(qapp: QApplication, qtmodeltester: ModelTester) -> None:
    model = FactorTreeModel()
    model.set_comparison(make_comparison())
    shown = FactorFilter()
    shown.setSourceModel(model)
    qtmodeltester.check(shown, force_py=True)
    shown.set_only_changes(True)
    shown.set_search("privacy")
    shown.set_search("")
    model.set_comparison(None)


@pytest.mark.gui
def test_categories_are_parents_in_reading_order(qapp: QApplication) -> None:
    model = FactorTreeModel()
    model.set_comparison(make_comparison())
    assert rows(model) == [
        (
            MARKETS[0],
            [("Demand may fall", []), ("Competition is fierce", [])],
        ),
        (
            "Legal and Regulatory",
            [("Privacy", [("Cyber attacks", []), ("Privacy rules tighten", [])])],
        ),
        ("Currency risk", []),  # a removed factor without category sits at the top level
    ]


@pytest.mark.gui
def test_pair_rows_show_status_badge_word_and_share(qapp: QApplication) -> None:
    model = FactorTreeModel()
    model.set_comparison(make_comparison())
    added = model.index_of_pair(2)
    assert added.data(PAIR_ROLE) == 2
    assert not added.data(Qt.ItemDataRole.DecorationRole).isNull()  # the badge icon
    assert added.siblingAtColumn(STATUS_COLUMN).data() == "Added"
    assert added.siblingAtColumn(CHANGED_COLUMN).data() == "100%"
    unchanged = model.index_of_pair(0)
    assert unchanged.siblingAtColumn(STATUS_COLUMN).data() == "Unchanged"
    assert unchanged.siblingAtColumn(CHANGED_COLUMN).data() == "0%"
    assert model.index_of_pair(99) == QModelIndex()


@pytest.mark.parametrize(
    ("pair", "share"),
    [
        (Pair(None, 0, Status.ADDED), 1.0),  # wholly new
        (Pair(0, None, Status.REMOVED), 1.0),  # wholly gone
        (Pair(0, 0, Status.UNCHANGED), 0.0),
        # "Demand may fall" + 7 body words on each side = 20 words; 3 changed
        (Pair(0, 0, Status.MODIFIED, words_added=2, words_removed=1), 3 / 20),
        (Pair(0, 0, Status.MODIFIED, words_added=50, words_removed=50), 1.0),  # capped
    ],
)
def test_changed_share(pair: Pair, share: float) -> None:
    assert changed_share(make_comparison(), pair) == pytest.approx(share)


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.0, "0%"),  # unchanged
        (0.001, "<1%"),  # a one-word edit in a long factor is still a change
        (0.009, "<1%"),
        (0.01, "1%"),
        (0.123, "12%"),
        (1.0, "100%"),
    ],
)
def test_share_text(share: float, text: str) -> None:
    assert share_text(share) == text


@pytest.mark.gui
@pytest.mark.parametrize(
    ("only_changes", "search", "shown"),
    [
        (False, "", [0, 1, 2, 3, 4]),  # everything
        (True, "", [1, 2, 3, 4]),  # the unchanged pair is hidden
        (False, "privacy", [2, 3]),  # matches the category "Privacy" of both pairs under it
        (False, "COMPETITION", [1]),  # case does not matter
        (False, "old privacy", [3]),  # the old heading counts too
        (True, "demand", []),  # the only match is unchanged
        (False, "no such factor", []),
    ],
)
def test_filter_shows_matching_pairs(
    qtbot: QtBot, only_changes: bool, search: str, shown: list[int]
) -> None:
    tree = FactorTree()
    qtbot.addWidget(tree)
    tree.set_comparison(make_comparison())
    tree.set_only_changes(only_changes)
    tree.search_box.setText(search)  # typed by the person
    assert tree.visible_pairs() == shown


@pytest.mark.gui
def test_empty_category_rows_are_hidden_by_the_filter(qtbot: QtBot) -> None:
    tree = FactorTree()
    qtbot.addWidget(tree)
    tree.set_comparison(make_comparison())
    tree.set_search("competition")
    top = [tree.filter.index(r, FACTOR_COLUMN).data() for r in range(tree.filter.rowCount())]
    assert top == [MARKETS[0]]


@pytest.mark.gui
def test_choosing_a_row_reports_the_pair_and_following_does_not(qtbot: QtBot) -> None:
    tree = FactorTree()
    qtbot.addWidget(tree)
    tree.set_comparison(make_comparison())
    with qtbot.waitSignal(tree.pair_activated) as chosen:
        tree.select_pair(3)
    assert chosen.args == [3]
    with qtbot.assertNotEmitted(tree.pair_activated):
        tree.follow_pair(1)
    assert tree.current_pair() == 1


@pytest.mark.gui
def test_choosing_a_category_goes_to_its_first_pair(qtbot: QtBot) -> None:
    tree = FactorTree()
    qtbot.addWidget(tree)
    tree.set_comparison(make_comparison())
    legal = tree.filter.index(1, 0)
    with qtbot.waitSignal(tree.pair_activated) as chosen:
        tree.view.setCurrentIndex(legal)
    assert chosen.args == [2]


@pytest.mark.gui
def test_keyboard_moves_through_rows(qtbot: QtBot) -> None:
    tree = FactorTree()
    qtbot.addWidget(tree)
    tree.show()
    tree.set_comparison(make_comparison())
    tree.select_pair(0)
    tree.view.setFocus()
    with qtbot.waitSignal(tree.pair_activated) as chosen:
        qtbot.keyClick(tree.view, Qt.Key.Key_Down)
    assert chosen.args == [1]


@pytest.mark.gui
def test_choosing_the_current_row_again_reports_it_again(qtbot: QtBot) -> None:
    tree = FactorTree()
    qtbot.addWidget(tree)
    tree.set_comparison(make_comparison())
    tree.follow_pair(3)  # the panes scrolled into pair 3; the person picks it in the tree
    with qtbot.waitSignal(tree.pair_activated) as chosen:
        tree.select_pair(3)
    assert chosen.args == [3]


CATEGORY_PATHS = st.sampled_from([(), ("Markets",), ("Legal",), ("Legal", "Privacy"), ("Tax",)])


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    """Random comparisons: each pair has one new factor (or one old for a removal)."""
    statuses = draw(st.lists(st.sampled_from(list(Status)), min_size=0, max_size=25))
    old: list[Factor] = []
    new: list[Factor] = []
    pairs: list[Pair] = []
    for number, status in enumerate(statuses):
        made = factor(f"Factor {number} heading", category=draw(CATEGORY_PATHS))
        if status is Status.REMOVED:
            pairs.append(Pair(len(old), None, status))
            old.append(made)
        else:
            pairs.append(Pair(None, len(new), status))
            new.append(made)
    counts = {status: statuses.count(status) for status in Status}
    return Comparison(
        old=Filing("o", "C", "10-K", 2022, "Item 1A", tuple(old)),
        new=Filing("n", "C", "10-K", 2023, "Item 1A", tuple(new)),
        pairs=tuple(pairs),
        summary=Summary(counts, Similarity(1.0, 1.0, 1.0)),
    )


def listed_text(comparison: Comparison, pair: Pair) -> str:
    """What the search box is matched against for a pair: its heading and categories."""
    (chosen,) = [comparison.new.factors[i] for i in pair.new_indexes] or [
        comparison.old.factors[i] for i in pair.old_indexes
    ]
    return " ".join([chosen.heading, *chosen.category]).casefold()


@pytest.mark.gui
# No deadline: a machine shared by many jobs takes a quarter second now and then (no timed
# assertions in tests).
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    comparison=comparisons(),
    only_changes=st.booleans(),
    search=st.sampled_from(["", "1", "legal"]),
)
def test_every_pair_listed_once_in_order_and_filters_agree(
    qapp: QApplication, comparison: Comparison, only_changes: bool, search: str
) -> None:
    tree = FactorTree()
    tree.set_comparison(comparison)
    assert tree.visible_pairs() == list(range(len(comparison.pairs)))
    tree.set_only_changes(only_changes)
    tree.set_search(search)
    expected = [
        index
        for index, pair in enumerate(comparison.pairs)
        if not (only_changes and pair.status is Status.UNCHANGED)
        and search in listed_text(comparison, pair)
    ]
    assert tree.visible_pairs() == expected
    tree.deleteLater()


PUNCTUATION = DiffOptions(ignore_punctuation=True)
CASE = DiffOptions(ignore_case=True)
NUMBERS = DiffOptions(ignore_numbers=True)
BODY = "Revenue fell 5% in 2008 - as expected - because demand (in Japan) was weak."


def _one_pair(old_body: str, new_body: str, options: DiffOptions) -> Comparison:
    """One modified pair, its changed words counted under `options` as the window does."""
    old = (factor("Demand may fall", old_body),)
    new = (factor("Demand may fall", new_body),)
    added, removed = changed_words(word_diff(old_body, new_body, options=options))
    pair = Pair(0, 0, Status.MODIFIED, words_added=added, words_removed=removed)
    return Comparison(
        Filing("old.txt", "Example Corp", "10-K", 2022, "Item 1A", old),
        Filing("new.txt", "Example Corp", "10-K", 2023, "Item 1A", new),
        (pair,),
        Summary({Status.MODIFIED: 1}, Similarity(1.0, 1.0, 1.0)),
    )


@pytest.mark.gui
@pytest.mark.parametrize(
    ("new_body", "options", "shown"),
    [
        # brackets added around words: no word changed, yet the panes mark the brackets
        (BODY.replace("in 2008", "(in 2008)"), EXACT, "punct."),
        # ... unless punctuation is ignored: then nothing changed, as nothing is marked
        (BODY.replace("in 2008", "(in 2008)"), PUNCTUATION, "0%"),
        # a hyphen become an en dash
        (BODY.replace(" - as", " \u2013 as"), EXACT, "punct."),
        (BODY.replace(" - as", " \u2013 as"), PUNCTUATION, "0%"),
        # a full stop dropped
        (BODY.rstrip("."), EXACT, "punct."),
        # a word re-cased is a changed word, until case is ignored
        (BODY.replace("Revenue", "REVENUE"), EXACT, "6%"),  # 2 of 2 x 16 words
        (BODY.replace("Revenue", "REVENUE"), CASE, "0%"),
        # a year moved on is a changed word, until numbers are ignored
        (BODY.replace("2008", "2009"), EXACT, "6%"),
        (BODY.replace("2008", "2009"), NUMBERS, "0%"),
        # ignoring case does not hide a changed bracket
        (BODY.replace("in 2008", "(in 2008)"), CASE, "punct."),
        # a word and a bracket changed: the words' share
        (BODY.replace("weak.", "weak (again)."), EXACT, "3%"),
    ],
)
def test_changed_column_tells_punctuation_only_changes_from_none(
    qapp: QApplication, new_body: str, options: DiffOptions, shown: str
) -> None:
    model = FactorTreeModel()
    model.set_comparison(_one_pair(BODY, new_body, options), options=options)
    cell = model.index_of_pair(0).siblingAtColumn(CHANGED_COLUMN)
    assert cell.data() == shown
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert ("only punctuation" in tooltip) == (shown == "punct.")
    # sorted between the unchanged pairs (0) and any pair with a changed word
    assert (cell.data(SORT_ROLE) > 0) == (shown != "0%")


@pytest.mark.parametrize("status", [Status.UNCHANGED, Status.ADDED, Status.REMOVED])
def test_only_paired_and_changed_factors_can_change_in_signs_only(status: Status) -> None:
    comparison = _one_pair(BODY, BODY.replace("in 2008", "(in 2008)"), EXACT)
    pair = Pair(0 if status is not Status.ADDED else None, 0, status)
    assert not signs_only(comparison, pair)


def test_changed_share_counts_words_alike_above_and_below() -> None:
    """The share's whole counts words as its changed words are counted: a lone dash or "&"
    is no word on either side of the fraction."""
    body = "Costs - and prices & fees - rose."  # 5 words (the dashes and "&" are not)
    comparison = _one_pair(body, body.replace("rose", "fell"), EXACT)
    # "Demand may fall" (3) + 5 body words, on each side: 16 words, 2 changed
    assert changed_share(comparison, comparison.pairs[0]) == pytest.approx(2 / 16)
