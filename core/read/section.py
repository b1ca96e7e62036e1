"""Find the Risk Factors section of a Document.

The section starts at a heading block (or a heading run into its paragraph) and runs to
the next item heading:
- 10-K "Item 1A. Risk Factors" up to Item 1B / 1C / 2 (any other item, or "PART II");
- 20-F "Item 3.D Risk Factors" or "D. Risk Factors" up to Item 4 or "E. ...";
- only when neither exists: older titles ("(Additional) Factors That May Affect Future
  Results", "Factors Affecting Future Results") or a bare "Risk Factors" heading, up to
  the next item heading.
The same heading also appears in the table of contents, running headers and references
("see Item 1A. Risk Factors"). References are never heading blocks of their own; table
of contents entries lead to nothing but page numbers, so they need prose after them; of
the rest the candidate followed by the most text wins. A section that only says "Not
applicable" or only points elsewhere raises SectionNotApplicableError, unless the risk
factors it points to are in the same file.
A file with no item headings at all that talks of risks is taken as the section saved
alone (title ""), so a pasted or extracted section compares too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import NoMaterialChangesError, SectionNotApplicableError, SectionNotFoundError
from core.model import Block, Document, Section
from core.segment.cues import has_risk_wording, is_all_caps, is_bullet_text
from core.vocabulary import MAX_SECTION_TITLE_WORDS, MOSTLY_STYLED

_DASH = r"[.:\-\u2013\u2014)]"
_TITLES: tuple[re.Pattern[str], ...] = (
    # Tier 0: the item headings the forms prescribe.
    re.compile(
        rf"^(?:item\s*1\s*\(?a\)?\s*{_DASH}?\s*{_DASH}?\s*[\"“]?risk\s+factors"
        rf"|(?:item\s*)?(?:3\s*\.?\s*)?d\s*{_DASH}?\s*[\"“]?risk\s+factors)\b",
        re.IGNORECASE,
    ),
    # Tier 1, used only without tier 0: the titles used before Item 1A existed (2005), as a
    # sub-section of Item 1 or Item 7 ...
    re.compile(
        r"^(?:(?:additional\s+|certain\s+|other\s+|important\s+)?(?:risk\s+)?factors\s+"
        r"(?:that\s+(?:may|could|might)\s+(?:affect|impact|influence)"
        r"|affecting\s+(?:our\s+|the\s+company'?s\s+)?(?:future\s+)?(?:operating\s+"
        r"|financial\s+)?results|to\s+be\s+considered)"
        r"|certain\s+(?:important\s+)?factors|(?:certain\s+)?business\s+risks"
        r"|forward\s+outlook\s+and\s+risks"
        r"|cautionary\s+statements?(?=\s*[.:]?$))\b",
        re.IGNORECASE,
    ),
    # ... and a bare heading; the longest of these wins.
    re.compile(r"^risk\s+factors\b", re.IGNORECASE),
)
_ITEM_ONLY = re.compile(
    rf"^(?:item\s*(?:1\s*\(?a\)?|3\s*\.?\s*d)|(?:3\s*\.?\s*)?d)\s*{_DASH}?$", re.IGNORECASE
)
# Every heading `heading_of` finds opens with a match of one of the patterns above. Their union,
# matched once per block in C, lets only the few blocks one of them could match be read pattern
# by pattern: a 4 MB filing has ~6,500 blocks and a few dozen pass (same patterns, same flags, so
# the union matches exactly the texts one of them matches).
_ANY_HEADING = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern in (_ITEM_ONLY, *_TITLES)), re.IGNORECASE
)
# What such a heading opens with: every pattern above starts with "item", "3", "d",
# "additional", "certain", "other", "important", "risk", "factors", "business", "forward" or
# "cautionary", matched ignoring case (so also by the Turkish dotted and dotless I). A block
# opening with any other character is passed over before the union is tried on it (one set
# lookup instead of a failing try of each alternative: 2.5 -> 0.7 ms on the 6,600 blocks of a
# Coca-Cola 10-K).
_HEADING_OPENERS = frozenset("iIdDaAcCoOrRfFbB3\u0130\u0131")
# A 10-K's item heading ("Item 1A", "ITEM 1 A", "Item 1(a)"); the rest are 20-F headings.
_TEN_K_TITLE = re.compile(r"^item\s*1\s*\(?a\b", re.IGNORECASE)
_RISK_FACTORS_ONLY = re.compile(r"^[\"“]?risk\s+factors[\"”]?\s*[.:]?$", re.IGNORECASE)
_ITEM = re.compile(rf"^item\s*(\d{{1,2}})\s*\.?\s*\(?([a-z])?\b\s*{_DASH}?", re.IGNORECASE)
_PART = re.compile(r"^part\s+(?:i{1,3}|iv)\b", re.IGNORECASE)
_LETTER_SUBITEM = re.compile(rf"^(?:item\s*3\s*\.?\s*)?e\s*{_DASH}\s*\w", re.IGNORECASE)
# Left after a heading in the same block: page numbers, dots, punctuation, "(continued)".
_TRAILER = re.compile(
    r"^[\s\"\u201d.:\-\u2013\u2014)]*(?:\(continued\))?[\s.]*(?:\d{1,3})?\s*$", re.IGNORECASE
)
_HEADING_MAX = 120
# After a heading, the start of its paragraph: a capital (not the next item or part).
_RUN_IN = re.compile(r"^\s*[.:\-\u2013\u2014]?\s+(?!(?i:item|part)\b)(?=[\"\u201cA-Z])")
_NOT_APPLICABLE = re.compile(
    r"\b(?:not\s+applicable|not\s+required|n/a|smaller\s+reporting\s+compan(?:y|ies)\b"
    r"[^.]*\bnot\s+required)",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"\b(?:incorporated\s+(?:herein\s+)?(?:in\s+this\s+item\s+)?by\s+reference"
    r"|can\s+be\s+found\s+in|(?:is|are)\s+(?:included|contained|set\s+forth|presented)\s+"
    r"(?:in|under)|refer\s+to|see\s+(?:the\s+)?(?:information|discussion|section|[\"\u201c'])"
    r"|see\s+(?:item|part|page|exhibit)\b)",
    re.IGNORECASE,
)
# Where a reference points: another part of the filing or another document.
_ELSEWHERE = re.compile(
    r"\b(?:annual\s+report|exhibit|item\s*\d|part\s+i|proxy|prospectus|page|section|caption"
    r"|heading|report\s+to\s+(?:share|stock)holders)",
    re.IGNORECASE,
)
# A quarterly report's Item 1A that only says nothing changed: "There have been no material
# changes to the risk factors disclosed in ... our Annual Report on Form 10-K". Such notes run
# to a paragraph or two; a section with factors of its own is longer.
_NO_MATERIAL_CHANGES = re.compile(
    r"\b(?:no|not\s+been\s+any|were\s+not\s+any)\s+material\s+changes?\b"
    r"|\bha(?:ve|s)\s+not\s+(?:been\s+)?(?:materially\s+changed|changed\s+materially)",
    re.IGNORECASE,
)
_NO_CHANGES_CHARS = 1500
_NOT_APPLICABLE_CHARS = 400
_REFERENCE_CHARS = 1000
_TABLE_WEIGHT = 0.25
_MIN_CHARS = 200
_RISK_WORD = re.compile(r"\brisks?\b", re.IGNORECASE)
_BARE_SECTION_RISKS = 3
_SENTENCE_WORDS = 5
_FOLLOWED_CHARS = 2000  # a section found elsewhere must be this long to replace a reference
# A sub-section title ("FACTORS TO BE CONSIDERED") ends at the next sub-heading of its item
# that looks like it (same case, same weight) and names a topic rather than a risk: "SEGMENTS",
# "Results of Operations", "Employees", "Definitions". Topic titles are short; risk headings
# say what may happen ("may", "depend", "competition") or who bears it ("we", "the Company").
_SIBLING_WORDS = 8
_NOT_A_TOPIC = re.compile(r"\b(?:we|our|us|the\s+company)\b", re.IGNORECASE)
_REFERS = "only refers to another document"


@dataclass(frozen=True, slots=True)
class _Candidate:
    tier: int
    title: str
    first: int  # index of the first content block
    cut: int  # where content starts in blocks[first] (a heading run into its paragraph)
    end: int  # index of the block that ends the section (or len(blocks))
    score: float


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading: its tier (0 the item headings the forms prescribe, 1 older titles
    or a bare "Risk Factors"), its title as written, the index of the section's first block,
    and where that block's content starts (a heading run into its paragraph)."""

    tier: int
    title: str
    first: int
    cut: int = 0


