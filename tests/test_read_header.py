"""The inline-XBRL header is left out before parsing (core.read.html): every filing reads as
parsing all of it would, the header hidden either way."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from core.read import html as read_html
from core.read.html import read_html_blocks
from tests.paths import FIXTURES

WITH_HEADER = [
    path
    for path in sorted((FIXTURES / "corpus").glob("*.html.gz"))
    if b"<ix:header" in gzip.decompress(path.read_bytes())
]


def test_the_corpus_has_inline_xbrl_headers_to_leave_out() -> None:
    assert len(WITH_HEADER) >= 10


@pytest.mark.parametrize("path", WITH_HEADER, ids=lambda path: path.name.split(".")[0])
def test_a_filing_reads_the_same_without_its_header(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    markup = gzip.decompress(path.read_bytes()).decode()
    assert len(read_html._without_header(markup, 0)) < len(markup)
    without = read_html_blocks(markup)
    monkeypatch.setattr(read_html, "_without_header", lambda text, start: text[start:])
    assert read_html_blocks(markup) == without


def test_text_that_only_names_the_header_tag_is_kept() -> None:
    markup = "<p>See <ix:headers> and <ix:header-like> tags.</p><p>More</p>"
    assert read_html._without_header(markup, 0) == markup
