"""Split a Risk Factors section into Factors: heading, body paragraphs, category path.

A heading wrapped over two blocks (a line that stops mid-sentence, then the rest of it in the
same look) is first joined again. The section's blocks are then marked (core.segment.style_levels
reads formatting, core.segment.text_levels reads wording when the filing has no usable formatting),
then walked in order: a category
mark sets the category path at its level, a factor mark opens a new factor, and body blocks
join the open factor, or a passage that is no factor (the introduction before any category
or factor, a category's text before its first factor, the closing after the last factor).

>>> from core.model import Block, Section
>>> blocks = (
...     Block("We face risks.", 0, 14),
...     Block("Competition may hurt our margins.", 16, 49),
...     Block("Many rivals are larger than we are and sell at lower prices.", 51, 111),
... )
>>> factors, passages = segment(Section("Risk Factors", blocks, 0, 111), has_markup=False)
>>> [factor.heading for factor in factors], [(p.kind.value, p.paragraphs) for p in passages]
(['Competition may hurt our margins.'], [('introduction', ('We face risks.',))])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from core.model import Block, Factor, Passage, PassageKind, Section
from core.segment.cues import (
    MAX_HEADING_CHARS,
    ends_mid_sentence,
    ends_sentence,
    is_all_caps,
    run_in_lead,
    sentence_lead,
    starts_lower,
)
from core.segment.roles import BODY, FACTOR, SUBTITLE, Kind, Mark
from core.segment.sentence_leads import lone_sentences, sentence_run_ins, too_few_factors
from core.segment.style_levels import MAX_STYLED_HEADING_CHARS, signature, style_marks
from core.segment.text_levels import (
    bullet_lead,
    is_list_item,
    mark_run_ins,
    most_text_factors,
    text_marks,
    unbulleted,
)

# Formatting must find at least a third as many factors as the wording does to be trusted.
STYLE_SHARE = 3
# Typewritten filings emphasise with capitals: an ALL-CAPS line (or a run-in lead) is read as
# bold when at least this many blocks have one, up to the length of a styled heading (old
# headings run to two or three sentences, ~600 characters; a capitalised legal notice is longer).
MIN_CAPITAL_HEADINGS = 3


class _Body:
    """What an open factor or passage does with the blocks of its body."""

    paragraphs: list[str]
    list_items: list[int]
    end: int

    def add(self, block: Block) -> None:
        """A body block becomes the next paragraph (a list item when it is tagged one)."""
        if block.tag == "li":
            self.list_items.append(len(self.paragraphs))
        self.paragraphs.append(block.text)
        self.end = block.end


@dataclass(slots=True)
class _OpenFactor(_Body):
    heading: str
    category: tuple[str, ...]
    start: int
    end: int
    run_in: bool
    paragraphs: list[str] = field(default_factory=list)
    list_items: list[int] = field(default_factory=list)

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


@dataclass(slots=True)
class _OpenPassage(_Body):
    kind: PassageKind
    category: tuple[str, ...]
    start: int
    end: int = 0
    paragraphs: list[str] = field(default_factory=list)
    list_items: list[int] = field(default_factory=list)

    def close(self, before: int) -> Passage:
        """The passage, placed before factor number `before` (from 0)."""
        return Passage(
            kind=self.kind,
            paragraphs=tuple(self.paragraphs),
            category=self.category,
            before=before,
            start=self.start,
            end=self.end,
            list_items=tuple(self.list_items),
        )


def mark_blocks(blocks: Sequence[Block], *, has_markup: bool = True) -> list[Mark]:
    """One Mark per block: from formatting when it tells headings apart, else from text."""
    blocks = _untable_layout(blocks)
    if has_markup:
        by_style = style_marks(blocks)
    else:
        capitals = _capitals_as_weight(blocks)
        by_style = style_marks(capitals) if capitals is not None else None
    marks = _formatting_or_wording(blocks, by_style)
    if too_few_factors(blocks, _factor_count(marks)):
        # A few enormous factors: the headings may be the first sentences of paragraphs.
        leads = sentence_run_ins(blocks)
        if len(leads) > _factor_count(marks):
            lone = lone_sentences(blocks, leads)
            marks = [FACTOR if index in lone else BODY for index in range(len(blocks))]
            mark_run_ins(blocks, marks, leads)
            return keep_live_categories(marks)
    return marks


def _formatting_or_wording(blocks: Sequence[Block], by_style: list[Mark] | None) -> list[Mark]:
    """The formatting's marks when formatting finds factors enough (at least a third as many
    as the wording, STYLE_SHARE), else the wording's."""
    if by_style is not None and _factor_count(by_style) * STYLE_SHARE >= most_text_factors(blocks):
        # Formatting finds enough factors whatever the wording would: no need to read it.
        return keep_live_categories(by_style)
    by_text = text_marks(blocks)
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
    empty) become sub-titles, body text that heads nothing: their words stay in the passage
    or the factor they sit in (after the last factor, one opens the closing passage)."""
    kept = list(marks)
    for index, mark in enumerate(marks):
        if mark.kind is not Kind.CATEGORY:
            continue
        for later in marks[index + 1 :]:
            if later.kind in (Kind.FACTOR, Kind.RUN_IN):
                break
            if later.kind is Kind.CATEGORY and later.level <= mark.level:
                kept[index] = SUBTITLE
                break
        else:
            kept[index] = SUBTITLE
    return kept


def split_lead(block: Block) -> tuple[str, str]:
    """A run-in heading (its formatted lead, else a Title Case lead ending in ":" or ".",
    else the first sentence of a bullet item) and the rest of its paragraph."""
    text = block.text.strip()
    if not block.lead.strip() and is_list_item(block):
        text = unbulleted(text)
        lead = bullet_lead(text)
    else:
        # A paragraph opening with its heading sentence (core.segment.sentence_leads) has
        # neither a formatted nor a Title Case lead.
        lead = block.lead.strip() or run_in_lead(text) or sentence_lead(text)
    if text.startswith(lead):
        return lead, text[len(lead) :].strip()
    return lead, text


def segment(
    section: Section, *, has_markup: bool = True
) -> tuple[tuple[Factor, ...], tuple[Passage, ...]]:
    """Return the section's factors and its passages (introduction, category texts,
    closing), each in filing order."""
    blocks = mend_wrapped(section.blocks)
    marks = mark_blocks(blocks, has_markup=has_markup)
    return assemble(blocks, marks)


def assemble(
    blocks: Sequence[Block], marks: Sequence[Mark]
) -> tuple[tuple[Factor, ...], tuple[Passage, ...]]:
    """Walk blocks with their marks and build the factors and the passages.

    Category lines are not kept as text (they are the factors' and passages' category
    paths). Body text before the first category or factor is the introduction; body text
    under a category heading before its first factor is that category's passage; after the
    last factor, a line that heads no factor (a sub-title, a category heading no factor
    follows) opens the closing passage, which runs to the end. Every other block is a heading
    or body of exactly one factor. A body block tagged "li" is noted in its factor's (or
    passage's) `list_items`; the rest of a run-in heading's paragraph is never one (the
    heading, not the rest, is what such a bullet marks)."""
    walk = _Walk(
        last_factor=max(
            (k for k, mark in enumerate(marks) if mark.kind in (Kind.FACTOR, Kind.RUN_IN)),
            default=-1,
        )
    )
    for index, (block, mark) in enumerate(zip(blocks, marks, strict=True)):
        if mark.kind is Kind.CATEGORY:
            walk.close()
            del walk.path[mark.level :]
            walk.path.extend([""] * (mark.level - len(walk.path)))
            walk.path.append(block.text)
        elif mark.kind in (Kind.FACTOR, Kind.RUN_IN):
            walk.close()
            walk.open_factor(block, run_in=mark.kind is Kind.RUN_IN)
        elif walk.factor is not None and index > walk.last_factor and mark.kind is Kind.SUBTITLE:
            walk.close()
            walk.passage = _OpenPassage(PassageKind.CLOSING, (), block.start)
            walk.passage.add(block)
        else:
            walk.add(block)
    walk.close()
    return tuple(walk.factors), tuple(walk.passages)


@dataclass(slots=True)
class _Walk:
    """What `assemble` has built so far and what is open: the category path, a factor or a
    passage (never both)."""

    last_factor: int  # the block index of the last factor heading, -1 when there is none
    factors: list[Factor] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    factor: _OpenFactor | None = None
    passage: _OpenPassage | None = None

    def category(self) -> tuple[str, ...]:
        return tuple(name for name in self.path if name)

    def close(self) -> None:
        if self.factor is not None:
            self.factors.append(self.factor.close())
            self.factor = None
        if self.passage is not None:
            self.passages.append(self.passage.close(len(self.factors)))
            self.passage = None

    def open_factor(self, block: Block, *, run_in: bool) -> None:
        if run_in:
            heading, rest = split_lead(block)
            self.factor = _OpenFactor(heading, self.category(), block.start, block.end, True)
            if rest:
                self.factor.paragraphs.append(rest)
        else:
            self.factor = _OpenFactor(block.text, self.category(), block.start, block.end, False)

    def add(self, block: Block) -> None:
        """A body block joins the open factor, else the open passage, else opens one: the
        introduction before any category, a category's text after one."""
        if self.factor is not None:
            self.factor.add(block)
            return
        if self.passage is None:
            category = self.category()
            kind = PassageKind.CATEGORY if category else PassageKind.INTRODUCTION
            self.passage = _OpenPassage(kind, category, block.start)
        self.passage.add(block)


