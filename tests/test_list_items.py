"""Bulleted list items: which paragraphs of a factor are items (core.segment.factors) and how the
panes, the printout and the HTML report set them apart without changing any text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtGui import QTextBlock, QTextDocument, QTextListFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.align.pairing import align
from core.diff.pair import comparison_diffs
from core.diff.sides import NEW, OLD
from core.diff.words import word_diff
from core.model import Block, Comparison, Filing, Section
from core.pipeline import load_filing
from core.report.to_html import comparison_to_html, redline_html
from core.segment.factors import assemble, segment
from core.segment.roles import BODY, RUN_IN
from gui.compare_view import CompareView
from gui.pane_document import build_pane_document
from gui.print_document import build_print_document
from gui.theme import LIGHT, text_formats
from tests.paths import FIXTURES, SAMPLES

LEAD = "Our margins may shrink:"


def _section(*rows: tuple[str, str]) -> Section:
    blocks: list[Block] = []
    offset = 0
    for text, tag in rows:
        blocks.append(Block(text, offset, offset + len(text), tag=tag))
        offset += len(text) + 2
    return Section("Risk Factors", tuple(blocks), 0, offset)


def test_blocks_tagged_li_are_the_factors_list_items() -> None:
    factors, _ = segment(
        _section(
            ("Competition could reduce our revenue and hurt our results.", "p"),
            ("Our rivals have advantages over us, including:", "p"),
            ("greater financial resources,", "li"),
            ("larger customer bases, and", "li"),
            ("better known brands.", "li"),
            ("Any of these could lower our prices and our share of the market.", "p"),
        ),
        has_markup=False,
    )
    assert len(factors) == 1
    assert factors[0].list_items == (1, 2, 3)
    assert factors[0].paragraphs[1] == "greater financial resources,"


def test_the_rest_of_a_run_in_bullet_is_not_an_item() -> None:
    # A bullet whose lead is the factor's heading marks the heading, not the text after it.
    text = f"{LEAD} Prices for our services have fallen every year and may fall further."
    block = Block(text, 0, len(text), lead=LEAD, tag="li")
    item = Block("lower unit prices,", len(text) + 2, len(text) + 20, tag="li")
    factors, _ = assemble((block, item), (RUN_IN, BODY))
    assert [(factor.heading, factor.list_items) for factor in factors] == [(LEAD, (1,))]


@pytest.mark.parametrize(
    ("path", "factor", "items"),
    [
        # "an increase in backbone costs …", then "Please see Item 5 …" is prose again.
        (SAMPLES / "iij-20f-fy2008.txt", 0, tuple(range(2, 13))),
        # Two lists, each after a line ending in "to:" that is not an item itself.
        (SAMPLES / "iij-20f-fy2008.txt", 1, (2, 3, 4, 5, 6, 8, 9, 10, 11, 12)),
        # "Our success depends on our ability to:" then eight "•" items.
        (FIXTURES / "corpus" / "nvidia_10-K_2024.html.gz", 0, tuple(range(2, 10))),
    ],
)
def test_real_lists_are_found(path: Path, factor: int, items: tuple[int, ...]) -> None:
    found = load_filing(path).factors[factor]
    assert found.list_items == items
    assert all(not found.paragraphs[index].endswith(":") for index in items)
    assert found.paragraphs[items[0] - 1].endswith(":")


@pytest.mark.parametrize(
    "name", ["mastercard_10-K_2024.html.gz", "disney_10-K_2018.txt.gz", "ibm_10-K_2024.html.gz"]
)
def test_list_items_point_at_paragraphs_in_order(name: str) -> None:
    for factor in load_filing(FIXTURES / "corpus" / name).factors:
        assert list(factor.list_items) == sorted(set(factor.list_items))
        assert all(0 <= index < len(factor.paragraphs) for index in factor.list_items)


@pytest.fixture(scope="module")
def iij() -> Comparison:
    return align(
        load_filing(SAMPLES / "iij-20f-fy2008.txt"), load_filing(SAMPLES / "iij-20f-fy2009.txt")
    )


def _without_lists(comparison: Comparison) -> Comparison:
    def plain(filing: Filing) -> Filing:
        factors = tuple(replace(factor, list_items=()) for factor in filing.factors)
        return replace(filing, factors=factors)

    return replace(comparison, old=plain(comparison.old), new=plain(comparison.new))


def _blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _runs(document: QTextDocument) -> list[tuple[str, str, str, bool]]:
    """Each run of text with its colours and underline: what the change marks look like."""
    runs = []
    for block in _blocks(document):
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            char_format = fragment.charFormat()
            runs.append(
                (
                    fragment.text(),
                    char_format.foreground().color().name(),
                    char_format.background().color().name(),
                    char_format.fontUnderline(),
                )
            )
            fragments += 1
    return runs


def _item_texts(document: QTextDocument) -> list[str]:
    return [block.text() for block in _blocks(document) if block.textList() is not None]


def _side_items(filing: Filing) -> list[str]:
    return [factor.paragraphs[index] for factor in filing.factors for index in factor.list_items]


@pytest.mark.gui
@pytest.mark.parametrize("side", [OLD, NEW])
def test_panes_show_items_as_a_bulleted_list_with_text_and_marks_unchanged(
    iij: Comparison, qtbot: QtBot, side: int
) -> None:
    def build(comparison: Comparison) -> QTextDocument:
        diffs = comparison_diffs(comparison)
        formats = text_formats(LIGHT, 11.0)
        return build_pane_document(comparison, side, diffs, formats, 11.0).document

    listed, plain = build(iij), build(_without_lists(iij))
    assert listed.toPlainText() == plain.toPlainText()
    assert _runs(listed) == _runs(plain)
    filing = iij.old if side == OLD else iij.new
    assert _item_texts(listed) == _side_items(filing)
    assert _item_texts(plain) == []
    item = next(b for b in _blocks(listed) if b.text().startswith("an increase in SG&A costs"))
    assert item.textList().format().style() is QTextListFormat.Style.ListDisc
    assert item.textList().count() == 11  # one list of the eleven "an increase …" lines
    prose = next(b for b in _blocks(listed) if b.text().startswith("Please see Item 5"))
    assert prose.textList() is None
    # A list opens with a paragraph's gap; its items sit closer together.
    first = next(b for b in _blocks(listed) if b.text().startswith("a decrease in revenues"))
    assert first.blockFormat().topMargin() == prose.blockFormat().topMargin()
    assert 0 < item.blockFormat().topMargin() < prose.blockFormat().topMargin()


@pytest.mark.gui
def test_printout_shows_the_same_lists(iij: Comparison, qtbot: QtBot) -> None:
    diffs = comparison_diffs(iij)
    listed = build_print_document(iij, diffs, width=1000).document
    plain = build_print_document(_without_lists(iij), diffs, width=1000).document
    assert listed.toPlainText() == plain.toPlainText()
    assert _runs(listed) == _runs(plain)
    items = _item_texts(listed)
    assert sorted(items) == sorted(_side_items(iij.old) + _side_items(iij.new))


@pytest.mark.gui
def test_items_stay_bulleted_and_level_once_the_panes_are_aligned(
    iij: Comparison, qtbot: QtBot
) -> None:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_comparison(iij)
    QApplication.processEvents()
    tops = []
    for side in (OLD, NEW):
        document = widget.pane(side).document()
        assert _item_texts(document) == _side_items(iij.old if side == OLD else iij.new)
        block = next(b for b in _blocks(document) if b.text().startswith("an increase in SG&A"))
        tops.append(document.documentLayout().blockBoundingRect(block).top())
        # The text starts right of the bullet, indented from the prose around it.
        layout = document.documentLayout()
        prose = next(b for b in _blocks(document) if b.text().startswith("Please see Item 5"))
        assert layout.blockBoundingRect(block).left() == layout.blockBoundingRect(prose).left()
        assert block.layout().lineAt(0).x() > prose.layout().lineAt(0).x()
    assert tops[0] == pytest.approx(tops[1], abs=2)


class _Text(HTMLParser):
    """The words of a report's pair texts, and the list items among them."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.words: list[str] = []
        self.items: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or ("class", "text") in attrs:
            self.depth += 1
        if self.depth and tag == "li":
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words.append(data)
            if self.items and self.depth >= 3:
                self.items[-1] += data


