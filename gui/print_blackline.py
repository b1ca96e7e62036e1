"""The blackline layout of the printout: one text, deletions struck and insertions underlined.

Law firms circulate changes this way: the new filing's text as it reads, with the old wording
it replaced struck through in place. Each pair opens with a caption (its status and where its
factors stand in each filing, "Modified · old #30 → new #27"; for a moved, split or merged
factor where it was and how much changed, "old #18 → new #5 · Moved from Legal and Regulatory
Risks (old #18) · 89% changed"), then its heading and paragraphs
diffed word by word: the redline of the pair's core.diff.pair.PairDiff, as the panes mark
it. A folded pair (changes only) is its heading and one grey line ("Unchanged — 412 words").
The text outside the factors (introduction, category texts, closing) opens with its name in
the caption ("Modified · Introduction") and has no heading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextOption

from core.diff.pair import PairDiff, redline
from core.diff.passages import moved_ops, pair_spans
from core.model import Comparison, DiffOp, Factor, OpKind, Pair, Passage
from core.report.labels import (
    NEW_SIDE,
    listed_headings,
    pair_caption,
    pair_category,
    pair_factors,
    pair_numbers,
    pair_passages,
    status_word,
)
from core.review.model import Mark
from gui.pane_document import folded_label
from gui.print_review import has_pair_review, write_pair_review
from gui.theme import LIGHT, TextFormats

_BREAK = "\n\n"
# A thin space between a struck run and an inserted one that meet with no space between them
# ("is" struck, "business" inserted), so they do not read as one word; paper only.
_APART = "\u2009"
# Top margins in points.
_CATEGORY_GAP = 14.0
_CAPTION_GAP = 12.0
_HEADING_GAP = 2.0
_PARAGRAPH_GAP = 5.0
PRINT_BULLET_INDENT = 14.0  # points from the text's left edge to an item's text


def _block(cursor: QTextCursor, top: float, char_format: QTextCharFormat) -> int:
    block_format = QTextBlockFormat()
    block_format.setTopMargin(top)
    cursor.insertBlock(block_format, char_format)
    return cursor.block().blockNumber()


def write_blackline(
    cursor: QTextCursor,
    comparison: Comparison,
    diffs: Sequence[PairDiff],
    formats: TextFormats,
    *,
    folded: Mapping[int, str] | None = None,
    review: Sequence[Mark] | None = None,
) -> list[int]:
    """Write every pair at `cursor` (which ends the summary), each the redline of its diff in
    `diffs`; return the first block of each pair, the block that must not be left alone at
    the foot of a page. With a `review`, each pair's state and note follow its caption."""
    folded = folded or {}
    starts: list[int] = []
    categories: tuple[str, ...] = ()
    for index, pair in enumerate(comparison.pairs):
        category = pair_category(comparison, pair)
        if category != categories:
            common = 0
            while common < min(len(category), len(categories)) and (
                category[common] == categories[common]
            ):
                common += 1
            for level in range(common, len(category)):
                style = formats.category if level == 0 else formats.subcategory
                _block(cursor, _CATEGORY_GAP, style)
                cursor.insertText(category[level], style)
            categories = category
        caption = QTextCharFormat(formats.caption)
        caption.setForeground(LIGHT.status_color(pair.status))
        starts.append(_block(cursor, _CAPTION_GAP, caption))
        where = pair_caption(comparison, pair, NEW_SIDE)
        # A moved, split or merged factor's caption says its status ("Moved from ...").
        opening = [] if where else [status_word(pair.status)]
        words = [*opening, pair_numbers(pair), where]
        if pair.passage:
            words = [status_word(pair.status), listed_headings(comparison, pair)]
        cursor.insertText(" · ".join(part for part in words if part), caption)
        if review is not None and has_pair_review(review[index]):
            _block(cursor, _HEADING_GAP, formats.caption)
            write_pair_review(cursor, review[index], formats)
        if pair.passage:
            _write_passage(
                cursor,
                comparison,
                pair,
                diffs[index],
                formats=formats,
                folded=folded.get(index, ""),
            )
            continue
        if index in folded:
            old, new = pair_factors(comparison, pair)
            factors = new or old
            _block(cursor, _HEADING_GAP, formats.heading)
            cursor.insertText(factors[0].heading, formats.heading)
            _block(cursor, _PARAGRAPH_GAP / 2, formats.caption)
            cursor.insertText(folded_label(folded[index], factors), formats.caption)
            continue
        old, new = pair_factors(comparison, pair)
        items = (_item_flags(old), _item_flags(new))
        # A passage moved to or from another factor reads as moved, not deleted or inserted.
        ops = moved_ops(
            diffs[index].joined_ops,
            pair_spans(comparison, pair, old_side=True),
            pair_spans(comparison, pair, old_side=False),
        )
        _write_ops(cursor, redline(ops), formats, items)
    return starts


