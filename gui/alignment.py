"""Keep paired factors level: each pair starts at the same height in both panes.

The pure part, `level_anchors`, takes where the anchors of the two sides would sit with no
filler and says how much filler goes in front of each. `realign` applies that to two pane
documents by growing the top margin of the anchor blocks. Pane documents use top margins
only (bottom margins are 0), so QTextDocument's margin collapsing never eats a filler and
the natural position of an anchor is its measured position minus the fillers above it: one
layout pass measures, one applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QTextCursor, QTextDocument


def level_anchors(old: Sequence[float], new: Sequence[float]) -> tuple[list[float], list[float]]:
    """Filler to add in front of each anchor so anchor k sits at the same y on both sides.

    `old[k]`/`new[k]` are the anchors' y without filler, in reading order. Only the side that
    is behind gets filler, so at each anchor at least one side gets none.

    >>> level_anchors([0, 100, 150], [0, 40, 300])
    ([0.0, 0.0, 210.0], [0.0, 60.0, 0.0])
    """
    if len(old) != len(new):
        raise ValueError(f"anchor counts differ: {len(old)} old, {len(new)} new")
    old_fillers: list[float] = []
    new_fillers: list[float] = []
    old_shift = new_shift = 0.0
    for old_y, new_y in zip(old, new, strict=True):
        old_at, new_at = old_y + old_shift, new_y + new_shift
        level = max(old_at, new_at)
        old_fillers.append(level - old_at)
        new_fillers.append(level - new_at)
        old_shift += level - old_at
        new_shift += level - new_at
    return old_fillers, new_fillers


@dataclass(slots=True)
class AnchoredDocument:
    """A pane document with its anchor blocks (block numbers, in reading order) and the
    top margin each anchor block has without filler. Several anchors may share a block."""

    document: QTextDocument
    anchors: list[int]
    base_margins: dict[int, float]
    fillers: list[float] = field(default_factory=list)

    def anchor_tops(self, start: int = 0) -> list[float]:
        """The y of each anchor block's first line (from anchor `start` on), as laid out now."""
        layout = self.document.documentLayout()
        return [
            layout.blockBoundingRect(self.document.findBlockByNumber(number)).top()
            for number in self.anchors[start:]
        ]

    def natural_tops(self) -> list[float]:
        """Where the anchors would sit with no filler at all. The filler in front of a
        block is the sum of its anchors' fillers, all of it above the block's first line:
        counted anchor by anchor, a block holding two anchors (an added factor's
        placeholder faces the caption and the heading of the other side) looked one filler
        lower than it was, and every realign (each resize) added that filler again."""
        applied = self.fillers or [0.0] * len(self.anchors)
        above: dict[int, float] = {}  # block -> the fillers of its anchors and all before
        shift = 0.0
        for number, filler in zip(self.anchors, applied, strict=True):
            shift += filler
            above[number] = shift
        tops = self.anchor_tops()
        return [top - above[number] for number, top in zip(self.anchors, tops, strict=True)]

    def apply(self, fillers: list[float], start: int = 0) -> None:
        """Set each anchor block's top margin (from anchor `start` on, `fillers` being theirs)
        to its base margin plus its fillers."""
        per_block: dict[int, float] = {}
        for number, filler in zip(self.anchors[start:], fillers, strict=True):
            per_block[number] = per_block.get(number, 0.0) + filler
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        for number, filler in per_block.items():
            block = self.document.findBlockByNumber(number)
            margin = self.base_margins.get(number, 0.0) + filler
            block_format = block.blockFormat()
            if abs(block_format.topMargin() - margin) < 0.25:
                continue
            block_format.setTopMargin(margin)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(block_format)
        cursor.endEditBlock()
        applied = self.fillers[:start] + [0.0] * (start - len(self.fillers))
        self.fillers = applied + list(fillers)


def realign(old: AnchoredDocument, new: AnchoredDocument) -> None:
    """Level the anchors of two documents laid out at their current widths."""
    old_fillers, new_fillers = level_anchors(old.natural_tops(), new.natural_tops())
    old.apply(old_fillers)
    new.apply(new_fillers)


def level_appended(old: AnchoredDocument, new: AnchoredDocument, start: int) -> None:
    """Level the anchors from `start` on, those before being level already and those from
    `start` on having no filler yet (documents written and levelled a slice at a time).

    The filler in front of an anchor depends only on the anchors before it, and the anchors
    from `start` on are laid out below the fillers already applied, so levelling them as if
    they began the documents ends where `realign` over the whole documents would.
    """
    old_fillers, new_fillers = level_anchors(old.anchor_tops(start), new.anchor_tops(start))
    old.apply(old_fillers, start)
    new.apply(new_fillers, start)
