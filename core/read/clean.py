"""Page furniture out, bullets and page-broken paragraphs mended.

Input is a run of draft blocks in reading order where None marks a page break (as the
readers produce them); any Draft sequence without page breaks works too. Offsets come
later: core.read.document lays the cleaned drafts out as Blocks.

- Dropped: page numbers ("25", "- 7 -", "F-3", "Page 4"), "Table of Contents" /
  "Index to Financial Statements" links, and running headers and footers (short lines
  that repeat, digits aside and in the same look, at least three times at the edge of a
  page, with nothing but other short lines between them and the page break, such as
  "MASTERCARD 2023 FORM 10-K 26" or a company's name in bold between the two halves of
  a sentence that a page break cut).
- A stand-alone bullet glyph and the block after it become one block tagged "li"; a
  glyph opening a block is removed and the block tagged "li" too. A list number ("(a)",
  "1.") in its own table cell is kept in front of the item's text.
- A paragraph cut by a page break is joined again: a block that does not end a sentence,
  followed by one that starts in lowercase (or after a dangling "of", "the", ",").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Protocol

from core.model import Style
from core.read.draft import Draft
from core.vocabulary import CANNOT_END_SENTENCE, MOSTLY_STYLED

# "25", "- 7 -", "F-3", "Page 4", "Page F-2 of F-26", and lowercase roman front-matter pages.
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013\u2014]?\s*(?:\d{1,3}|(?-i:[ivxlc]{1,6})|[A-Z]{1,2}\s?-\s?\d{1,3})"
    r"(?:\s+of\s+(?:[A-Z]{1,2}\s?-\s?)?\d{1,3})?\s*[-\u2013\u2014]?$",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"^(?:table\s+of\s+contents|index\s+to\s+(?:consolidated\s+)?financial\s+statements"
    r"|back\s+to\s+(?:top|contents|index)|return\s+to\s+(?:top|table\s+of\s+contents|index))"
    r"(?:\s*[-\u2013\u2014|]?\s*\d{1,3})?$",
    re.IGNORECASE,
)
_NOT_FURNITURE = re.compile(r"^(?:not\s+applicable|none|n/a|not\s+required)\.?$", re.IGNORECASE)
# Bullet glyphs, including Symbol/Wingdings ones that arrive as letters ("§", "Ø", "ü") or as
# private-use code points when the font is not applied.
_SYMBOL_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8"
_GLYPHS = frozenset("•·◦▪●○■□➢►▸‣*o§Øü-\u2013\u2014\u2043" + _SYMBOL_BULLETS)
_LEADING_GLYPH = re.compile(rf"^(?:(?:[•·◦▪●○■□➢►▸‣*\u2043{_SYMBOL_BULLETS}]|-(?!\d)|\\cdot)\s*)+")
_LIST_MARKER = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))$")
_ITEM_WORDS = 3
# A sentence ends in one of these, perhaps followed by closing quotes and brackets.
_SENTENCE_ENDS = ".!?:;"
_CLOSERS = "\"\u201d\u2019')]"
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]{2}")
_NEAR_BREAK = 3
_REPEATS = 3
_SHORT = 80
_FURNITURE_MAX = 60
# A page's head can hold a long line beside the running ones: a statement's title with its
# basis ("Consolidated Balance Sheets at December 31 (after profit appropriation) In
# accordance with Dutch Accounting Principles", 118 characters). The page's prose
# paragraphs run longer; a line past this length is where the page's text begins.
_HEADER_LINE = 160
_PARAGRAPH = 60
# Longer than any heading (MAX_HEADING_CHARS in core.segment.cues is 340) is certainly prose.
_BROKEN_PARAGRAPH = 400
# Stands between stretches of blocks that do not follow one another: a line too long to be
# a running header or to stand between one and its page's edge.
_BARRIER = Draft("\u2026" * (_HEADER_LINE + 1))


class Unread(Protocol):
    """A part of the document left unread (core.read.walk.UnreadPart)."""

    def edges(self, lines: Collection[str]) -> list[list[Draft | None]]:
        """The blocks around those of its page breaks near which one of `lines` may be
        written, break by break."""
        ...


def clean_blocks(blocks: Sequence[Draft | None], *, unread: Unread | None = None) -> list[Draft]:
    """Drop page furniture and page breaks, merge bullets and mend broken paragraphs.

    When the `blocks` are only the first part of the document, `unread` is the rest: a running
    header or footer repeats there too, and counts (see _furniture).

    >>> glyph, item = Draft("•"), Draft("lower unit prices,")
    >>> [(b.text, b.tag) for b in clean_blocks([glyph, item, Draft("12")])]
    [('lower unit prices,', 'li')]
    """
    furniture = _furniture(blocks, unread)
    kept: list[Draft] = []
    broken = False
    glyph: Draft | None = None
    for index, draft in enumerate(blocks):
        if draft is None or index in furniture:
            broken = True
            continue
        # (A glyph is one character: most texts need no hashing to know they are none.)
        if (len(draft.text) == 1 and draft.text in _GLYPHS) or draft.text == "\\cdot":
            glyph = draft
            continue
        block = _as_item(draft, in_table=glyph is not None and glyph.in_table)
        if glyph is not None:
            block = block._replace(tag="li")
            glyph = None
        elif kept and _is_numbered_item(kept[-1], block):
            kept[-1] = _numbered(kept[-1].text, block)
            broken = False
            continue
        elif kept and _continues(kept[-1], block, broken=broken):
            kept[-1] = _join(kept[-1], block)
            broken = False
            continue
        kept.append(block)
        broken = False
    return kept


def is_furniture(text: str) -> bool:
    """True for a page number or a navigation link such as "Table of Contents"."""
    return len(text) <= _FURNITURE_MAX and bool(_PAGE_NUMBER.match(text) or _LINK.match(text))


def _furniture(blocks: Sequence[Draft | None], unread: Unread | None = None) -> set[int]:
    found, keys = _candidates(blocks)
    counts = Counter(keys.values())
    if unread is not None:
        # A line that repeats too seldom here may repeat at the page edges of the unread
        # part: the blocks near the breaks where the line (its longest part between digits)
        # is written count too.
        rare = {key[0] for key, count in counts.items() if count < _REPEATS}
        lines = {max(text.split("#"), key=len).strip() for text in rare}
        lines = {line for line in lines if _LETTERS.search(line)}
        if lines:
            edges = [block for stretch in unread.edges(lines) for block in (*stretch, _BARRIER)]
            counts.update(_candidates([_BARRIER, *edges])[1].values())
    found.update(index for index, key in keys.items() if counts[key] >= _REPEATS)
    return found


def _candidates(
    blocks: Sequence[Draft | None],
) -> tuple[set[int], dict[int, tuple[str, bool, float | None]]]:
    """The furniture found by its text alone (page numbers, contents links), and the key
    (text with digits as "#", weight, size) of every short line at a page's edge that may
    be a running header or footer."""
    found = {
        index
        for index, block in enumerate(blocks)
        if block is not None and not block.in_table and is_furniture(block.text)
    }
    # Page numbers and "Table of Contents" links mark page ends where no break survives
    # (text extracts), so headers and footers are looked for around them too.
    near = _near_breaks(blocks, found) - found
    ends = found | {index for index, block in enumerate(blocks) if block is None}
    keys: dict[int, tuple[str, bool, float | None]] = {}
    for index in near:
        block = blocks[index]
        if (
            block is not None
            and _at_page_edge(blocks, index, ends)
            and not block.in_table
            and len(block.text) <= _SHORT
            and not _NOT_FURNITURE.match(block.text)
            and not _is_sentence(block.text)
        ):
            # The look is part of the key: a header "ITEM 1A. RISK FACTORS" in small type
            # is furniture, the same words as the item's own heading are not.
            style = block.style
            keys[index] = (
                _DIGITS.sub("#", block.text),
                style.bold > MOSTLY_STYLED,
                style.font_size,
            )
    return found, keys


def _at_page_edge(blocks: Sequence[Draft | None], index: int, ends: set[int]) -> bool:
    """True when only header lines (short, or laid out in a table) stand between block
    `index` and a page end (a break, a page number or contents link, the document's start
    or end): where a running header or footer is printed. A subheading a few lines into
    the page's text is not ("Energy Generation and Storage" under the paragraph that the
    page opened with)."""
    for step in (-1, 1):
        other = index + step
        for _ in range(_NEAR_BREAK):
            if other < 0 or other >= len(blocks) or other in ends:
                return True
            block = blocks[other]
            if block is None or (len(block.text) > _HEADER_LINE and not block.in_table):
                break
            other += step
    return False


def _near_breaks(blocks: Sequence[Draft | None], page_ends: set[int]) -> set[int]:
    """Indexes within a few blocks of a page break (running headers and footers live there)."""
    near: set[int] = set()
    # The document's ends count as page breaks: its first header and last footer.
    breaks = [-1, len(blocks), *page_ends]
    breaks += [index for index, block in enumerate(blocks) if block is None]
    for index in breaks:
        near.update(range(max(0, index - _NEAR_BREAK), index + _NEAR_BREAK + 1))
    return {index for index in near if index < len(blocks) and blocks[index] is not None}


def _is_sentence(text: str) -> bool:
    """A short line of prose ("We may lose money.") rather than a running line. A name ends in
    a full stop too ("Internet Initiative Japan Inc."), but every word of it is capitalised
    but for a few small ones ("Bank of America Corp."), which no sentence is.

    >>> _is_sentence("We may lose money."), _is_sentence("Internet Initiative Japan Inc.")
    (True, False)
    """
    words = text.split()
    if not text.endswith(".") or len(words) <= 3:
        return False
    return not all(word[:1].isupper() or word in CANNOT_END_SENTENCE for word in words)


def _as_item(block: Draft, *, in_table: bool) -> Draft:
    """Strip a bullet glyph opening the block; the block becomes a list item."""
    match = _LEADING_GLYPH.match(block.text)
    if match is None or match.end() == len(block.text):
        return block._replace(in_table=True) if in_table else block
    text = block.text[match.end() :]
    lead, lead_style = block.lead, block.lead_style
    if lead:
        lead = lead[match.end() :] if lead.startswith(block.text[: match.end()]) else ""
        if not lead:
            lead_style = Style()
    return block._replace(
        text=text,
        lead=lead,
        lead_style=lead_style,
        tag="li",
        in_table=block.in_table or in_table,
    )


def _is_numbered_item(marker: Draft, block: Draft) -> bool:
    """A "(a)" / "1." cell beside the text of its list item (not a figure in a table)."""
    return (
        marker.in_table
        and block.in_table
        and _LIST_MARKER.match(marker.text) is not None
        and block.text[0].isalpha()
        and len(block.text.split()) >= _ITEM_WORDS
    )


def _numbered(marker: str, block: Draft) -> Draft:
    lead = f"{marker} {block.lead}" if block.lead else ""
    return block._replace(text=f"{marker} {block.text}", lead=lead, tag="li")


def _continues(previous: Draft, block: Draft, *, broken: bool) -> bool:
    """True when `block` is the rest of a paragraph that `previous` leaves unfinished."""
    if previous.in_table or block.in_table or len(previous.text) < _PARAGRAPH:
        return False
    last = previous.text.rstrip(_CLOSERS)[-1:]
    if (last and last in _SENTENCE_ENDS) or block.tag == "li":
        return False
    if abs(previous.style.bold - block.style.bold) > MOSTLY_STYLED:
        return False
    if abs(previous.style.italic - block.style.italic) > MOSTLY_STYLED:
        return False
    if block.text[0].islower():
        return True
    last_word = previous.text.rsplit(" ", 1)[-1].lower()
    # A long paragraph that stops without ending its sentence at a page break goes on on the
    # next page, even when the next word is capitalised ("... the Social Security | Act").
    cut_by_page = broken and len(previous.text) >= _BROKEN_PARAGRAPH and not previous.text.isupper()
    return (
        cut_by_page or last_word in CANNOT_END_SENTENCE or (broken and previous.text.endswith(","))
    )


def _join(first: Draft, second: Draft) -> Draft:
    weight_first, weight_second = len(first.text), len(second.text)
    total = weight_first + weight_second

    def mix(a: float, b: float) -> float:
        return round((a * weight_first + b * weight_second) / total, 3)

    bigger = first.style if weight_first >= weight_second else second.style
    style = replace(
        first.style,
        bold=mix(first.style.bold, second.style.bold),
        italic=mix(first.style.italic, second.style.italic),
        underline=mix(first.style.underline, second.style.underline),
        font_size=bigger.font_size,
        color=bigger.color,
    )
    return first._replace(text=f"{first.text} {second.text}", style=style)
