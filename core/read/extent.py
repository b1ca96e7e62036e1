"""How much of an HTML filing to read to find its Risk Factors section.

A 10-K's Item 1A ends a quarter to a half of the way into the filing, a 20-F's Item 3.D in
its first fifth; what follows (the discussion, the financial statements, the notes) is most
of the walk and never part of the comparison. The reader stops a little after the section:

- Everything before the section is read, so the cover page the meta step reads is there and
  every offset into the Document's text is the one reading the whole filing gives.
- It stops only once an item heading (Item 1A or 3.D) has opened a section of at least
  MIN_SECTION_CHARS and the next item heading has closed it, MARGIN_BLOCKS blocks on (page
  furniture and mended paragraphs are judged a few blocks either side); the last
  UNSURE_BLOCKS blocks of the part are left out of the Document. A part heading does
  not close it here: running headers name the part ("PART I"), and the next item comes
  before the next part.
- The section finder takes the longest of the item-heading sections, so an item heading
  left unread could change its choice: every unread part whose text names risk factors is
  read for one, and if one is there the whole filing is read.

core.pipeline reads the whole filing again when the section found in a part runs to the
part's end (the finder's end is not the one seen here) or none is found.

>>> extent = SectionExtent()
>>> blocks = [Draft("ITEM 1A. RISK FACTORS"), Draft("We may fail. " * 400),
...           Draft("ITEM 1B. UNRESOLVED STAFF COMMENTS"), *[Draft("More.")] * (MARGIN_BLOCKS + 1)]
>>> extent.enough(blocks[:3]), extent.enough(blocks)
(False, True)
>>> extent.matters([Draft("Item 3.D Risk Factors")]), extent.matters([Draft("See Item 1A.")])
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.read.draft import Draft
from core.read.section import ends_section, heading_of

# A section this long is a section, not a table of contents entry or a note that says it does
# not apply or points elsewhere: the finder reads those as such only up to 1,500 characters.
MIN_SECTION_CHARS = 4000
# Blocks read past the section's end before the reading may stop. The last blocks of a part
# may read otherwise than in the whole filing (cleaning mends a paragraph with the block after
# it and judges a running line by the three blocks either side of it): core.read.document
# drops the last UNSURE_BLOCKS of the part, well after the section's end.
MARGIN_BLOCKS = 32
UNSURE_BLOCKS = 8
# Every heading that could open an item-heading section names risk factors, in its own block
# or in the next ("ITEM 1A." then "RISK FACTORS").
_RISK_FACTORS = re.compile(r"risk\s*factors", re.IGNORECASE)
# The same, matched in lowercased text: a literal start the regex engine looks for at C speed
# (ignoring case it tries every position: 2.6 -> 0.6 ms over a 10-K's 430,000 characters).
_LOWER_RISK_FACTORS = re.compile(r"risk\s*factors")


class SectionExtent:
    """Follows the blocks as they are read (core.read.walk.Extent): where an item-heading
    section opens, how long it runs, and whether it has closed."""

    def __init__(self) -> None:
        self._seen = 0  # blocks looked at so far
        self._open: tuple[int, str] | None = None  # the open section's tier and title
        self._chars = 0
        # Where the last section long enough closed (None: none has yet).
        self._closed_at: int | None = None

    def enough(self, blocks: Sequence[Draft | None]) -> bool:
        self._follow(blocks)
        return (
            self._closed_at is not None
            and self._open is None
            and len(blocks) - self._closed_at > MARGIN_BLOCKS
            and not _may_open(blocks[-1])
        )

    def _follow(self, blocks: Sequence[Draft | None]) -> None:
        # The last block waits for the next: "ITEM 1A." is a heading only before "RISK FACTORS".
        last = len(blocks) - 1
        index = self._seen
        while index < last:
            block = blocks[index]
            index += 1
            if block is None:
                continue
            text = block.text
            heading = heading_of(text, _next_text(blocks, index))
            if self._open is not None:
                tier, title = self._open
                # Not at a part heading, nor at the section's own heading again: running
                # headers name the part and the item ("PART I", "ITEM 1A. RISK FACTORS").
                if (heading is None or heading.tier > 0) and ends_section(
                    text, tier=tier, title=title, parts=False
                ):
                    if self._chars >= MIN_SECTION_CHARS:
                        self._closed_at = index
                    self._open = None
                else:
                    self._chars += len(text)
                    continue
            # Another item heading after a section (a second one, or the first one again in
            # a cross-reference index) may open a longer one: the reading goes on past it.
            if heading is not None and heading.tier == 0:
                self._open = (heading.tier, heading.title)
                self._chars = len(text) - len(heading.title) if heading.cut else 0
        self._seen = index

    def may_matter(self, text: str) -> bool:
        return _LOWER_RISK_FACTORS.search(text.lower()) is not None

    def matters(self, blocks: Sequence[Draft | None]) -> bool:
        """Whether any of these blocks could open an item-heading section. A "Risk Factors"
        block alone counts: the "Item 1A." before it may be in the part before."""
        for index, block in enumerate(blocks):
            if block is None or _RISK_FACTORS.search(block.text) is None:
                continue
            heading = heading_of(block.text, _next_text(blocks, index + 1))
            if heading is not None and (heading.tier == 0 or heading.title == block.text):
                return True
        return False


def _may_open(block: Draft | None) -> bool:
    """Whether the last block read may open an item-heading section, whatever follows it."""
    if block is None:
        return False
    heading = heading_of(block.text, "RISK FACTORS")
    return heading is not None and heading.tier == 0


def _next_text(blocks: Sequence[Draft | None], index: int) -> str:
    """The text of the first block from `index` on (page breaks passed over), or ""."""
    for block in blocks[index : index + 2]:
        if block is not None:
            return block.text
    return ""
