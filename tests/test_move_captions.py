"""A moved factor says where it was and how much of it changed, in every output alike.

Two real cases: IIJ raised its investments factor from #9 to #3 in fiscal 2008 and rewrote most
of it (no categories in a 20-F of that time); a Tesla 10-K whose first factor is moved, word for
word, from the first category to the last (the fixtures hold no consecutive years where a factor
changed category, so the move is made on the real filing as a drafter would make it).
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.align.pairing import align
from core.compare import compare_files
from core.diff.pair import comparison_diffs
from core.diff.words import count_words
from core.model import Comparison, Pair, Status
from core.pipeline import load_filing
from core.report.labels import (
    NEW_SIDE,
    OLD_SIDE,
    changed_share,
    move_label,
    pair_caption,
    percent,
    status_label,
)
from core.report.to_html import comparison_to_html
from core.report.to_json import comparison_to_json
from gui.factor_tree_model import FactorTreeModel
from gui.pane_document import build_pane_document
from gui.print_document import PrintLayout, build_print_document
from gui.theme import LIGHT, text_formats
from tests.paths import FIXTURES, SAMPLES

TESLA = FIXTURES / "corpus" / "tesla_10-K_2024.html.gz"


@functools.cache
def iij() -> Comparison:
    return compare_files(SAMPLES / "iij-20f-fy2005.txt", SAMPLES / "iij-20f-fy2008.txt")


@functools.cache
def tesla_moved() -> Comparison:
    """Tesla's 2024 risk factors against the same year with its first factor moved to the top
    of the last category."""
    filing = load_filing(TESLA)
    categories = list(dict.fromkeys(factor.category for factor in filing.factors))
    factors = list(filing.factors)
    first = factors.pop(0)
    to = next(k for k, factor in enumerate(factors) if factor.category == categories[-1])
    factors.insert(to, replace(first, category=categories[-1]))
    return align(filing, replace(filing, factors=tuple(factors)))


def moved_pairs(comparison: Comparison) -> list[Pair]:
    return [pair for pair in comparison.pairs if pair.status is Status.MOVED]


def test_a_rewritten_move_names_its_old_number_and_its_changed_share() -> None:
    comparison = iij()
    pair = next(p for p in moved_pairs(comparison) if p.old == 8)
    assert pair.new == 2
    old, new = comparison.old.factors[8], comparison.new.factors[2]
    # "changed" is the pair's own diff counts over the words of both sides.
    words = sum(count_words(f.heading) + count_words(f.body) for f in (old, new))
    share = (pair.words_added + pair.words_removed) / words
    assert changed_share(comparison, pair) == pytest.approx(share)
    assert percent(share) == "88%"
    assert status_label(comparison, pair) == "Moved · 88% changed"
    assert pair_caption(comparison, pair, NEW_SIDE) == "Moved from old #9 · 88% changed"
    assert pair_caption(comparison, pair, OLD_SIDE) == "Moved to new #3 · 88% changed"
    written = comparison_to_json(comparison)["pairs"][comparison.factor_pairs.index(pair)]
    assert written["changed_share"] == round(share, 4)
    assert written["moved_from"] == "Moved from old #9"


def test_a_move_to_another_category_names_the_old_category_and_number() -> None:
    comparison = tesla_moved()
    (pair,) = moved_pairs(comparison)
    assert pair.old == 0
    old_category = comparison.old.factors[0].category[-1]
    new_category = comparison.new.factors[pair.new_indexes[0]].category[-1]
    assert old_category == "Risks Related to Our Ability to Grow Our Business"
    assert new_category == "Risks Related to the Ownership of Our Common Stock"
    number = pair.new_indexes[0] + 1
    # Word for word the same text: nothing is said about a change.
    assert status_label(comparison, pair) == "Moved"
    assert pair_caption(comparison, pair, NEW_SIDE) == f"Moved from {old_category} (old #1)"
    assert pair_caption(comparison, pair, OLD_SIDE) == f"Moved to {new_category} (new #{number})"


def test_a_move_inside_one_category_says_so() -> None:
    filing = load_filing(TESLA)
    factors = list(filing.factors)
    category = factors[0].category
    last = max(k for k, factor in enumerate(factors) if factor.category == category)
    factors.insert(last, factors.pop(0))
    comparison = align(filing, replace(filing, factors=tuple(factors)))
    (pair,) = moved_pairs(comparison)
    assert move_label(comparison, pair, NEW_SIDE) == f"Moved within {category[-1]} (from old #1)"
    assert move_label(comparison, pair, OLD_SIDE) == (
        f"Moved within {category[-1]} (to new #{last + 1})"
    )


def _json(comparison: Comparison) -> str:
    # Through the file format itself: what a script reading the JSON gets.
    pairs = json.loads(json.dumps(comparison_to_json(comparison)))["pairs"]
    return "\n".join(f"{p['moved_from']}\n{p['moved_to']}" for p in pairs if p["status"] == "moved")


def _html(comparison: Comparison) -> str:
    return html.unescape(comparison_to_html(comparison))


def _pane(side: int) -> Callable[[Comparison], str]:
    def text(comparison: Comparison) -> str:
        marks = comparison_diffs(comparison)
        formats = text_formats(LIGHT, 11.0)
        built = build_pane_document(comparison, side, marks, formats, 11.0)
        return built.document.toPlainText()

    return text


def _printout(layout: PrintLayout) -> Callable[[Comparison], str]:
    def text(comparison: Comparison) -> str:
        marks = comparison_diffs(comparison)
        printed = build_print_document(comparison, marks, width=700.0, layout=layout)
        return printed.document.toPlainText()

    return text


def _tooltips(comparison: Comparison) -> str:
    model = FactorTreeModel()
    model.set_comparison(comparison)
    tips = []
    for number, pair in enumerate(comparison.pairs):
        if pair.status is Status.MOVED:
            tip = model.index_of_pair(number).data(Qt.ItemDataRole.ToolTipRole)
            tips.append(html.unescape(tip))
    return "\n".join(tips)


OUTPUTS: dict[str, tuple[Callable[[Comparison], str], tuple[int, ...]]] = {
    # output: (its text, the sides whose captions it shows)
    "json": (_json, (NEW_SIDE, OLD_SIDE)),
    "html": (_html, (NEW_SIDE,)),
    "old pane": (_pane(OLD_SIDE), (OLD_SIDE,)),
    "new pane": (_pane(NEW_SIDE), (NEW_SIDE,)),
    "printout side by side": (_printout(PrintLayout.SIDE_BY_SIDE), (NEW_SIDE, OLD_SIDE)),
    "printout blackline": (_printout(PrintLayout.BLACKLINE), (NEW_SIDE,)),
    "tree tooltip": (_tooltips, (NEW_SIDE,)),
}


@pytest.mark.gui
@pytest.mark.parametrize("case", [iij, tesla_moved], ids=["iij", "tesla"])
@pytest.mark.parametrize("output", list(OUTPUTS))
def test_every_output_says_where_a_moved_factor_was(
    qapp: QApplication, case: Callable[[], Comparison], output: str
) -> None:
    comparison = case()
    shown, sides = OUTPUTS[output]
    text = shown(comparison)
    for pair in moved_pairs(comparison):
        for side in sides:
            said = move_label(comparison, pair, side)
            assert said.startswith(("Moved from ", "Moved to "))
            assert said in text, f"{output} lacks {said!r}"
        if output in ("json", "tree tooltip"):
            continue
        # The captions carry the change too ("Moved from old #9 · 88% changed").
        for side in sides:
            assert pair_caption(comparison, pair, side) in text
    if output == "tree tooltip":
        for pair in moved_pairs(comparison):
            assert status_label(comparison, pair) in text