def reading_order(factors: Sequence[Factor], passages: Sequence[Passage]) -> list[Factor | Passage]:
    """The factors and passages of a section as it reads: each passage right before the
    factor it precedes (`Passage.before`), the closing last."""
    placed: list[Factor | Passage] = []
    waiting = sorted(passages, key=lambda passage: passage.before)
    at = 0
    for index, factor in enumerate(factors):
        while at < len(waiting) and waiting[at].before <= index:
            placed.append(waiting[at])
            at += 1
        placed.append(factor)
    placed.extend(waiting[at:])
    return placed


def shown_texts(factors: Sequence[Factor], passages: Sequence[Passage]) -> list[str]:
    """The section's text as FactorDiff shows and compares it, in reading order: each category
    heading where the category path changes, each passage's paragraphs, each factor's heading
    and paragraphs (a run-in heading and the rest of its paragraph as one text). Together they
    are every block of the section once, in order: no text is left out or shown uncompared.

    >>> from core.model import PassageKind
    >>> intro = Passage(PassageKind.INTRODUCTION, ("We face risks.",))
    >>> shown_texts([Factor("Rates may rise.", ("Costs grow.",), ("Market",))], [intro])
    ['We face risks.', 'Market', 'Rates may rise.', 'Costs grow.']
    """
    texts: list[str] = []
    path: tuple[str, ...] = ()
    for part in reading_order(factors, passages):
        common = 0
        while common < min(len(path), len(part.category)) and path[common] == part.category[common]:
            common += 1
        if part.category != path:
            texts.extend(part.category[common:])
            path = part.category
        if isinstance(part, Passage):
            texts.extend(part.paragraphs)
        elif part.run_in and part.paragraphs:
            texts.append(f"{part.heading} {part.paragraphs[0]}")
            texts.extend(part.paragraphs[1:])
        else:
            texts.append(part.heading)
            texts.extend(part.paragraphs)
    return texts
