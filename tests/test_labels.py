"""How filings and pairs are named, shared by the window, printout, HTML report and CLI."""

from __future__ import annotations

import pytest

from core.model import Filing, Status
from core.report.labels import (
    factor_numbers,
    form_and_year,
    listed_headings,
    status_word,
    year_or_file_name,
)
from tests.built_comparison import make_comparison


def filing(form: str, year: int | None, path: str = "/filings/iij-20f.txt") -> Filing:
    return Filing(path, "IIJ", form, year, "Item 3.D", ())


@pytest.mark.parametrize(
    ("form", "year", "expected"),
    [
        ("20-F", 2008, "20-F FY2008"),  # both known
        ("", 2008, "FY2008"),  # the form not found on the cover
        ("10-K", None, "10-K"),  # the fiscal year not found
        ("", None, ""),  # neither
    ],
)
def test_form_and_year(form: str, year: int | None, expected: str) -> None:
    assert form_and_year(filing(form, year)) == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2009, "FY2009"),  # the year names the filing
        (None, "iij-20f.txt"),  # else its file name, without the folder
    ],
)
def test_year_or_file_name(year: int | None, expected: str) -> None:
    assert year_or_file_name(filing("20-F", year)) == expected


@pytest.mark.parametrize(
    ("pair_index", "expected"),
    [
        (1, "New one revenue rose"),  # reworded: the new heading
        (2, "New two added"),  # added: the new heading
        (3, "Old two removed"),  # removed: the old heading, the only one there is
        (4, "New four split first / New five split second"),  # split: every new heading
    ],
)
def test_listed_headings(pair_index: int, expected: str) -> None:
    comparison = make_comparison()
    assert listed_headings(comparison, comparison.pairs[pair_index]) == expected


@pytest.mark.parametrize(
    ("indexes", "expected"),
    [
        ((), ""),  # no factor on this side
        ((0,), "#1"),  # counted from 1, as a reader counts
        ((3, 4), "#4, #5"),  # the many side of a split or merge
    ],
)
def test_factor_numbers(indexes: tuple[int, ...], expected: str) -> None:
    assert factor_numbers(indexes) == expected


def test_status_words_are_capitalised_values() -> None:
    assert [status_word(status) for status in (Status.ADDED, Status.MOVED)] == ["Added", "Moved"]
