"""Leaving the inline-XBRL header out of the parse reads every filing as parsing all of it
would: the same blocks, styles and page breaks."""

from __future__ import annotations

import gzip
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.read import html as read_html
from core.read.draft import Draft
from core.read.html import read_html_blocks
from tests.paths import FIXTURES

HTML_FILINGS = sorted((FIXTURES / "corpus").glob("*.html.gz"))


def _parsed_whole(markup: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Draft | None], bool]:
    """The blocks with nothing left out of the parse (the reader before the skip)."""
    with monkeypatch.context() as patch:
        patch.setattr(read_html, "_pieces", lambda text, start: [(start, len(text))])
        return read_html_blocks(markup)


@pytest.mark.parametrize("path", HTML_FILINGS, ids=lambda path: path.name.split(".")[0])
def test_a_filing_reads_the_same_without_its_inline_xbrl_header(
    path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    markup = gzip.decompress(FIXTURES.joinpath("corpus", str(path)).read_bytes()).decode()
    assert read_html_blocks(markup) == _parsed_whole(markup, monkeypatch)


def test_the_corpus_has_inline_xbrl_headers_to_leave_out() -> None:
    with_header = [
        path for path in HTML_FILINGS if b"<ix:header" in gzip.decompress(path.read_bytes())
    ]
    assert len(with_header) >= 10


_TAG = st.sampled_from(["ix:hidden", "xbrli:context", "ix:nonnumeric", "span", "div", "p", "b"])
_PIECE = st.one_of(
    st.builds("<{}>".format, _TAG),
    st.builds("</{}>".format, _TAG),
    st.text(alphabet="ab \n", min_size=1, max_size=4),
    st.just("<!-- PAGEBREAK -->"),
)


@settings(max_examples=200, deadline=None)
@given(
    before=st.lists(_PIECE, max_size=6).map("".join),
    header=st.lists(_PIECE, max_size=8).map("".join),
    after=st.lists(_PIECE, max_size=6).map("".join),
    hidden_parent=st.booleans(),
)
# Found by this test in CI: an end tag in the header closing an element opened before it, so
# the parser shows the header's text after it.
@example(before="<ix:hidden>", header="</ix:hidden>a", after="", hidden_parent=False)
def test_any_header_reads_as_the_whole_parse_would(
    before: str, header: str, after: str, hidden_parent: bool
) -> None:
    inline = f"<ix:header>{header}</ix:header>"
    if hidden_parent:
        inline = f'<div style="display:none">{inline}</div>'
    markup = f"<html><body><p>Risk {before}{inline}{after} factors</p></body></html>"
    with pytest.MonkeyPatch.context() as patch:
        assert read_html_blocks(markup) == _parsed_whole(markup, patch)


def _plainly_self_contained(text: str) -> bool:
    """The header check written plainly: every tag (empty ones aside) closes in order."""
    opened: list[str] = []
    for closing, name, empty in re.findall(r"<(/?)([A-Za-z][\w.:-]*)[^>]*?(/?)>", text):
        if empty:
            continue
        if not closing:
            opened.append(name.casefold())
        elif not opened or opened.pop() != name.casefold():
            return False
    return not opened


_HEADER_PIECE = st.sampled_from(
    [
        "<ix:a>",
        "</ix:a>",
        "<IX:A>",  # names match in any case
        "</Ix:a >",
        '<ix:b x="1/2">',  # a slash inside the tag
        "</ix:b>",
        "<ix:c/>",  # empty tags close themselves
        "<ix:c />",
        "<ix:d",  # a tag left unfinished
        ">",
        "/",
        "text",
        "<!-- <ix:a> -->",
        "</",
        "<ß:x>",  # casefolded, ß is ss
        "</SS:X>",
    ]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(_HEADER_PIECE, max_size=10))
def test_the_header_check_agrees_with_the_plain_one(pieces: list[str]) -> None:
    markup = "".join(pieces)
    assert read_html._self_contained(markup, 0, len(markup)) == _plainly_self_contained(markup)
