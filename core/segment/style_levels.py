"""Find headings and their levels from formatting: which looks are rare and heading-like.

Every block gets a signature (bold, italic, underline, size, colour; for a run-in heading,
the look of its lead). The look of most of the section's letters is the body look. Blocks
whose look adds emphasis to it and whose text could be a heading are grouped by signature.
The group with the most heading-like members holds the factor headings; the rarer groups
whose members stand right above other headings hold the categories, outermost first
(larger type first, then the one that appears first).

The method never looks at a company's name: it ranks looks by how often and where they
occur in the section, and uses core.segment.cues to read the wording of the candidates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from core.model import Block, Style
from core.segment.cues import (
    ends_sentence,
    is_all_caps,
    is_bullet_text,
    is_section_name,
    is_sentence_heading,
    is_title_line,
    looks_like_heading,
    sentence_count,
)
from core.segment.roles import BODY, FACTOR, RUN_IN, SUBTITLE, Kind, Mark
from core.vocabulary import WHOLLY_STYLED

MAX_LEAD_CHARS = 300
# Formatting is a strong cue: a styled heading may run longer than a plain one.
MAX_STYLED_HEADING_CHARS = 600
# Headings run to two sentences in practice; a styled paragraph of more is prose.
MAX_HEADING_SENTENCES = 3
# Fewer styled headings than this are not a pattern to segment by.
MIN_FACTORS = 2
# Categories: most of a group's members must stand right above another heading.
CATEGORY_ABOVE_SHARE = 0.6


class Signature(NamedTuple):
    bold: bool
    italic: bool
    underline: bool
    size: float | None
    color: str | None
    run_in: bool


def signature(style: Style, *, run_in: bool = False) -> Signature:
    size = round(style.font_size * 2) / 2 if style.font_size else None
    return Signature(
        style.bold >= WHOLLY_STYLED,
        style.italic >= WHOLLY_STYLED,
        style.underline >= WHOLLY_STYLED,
        size,
        (style.color or "").lower() or None,
        run_in,
    )


def body_signature(blocks: Sequence[Block]) -> Signature:
    """The look of most of the section's letters."""
    letters: Counter[Signature] = Counter()
    for block in blocks:
        if not block.in_table:
            letters[signature(block.style)] += len(block.text)
    if not letters:
        return signature(Style())
    return letters.most_common(1)[0][0]


def emphasised(look: Signature, body: Signature) -> bool:
    """True when `look` stands out from the body look by weight, slant, underline or size."""
    if (look.bold and not body.bold) or (look.italic and not body.italic):
        return True
    if look.underline and not body.underline:
        return True
    return look.size is not None and body.size is not None and look.size > body.size + 0.5


def _run_in_lead(block: Block) -> str:
    lead = block.lead.strip()
    if not lead or len(lead) > MAX_LEAD_CHARS or len(lead) >= len(block.text.strip()) - 1:
        return ""
    return lead


def candidate_signature(block: Block, body: Signature) -> Signature | None:
    """The block's heading look, or None when it cannot be a heading."""
    text = block.text.strip()
    if block.in_table or block.tag == "li" or is_bullet_text(text):
        return None
    if not any(char.isalpha() for char in text):
        return None
    lead = _run_in_lead(block)
    if lead:
        look = signature(block.lead_style, run_in=True)
        if emphasised(look, body) and (lead.endswith((":", ".")) or ends_sentence(lead)):
            return look
    look = signature(block.style)
    if len(text) <= MAX_STYLED_HEADING_CHARS and emphasised(look, body):
        return look
    return None


def _heading_like(block: Block, look: Signature) -> bool:
    if look.run_in:
        return True
    return looks_like_heading(block.text)


def style_marks(blocks: Sequence[Block]) -> list[Mark] | None:
    """One Mark per block, or None when formatting sets no factor headings apart."""
    body = body_signature(blocks)
    looks = [candidate_signature(block, body) for block in blocks]
    groups: dict[Signature, list[int]] = defaultdict(list)
    for index, look in enumerate(looks):
        if look is not None:
            groups[look].append(index)
    if not groups:
        return None

    def score(look: Signature) -> tuple[float, int]:
        members = [i for i in groups[look] if not is_section_name(blocks[i].text)]
        heading_like = sum(
            1.0 if look.run_in else _heads_body(i, looks)
            for i in members
            if _heading_like(blocks[i], look)
        )
        sentences = sum(is_sentence_heading(blocks[i].text) for i in members)
        return heading_like, sentences

    factor_look = max(groups, key=score)
    if score(factor_look)[0] < MIN_FACTORS:
        return None
    factor_members = set(groups[factor_look])

    category_looks = _category_looks(blocks, groups, factor_look)
    levels = _order_levels(category_looks, groups)
    category_members = {i: levels[look] for look in category_looks for i in groups[look]}

    marks: list[Mark] = [BODY] * len(blocks)
    inner_level = len(levels)
    for index in range(len(blocks)):
        text = blocks[index].text
        if index in category_members:
            marks[index] = Mark(Kind.CATEGORY, category_members[index])
        elif index in factor_members:
            marks[index] = _factor_look_mark(
                text,
                run_in=factor_look.run_in,
                heads_factor=index + 1 in factor_members,
                inner_level=inner_level,
            )
        elif looks[index] is not None and is_section_name(text):
            marks[index] = SUBTITLE
    return marks


def _factor_look_mark(text: str, *, run_in: bool, heads_factor: bool, inner_level: int) -> Mark:
    """What a block in the factors' look is: mostly a factor heading."""
    if is_section_name(text):
        return SUBTITLE
    if run_in:
        return RUN_IN
    if sentence_count(text) > MAX_HEADING_SENTENCES:
        # Prose set in the heading look (an emphasised warning) stays body.
        return BODY
    if heads_factor and is_title_line(text):
        # Same look as the factors but it stands right above one: a category.
        return Mark(Kind.CATEGORY, inner_level)
    return FACTOR


def _heads_body(index: int, looks: Sequence[Signature | None]) -> float:
    """A factor heading has body text below it; a line right above another candidate
    heading more likely heads that one (a category) and counts for less."""
    if index + 1 < len(looks) and looks[index + 1] is not None:
        return 0.25
    return 1.0


def _category_looks(
    blocks: Sequence[Block],
    groups: dict[Signature, list[int]],
    factor_look: Signature,
) -> list[Signature]:
    """Looks whose members are titles standing right above other headings."""
    first_factor = min(groups[factor_look])
    candidates = [look for look in groups if look != factor_look and not look.run_in]
    heading_indexes = set(groups[factor_look])
    for look in candidates:
        heading_indexes.update(groups[look])
    chosen: list[Signature] = []
    for look in candidates:
        members = [i for i in groups[look] if not is_section_name(blocks[i].text)]
        if not members:
            continue
        titled = sum(is_title_line(blocks[i].text) or is_all_caps(blocks[i].text) for i in members)
        if titled * 2 < len(members):
            continue
        # Members before the first factor that head no heading belong to a summary list.
        counted = [i for i in members if i >= first_factor or i + 1 in heading_indexes]
        above = sum(i + 1 in heading_indexes for i in counted)
        if not counted or above < CATEGORY_ABOVE_SHARE * len(counted):
            continue
        chosen.append(look)
    return chosen


def _order_levels(
    category_looks: list[Signature], groups: dict[Signature, list[int]]
) -> dict[Signature, int]:
    """Outermost first: larger type, then the look that appears first."""
    ordered = sorted(category_looks, key=lambda look: (-(look.size or 0.0), min(groups[look])))
    return {look: level for level, look in enumerate(ordered)}
