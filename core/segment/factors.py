"""Split a Risk Factors section into Factors: heading, body paragraphs, category path.

A heading wrapped over two blocks (a line that stops mid-sentence, then the rest of it in the
same look) is first joined again. The section's blocks are then marked (core.segment.style_levels
reads formatting, core.segment.text_levels reads wording when the filing has no usable formatting),
then walked in order: a category
mark sets the category path at its level, a factor mark opens a new factor, and body blocks
join the open factor (or the intro before the first factor).

>>> from core.model import Block, Section
>>> blocks = (
...     Block("We face risks.", 0, 14),
...     Block("Competition may hurt our margins.", 16, 49),
...     Block("Many rivals are larger than we are and sell at lower prices.", 51, 111),
... )
>>> factors, intro = segment(Section("Risk Factors", blocks, 0, 111), has_markup=False)
>>> [factor.heading for factor in factors], intro
(['Competition may hurt our margins.'], ('We face risks.',))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from core.model import Block, Factor, Section
from core.segment.cues import (
    MAX_HEADING_CHARS,
    ends_mid_sentence,
    ends_sentence,
    is_all_caps,
    run_in_lead,
    starts_lower,
)
from core.segment.roles import Kind, Mark
from core.segment.style_levels import MAX_STYLED_HEADING_CHARS, signature, style_marks
from core.segment.text_levels import bullet_lead, is_list_item, text_marks, unbulleted

# Formatting must find at least a third as many factors as the wording does to be trusted.
STYLE_SHARE = 3
# Typewritten filings emphasise with capitals: an ALL-CAPS line (or a run-in lead) is read as
# bold when at least this many blocks have one, up to the length of a styled heading (old
# headings run to two or three sentences, ~600 characters; a capitalised legal notice is longer).
MIN_CAPITAL_HEADINGS = 3


@dataclass(slots=True)
class _OpenFactor:
    heading: str
    category: tuple[str, ...]
    start: int
    end: int
    run_in: bool
    paragraphs: list[str] = field(default_factory=list)
    list_items: list[int] = field(default_factory=list)

    def add(self, block: Block) -> None:
        """A body block becomes the next paragraph (a list item when it is tagged one)."""
        if block.tag == "li":
            self.list_items.append(len(self.paragraphs))
        self.paragraphs.append(block.text)
        self.end = block.end

    def close(self) -> Factor:
        return Factor(
            heading=self.heading,
            paragraphs=tuple(self.paragraphs),
            category=self.category,
            start=self.start,
            end=self.end,
            run_in=self.run_in,
            list_items=tuple(self.list_items),
        )


def mark_blocks(blocks: Sequence[Block], *, has_markup: bool = True) -> list[Mark]:
    """One Mark per block: from formatting when it tells headings apart, else from text."""
    blocks = _untable_layout(blocks)
    by_text = text_marks(blocks)
    if has_markup:
        by_style = style_marks(blocks)
    else:
        capitals = _capitals_as_weight(blocks)
        by_style = style_marks(capitals) if capitals is not None else None
    if by_style is None or _factor_count(by_style) * STYLE_SHARE < _factor_count(by_text):
        # Formatting that sets apart only a few lines (bold table titles, a stray bold
        # sentence) is not how this filing marks its factors: its wording is.
        return keep_live_categories(by_text)
    return keep_live_categories(by_style)


def mend_wrapped(blocks: Sequence[Block]) -> list[Block]:
    """Join a short line that stops mid-sentence to the next block in the same look when
    that block goes on with it (opens in lower case, or the line ends on "of", "and", ","):
    a heading wrapped over two blocks. Longer paragraphs cut this way are mended when the
    filing is read (core.read.clean); a heading is shorter than what that takes."""
    mended: list[Block] = []
    for block in blocks:
        if mended and _wraps_into(mended[-1], block):
            mended[-1] = replace(mended[-1], text=f"{mended[-1].text} {block.text}", end=block.end)
        else:
            mended.append(block)
    return mended


def _wraps_into(line: Block, block: Block) -> bool:
    text = line.text.rstrip()
    if line.in_table or block.in_table or line.lead or block.lead:
        return False
    if is_list_item(line) or is_list_item(block) or len(text) > MAX_HEADING_CHARS:
        return False
    if not text or ends_sentence(text) or text.endswith(":"):
        return False
    if signature(line.style) != signature(block.style):
        return False
    return starts_lower(block.text) or ends_mid_sentence(text)


def _capitals_as_weight(blocks: Sequence[Block]) -> list[Block] | None:
    """The blocks with ALL-CAPS headings and ALL-CAPS run-in leads made bold, or None when
    fewer than MIN_CAPITAL_HEADINGS blocks have one (capitals are then no heading pattern)."""
    weighted: list[Block] = []
    found = 0
    for block in blocks:
        lead = run_in_lead(block.text)
        if is_list_item(block) or block.in_table:
            weighted.append(block)
        elif is_all_caps(block.text) and len(block.text) <= MAX_STYLED_HEADING_CHARS:
            weighted.append(replace(block, style=replace(block.style, bold=1.0)))
            found += 1
        elif lead and is_all_caps(lead):
            weighted.append(replace(block, lead=lead, lead_style=replace(block.style, bold=1.0)))
            found += 1
        else:
            weighted.append(block)
    return weighted if found >= MIN_CAPITAL_HEADINGS else None


def _untable_layout(blocks: Sequence[Block]) -> Sequence[Block]:
    """Tables that lay out the page rather than hold figures are read as paragraphs: all of
    them when most of the section sits in tables (old filings do that), and any table that
    holds a single block (a heading or a note boxed in a one-cell table)."""
    in_tables = sum(len(block.text) for block in blocks if block.in_table)
    if in_tables * 2 > sum(len(block.text) for block in blocks):
        return [replace(block, in_table=False) for block in blocks]
    return [
        replace(block, in_table=False) if _alone_in_table(blocks, index) else block
        for index, block in enumerate(blocks)
    ]


def _alone_in_table(blocks: Sequence[Block], index: int) -> bool:
    if not blocks[index].in_table:
        return False
    before = index > 0 and blocks[index - 1].in_table
    after = index + 1 < len(blocks) and blocks[index + 1].in_table
    return not before and not after


def _factor_count(marks: Sequence[Mark]) -> int:
    return sum(mark.kind in (Kind.FACTOR, Kind.RUN_IN) for mark in marks)


def keep_live_categories(marks: Sequence[Mark]) -> list[Mark]:
    """Categories that head no factor (a summary list's group titles, a category left
    empty) become body text, so their words stay in the intro or the factor they sit in."""
    kept = list(marks)
    for index, mark in enumerate(marks):
        if mark.kind is not Kind.CATEGORY:
            continue
        for later in marks[index + 1 :]:
            if later.kind in (Kind.FACTOR, Kind.RUN_IN):
                break
            if later.kind is Kind.CATEGORY and later.level <= mark.level:
                kept[index] = Mark(Kind.BODY)
                break
        else:
            kept[index] = Mark(Kind.BODY)
    return kept


def split_lead(block: Block) -> tuple[str, str]:
    """A run-in heading (its formatted lead, else a Title Case lead ending in ":" or ".",
    else the first sentence of a bullet item) and the rest of its paragraph."""
    text = block.text.strip()
    if not block.lead.strip() and is_list_item(block):
        text = unbulleted(text)
        lead = bullet_lead(text)
    else:
        lead = block.lead.strip() or run_in_lead(text)
    if text.startswith(lead):
        return lead, text[len(lead) :].strip()
    return lead, text


def segment(
    section: Section, *, has_markup: bool = True
) -> tuple[tuple[Factor, ...], tuple[str, ...]]:
    """Return the section's factors in filing order and the intro paragraphs before them."""
    blocks = mend_wrapped(section.blocks)
    marks = mark_blocks(blocks, has_markup=has_markup)
    return assemble(blocks, marks)


