"""Reading a large filing reports progress as it goes and can be cancelled part-way."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from core.errors import Cancelled
from core.read.document import READ_STEPS, read_document
from tests.paths import FIXTURES

CORPUS = FIXTURES / "corpus"


def _large_filing(tmp_path: Path, copies: int = 3) -> Path:
    """A few megabytes of real inline XBRL: the IBM 10-K's body repeated in one <body>."""
    markup = gzip.decompress((CORPUS / "ibm_10-K_2024.html.gz").read_bytes()).decode()
    open_end = markup.index(">", markup.lower().index("<body")) + 1
    close = markup.lower().rindex("</body>")
    body = markup[open_end:close]
    path = tmp_path / "large.htm"
    path.write_text(markup[:open_end] + body * copies + markup[close:], encoding="utf-8")
    return path


def test_a_large_read_reports_often_in_order_and_ends_at_the_total(tmp_path: Path) -> None:
    path = _large_filing(tmp_path)
    calls: list[tuple[int, int]] = []
    document = read_document(path, progress=lambda done, total: calls.append((done, total)))
    assert {total for _, total in calls} == {READ_STEPS}
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert dones[0] == 0 and dones[-1] == READ_STEPS
    # Every megabyte parsed and every few thousand elements walked: the bar moves throughout.
    assert len(set(dones)) >= 10
    assert document == read_document(path)


@pytest.mark.parametrize(
    "stop_at",
    [
        # while the text is parsed (the first megabytes)
        0.05,
        # while the tree is walked
        0.5,
        # once the blocks are cleaned, before they are laid out
        0.9,
    ],
)
def test_cancelling_stops_the_read_where_it_is(tmp_path: Path, stop_at: float) -> None:
    path = _large_filing(tmp_path)
    heard: list[int] = []

    def cancel(done: int, total: int) -> None:
        heard.append(done)
        if done >= stop_at * total:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        read_document(path, progress=cancel)
    # The read stopped at the first report past the mark, not at the end of a stage.
    assert heard[-1] < READ_STEPS
    assert heard[-1] - max(done for done in heard[:-1]) < 0.2 * READ_STEPS


def test_a_paged_text_filing_reports_each_page_and_cancels_part_way(tmp_path: Path) -> None:
    page = "Item 1A. Risk Factors\n\nWe may lose money in ways we cannot foresee.\n\n" * 20
    path = tmp_path / "paged.txt"
    path.write_text("\f".join([page] * 200), encoding="utf-8")
    calls: list[int] = []
    read_document(path, progress=lambda done, _total: calls.append(done))
    assert calls == sorted(calls) and calls[-1] == READ_STEPS
    assert len(set(calls)) >= 50  # the bar moves page by page

    heard: list[int] = []

    def cancel_half_way(done: int, total: int) -> None:
        heard.append(done)
        if done >= total // 2:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        read_document(path, progress=cancel_half_way)
    assert heard[-1] < 0.6 * READ_STEPS
