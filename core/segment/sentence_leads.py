"""Factors whose heading is the first sentence of their paragraph, with nothing else to set
it apart.

Text extracted from a formatted filing (a whole 10-K saved one paragraph per line) has lost
the bold or italics that set each heading apart, and many filings run the heading into the
paragraph it heads: "We depend on our suppliers and our business could be harmed if they do
not perform. We rely on ...". What is left is wording: such a paragraph opens with a sentence
short enough for a heading that says what may happen ("may", "could", "adversely", ...), does
not lean on what came before ("In addition, ...", "These ..."), and does not continue a list
the paragraph before it opened.

Body paragraphs often open that way too, so this reading is a fallback: only for a section the
other readings split into far too few factors for its length (`too_few_factors`), where it
finds more factors than they did.

>>> from core.model import Block
>>> texts = [
...     "Our results may fluctuate. Sales swing from quarter to quarter with demand.",
...     "Demand is hard to forecast. Orders arrive late in each quarter.",
...     "We depend on a few suppliers and could be harmed if they fail. Each is sole source.",
...     "In addition, we may not forecast well. Our forecasts rest on few customers.",
...     "Our stock price may be volatile. It has swung widely in the past.",
... ]
>>> blocks = [Block(text, 0, len(text)) for text in texts]
>>> sorted(sentence_run_ins(blocks))
[0, 2, 4]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import Block
from core.segment.cues import (
    continues,
    ends_mid_sentence,
    ends_open,
    has_risk_wording,
    is_sentence_heading,
    sentence_lead,
    starts_lower,
)
from core.segment.text_levels import is_list_item

# The labelled filings average at most 716 words a factor (NVIDIA's 10-K for 2025, whose
# factors are the longest); a reading that leaves about twice that per factor has missed
# most of the headings.
MAX_WORDS_PER_FACTOR = 1400
# Fewer paragraphs than this opening with a risk sentence are no way of heading factors ...
MIN_SENTENCE_LEADS = 3
# ... nor fewer than this share of the section's paragraphs (lists aside): a section headed
# this way opens every factor so, and its factors run to a few paragraphs (the extracted
# 10-Ks read: SanDisk 2009 and 2010, 0.59 and 0.56; FedEx 2023, 0.46), while a narrative of
# unheaded paragraphs has a risk sentence at the start of some (Home Health 1997: 0.27).
MIN_LEAD_SHARE = 1 / 3
# Openings that sum up or qualify what came before ("All of these factors could ...", "Even
# if we offset the cost ..., ...", "While we have security processes ..."): body paragraphs
# that open with a risk sentence all the same. No heading of the labelled filings opens so.
_CONCEDES = re.compile(
    r"^\s*(?:all\s+of\s+(?:these|this|the\s+foregoing)|even\s+if|there\s+(?:is|are)\s+also"
    r"|while)\b",
    re.IGNORECASE,
)


def too_few_factors(blocks: Sequence[Block], factors: int) -> bool:
    """Whether `factors` factors are too few for the words of `blocks` (a section)."""
    most = MAX_WORDS_PER_FACTOR * max(factors, 1)
    # A text of n characters holds at most (n + 1) // 2 words: a section too short to exceed
    # the limit whatever its spacing is not split into words.
    if sum((len(block.text) + 1) // 2 for block in blocks) <= most:
        return False
    return sum(len(block.text.split()) for block in blocks) > most


def sentence_run_ins(blocks: Sequence[Block]) -> set[int]:
    """The paragraphs that open with their factor's heading sentence, when enough do
    (MIN_SENTENCE_LEADS, and MIN_LEAD_SHARE of the paragraphs); else none."""
    found = {index for index in range(len(blocks)) if _opens_with_heading(blocks, index)}
    paragraphs = sum(not block.in_table and not is_list_item(block) for block in blocks)
    if len(found) < max(MIN_SENTENCE_LEADS, paragraphs * MIN_LEAD_SHARE):
        return set()
    return found


def lone_sentences(blocks: Sequence[Block], run_ins: set[int]) -> set[int]:
    """Among paragraphs that open with their heading (`run_ins`), the headings that stand
    alone: a one-sentence paragraph that reads as a heading, with body after it (the next
    paragraph opens with no heading of its own and goes on no list)."""
    found = set()
    for index, block in enumerate(blocks[:-1]):
        after = blocks[index + 1]
        if index in run_ins or index + 1 in run_ins or not _leads(blocks, index):
            continue
        if is_list_item(after) or starts_lower(after.text):
            continue
        if is_sentence_heading(block.text) and has_risk_wording(block.text):
            found.add(index)
    return found


def _opens_with_heading(blocks: Sequence[Block], index: int) -> bool:
    if not _leads(blocks, index):
        return False
    lead = sentence_lead(blocks[index].text)
    return bool(lead) and is_sentence_heading(lead) and has_risk_wording(lead)


def _leads(blocks: Sequence[Block], index: int) -> bool:
    """Whether blocks[index] may start something: a paragraph of its own that neither leans
    on what came before nor goes on with a list or a cut paragraph above it."""
    block = blocks[index]
    if block.in_table or is_list_item(block):
        return False
    if continues(block.text) or _CONCEDES.match(block.text):
        return False
    before = blocks[index - 1].text.rstrip() if index else ""
    return not (before and (ends_open(before) or ends_mid_sentence(before)))
