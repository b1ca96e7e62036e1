"""Gzip files of several members are read whole, the size cap holds over all of them, and
a filing is read once (issue 8)."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from pathlib import Path

import pytest

from core.errors import FilingReadError
from core.model import Filing
from core.pipeline import LOAD_STEPS, load_filing
from core.read.document import read_document
from tests.paths import FIXTURES

IXBRL = FIXTURES / "corpus" / "nvidia_10-K_2024.html.gz"


def _members(data: bytes, parts: int) -> bytes:
    """`data` as `parts` gzip members one after the other, as `cat a.gz b.gz` makes them."""
    size = -(-len(data) // parts)
    return b"".join(gzip.compress(data[k : k + size]) for k in range(0, len(data), size))


def _factor_count(filing: Filing) -> int:
    return len(filing.factors)


@pytest.mark.parametrize("parts", [2, 3, 7])
def test_every_member_of_a_split_gzip_is_read(tmp_path: Path, parts: int) -> None:
    html = gzip.decompress(IXBRL.read_bytes())
    whole = load_filing(IXBRL)
    split = tmp_path / "nvidia.html.gz"
    split.write_bytes(_members(html, parts) + b"\x00" * 16)  # zero padding after the last
    filing = load_filing(split)
    assert _factor_count(filing) == _factor_count(whole) > 20
    assert filing.factors == whole.factors
    assert (filing.company, filing.fiscal_year) == (whole.company, whole.fiscal_year)


def test_the_cap_holds_over_all_members_without_inflating_them(tmp_path: Path) -> None:
    first = gzip.compress(b"<p>Item 1A. Risk Factors</p><p>We may lose money.</p>")
    # A second member inflating to 100 MB from ~100 KB: past a 1 MB cap it must stop at once.
    bomb = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    second = bomb.compress(b"\x00" * 100_000_000) + bomb.flush()
    path = tmp_path / "bomb.htm.gz"
    path.write_bytes(first + second)
    tracemalloc.start()
    try:
        with pytest.raises(FilingReadError, match="larger than 1 MB"):
            read_document(path, max_bytes=2**20)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20


def test_data_after_a_member_that_is_not_gzip_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "tail.txt.gz"
    path.write_bytes(gzip.compress(b"One.\n\nTwo.") + b"garbage")
    with pytest.raises(FilingReadError, match="damaged"):
        read_document(path)


def test_the_filing_is_read_once(tmp_path: Path) -> None:
    """Company, form and year come from the same read as the factors: a file replaced after
    it was read (or a second read of a FIFO) cannot change them."""
    path = tmp_path / "nvidia.html.gz"
    path.write_bytes(IXBRL.read_bytes())

    def replace_once_read(done: int, _total: int) -> None:
        if done >= LOAD_STEPS * 0.88 and path.exists():
            path.write_bytes(b"\x1f\x8b not gzip any more")

    filing = load_filing(path, progress=replace_once_read)
    assert (filing.company, filing.form, filing.fiscal_year) == (
        "Nvidia Corp",
        "10-K",
        2024,
    )