def assemble(
    blocks: Sequence[Block], marks: Sequence[Mark]
) -> tuple[tuple[Factor, ...], tuple[str, ...]]:
    """Walk blocks with their marks and build the factors and the intro.

    Category lines are not kept as text (they are the factors' category paths); any text
    between a category line and the next factor joins the factor before it, so every other
    block lands in the intro or in exactly one factor. A body block tagged "li" is noted in
    its factor's `list_items`; the rest of a run-in heading's paragraph is never one (the
    heading, not the rest, is what such a bullet marks)."""
    factors: list[Factor] = []
    intro: list[str] = []
    path: list[str] = []
    current: _OpenFactor | None = None
    for block, mark in zip(blocks, marks, strict=True):
        if mark.kind is Kind.CATEGORY:
            del path[mark.level :]
            path.extend([""] * (mark.level - len(path)))
            path.append(block.text)
            continue
        if mark.kind in (Kind.FACTOR, Kind.RUN_IN):
            if current is not None:
                factors.append(current.close())
            category = tuple(name for name in path if name)
            if mark.kind is Kind.RUN_IN:
                heading, rest = split_lead(block)
                current = _OpenFactor(heading, category, block.start, block.end, True)
                if rest:
                    current.paragraphs.append(rest)
            else:
                current = _OpenFactor(block.text, category, block.start, block.end, False)
            continue
        if current is None:
            intro.append(block.text)
        else:
            current.add(block)
    if current is not None:
        factors.append(current.close())
    return tuple(factors), tuple(intro)