def _write_passage(
    cursor: QTextCursor,
    comparison: Comparison,
    pair: Pair,
    diff: PairDiff,
    *,
    formats: TextFormats,
    folded: str,
) -> None:
    """A passage pair after its caption: its paragraphs diffed, or folded to one grey line."""
    old, new = pair_passages(comparison, pair)
    if folded:
        _block(cursor, _PARAGRAPH_GAP / 2, formats.caption)
        cursor.insertText(folded_label(folded, new or old), formats.caption)
        return
    items = (_passage_item_flags(old), _passage_item_flags(new))
    # A passage moved to or from a factor reads as moved, not deleted or inserted.
    ops = moved_ops(
        diff.joined_ops,
        pair_spans(comparison, pair, old_side=True),
        pair_spans(comparison, pair, old_side=False),
    )
    _write_ops(cursor, redline(ops), formats, items, heading=False)


def _passage_item_flags(passages: Sequence[Passage]) -> list[bool]:
    return [i in passage.list_items for passage in passages for i in range(len(passage.paragraphs))]


def _item_flags(factors: Sequence[Factor]) -> list[bool]:
    """Per paragraph of a side's text (heading, then paragraphs, factor after factor): is it
    an item of a bulleted list?"""
    return [
        flag
        for factor in factors
        for flag in (False, *(i in factor.list_items for i in range(len(factor.paragraphs))))
    ]


def _bullet(cursor: QTextCursor, formats: TextFormats) -> None:
    """Make the cursor's (fresh) block a list item: a bullet in a hanging indent."""
    block_format = cursor.blockFormat()
    indent = PRINT_BULLET_INDENT
    block_format.setLeftMargin(indent)
    block_format.setTextIndent(-indent)
    # The tab after the bullet reaches the hanging indent (not the default stops far on).
    block_format.setTabPositions([QTextOption.Tab(indent, QTextOption.TabType.LeftTab)])
    cursor.setBlockFormat(block_format)
    cursor.insertText("•\t", formats.body)


def _write_ops(
    cursor: QTextCursor,
    ops: Sequence[DiffOp],
    formats: TextFormats,
    items: tuple[list[bool], list[bool]],
    *,
    heading: bool = True,
) -> None:
    """The ops as paragraphs: the first (the heading, unless `heading` is False) bold, a new
    block at each blank line; a paragraph that is a list item on the side it shows (the new
    side's when it holds new or kept text) gets a bullet."""
    base = formats.heading if heading else formats.body
    _block(cursor, _HEADING_GAP if heading else _PARAGRAPH_GAP, base)
    previous: DiffOp | None = None
    where = [0, 0]  # the paragraph of each side the ops have reached
    fresh = not heading  # a new body block, not yet bulleted or not
    for op in ops:
        for number, piece in enumerate(op.text.split(_BREAK)):
            if number:
                base = formats.body
                _block(cursor, _PARAGRAPH_GAP, base)
                previous = None
                fresh = True
                where[0] += op.kind is not OpKind.INSERT
                where[1] += op.kind is not OpKind.DELETE
            if not piece:
                continue
            if fresh:
                fresh = False
                side = 0 if op.kind is OpKind.DELETE else 1
                flags = items[side]
                if where[side] < len(flags) and flags[where[side]]:
                    _bullet(cursor, formats)
            char_format = QTextCharFormat(base)
            if op.kind is not OpKind.EQUAL:
                if op.moved:
                    char_format.merge(formats.moved)
                    # One text holds both places: where it left is struck, as deleted text.
                    char_format.setFontStrikeOut(op.kind is OpKind.DELETE)
                else:
                    deleted = op.kind is OpKind.DELETE
                    char_format.merge(formats.deleted if deleted else formats.inserted)
                if op.figure:
                    char_format.merge(formats.changed_figure)
                if (
                    previous is not None
                    and {previous.kind, op.kind} == {OpKind.DELETE, OpKind.INSERT}
                    and not previous.text[-1:].isspace()
                    and not piece[0].isspace()
                ):
                    cursor.insertText(_APART, base)
            cursor.insertText(piece, char_format)
            previous = DiffOp(op.kind, piece, op.figure, moved=op.moved)
