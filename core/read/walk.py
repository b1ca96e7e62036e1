"""A walk of an HTML document's tree (lexbor's, through selectolax) for an ElementReader:
each element's start, text and end in document order, as a streaming parser would tell them;
hidden elements are not entered. With an Extent (core.read.extent), the walk stops once the
rest of the document cannot change what is looked for, and what was left unread is kept for
the questions cleaning asks of it (UnreadPart).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Protocol, cast

from selectolax.lexbor import LexborNode

from core.model import Progress
from core.progress import report
from core.read.css import Stylesheet
from core.read.draft import Draft
from core.read.elements import ElementReader

# Progress is told along the first element with this many children (the <body> of most
# filings, or the wrapper inside it): how many of them are read. A long child (a wrapper, a
# large table) holds the bar still, so every _NODES_PER_REPORT nodes (about a millisecond of
# work) the walk reports again, and a cancel lands there.
_PROGRESS_CHILDREN = 16
_NODES_PER_REPORT = 1024
_TEXT = "-text"
_COMMENT = "-comment"
_DOCUMENT = "-document"
# Blocks read between two looks of the extent at them (it needs a margin of a few dozen past
# the section anyway: a look at every new block costs more than reading a few more).
_BLOCKS_PER_LOOK = 8
# An unread element this long is looked into child by child rather than read whole.
_LOOK_INSIDE_CHARS = 20_000
# Nodes read either side of each page break of the part left unread: a page's running header
# and footer lines lie within three blocks of its break (core.read.clean), and a node holds
# one block at least.
_EDGE_NODES = 3
# How far into a node from the break such a line can be: three lines short enough to stand
# between a running line and its break (160 characters, core.read.clean) and the line itself.
_EDGE_CHARS = 3 * 160 + 80


class Extent(Protocol):
    """How far a document must be read (core.read.extent holds the one for Risk Factors)."""

    def enough(self, blocks: Sequence[Draft | None]) -> bool:
        """Whether the blocks read so far hold all that is looked for (asked when the walk
        leaves an element after every _BLOCKS_PER_LOOK new blocks, with all blocks so far)."""
        ...

    def may_matter(self, text: str) -> bool:
        """Whether an unread part of the document with this text could change what was
        found (a quick test of its text; False rules the part out)."""
        ...

    def matters(self, blocks: Sequence[Draft | None]) -> bool:
        """Whether these blocks of an unread part change what was found."""
        ...


class Walk:
    """Hands a reader the tree under a node as a parser would: start, text, comment and end,
    in document order; hidden elements are not entered.

    The walk steps from node to node (first child, next sibling, back up), which takes half
    the time of iterating each element's children (a 3 MB 10-K: 15 against 28 ms)."""

    def __init__(self, reader: ElementReader, progress: Progress | None = None) -> None:
        self.reader = reader
        self.progress = progress
        # Progress follows the children of one element (see _PROGRESS_CHILDREN): their depth
        # (0 until chosen), how many there are and how many were met.
        self.depth = 0
        self.total = 0
        self.done = 0
        self.extent: Extent | None = None
        self.checked = 0  # how many blocks there were when the extent last looked
        self.unread: list[Level] | None = None

    def run(self, root: LexborNode, extent: Extent | None) -> list[Level] | None:
        """Walk `root`. When `extent` stops the walk before the end: the nodes left unread,
        the siblings after the last one read at each depth, with their text (else None)."""
        reader = self.reader
        data = reader.data
        self.extent, self.unread = extent, None
        ancestors: list[LexborNode] = []  # the open elements, outermost first
        tags: list[str] = []
        nodes = 0
        node: LexborNode | None = root
        while node is not None:
            nodes += 1
            if self.progress is not None:
                self._report(nodes, len(ancestors))
            tag = node.tag
            if tag == _TEXT:
                data(node.text_content or "")
            elif tag is None or tag[0] in "-!#":
                if tag == _COMMENT:
                    reader.comment(node.comment_content or "")
            else:
                child = self._open(node, tag, len(ancestors))
                if child is not None:
                    ancestors.append(node)
                    tags.append(tag)
                    node = child
                    continue
            node = self._next(node, ancestors, tags)
        return self.unread

    def _open(self, node: LexborNode, tag: str, depth: int) -> LexborNode | None:
        """Start the element `node`: its first child when the walk goes in, else None (it
        is closed already). Hidden elements are not entered: nothing inside them is read."""
        reader = self.reader
        attributes = node.attributes
        reader.start(tag, cast("dict[str, str]", attributes) if attributes else {})
        child = None if reader.skipped and reader.pre is None else node.child
        if child is None:
            reader.end(tag)
        elif self.progress is not None and not self.depth:
            self._follow_children(node, depth + 1)
        return child

    def _next(
        self, node: LexborNode, ancestors: list[LexborNode], tags: list[str]
    ) -> LexborNode | None:
        """The node after `node` and what it holds: its next sibling, or its parent's, ...
        closing the elements the walk leaves on the way up (None at the end, or where the
        extent stops the walk, `unread` then set)."""
        reader = self.reader
        while ancestors:
            following = node.next
            if following is not None:
                return following
            node = ancestors.pop()
            reader.end(tags.pop())
            if self.extent is not None and len(reader.blocks) >= self.checked + _BLOCKS_PER_LOOK:
                self.unread = self._stop_after(ancestors, node)
                if self.unread is not None:
                    return None
        return None  # back at the walk's root: its siblings are not part of the walk

    def _stop_after(self, ancestors: list[LexborNode], node: LexborNode) -> list[Level] | None:
        """The nodes left unread if the walk may stop after `node` (inside `ancestors`)."""
        reader, extent = self.reader, self.extent
        assert extent is not None
        self.checked = len(reader.blocks)
        # Whether the document has formatting cues is the whole document's answer: one
        # without any so far is read whole.
        if not reader.maker.has_markup or not extent.enough(reader.blocks):
            return None
        unread = [_unread_after(done) for done in (*ancestors, node)]
        if any(_matters(*pair, extent, reader.sheet) for level in unread for pair in level):
            self.extent = None  # something later may change what was found: read on
            return None
        return unread

    def _follow_children(self, node: LexborNode, depth: int) -> None:
        """Let progress follow `node`'s children (at `depth`) if it has enough of them."""
        count = sum(1 for _ in node.iter(include_text=True))
        if count >= _PROGRESS_CHILDREN:
            self.depth, self.total = depth, count

    def _report(self, nodes: int, depth: int) -> None:
        if depth == self.depth and self.depth:
            self.done += 1
            if not self.done % max(1, self.total // 256):
                report(self.progress, self.done, self.total)
        elif not nodes % _NODES_PER_REPORT:
            report(self.progress, self.done, max(1, self.total))


def _unread_after(node: LexborNode) -> Level:
    """The siblings after `node`, each with its text."""
    level = []
    following = node.next
    while following is not None:
        level.append((following, _text_of(following)))
        following = following.next
    return level


# Unread sibling nodes, each with its text (its text nodes' text, joined).
Level = list[tuple[LexborNode, str]]


class UnreadPart:
    """The part of a document a walk left unread (the siblings after the last node read, at
    each depth): what cleaning may ask of it."""

    def __init__(self, levels: list[Level], sheet: Stylesheet) -> None:
        self.levels = levels
        self.sheet = sheet

    def edges(self, lines: Collection[str]) -> list[list[Draft | None]]:
        """The blocks from each page break of the part out to the farthest of the three
        nodes with text either side of it that may hold one of the `lines` (whitespace
        normalised, each a running line or the part of one between its digits), one list per
        break (None at the break); breaks with none of the lines near them are left out."""
        edges: list[list[Draft | None]] = []
        # Longest first: one search for all of them (an alternation takes the first that fits).
        holds = re.compile("|".join(re.escape(line) for line in sorted(lines, key=len)[::-1]))
        for level in self.levels:
            breaks = [index for index, (node, _) in enumerate(level) if self._breaks(node)]
            if not breaks:
                continue
            reader = self._reader_inside(level[0][0])
            walk = Walk(reader)
            for index in breaks:
                first = _farthest_holding(level, index, -1, holds)
                last = _farthest_holding(level, index, 1, holds)
                if first == last == index:
                    continue
                # A block before the first node: a break it opens with is kept (None).
                reader.blocks = [Draft("")]
                for node, _ in level[first : last + 1]:
                    walk.run(node, None)
                reader.close()
                edges.append(reader.blocks[1:])
        return edges

    def _breaks(self, node: LexborNode) -> bool:
        return _is_page_break(node, self.sheet)

    def _reader_inside(self, node: LexborNode) -> ElementReader:
        """A reader that has seen the start of each of `node`'s ancestors."""
        reader = ElementReader(self.sheet)
        ancestors = []
        parent = node.parent
        while parent is not None and parent.tag != _DOCUMENT:
            ancestors.append(parent)
            parent = parent.parent
        for ancestor in reversed(ancestors):
            attributes = ancestor.attributes
            reader.start(ancestor.tag or "", cast("dict[str, str]", attributes or {}))
        return reader


def _farthest_holding(level: Level, index: int, step: int, holds: re.Pattern[str]) -> int:
    """The index of the farthest of the _EDGE_NODES nodes with text from nodes[index] on in
    direction `step` that may hold one of the running lines `holds` finds (else `index`)."""
    farthest = index
    seen = 0
    other = index + step
    while 0 <= other < len(level) and seen < _EDGE_NODES:
        node, text = level[other]
        if text and not text.isspace():
            seen += 1
            # A running line is no table cell, and lies among the node's blocks nearest the
            # break: only short lines stand between it and the break.
            near = " ".join((text[-_EDGE_CHARS:] if step < 0 else text[:_EDGE_CHARS]).split())
            if node.tag != "table" and holds.search(near) is not None:
                farthest = other
            if len(text) > _EDGE_CHARS:
                break  # a long paragraph, or a table of several rows: no running line beyond
        other += step
    return farthest


def _text_of(node: LexborNode) -> str:
    tag = node.tag
    if tag == _TEXT:
        return node.text_content or ""
    if tag is None or tag[0] in "-!#":
        return ""
    return node.text(deep=True)


def _is_page_break(node: LexborNode, sheet: Stylesheet) -> bool:
    """An <hr>, a PAGEBREAK comment or an element with a CSS page break."""
    tag = node.tag
    if tag == "hr":
        return True
    if tag == _COMMENT:
        return "PAGEBREAK" in (node.comment_content or "").upper()
    if tag is None or tag[0] in "-!#":
        return False
    attributes = node.attributes
    if not attributes:
        return False
    css = sheet.css_of(tag, attributes.get("style"), attributes.get("class"))
    return css is not None and css.page_break


def _matters(node: LexborNode, text: str, extent: Extent, sheet: Stylesheet) -> bool:
    """Whether the unread `node`, whose text is `text`, holds something that changes what
    `extent` found."""
    if not text or not extent.may_matter(text):
        return False
    tag = node.tag
    if tag == _TEXT:
        return extent.matters([Draft(" ".join(text.split()))])
    if tag is None or tag[0] in "-!#":
        return False
    if len(text) > _LOOK_INSIDE_CHARS and node.child is not None:
        children = node.iter(include_text=True)
        return any(_matters(child, _text_of(child), extent, sheet) for child in children)
    reader = ElementReader(sheet)
    Walk(reader).run(node, None)
    reader.close()
    return extent.matters(reader.blocks)
