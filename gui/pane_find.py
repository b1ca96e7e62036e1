"""Find in both panes at once: every match counted and highlighted, one current match.

The matches of both panes form one list in reading order (the panes keep pairs level, so the
height in the document orders them across panes too). Stepping to the next match starts from
the current one while it is on screen, else from what the reader is looking at: the first
match at or below the top of its pane (the last one above its bottom when going back).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

# Painting an extra selection costs each paint of the pane a little; past this many per pane
# the rest are counted and reached by Next but not tinted (a one-letter search in a long
# filing finds tens of thousands).
MAX_HIGHLIGHTS = 3000
_ALL_MATCHES = ("#fff3a3", "#5c5314")  # background of every match: light, dark theme
_CURRENT_MATCH = ("#ff9f1a", "#d9822b")  # the current one


def match_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` occurs in `text`, ignoring case; any run of white space in `needle`
    matches any run of white space in `text`.

    >>> match_spans("Our  Risks and our\\nrisks", "our risks")
    [(0, 10), (15, 24)]
    """
    words = needle.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    return [(found.start(), found.end()) for found in re.finditer(pattern, text, re.IGNORECASE)]


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence, sortable in reading order across both panes."""

    top: float  # the top of its line, in document coordinates
    side: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FindResult:
    """What a search found: `current` counts from 1 (0 before stepping to a match)."""

    current: int
    total: int
    per_side: tuple[int, int]

    @property
    def found(self) -> bool:
        return self.total > 0

    def __bool__(self) -> bool:
        return self.found

    def text(self) -> str:
        """'3 of 17 (old 9, new 8)', '17 matches (old 9, new 8)' or 'Not found'."""
        if not self.total:
            return "Not found"
        where = f"(old {self.per_side[0]}, new {self.per_side[1]})"
        if self.current:
            return f"{self.current} of {self.total} {where}"
        return f"{self.total} match{'es' if self.total != 1 else ''} {where}"


NOTHING = FindResult(0, 0, (0, 0))


def _matches_in(document: QTextDocument, side: int, needle: str) -> list[Match]:
    layout = document.documentLayout()
    matches = []
    # Document positions and plain-text offsets agree: a block break is one character.
    for start, end in match_spans(document.toPlainText(), needle):
        block = document.findBlock(start)
        top = layout.blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(start - block.position())
        if line.isValid():
            top += line.y()
        matches.append(Match(top, side, start, end))
    return matches


class PaneFinder:
    """The search over a pair of panes; `search` sets the text, `step` moves the current match."""

    def __init__(self, panes: Sequence[QTextEdit]) -> None:
        self._panes = panes
        self._needle = ""
        self._matches: list[Match] = []
        self._tops: list[float] = []
        self._current = -1
        self._dark = False

    def needle(self) -> str:
        return self._needle

    def search(self, needle: str, *, dark: bool = False) -> FindResult:
        """Find every match of `needle` and highlight them all; none is current yet, except
        that the same text searched again (the panes were rebuilt or resized) keeps its
        current match."""
        again = needle == self._needle
        chosen = self.current() if again else None
        self._needle = needle
        self._dark = dark
        self._current = -1
        self._matches = []
        if needle.strip():
            for side, pane in enumerate(self._panes):
                self._matches.extend(_matches_in(pane.document(), side, needle))
        self._matches.sort(key=lambda match: (match.top, match.side, match.start))
        self._tops = [match.top for match in self._matches]
        if chosen is not None:
            # The same search over rebuilt panes keeps its current match where it still is.
            self._current = next(
                (
                    number
                    for number, match in enumerate(self._matches)
                    if (match.side, match.start) == (chosen.side, chosen.start)
                ),
                -1,
            )
        self._highlight()
        return self.result()

    def clear(self) -> None:
        self.search("")

    def result(self) -> FindResult:
        per_side = (
            sum(1 for match in self._matches if match.side == 0),
            sum(1 for match in self._matches if match.side == 1),
        )
        return FindResult(self._current + 1, len(self._matches), per_side)

    def current(self) -> Match | None:
        return self._matches[self._current] if self._current >= 0 else None

    def step(self, *, backward: bool = False) -> FindResult:
        """Make the next (or previous) match current, select it and scroll it into view."""
        if not self._matches:
            return self.result()
        count = len(self._matches)
        if self._current >= 0 and self._on_screen(self._matches[self._current]):
            self._current = (self._current + (-1 if backward else 1)) % count
        else:
            self._current = self._first_from_screen(backward=backward)
        match = self._matches[self._current]
        for side, pane in enumerate(self._panes):
            cursor = QTextCursor(pane.document())
            if side == match.side:
                cursor.setPosition(match.start)
                cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
                pane.setTextCursor(cursor)
                pane.ensureCursorVisible()
            elif pane.textCursor().hasSelection():
                # Only one selection on screen: the match being looked at.
                cursor.setPosition(pane.textCursor().position())
                pane.setTextCursor(cursor)
        self._highlight()
        return self.result()

    def _visible_range(self, side: int) -> tuple[float, float]:
        pane = self._panes[side]
        top = pane.verticalScrollBar().value()
        return top, top + pane.viewport().height()

    def _on_screen(self, match: Match) -> bool:
        top, bottom = self._visible_range(match.side)
        return top <= match.top < bottom

    def _first_from_screen(self, *, backward: bool) -> int:
        """The first match at or below the top of the screen (or the last above its bottom)."""
        top, bottom = self._visible_range(0)
        if backward:
            index = bisect.bisect_left(self._tops, bottom) - 1
            return index if index >= 0 else len(self._matches) - 1
        index = bisect.bisect_left(self._tops, top)
        return index if index < len(self._matches) else 0

    def _highlight(self) -> None:
        theme = 1 if self._dark else 0
        every = QTextCharFormat()
        every.setBackground(QColor(_ALL_MATCHES[theme]))
        current = QTextCharFormat()
        current.setBackground(QColor(_CURRENT_MATCH[theme]))
        current.setForeground(QColor("#000000"))
        chosen = self.current()
        for side, pane in enumerate(self._panes):
            selections = []
            shown = 0
            for match in self._matches:
                if match.side != side:
                    continue
                if match is not chosen and shown >= MAX_HIGHLIGHTS:
                    continue
                shown += 1
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(pane.document())
                cursor.setPosition(match.start)
                cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = current if match is chosen else every
                selections.append(selection)
            pane.setExtraSelections(selections)