def _report_text(comparison: Comparison) -> _Text:
    parser = _Text()
    parser.feed(comparison_to_html(comparison))
    return parser


def test_html_report_sets_items_as_a_list_with_every_word_kept(iij: Comparison) -> None:
    listed, plain = _report_text(iij), _report_text(_without_lists(iij))
    assert " ".join(listed.words).split() == " ".join(plain.words).split()
    assert plain.items == []
    assert any(item.startswith("an increase in SG&A costs") for item in listed.items)
    assert not any(item.startswith("Please see Item 5") for item in listed.items)


def test_html_report_of_a_pair_without_items_is_unchanged_text() -> None:
    ops = word_diff("First.\n\nSecond one.", "First.\n\nSecond two.")
    assert redline_html(ops, [False, False], [False, False]) == (
        'First.\n\nSecond <del>one</del><ins class="apart">two</ins>.'
    )


@pytest.mark.parametrize(
    ("old", "new", "old_items", "new_items", "html"),
    [
        # An item added to a list.
        (
            "Rivals have:\n\nmore money,",
            "Rivals have:\n\nmore money,\n\nmore staff.",
            [False, True],
            [False, True, True],
            'Rivals have:<ul class="items"><li>more money,</li>'
            "<li><ins>more staff.</ins></li></ul>",
        ),
        # A deleted item is an item on the old side.
        (
            "Rivals have:\n\nmore money,\n\nThat is all.",
            "Rivals have:\n\nThat is all.",
            [False, True, False],
            [False, False],
            'Rivals have:<ul class="items"><li><del>more money,</del></li></ul>That is all.',
        ),
    ],
)
def test_html_report_items_follow_each_side(
    old: str, new: str, old_items: list[bool], new_items: list[bool], html: str
) -> None:
    assert redline_html(word_diff(old, new), old_items, new_items) == html
