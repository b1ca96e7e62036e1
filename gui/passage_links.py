"""The link between the two places of a moved passage, as the panes write and follow it.

Where a passage left (the old pane) its caption reads "moved to #12 …" and links to where it
arrived (the new pane), and the other way round. A caption's address names the passage and
the side to go to; `passage_place` finds the block and the characters to show there.

>>> passage_address(3, NEW), parse_passage_address("passage:3:1")
('passage:3:1', (3, 1))
>>> parse_passage_address("https://example.com") is None
True
"""

from __future__ import annotations

from typing import NamedTuple

from core.diff.sides import NEW, OLD
from core.model import Comparison

_SCHEME = "passage"


def passage_address(passage: int, side: int) -> str:
    """The address of a caption that leads to passage `passage` on `side`."""
    return f"{_SCHEME}:{passage}:{side}"


def parse_passage_address(address: str) -> tuple[int, int] | None:
    """(passage, side) of a caption's address; None for any other address."""
    scheme, _, rest = address.partition(":")
    passage, _, side = rest.partition(":")
    if scheme != _SCHEME or not passage.isdigit() or side not in (str(OLD), str(NEW)):
        return None
    return int(passage), int(side)


class PassagePlace(NamedTuple):
    """Where a moved passage sits on one side: its pair and [start, end) of that pair's
    side text (core.diff.sides.joined_text)."""

    pair: int
    start: int
    end: int


def passage_place(comparison: Comparison, passage: int, side: int) -> PassagePlace:
    """The place of passage `passage` of `comparison` on `side`: where it left (OLD) or
    where it arrived (NEW)."""
    moved = comparison.moved_passages[passage]
    if side == OLD:
        return PassagePlace(moved.from_pair, moved.from_start, moved.from_end)
    return PassagePlace(moved.to_pair, moved.to_start, moved.to_end)


def block_at(starts: dict[int, int], offset: int) -> tuple[int, int] | None:
    """(block, offset where that block's text starts) of the heading or paragraph holding
    `offset`, from a pair's map of piece offsets to blocks (gui.pane_document.PairBlocks);
    None when the pair has no text there (folded)."""
    before = [start for start in starts if start <= offset]
    if not before:
        return None
    start = max(before)
    return starts[start], start
