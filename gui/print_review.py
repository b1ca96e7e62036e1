"""The review in the printout: a section on the first page (progress, who reviewed and when,
the flagged pairs with their notes, notes whose factors are gone) and a line at each pair
giving its state and note.

A note is the reviewer's plain text: it is inserted as text, never read as markup. An entry
of the flagged list (the pair, who flagged it, its note) is one block kept whole on a page
(gui.printing.keep_with_next), so a long list continues on the next page entry by entry.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextBlockFormat, QTextCharFormat, QTextCursor

from core.report.labels import listed_headings, pair_numbers
from core.report.review_text import (
    flagged_pairs,
    mark_line,
    review_signature,
    state_line,
)
from core.review.apply import Reviewed
from core.review.model import Mark, ReviewState
from core.review.progress import review_progress
from gui.theme import LIGHT, TextFormats

# The ink of a state on paper: amber for flagged (needs someone's attention), green for
# reviewed; the same hues the HTML report uses.
STATE_COLOURS = {
    ReviewState.FLAGGED: QColor("#b45309"),
    ReviewState.REVIEWED: QColor("#2e7d32"),
    ReviewState.UNREVIEWED: QColor(LIGHT.muted),
}
STATE_GLYPHS = {ReviewState.FLAGGED: "⚑", ReviewState.REVIEWED: "✓", ReviewState.UNREVIEWED: ""}
CORRECTED_COLOUR = QColor("#6a1b9a")
# Inside one block: a line break that is not a new paragraph (U+2028, Qt's line separator).
_LINE_BREAK = "\u2028"
_SECTION_GAP = 14.0
_LIST_GAP = 8.0
_ENTRY_GAP = 3.0
_NOTE_INDENT = 12.0


def _block(cursor: QTextCursor, top: float) -> int:
    block_format = QTextBlockFormat()
    block_format.setTopMargin(top)
    cursor.insertBlock(block_format)
    return cursor.block().blockNumber()


def _coloured(base: QTextCharFormat, colour: QColor) -> QTextCharFormat:
    char_format = QTextCharFormat(base)
    char_format.setForeground(colour)
    return char_format


def _note_text(note: str) -> str:
    """A note's own line breaks kept inside its block."""
    return note.replace("\r\n", "\n").replace("\n", _LINE_BREAK)


def write_review_summary(
    cursor: QTextCursor, reviewed: Reviewed, formats: TextFormats
) -> list[int]:
    """The first page's review section at `cursor`; returns the blocks that must not stand
    alone at the foot of a page, nor be split by one (titles and entries)."""
    comparison = reviewed.comparison
    keep = [_block(cursor, _SECTION_GAP)]
    cursor.insertText("Review", formats.subcategory)
    _block(cursor, 4)
    progress = review_progress(comparison, reviewed.marks)
    cursor.insertText(progress.describe(), formats.heading)
    cursor.insertText(f"  ·  {review_signature(reviewed.marks)}", formats.body)
    corrected = sum(pair.corrected for pair in comparison.pairs)
    if corrected:
        cursor.insertText(
            f"  ·  {corrected} pairing{'s' if corrected != 1 else ''} set by the reviewer",
            _coloured(formats.body, CORRECTED_COLOUR),
        )
    flagged = flagged_pairs(reviewed)
    if flagged:
        keep.append(_block(cursor, _LIST_GAP))
        title = _coloured(formats.subcategory, STATE_COLOURS[ReviewState.FLAGGED])
        cursor.insertText(f"⚑ Flagged ({len(flagged)})", title)
        for _index, pair, mark in flagged:
            keep.append(
                _entry(
                    cursor, formats, f"{pair_numbers(pair)}  ", listed_headings(comparison, pair)
                )
            )
            cursor.insertText(
                f"{_LINE_BREAK}{state_line(mark)}", _coloured(formats.caption, QColor(LIGHT.muted))
            )
            if mark.note:
                cursor.insertText(f"{_LINE_BREAK}{_note_text(mark.note)}", formats.body)
    if reviewed.orphans:
        keep.append(_block(cursor, _LIST_GAP))
        cursor.insertText("Notes whose factors are no longer found", formats.subcategory)
        for mark in reviewed.orphans:
            headings = " / ".join(a.heading for a in (*mark.pair.old, *mark.pair.new))
            keep.append(_entry(cursor, formats, "", headings or "(no heading)"))
            cursor.insertText(f"{_LINE_BREAK}{_note_text(mark_line(mark))}", formats.body)
    return keep


def _entry(cursor: QTextCursor, formats: TextFormats, where: str, heading: str) -> int:
    number = _block(cursor, _ENTRY_GAP)
    block_format = cursor.blockFormat()
    block_format.setLeftMargin(_NOTE_INDENT)
    block_format.setTextIndent(-_NOTE_INDENT)
    cursor.setBlockFormat(block_format)
    if where:
        cursor.insertText(where, formats.caption)
    cursor.insertText(heading, formats.heading)
    return number


def pair_review_text(mark: Mark) -> str:
    """'⚑ Flagged by ann on 2026-12-03 14:05 UTC' ('' for a pair nobody marked). A pairing
    the reviewer set is said by the pair's caption (core.report.labels.pair_caption)."""
    state = state_line(mark)
    glyph = STATE_GLYPHS[mark.state]
    return f"{glyph} {state}" if state and glyph else state


def has_pair_review(mark: Mark) -> bool:
    """Whether the pair has a state or a note to print."""
    return bool(mark.note or pair_review_text(mark))


def write_pair_review(cursor: QTextCursor, mark: Mark, formats: TextFormats) -> bool:
    """At `cursor` (the start of an empty block): the pair's state, who set it and when, and
    its note below; False, writing nothing, when the pair has none of these."""
    text = pair_review_text(mark)
    if not text and not mark.note:
        return False
    colour = STATE_COLOURS[mark.state]
    if text:
        bold = QTextCharFormat(formats.caption)
        bold.setFontWeight(700)
        cursor.insertText(text, _coloured(bold, colour))
    if mark.note:
        note = QTextCharFormat(formats.body)
        note.setFontItalic(True)
        cursor.insertText(f"{_LINE_BREAK if text else ''}{_note_text(mark.note)}", note)
    return True
