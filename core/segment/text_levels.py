"""Find headings by wording and position alone, for sections without usable formatting.

A candidate is a line that could stand alone (a short risk sentence, a headline without its
full stop, or a short title) that starts a new thought (the line before it ended a sentence
and did not introduce a list) and does not lean on what came before ("In addition, ...",
"These factors ...") or run into what follows. Consecutive candidates form a run followed by
body text: in the run, headings are chosen so that each has body below it and together they
read most like headings (`_worth`); the rest are one-sentence body paragraphs. A title right
above a chosen heading is a category. Run lines up to one that only says again what the
heading just above it said continue that factor.

Run-in headings whose formatting is gone still read as such when several paragraphs open
with a Title Case phrase ending in ":" (core.segment.cues.title_case_lead); titles right
above them are categories.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import Block
from core.segment.cues import (
    MAX_HEADING_CHARS,
    continues,
    ends_mid_sentence,
    ends_open,
    ends_sentence,
    has_modal,
    has_risk_wording,
    is_bullet_text,
    is_section_name,
    is_sentence_heading,
    is_title_case,
    is_title_line,
    is_unterminated_heading,
    may_continue,
    points_ahead,
    restates,
    run_in_lead,
    sentence_lead,
    starts_lower,
)
from core.segment.roles import BODY, FACTOR, RUN_IN, SUBTITLE, Kind, Mark
from core.vocabulary import MAX_TITLE_WORDS

# A line that reuses this share of the heading's words within this much body after it
# says the heading again: it is body, not the next factor.
RESTATES = 0.6
RECENT_BODY_CHARS = 1500
# Fewer paragraphs than this opening with a Title Case lead are not how the section heads
# its factors ("Forward-Looking Statements: ..." in an intro).
MIN_RUN_INS = 3
# Old sections list their factors as bullets, each opening with its heading sentence ("• The
# Company has had historical losses. The Company has had ..."). Such items must hold more
# than this share of the section's text: a list inside a factor's body holds far less.
BULLETED_SHARE = 0.5
_GLYPH = re.compile(r"^\s*(?:[-\u2022\u25aa\u25cf\u25e6\u2023\u00b7*]|o(?=\s))\s*")


def is_list_item(block: Block) -> bool:
    return block.tag == "li" or is_bullet_text(block.text)


def could_head(blocks: Sequence[Block], index: int) -> bool:
    """True when blocks[index] may be a heading judged by itself and its neighbours."""
    block = blocks[index]
    if block.in_table or is_list_item(block) or index + 1 >= len(blocks):
        return False
    if is_title_line(block.text) and is_list_item(blocks[index + 1]):
        # A title straight over a list captions the list (a summary's group title).
        return False
    return _reads_as_heading(block.text) and _stands_apart(
        block.text,
        blocks[index - 1].text if index else "",
        blocks[index + 1].text,
    )


def _reads_as_heading(text: str) -> bool:
    sentence = is_sentence_heading(text) and has_risk_wording(text)
    heading_like = sentence or is_title_line(text) or is_unterminated_heading(text)
    return heading_like and not continues(text) and not points_ahead(text)


def _stands_apart(text: str, before: str, after: str) -> bool:
    """True when the line neither runs on from the text before it nor into the text after."""
    if starts_lower(after) or (continues(after) and not is_title_line(text)):
        return False
    if text.count(")") > text.count("("):
        # It closes a parenthesis opened before it: the rest of a cut paragraph.
        return False
    if ends_mid_sentence(before) or _cut_paragraph(before):
        return False
    # A short line ending in ":" introduces a list; a long paragraph ending in ":" may
    # introduce the whole list of factors.
    return not (ends_open(before) and len(before) <= MAX_HEADING_CHARS)


def _cut_paragraph(text: str) -> bool:
    """A paragraph that stops inside a parenthesis it opened, without ending its sentence:
    a page cut it, and the next block is its rest."""
    stripped = text.rstrip()
    return not ends_sentence(stripped) and stripped.count("(") > stripped.count(")")


def _worth(text: str, *, last: bool) -> float:
    """How much a run member reads like a heading: a risk statement or a title counts for
    one, a plain statement less (one-sentence body paragraphs are common); the shorter of
    two otherwise equal lines wins. A title with another line below it heads that line
    (a category), not a body."""
    if is_title_line(text):
        return (1.0 if last else -1.0) - len(text) / 10_000
    if may_continue(text):
        # Less than a plain statement: such a line more often closes the factor above.
        return 0.1 - len(text) / 10_000
    return (1.0 if has_modal(text) else 0.2) - len(text) / 10_000


def _best_headings(worths: Sequence[float]) -> list[int]:
    """Positions to make headings: no two next to each other (a heading needs body after
    it), the largest total worth."""
    take: list[tuple[float, list[int]]] = [(0.0, []), (0.0, [])]  # best up to i-2, i-1
    for position, worth in enumerate(worths):
        skip = take[-1]
        use = (take[-2][0] + worth, [*take[-2][1], position])
        take.append(use if use[0] > skip[0] else skip)
    return take[-1][1]


def text_marks(blocks: Sequence[Block]) -> list[Mark]:
    """One Mark per block, from text cues only.

    Consecutive candidate lines form a run followed by body text. In a run, headings are
    chosen so that each has body after it and the run's headings read most like headings;
    the others are one-sentence body paragraphs. Run lines up to one that restates the
    heading just above go on with that factor. A title right above a heading is a category.
    """
    bulleted = bulleted_run_ins(blocks)
    if bulleted:
        # The bullets are the factors; paragraphs between them go on with the one above.
        return [RUN_IN if index in bulleted else BODY for index in range(len(blocks))]
    run_in = run_in_blocks(blocks)
    # Where run-in leads head the factors, a stand-alone line is a one-sentence paragraph or
    # a category title above a run-in (found below), not a factor of its own.
    candidate = [not run_in and could_head(blocks, i) for i in range(len(blocks))]
    marks = [BODY] * len(blocks)
    heading = ""
    body_chars = 0
    index = 0
    while index < len(blocks):
        if not candidate[index]:
            body_chars += len(blocks[index].text)
            index += 1
            continue
        end = index
        while end + 1 < len(blocks) and candidate[end + 1]:
            end += 1
        restating = _restating_line(blocks, index, end, heading, body_chars)
        if restating < end:
            _mark_run(blocks, marks, max(index, restating + 1), end)
        chosen = [i for i in range(index, end + 1) if marks[i].kind is Kind.FACTOR]
        if chosen:
            heading = blocks[chosen[-1]].text
            body_chars = sum(len(blocks[i].text) for i in range(chosen[-1] + 1, end + 1))
        else:
            body_chars += sum(len(blocks[i].text) for i in range(index, end + 1))
        index = end + 1
    mark_run_ins(blocks, marks, run_in)
    return marks


def mark_run_ins(blocks: Sequence[Block], marks: list[Mark], run_in: set[int]) -> None:
    """Mark the `run_in` blocks RUN_IN, and the title lines right above each a category."""
    for index in sorted(run_in):
        marks[index] = RUN_IN
        above = index - 1
        while above >= 0 and marks[above].kind is not Kind.RUN_IN:
            if not _is_title(blocks[above].text) or is_list_item(blocks[above]):
                break
            marks[above] = Mark(Kind.CATEGORY)
            above -= 1


def most_text_factors(blocks: Sequence[Block]) -> int:
    """At least as many factors as `text_marks` finds in `blocks`, without choosing among
    the lines that could head one: the bulleted run-ins, else the run-in leads, else every
    line `could_head` might accept. What `core.segment.factors.mark_blocks` needs to know
    when formatting finds factors enough whatever the wording finds (on a filing with
    markup, nearly always; reading the wording costs most of segmenting it)."""
    bulleted = bulleted_run_ins(blocks)
    if bulleted:
        return len(bulleted)
    run_in = run_in_blocks(blocks)
    if run_in:
        return len(run_in)
    # could_head refuses the last block, and a line no heading cue accepts (see _may_head).
    return sum(1 for block in blocks[:-1] if _may_head(block))


def _may_head(block: Block) -> bool:
    """What `could_head` asks of a line in any case, at a glance: outside tables and lists,
    and short enough for a sentence heading (MAX_HEADING_CHARS, longer than an unterminated
    one may be) or with few enough words for a title line (MAX_TITLE_WORDS)."""
    if block.in_table or is_list_item(block):
        return False
    text = block.text.strip()
    return (
        len(text) <= MAX_HEADING_CHARS
        or len(text.split(maxsplit=MAX_TITLE_WORDS)) <= MAX_TITLE_WORDS
    )


def _is_title(text: str) -> bool:
    return is_title_line(text) or (
        len(text.split()) <= MAX_TITLE_WORDS and is_title_case(text) and not ends_open(text)
    )


def run_in_blocks(blocks: Sequence[Block]) -> set[int]:
    """Paragraphs that open with a Title Case lead ending in ":" (or a Title Case or ALL-CAPS
    one ending in "."), when enough do."""
    found = {
        index
        for index, block in enumerate(blocks)
        if not block.in_table and not is_list_item(block) and run_in_lead(block.text)
    }
    return found if len(found) >= MIN_RUN_INS else set()


def unbulleted(text: str) -> str:
    """The text without the bullet glyph ("•", "-", "o") that opens it."""
    return _GLYPH.sub("", text, count=1) if is_bullet_text(text) else text


def bullet_lead(text: str, *, risk_wording: bool = False) -> str:
    """The heading a bullet item opens with: a run-in title, else a first sentence short
    enough for a heading with more after it (saying what may happen, with `risk_wording`);
    "" when it has neither."""
    text = unbulleted(text)
    lead = run_in_lead(text)
    if lead:
        return lead
    first = sentence_lead(text)
    if not first or not is_sentence_heading(first):
        return ""
    return first if has_risk_wording(first) or not risk_wording else ""


def bulleted_run_ins(blocks: Sequence[Block]) -> set[int]:
    """List items that each open with their factor's heading, when enough of them hold most
    of the section (a section written as one bulleted list of risks); else none."""
    items = [i for i, block in enumerate(blocks) if not block.in_table and is_list_item(block)]
    total = sum(len(block.text) for block in blocks)
    if sum(len(blocks[i].text) for i in items) <= total * BULLETED_SHARE:
        return set()  # all the items together hold too little, whichever open with a heading
    # Enough items must say what may happen for the list to be the factors; then every item
    # that opens with a heading-length sentence is one ("The markets ... are competitive.").
    risky = [i for i in items if bullet_lead(blocks[i].text, risk_wording=True)]
    if len(risky) < MIN_RUN_INS:
        return set()
    found = {i for i in items if bullet_lead(blocks[i].text)}
    held = sum(len(blocks[index].text) for index in found)
    return found if held > total * BULLETED_SHARE else set()


def _restating_line(
    blocks: Sequence[Block], first: int, last: int, heading: str, body_chars: int
) -> int:
    """The last run line that says again what the heading just above it said, more than
    it says what the text after the run goes on to say (a new heading previews its body);
    first - 1 when none does. Such a line and those before it go on with that factor."""
    if not heading or body_chars > RECENT_BODY_CHARS:
        return first - 1
    after = blocks[last + 1].text if last + 1 < len(blocks) else ""
    for index in range(last, first - 1, -1):
        text = blocks[index].text
        backward = restates(text, heading)
        if backward >= RESTATES and backward > restates(after, text):
            return index
    return first - 1


def _mark_run(blocks: Sequence[Block], marks: list[Mark], first: int, last: int) -> None:
    run = [i for i in range(first, last + 1) if not is_section_name(blocks[i].text)]
    for i in range(first, last + 1):
        if is_section_name(blocks[i].text):
            marks[i] = SUBTITLE
    if not run or last + 1 >= len(blocks):
        return
    if run != list(range(run[0], run[-1] + 1)):
        run = run[run.index(max(run)) :]
    worths = [_worth(blocks[i].text, last=i == run[-1]) for i in run]
    for position in range(len(run) - 2):
        # A line over a title that heads a later line has no body of its own: the title
        # is a category over what follows, not the line's body.
        if is_title_line(blocks[run[position + 1]].text):
            worths[position] = min(worths[position], -1.0)
    chosen = [run[position] for position in _best_headings(worths)]
    if not chosen:
        return
    for heading in chosen:
        marks[heading] = FACTOR
    above = chosen[0] - 1
    while above in run and is_title_line(blocks[above].text):
        marks[above] = Mark(Kind.CATEGORY)
        above -= 1