def find_section(document: Document) -> Section:
    """Return the Risk Factors section of `document`, its title as written.

    Raises SectionNotFoundError when there is none and SectionNotApplicableError when it
    only says "Not applicable" or only refers to another document (NoMaterialChangesError,
    one of those, when a quarterly report's Item 1A says nothing changed).
    """
    name = Path(document.path).name
    blocks = document.blocks
    # A table of contents entry leads to page numbers in a table at most; a real section
    # to prose, or to a short "Not applicable." / "see the Annual Report" to report.
    found = _candidates(blocks)
    candidates = [c for c in found if c.score >= _MIN_CHARS or _is_prose(blocks, c)]
    if not candidates:
        if not found and _is_bare_section(blocks):
            # The file holds the section alone (pasted or extracted without its heading).
            whole = tuple(blocks)
            return Section(title="", blocks=whole, start=whole[0].start, end=whole[-1].end)
        raise SectionNotFoundError(f"no Item 1A or Item 3.D Risk Factors section found in {name}")
    best_tier = min(c.tier for c in candidates)
    best = max((c for c in candidates if c.tier == best_tier), key=lambda c: c.score)
    content = _content(blocks, best)
    text = " ".join(block.text for block in content)
    if len(text) <= _NO_CHANGES_CHARS and _NO_MATERIAL_CHANGES.search(text):
        raise NoMaterialChangesError(
            f'the "{best.title}" section of {name} reports no material changes to the risk '
            f'factors of the last annual report, so it has none to compare: "{_quote(text)}"; '
            "compare the annual reports instead",
            section_text=text,
        )
    why = _why_empty(text)
    if why == _REFERS:
        # "See Risk Factors in the Annual Report": follow it when that text is in this file.
        elsewhere = [
            c
            for c in candidates
            if c.score >= _FOLLOWED_CHARS and (c.first >= best.end or c.end <= best.first)
        ]
        if elsewhere:
            best = max(elsewhere, key=lambda c: c.score)
            content = _content(blocks, best)
            text = " ".join(block.text for block in content)
            why = _why_empty(text)
    if why is not None:
        raise SectionNotApplicableError(
            f'the "{best.title}" section of {name} {why}: "{_quote(text)}"', section_text=text
        )
    return Section(
        title=best.title,
        blocks=content,
        start=content[0].start,
        end=content[-1].end,
    )


