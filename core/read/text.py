"""Plain text to draft blocks (offsets are laid out later by core.read.document).

Two layouts occur: paragraphs separated by blank lines, their lines possibly hard-wrapped
(EDGAR .txt filings, extracts such as the IIJ 20-F texts), and one paragraph per line with
no blank lines (text extracted by tools such as edgar-crawler). The layout is decided per
file. A form feed is a page break (returned as None). A line of dashes under a short
line underlines it, as typewritten filings do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.model import Progress, Style
from core.read.draft import Draft

_BLANK_LINE = re.compile(r"\n[ \t\r\v]*\n")
_RULE = re.compile(r"^[-=_ ]*[-=_]{3,}[-=_ ]*$")
_BULLET_LINE = re.compile(r"^(?:[-*•·◦▪●○]|\\cdot)\s")
# Markdown/LaTeX escapes left by converters ("\$1.00", "\%"): the character itself is meant.
_ESCAPED = re.compile(r"\\([$%&#_{}*])")
# EDGAR .txt submissions: <PAGE> marks a page break; <DOCUMENT>, <TYPE>10-K ... wrap the text,
# and old text parts mark their tables with SGML <TABLE>, <CAPTION>, <S>, <C> and <FN> tags.
_SGML_PAGE = re.compile(r"^[ \t]*<PAGE>[ \t]*$", re.MULTILINE | re.IGNORECASE)
_SGML_WRAPPER = re.compile(
    r"^[ \t]*</?(?:SEC-DOCUMENT|SEC-HEADER|DOCUMENT|TYPE|SEQUENCE|FILENAME|DESCRIPTION|TEXT"
    r"|TABLE|CAPTION|S|C|FN)"
    r"\b[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
_CENTER_INDENT = 10
_LONG_LINE = 160
_WRAPPED_WIDTH = 100  # lines of a hard-wrapped file are at most this long (90th percentile)
_MIN_WRAPPED_LINES = 8
_SHORT_LINE = 0.75  # a line this much shorter than the width ends its paragraph
# A file of long lines (each a paragraph, as text extractors write whole filings) puts blank
# lines only between items: fewer than one per this many lines. Paragraph-per-blank-line files
# (the IIJ extracts) have one per two lines or so; the older whole-filing extracts one per 25.
_LINES_PER_ITEM_GAP = 10


def read_text_blocks(text: str, *, progress: Progress | None = None) -> list[Draft | None]:
    """Split `text` into paragraph blocks, None marking a page break. `progress` hears
    (pages done, pages) before each page and may raise core.errors.Cancelled.

    >>> [b.text for b in read_text_blocks("Risk Factors\\n\\nWe may\\nlose money.") if b]
    ['Risk Factors', 'We may lose money.']
    """
    text = _ESCAPED.sub(r"\1", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SGML_WRAPPER.sub("", _SGML_PAGE.sub("\f", text))
    wrap = _wrap_width(text)
    blocks: list[Draft | None] = []
    pages = text.split("\f")
    for page_number, page in enumerate(pages):
        if progress is not None:
            progress(page_number, len(pages))
        if page_number:
            blocks.append(None)
        blocks.extend(_page_blocks(page, wrap=wrap))
    return blocks


def _wrap_width(text: str) -> int | None:
    """How the file lays out paragraphs: None when every line is a paragraph (long lines, blank
    lines only between items), 0 when blank lines separate them (at least one per 30 lines),
    the line width when lines are hard-wrapped without blank lines between
    paragraphs, None when every line is a paragraph."""
    lines = text.count("\n") + 1
    blanks = len(_BLANK_LINE.findall(text))
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if line.strip())
    width = lengths[len(lengths) * 9 // 10] if lengths else 0
    if width > _WRAPPED_WIDTH and blanks * _LINES_PER_ITEM_GAP < lines:
        # Long unwrapped lines with blank lines only here and there: a line is a paragraph.
        return None
    if blanks * 30 >= lines:
        return 0
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    return width if width <= _WRAPPED_WIDTH else None


def _page_blocks(page: str, *, wrap: int | None) -> Iterator[Draft]:
    if wrap is None:
        chunks = [[line] for line in page.split("\n")]
    elif wrap == 0:
        chunks = [
            part for chunk in _BLANK_LINE.split(page) for part in _split_glued(chunk.split("\n"))
        ]
    else:
        chunks = _wrapped_paragraphs(page.split("\n"), wrap)
    for chunk in chunks:
        yield from _chunk_blocks(chunk)


def _split_glued(lines: list[str]) -> list[list[str]]:
    """A hard-wrapped chunk between blank lines that holds more than one paragraph (a
    heading with its body right under it): a short line followed by one opening with a
    capital ends a paragraph, since wrapping fills every other line."""
    width = max((len(line.rstrip()) for line in lines), default=0)
    if len(lines) < 3 or width > _WRAPPED_WIDTH:
        return [lines]
    parts: list[list[str]] = [[]]
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        parts[-1].append(line)
        if len(line.rstrip()) < width * _SHORT_LINE and after.lstrip()[:1].isupper():
            parts.append([])
    return [part for part in parts if part]


def _wrapped_paragraphs(lines: list[str], width: int) -> list[list[str]]:
    """Hard-wrapped lines without blank lines: a paragraph ends at a short line (its last
    line, or a heading) and a new one starts at an indented first line."""
    paragraphs: list[list[str]] = []
    group: list[str] = []
    previous_indent = 0
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if group and indent > previous_indent:
            paragraphs.append(group)
            group = []
        group.append(line)
        previous_indent = indent
        if len(line.rstrip()) < width * _SHORT_LINE:
            paragraphs.append(group)
            group = []
    paragraphs.append(group)
    return paragraphs


def _chunk_blocks(lines: list[str]) -> Iterator[Draft]:
    """One blank-line paragraph: wrapped lines joined, bullets and rules split off."""
    group: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if _RULE.match(line.strip()) and group:
            # A rule under a short line underlines it: that line is a heading of its own.
            heading = group.pop()
            yield from _join(group)
            group = []
            if len(heading.strip()) < 100:
                yield _block(heading, underline=True)
            else:
                yield _block(heading)
            continue
        starts_item = _BULLET_LINE.match(line.lstrip()) is not None
        if group and (starts_item or len(group[-1].strip()) > _LONG_LINE):
            yield from _join(group)
            group = []
        group.append(line)
    yield from _join(group)


def _join(lines: list[str]) -> Iterator[Draft]:
    if lines:
        yield _block(" ".join(lines), centered=_is_centered(lines))


def _is_centered(lines: list[str]) -> bool:
    return all(len(line) - len(line.lstrip(" ")) >= _CENTER_INDENT for line in lines)


def _block(raw: str, *, underline: bool = False, centered: bool = False) -> Draft:
    text = " ".join(raw.split())
    style = Style(underline=1.0 if underline else 0.0, align_center=centered)
    return Draft(text, style, tag="text")
