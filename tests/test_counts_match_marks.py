"""The words a reader sees counted are the words they see marked.

Over every pair of the fixture filings' year pairs and under every combination of the ignore
options: the words added and removed that the JSON report (exact diff) and the factor tree
(its tooltip, counted under the options as the window does) give equal the words the panes
mark in their documents (the words of a passage moved to another factor are shown and counted
as moved, not added or removed), and the printout marks what the panes mark."""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from core.compare import compare_files
from core.diff.options import DiffOptions
from core.diff.pair import comparison_diffs, recounted
from core.diff.sides import NEW, OLD
from core.diff.words import count_words
from core.model import Comparison
from core.report.to_json import comparison_to_json
from gui.factor_tree_model import FactorTreeModel
from gui.pane_document import SideWriter
from gui.print_document import PrintLayout, build_print_document
from gui.theme import LIGHT, text_formats
from tests.paths import FIXTURES, SAMPLES

pytestmark = pytest.mark.gui

_CORPUS = FIXTURES / "corpus"
YEAR_PAIRS: dict[str, tuple[Path, Path]] = {
    "iij 2008/2009": (SAMPLES / "iij-20f-fy2008.txt", SAMPLES / "iij-20f-fy2009.txt"),
    "iij 2005/2012": (SAMPLES / "iij-20f-fy2005.txt", SAMPLES / "iij-20f-fy2012.txt"),
    **{
        f"{company} {old}/{new}": (
            _CORPUS / f"{company}_10-K_{old}.html.gz",
            _CORPUS / f"{company}_10-K_{new}.html.gz",
        )
        for company, old, new in (
            ("cocacola", 2023, 2024),
            ("mastercard", 2023, 2024),
            ("nvidia", 2023, 2024),
            ("nvidia", 2024, 2025),
            ("tesla", 2023, 2024),
            ("ibm", 2023, 2024),
        )
    },
    **{
        f"disney {year}/{year + 1}": (
            _CORPUS / f"disney_10-K_{year}.txt.gz",
            _CORPUS / f"disney_10-K_{year + 1}.txt.gz",
        )
        for year in range(2012, 2018)
    },
}
ALL_OPTIONS = [DiffOptions(*flags) for flags in itertools.product((False, True), repeat=3)]
_TREE_COUNTS = re.compile(r"(\d+) words added, (\d+) removed")


@functools.cache
def _comparison(name: str) -> Comparison:
    old, new = YEAR_PAIRS[name]
    return compare_files(str(old), str(new))


def _marked_words(
    document: QTextDocument, side: int, *, tables_only: bool = False, after: int = -1
) -> int:
    """Words in the stretches of `document` formatted as deleted (old side) or inserted
    (new side): touching fragments are one stretch, a paragraph ends it. With `tables_only`,
    only in tables (the printout's pairs, not its legend); only in blocks after block number
    `after`."""
    words = 0
    block = document.begin()
    while block.isValid():
        outside = tables_only and QTextCursor(block).currentTable() is None
        if outside or block.blockNumber() <= after:
            block = block.next()
            continue
        stretch = ""
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format = fragment.charFormat()
            marked = char_format.fontStrikeOut() if side == OLD else char_format.fontUnderline()
            if marked:
                stretch += fragment.text()
            else:
                words += count_words(stretch)
                stretch = ""
            iterator += 1
        words += count_words(stretch)
        block = block.next()
    return words


def _tree_counts(comparison: Comparison, options: DiffOptions) -> list[tuple[int, int]]:
    """(added, removed) of every pair as the factor tree's tooltips give them."""
    model = FactorTreeModel()
    model.set_comparison(recounted(comparison, options=options), options=options)
    counts = []
    for index in range(len(comparison.pairs)):
        tooltip = model.index_of_pair(index).data(Qt.ItemDataRole.ToolTipRole)
        found = _TREE_COUNTS.search(tooltip)
        counts.append((int(found[1]), int(found[2])) if found else (0, 0))
    return counts


@pytest.mark.parametrize("name", YEAR_PAIRS)
def test_counted_words_are_the_marked_words(qtbot: QtBot, name: str) -> None:
    comparison = _comparison(name)
    # The JSON lists the factor pairs under "pairs" and the introduction, category texts and
    # closing under "passage_pairs", each in reading order.
    document = comparison_to_json(comparison)
    entries = {False: iter(document["pairs"]), True: iter(document["passage_pairs"])}
    exact = [
        (entry["words_added"], entry["words_removed"])
        for entry in (next(entries[pair.passage]) for pair in comparison.pairs)
    ]
    formats = text_formats(LIGHT, 11.0)
    for options in ALL_OPTIONS:
        diffs = comparison_diffs(comparison, options=options)
        counted = recounted(comparison, options=options).pairs
        tree = _tree_counts(comparison, options)
        for index, (pair, diff) in enumerate(zip(comparison.pairs, diffs, strict=True)):
            marked = [0, 0]
            if pair.old_indexes and pair.new_indexes and diff.text_changed:
                for side in (OLD, NEW):
                    document = QTextDocument()
                    writer = SideWriter(QTextCursor(document), formats, 11.0, side=side)
                    writer.pair(comparison, pair, side, diff)
                    marked[side] = _marked_words(document, side)
            elif not pair.new_indexes or not pair.old_indexes:
                continue  # shown whole, nothing marked: its count is all its words
            where = f"{name} pair {index} ({pair.status}) under {options}"
            assert tree[index] == (marked[NEW], marked[OLD]), where
            # The pair's diff marks the words of a passage moved to or from another factor
            # too; the panes show them as moved, and they are counted as moved.
            moved = (counted[index].words_moved_in, counted[index].words_moved_out)
            assert (diff.words_added, diff.words_removed) == (
                marked[NEW] + moved[0],
                marked[OLD] + moved[1],
            ), where
            if options == DiffOptions():
                assert exact[index] == (marked[NEW], marked[OLD]), where


@pytest.mark.parametrize("options", ALL_OPTIONS, ids=str)
def test_the_printout_marks_what_the_panes_mark(qtbot: QtBot, options: DiffOptions) -> None:
    comparison = _comparison("iij 2008/2009")
    counted = recounted(comparison, options=options)
    diffs = comparison_diffs(comparison, options=options)
    two_sided = [pair for pair in counted.pairs if pair.old_indexes and pair.new_indexes]
    side_by_side = build_print_document(comparison, diffs, width=1000).document
    added = sum(pair.words_added for pair in two_sided)
    removed = sum(pair.words_removed for pair in two_sided)
    assert _marked_words(side_by_side, NEW, tables_only=True) == added
    assert _marked_words(side_by_side, OLD, tables_only=True) == removed
    # The blackline marks added and removed factors whole, reworded ones as the panes do, and
    # a moved passage's words as inserted and deleted (it has no colour of its own there).
    blackline = build_print_document(
        comparison, diffs, width=1000, layout=PrintLayout.BLACKLINE
    ).document
    start = blackline.find("Blackline · ").block().blockNumber()
    assert _marked_words(blackline, NEW, after=start) == sum(
        p.words_added + p.words_moved_in for p in counted.pairs
    )
    assert _marked_words(blackline, OLD, after=start) == sum(
        p.words_removed + p.words_moved_out for p in counted.pairs
    )
