"""EDGAR HTML (including inline XBRL) to draft blocks with their formatting.

The document is parsed in C (lexbor, an HTML5 parser, through selectolax; parse_html), its
inline-XBRL header left out, and its tree walked (core.read.walk) for an ElementReader
(core.read.elements), which makes the blocks. With an extent (core.read.extent) the walk stops
once the rest of the document cannot change what is looked for.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from core.model import Progress
from core.progress import report
from core.read.css import Stylesheet
from core.read.draft import Draft
from core.read.elements import ElementReader
from core.read.walk import Extent, UnreadPart, Walk

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NON_SPACE = re.compile(r"\S")
# The inline-XBRL header's tags (the standard's names are lowercase).
_IX_HEADER_OPEN = re.compile(r"<ix:header[\s>]")
_IX_HEADER_CLOSE = "</ix:header>"


class HtmlBlocks(NamedTuple):
    blocks: list[Draft | None]
    has_markup: bool
    # What was left unread when the reading stopped early (see read_html_blocks' `extent`).
    unread: UnreadPart | None = None


class ParsedHtml(NamedTuple):
    """An HTML document's markup, its style sheet and its tree (None when the markup holds
    no text)."""

    text: str
    sheet: Stylesheet
    tree: LexborHTMLParser | None


def parse_html(text: str) -> ParsedHtml:
    """Parse `text` in C (lexbor), without the interpreter lock: another thread may parse or
    read meanwhile (core.compare opens the second filing of a pair so), and gather its style
    sheet. The inline-XBRL header is left out (see _without_header)."""
    # lexbor takes two thirds of the time lxml's parser takes, a quarter with warm caches.
    sheet = Stylesheet.from_markup(text)
    declaration = _XML_DECLARATION.match(text)
    start = declaration.end() if declaration is not None else 0
    if _NON_SPACE.search(text, start) is None:
        return ParsedHtml(text, sheet, None)
    return ParsedHtml(text, sheet, LexborHTMLParser(_without_header(text, start)))


def read_html_blocks(
    text: str,
    *,
    progress: Progress | None = None,
    extent: Extent | None = None,
    parsed: ParsedHtml | None = None,
) -> HtmlBlocks:
    """Return the draft blocks of an HTML document, whether it has formatting cues, and
    what was left unread.

    With `extent`, the reading stops once the extent has what it looks for and no part of the
    document left unread could change it. `parsed` is `text` parsed already (parse_html).
    `progress` hears (done, total) every few milliseconds and may raise
    core.errors.Cancelled.

    >>> blocks, has_markup, unread = read_html_blocks("<p><b>Risk</b> factors</p>")
    >>> blocks[0].text, blocks[0].style.bold, blocks[0].lead, has_markup, unread
    ('Risk factors', 0.364, 'Risk', True, None)
    """
    if parsed is None or parsed.text is not text:
        parsed = parse_html(text)
    if parsed.tree is None:
        report(progress, 1, 1)
        return HtmlBlocks([], False)
    reader = ElementReader(parsed.sheet)
    root = parsed.tree.root
    unread = Walk(reader, progress).run(root, extent) if root is not None else None
    reader.close()
    report(progress, 1, 1)
    part = None if unread is None else UnreadPart(unread, reader.sheet)
    return HtmlBlocks(reader.blocks, reader.maker.has_markup, part)


def _without_header(text: str, start: int) -> str:
    """`text` from `start` on, without its inline-XBRL header (ix:header): hidden by the
    standard (its contexts, units and hidden facts are never shown), as the reader hides it
    when parsed (_SKIP_TAGS), and up to 60% of a filing's markup (IBM 2023: its parse
    5.4 -> 1.7 ms). Markup in it that would close an element opened before it, which a
    parser would then show, is not shown either.

    >>> _without_header("<p>a</p><ix:header><ix:x>1</ix:x></ix:header><p>b</p>", 0)
    '<p>a</p><p>b</p>'
    """
    opening = _IX_HEADER_OPEN.search(text, start)
    closing = -1 if opening is None else text.find(_IX_HEADER_CLOSE, opening.end())
    if opening is None or closing < 0:
        return text[start:] if start else text
    return text[start : opening.start()] + text[closing + len(_IX_HEADER_CLOSE) :]
