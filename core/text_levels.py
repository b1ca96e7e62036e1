"""Find headings by wording and position alone, for sections without usable formatting.

A heading is a line that could stand alone (one sentence or a short title), that starts a
new thought (the line before it ended a sentence) and that is followed by body text. When two
such lines follow each other, the first one heads the second: a short title becomes a
category, a sentence stays body (a one-sentence paragraph that closes the factor before).
"""

from __future__ import annotations

from collections.abc import Sequence

from core.heading_cues import (
    MAX_HEADING_CHARS,
    ends_mid_sentence,
    ends_open,
    has_modal,
    has_risk_wording,
    is_bullet_text,
    is_section_name,
    is_sentence_heading,
    is_title_line,
    starts_lower,
)
from core.model import Block
from core.roles import BODY, FACTOR, SUBTITLE, Kind, Mark


def is_list_item(block: Block) -> bool:
    return block.tag == "li" or is_bullet_text(block.text)


def could_head(blocks: Sequence[Block], index: int) -> bool:
    """True when blocks[index] may be a heading judged by itself and its neighbours."""
    block = blocks[index]
    text = block.text
    if block.in_table or is_list_item(block):
        return False
    sentence = is_sentence_heading(text) and has_risk_wording(text)
    if not (sentence or is_title_line(text)):
        return False
    if index + 1 >= len(blocks) or starts_lower(blocks[index + 1].text):
        return False
    if index == 0:
        return True
    before = blocks[index - 1].text
    if is_list_item(blocks[index - 1]) or ends_mid_sentence(before):
        return False
    # A short line ending in ":" introduces a list; a long paragraph ending in ":" may
    # introduce the whole list of factors.
    return not (ends_open(before) and len(before) <= MAX_HEADING_CHARS)


def _strength(text: str) -> tuple[bool, int]:
    return has_modal(text), -len(text)


def text_marks(blocks: Sequence[Block]) -> list[Mark]:
    """One Mark per block, from text cues only.

    Consecutive candidate lines form a run; the run's strongest line (says what may happen,
    then the shortest) heads the factor. Lines before it are the end of the previous factor,
    or categories when they are titles standing right above it; lines after it open its body.
    """
    candidate = [could_head(blocks, index) for index in range(len(blocks))]
    marks = [BODY] * len(blocks)
    index = 0
    while index < len(blocks):
        if not candidate[index]:
            index += 1
            continue
        end = index
        while end + 1 < len(blocks) and candidate[end + 1]:
            end += 1
        _mark_run(blocks, marks, index, end)
        index = end + 1
    return marks


def _mark_run(blocks: Sequence[Block], marks: list[Mark], first: int, last: int) -> None:
    run = [i for i in range(first, last + 1) if not is_section_name(blocks[i].text)]
    for i in range(first, last + 1):
        if is_section_name(blocks[i].text):
            marks[i] = SUBTITLE
    if not run or last + 1 >= len(blocks):
        return
    heading = max(run, key=lambda i: _strength(blocks[i].text))
    marks[heading] = FACTOR
    above = heading - 1
    while above in run and is_title_line(blocks[above].text):
        marks[above] = Mark(Kind.CATEGORY)
        above -= 1