def item_numbers(document: Document) -> list[int]:
    """The item numbers of the document's item headings, in order ("Item 10." -> 10)."""
    return [
        int(match.group(1))
        for block in document.blocks
        if len(block.text) <= _HEADING_MAX and (match := _ITEM.match(block.text)) is not None
    ]


def _content(blocks: Sequence[Block], candidate: _Candidate) -> tuple[Block, ...]:
    content = tuple(blocks[candidate.first : candidate.end])
    if candidate.cut:
        content = (_tail(content[0], candidate.cut), *content[1:])
    return content


def _is_bare_section(blocks: Sequence[Block]) -> bool:
    """No item headings at all (so not a whole filing) and talk of risks (so not just any
    text): a Risk Factors section saved on its own."""
    if any(len(b.text) <= _HEADING_MAX and _ITEM.match(b.text) for b in blocks):
        return False
    return sum(len(_RISK_WORD.findall(b.text)) for b in blocks) >= _BARE_SECTION_RISKS


def _is_prose(blocks: Sequence[Block], candidate: _Candidate) -> bool:
    """True when a short candidate holds a sentence outside tables (or says it is empty)."""
    content = _content(blocks, candidate)
    if _why_empty(" ".join(block.text for block in content)) is not None:
        return True
    return any(not b.in_table and len(b.text.split()) >= _SENTENCE_WORDS for b in content)


def _tail(block: Block, cut: int) -> Block:
    """The part of a block after a heading run into it (offsets still into Document.text)."""
    return Block(
        text=block.text[cut:],
        start=block.start + cut,
        end=block.end,
        style=block.style,
        tag=block.tag,
        in_table=block.in_table,
    )


def _candidates(blocks: Sequence[Block]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for index, block in enumerate(blocks):
        if block.text[:1] not in _HEADING_OPENERS:
            continue  # no heading opens so (heading_of tries the patterns on the rest)
        heading = _heading(blocks, index)
        if heading is None:
            continue
        following = heading.first + 1 if heading.cut else heading.first
        end = _section_end(blocks, following, tier=heading.tier, title=heading.title)
        if heading.tier > 0 and not heading.cut:
            end = min(end, _sibling_heading(blocks, heading.first - 1, following, end))
        score = sum(_weight(b) for b in blocks[following:end])
        if heading.cut:
            score += len(blocks[heading.first].text) - heading.cut
        found.append(
            _Candidate(heading.tier, heading.title, heading.first, heading.cut, end, score)
        )
    return found


def _weight(block: Block) -> float:
    return len(block.text) * (_TABLE_WEIGHT if block.in_table else 1.0)


def _heading(blocks: Sequence[Block], index: int) -> Heading | None:
    """The heading that blocks[index] is (or opens), if it is one."""
    following = blocks[index + 1].text if index + 1 < len(blocks) else ""
    return heading_of(blocks[index].text, following, index)


def heading_of(text: str, following: str, index: int = 0) -> Heading | None:
    """The heading that a block with `text` is (or opens), if it is one, `following` being the
    next block's text and `index` the block's (the heading's `first` counts from it).

    >>> heading_of("ITEM 1A.", "RISK FACTORS").title, heading_of("Risk factors", "").tier
    ('ITEM 1A. RISK FACTORS', 1)
    """
    if text[:1] not in _HEADING_OPENERS or _ANY_HEADING.match(text) is None:
        return None
    if _ITEM_ONLY.match(text):
        if _RISK_FACTORS_ONLY.match(following):
            return Heading(0, f"{text} {following}", index + 2)
        return None
    return _titled_heading(text, index)


def _titled_heading(text: str, index: int) -> Heading | None:
    for number, pattern in enumerate(_TITLES):
        tier = min(number, 1)
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end() :]
        short = len(text) <= _HEADING_MAX
        if short and _TRAILER.match(rest):
            return Heading(tier, _tidy_title(text[: match.end()], text), index + 1)
        run_in = _RUN_IN.match(rest)
        if tier == 0 and run_in is not None:
            # "ITEM 1A. RISK FACTORS. You should consider ..." in one paragraph.
            title = _tidy_title(text[: match.end()], text)
            return Heading(tier, title, index, match.end() + run_in.end())
        if tier > 0 and short and _is_title_line(text):
            return Heading(tier, text, index + 1)
        return None
    return None


