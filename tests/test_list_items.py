"""Bulleted list items: which paragraphs of a factor are items (core.segment) and how the
panes, the printout and the HTML report set them apart without changing any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES

from core.model import Block, Section
from core.pipeline import load_filing
from core.roles import BODY, RUN_IN
from core.segment import assemble, segment

INTRO = "Many things could go wrong for a business such as ours over the coming years."
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