def _is_title_line(text: str) -> bool:
    """A short line that reads as a title, not a sentence ("Factors That May Affect ...") nor
    the end of a quoted reference ('Forward Outlook and Risks."' wrapped off "See")."""
    quotes = text.count('"') + text.count("\u201c") + text.count("\u201d")
    return (
        not text.endswith(".") and len(text.split()) <= MAX_SECTION_TITLE_WORDS and quotes % 2 == 0
    )


def _tidy_title(title: str, text: str) -> str:
    """The heading as written, without a trailing page number; a closing colon or quote stays."""
    title = title.rstrip(" .-\u2013\u2014")
    rest = text[len(title) :].lstrip()
    closing = rest[: len(rest) - len(rest.lstrip('"\u201d:'))]
    return title + closing


def _section_end(blocks: Sequence[Block], first: int, *, tier: int, title: str) -> int:
    for index in range(first, len(blocks)):
        if ends_section(blocks[index].text, tier=tier, title=title):
            return index
    return len(blocks)


def ends_section(text: str, *, tier: int, title: str, parts: bool = True) -> bool:
    """Whether a block with `text` ends the section a heading of `tier` and `title` opens: the
    next item heading (of a 20-F, not one of Item 3 itself), a part heading (unless `parts`
    is False), a 20-F's "E. ..." sub-item.

    >>> ends_section("Item 1B. Unresolved Staff Comments", tier=0, title="Item 1A. Risk Factors")
    True
    >>> ends_section("Item 3. Key Information", tier=0, title="D. Risk Factors")
    False
    >>> [ends_section(text, tier=0, title="ITEM 1A. RISK FACTORS") for text in
    ...  ("Item 1A. Risk Factors (continued)", "E. Other Matters", "Item 3. Legal Proceedings")]
    [False, False, True]
    """
    if len(text) > _HEADING_MAX:
        return False
    twenty_f = tier == 0 and _TEN_K_TITLE.match(title) is None
    item = _ITEM.match(text)
    if item is not None:
        number, letter = int(item.group(1)), (item.group(2) or "").lower()
        if twenty_f and number == 3 and letter in ("", "d"):
            return False
        return not (tier == 0 and not twenty_f and number == 1 and letter == "a")
    if parts and _PART.match(text) and len(text) <= 60:
        return True
    return twenty_f and _LETTER_SUBITEM.match(text) is not None


def _sibling_heading(blocks: Sequence[Block], title: int, first: int, end: int) -> int:
    """Where a sub-section titled by blocks[title] ends inside its item: at the next title
    line that looks like it and names a topic, not a risk (else `end`)."""
    look = _look(blocks[title])
    for index in range(first, end):
        block = blocks[index]
        text = block.text
        if block.in_table or block.tag == "li" or is_bullet_text(text) or _look(block) != look:
            continue
        if len(text.split()) > _SIBLING_WORDS or not _is_title_line(text):
            continue
        if has_risk_wording(text) or _NOT_A_TOPIC.search(text) or _TITLES[1].match(text):
            continue
        return index
    return end


def _look(block: Block) -> tuple[bool, bool, bool, bool, float | None]:
    """What sets a title apart: capitals, weight, slant, underline and size."""
    style = block.style
    return (
        is_all_caps(block.text),
        style.bold > MOSTLY_STYLED,
        style.italic > MOSTLY_STYLED,
        style.underline > MOSTLY_STYLED,
        style.font_size,
    )


def _why_empty(text: str) -> str | None:
    """Why a section has no risk factors of its own, or None when it may have some."""
    if len(text) <= _NOT_APPLICABLE_CHARS and _NOT_APPLICABLE.search(text):
        return "says it does not apply"
    if len(text) <= _REFERENCE_CHARS and _REFERENCE.search(text) and _ELSEWHERE.search(text):
        return _REFERS
    return None


def _quote(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
