"""EDGAR HTML (including inline XBRL) to draft blocks with their formatting.

Every <p>, <div>, <li>, <td>, heading, ... becomes a block of the text directly inside it.
Formatting comes from tags and CSS (core.read.look, core.read.css), inherited through
nesting; a block's style is the share of its letters in each (core.read.runs). Hidden
content (the inline-XBRL `ix:header`, display:none, <head>, scripts) is dropped. <hr>, CSS
page breaks and PAGEBREAK comments become page breaks (None). Text laid out with blank
lines inside one element (typewritten filings wrapped in a <div> or <pre>) is split as
plain text.

The document is parsed in C (lexbor, an HTML5 parser, through selectolax) and its tree
walked in Python, the reader hearing each element's start, text and end as a streaming parser
would tell them; hidden elements are not entered. With an extent (core.read.extent), the walk
stops once the rest of the document cannot change what is looked for, and what was left
unread is kept for the questions cleaning asks of it (UnreadPart).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import NamedTuple, Protocol, cast

from selectolax.lexbor import LexborHTMLParser, LexborNode

from core.model import Progress
from core.progress import report
from core.read.css import Stylesheet
from core.read.draft import Draft
from core.read.look import Look, inherit
from core.read.runs import BlockMaker, Run
from core.read.text import read_text_blocks

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset(
    ("head", "script", "style", "title", "noscript", "template", "ix:header", "xml")
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NON_SPACE = re.compile(r"\S")
# Progress is told along the first element with this many children (the <body> of most
# filings, or the wrapper inside it): how many of them are read. A long child (a wrapper, a
# large table) holds the bar still, so every _NODES_PER_REPORT nodes (about a millisecond of
# work) the walk reports again, and a cancel lands there.
_PROGRESS_CHILDREN = 16
_NODES_PER_REPORT = 1024
# The inline-XBRL header's tags (the standard's names are lowercase).
_IX_HEADER_OPEN = re.compile(r"<ix:header[\s>]")
_IX_HEADER_CLOSE = "</ix:header>"
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


class HtmlBlocks(NamedTuple):
    blocks: list[Draft | None]
    has_markup: bool
    # What was left unread when the reading stopped early (see read_html_blocks' `extent`).
    unread: UnreadPart | None = None


class Extent(Protocol):
    """How far a document must be read (core.read.extent holds the one for Risk Factors)."""

    def enough(self, blocks: Sequence[Draft | None]) -> bool:
        """Whether the blocks read so far hold all that is looked for (asked each time the
        walk leaves an element, with every block read so far)."""
        ...

    def may_matter(self, text: str) -> bool:
        """Whether an unread part of the document with this text could change what was
        found (a quick test of its text; False rules the part out)."""
        ...

    def matters(self, blocks: Sequence[Draft | None]) -> bool:
        """Whether these blocks of an unread part change what was found."""
        ...


class ParsedHtml(NamedTuple):
    """An HTML document's markup and its tree (None when the markup holds no text)."""

    text: str
    tree: LexborHTMLParser | None


def parse_html(text: str) -> ParsedHtml:
    """Parse `text` in C (lexbor), without the interpreter lock: another thread may parse or
    read meanwhile (core.compare loads the second filing of a pair so). The inline-XBRL
    header is left out (see _without_header)."""
    # lexbor takes two thirds of the time lxml's parser takes, a quarter with warm caches.
    declaration = _XML_DECLARATION.match(text)
    start = declaration.end() if declaration is not None else 0
    if _NON_SPACE.search(text, start) is None:
        return ParsedHtml(text, None)
    return ParsedHtml(text, LexborHTMLParser(_without_header(text, start)))


def read_html_blocks(
    text: str,
    *,
    progress: Progress | None = None,
    extent: Extent | None = None,
    parsed: ParsedHtml | None = None,
) -> HtmlBlocks:
    """Return the draft blocks of an HTML document, whether it has formatting cues, and
    what was left unread.

    With `extent`, the reading stops once the extent has what it looks for and no part of the
    document left unread could change it. `parsed` is `text` parsed already (parse_html).
    `progress` hears (done, total) every few milliseconds and may raise
    core.errors.Cancelled.

    >>> blocks, has_markup, unread = read_html_blocks("<p><b>Risk</b> factors</p>")
    >>> blocks[0].text, blocks[0].style.bold, blocks[0].lead, has_markup, unread
    ('Risk factors', 0.364, 'Risk', True, None)
    """
    if parsed is None or parsed.text is not text:
        parsed = parse_html(text)
    if parsed.tree is None:
        report(progress, 1, 1)
        return HtmlBlocks([], False)
    reader = _Reader(Stylesheet.from_markup(text))
    root = parsed.tree.root
    unread = _Walk(reader, progress).run(root, extent) if root is not None else None
    reader.close()
    report(progress, 1, 1)
    part = None if unread is None else UnreadPart(unread, reader.sheet)
    return HtmlBlocks(reader.blocks, reader.maker.has_markup, part)


def _without_header(text: str, start: int) -> str:
    """`text` from `start` on, without its inline-XBRL header (ix:header): hidden by the
    standard (its contexts, units and hidden facts are never shown), as the reader hides it
    when parsed (_SKIP_TAGS), and up to 60% of a filing's markup (IBM 2023: its parse
    5.4 -> 1.7 ms). Markup in it that would close an element opened before it, which a
    parser would then show, is not shown either.

    >>> _without_header("<p>a</p><ix:header><ix:x>1</ix:x></ix:header><p>b</p>", 0)
    '<p>a</p><p>b</p>'
    """
    opening = _IX_HEADER_OPEN.search(text, start)
    closing = -1 if opening is None else text.find(_IX_HEADER_CLOSE, opening.end())
    if opening is None or closing < 0:
        return text[start:] if start else text
    return text[start : opening.start()] + text[closing + len(_IX_HEADER_CLOSE) :]


class _Walk:
    """Hands a reader the tree under a node as a parser would: start, text, comment and end,
    in document order; hidden elements are not entered.

    The walk steps from node to node (first child, next sibling, back up), which takes half
    the time of iterating each element's children (a 3 MB 10-K: 15 against 28 ms)."""

    def __init__(self, reader: _Reader, progress: Progress | None = None) -> None:
        self.reader = reader
        self.progress = progress
        # Progress follows the children of one element (see _PROGRESS_CHILDREN): their depth
        # (0 until chosen), how many there are and how many were met.
        self.depth = 0
        self.total = 0
        self.done = 0
        self.extent: Extent | None = None
        self.checked = 0  # how many blocks there were when the extent last looked
        self.unread: list[_Level] | None = None

    def run(self, root: LexborNode, extent: Extent | None) -> list[_Level] | None:
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

    def _stop_after(self, ancestors: list[LexborNode], node: LexborNode) -> list[_Level] | None:
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


def _unread_after(node: LexborNode) -> _Level:
    """The siblings after `node`, each with its text."""
    level = []
    following = node.next
    while following is not None:
        level.append((following, _text_of(following)))
        following = following.next
    return level


# Unread sibling nodes, each with its text (its text nodes' text, joined).
_Level = list[tuple[LexborNode, str]]


class UnreadPart:
    """The part of a document a walk left unread (the siblings after the last node read, at
    each depth): what cleaning may ask of it."""

    def __init__(self, levels: list[_Level], sheet: Stylesheet) -> None:
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
            walk = _Walk(reader)
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

    def _reader_inside(self, node: LexborNode) -> _Reader:
        """A reader that has seen the start of each of `node`'s ancestors."""
        reader = _Reader(self.sheet)
        ancestors = []
        parent = node.parent
        while parent is not None and parent.tag != _DOCUMENT:
            ancestors.append(parent)
            parent = parent.parent
        for ancestor in reversed(ancestors):
            attributes = ancestor.attributes
            reader.start(ancestor.tag or "", cast("dict[str, str]", attributes or {}))
        return reader


def _farthest_holding(level: _Level, index: int, step: int, holds: re.Pattern[str]) -> int:
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
    children = list(node.iter(include_text=True))
    if len(text) > _LOOK_INSIDE_CHARS and children:
        return any(_matters(child, _text_of(child), extent, sheet) for child in children)
    reader = _Reader(sheet)
    _Walk(reader).run(node, None)
    reader.close()
    return extent.matters(reader.blocks)


# What an element is to the reader, decided once per kind of element (its tag, the look
# around it and the attributes that style it) and cached: a filing repeats a few dozen.
_INLINE = 0
_BLOCK = 1  # ends the block before it and after it
_PAGE_BREAK = 2  # a flag: a CSS page break before the element
_HIDDEN = 4  # dropped with its content
_LINE_BREAK = 8  # <br>
_RULE = 16  # <hr>, a page break
_PRE = 32  # <pre>, its text read as plain text

# An open element: its look, what it is, and the kinds of the elements met inside that look
# (shared by every element of that look), keyed by tag or by tag and styling attributes.
_Kinds = dict[object, "_Open"]
_Open = tuple[Look, int, _Kinds]


class _Reader:
    """The parser's target: follows the open elements and their looks, gathers the text
    runs of the current block, and hands each finished block's runs to a BlockMaker.

    The walk (_Walk) calls start(tag, attributes), data(text), comment(text) and end(tag)
    in document order, with every element closed, as the tree holds them."""

    def __init__(self, sheet: Stylesheet) -> None:
        self.sheet = sheet
        self.maker = BlockMaker()
        self.blocks: list[Draft | None] = []
        self.runs: list[Run] = []
        # The kinds of elements met inside each look, and one entry per open element.
        self.looks: dict[Look, _Kinds] = {Look(): {}}
        self.open: list[_Open] = [(Look(), _INLINE, self.looks[Look()])]
        self.block_tags: list[str] = ["p"]
        self.in_list = 0
        # Inside hidden content or a <pre>: how many elements deep (0 = in neither).
        self.skipped = 0
        # Inside a <pre>: its text so far (None = not in one).
        self.pre: list[str] | None = None
        self.br_pending = False
        # The parser may hand one text node over in several pieces: they make one run.
        self.text_open = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        # Called for every element of the filing: the common cases come first.
        self.text_open = False
        if self.skipped:
            self.skipped += 1
            return
        parent = self.open[-1]
        # What an element is depends on its parent's look, its tag, and its style, class,
        # align, size and color attributes.
        key: object
        if not attributes:
            key = tag
        elif tag == "font" or "align" in attributes:
            get = attributes.get
            key = (tag, get("style"), get("class"), get("align"), get("size"), get("color"))
        else:
            key = (tag, attributes.get("style"), attributes.get("class"))
        element = parent[2].get(key)
        if element is None:
            element = parent[2][key] = self._kind_of(parent, tag, attributes)
        kind = element[1]
        if kind == _BLOCK:
            self.br_pending = False
            if self.runs:
                self._flush()
            self.block_tags.append(tag)
            if tag == "li":
                self.in_list += 1
        elif kind != _INLINE:
            self._start_other(tag, element)
            return
        self.open.append(element)

    def _start_other(self, tag: str, element: _Open) -> None:
        """A hidden element, <br>, <hr>, <pre>, or one with a CSS page break before it."""
        kind = element[1]
        if kind & _HIDDEN:
            self.skipped = 1
            return
        if kind & (_LINE_BREAK | _RULE | _PRE):
            self._whole_element(element)
            return
        self._flush()
        self._page_break()
        if kind & _BLOCK:
            self.block_tags.append(tag)
            if tag == "li":
                self.in_list += 1
        self.open.append(element)

    def end(self, tag: str) -> None:
        self.text_open = False
        if self.skipped:
            self.skipped -= 1
            if not self.skipped and self.pre is not None:
                self.blocks.extend(read_text_blocks("".join(self.pre)))
                self.pre = None
            return
        if self.open.pop()[1] & _BLOCK:
            self.br_pending = False
            if self.runs:
                self._flush()
            if self.block_tags.pop() == "li":
                self.in_list -= 1

    def _kind_of(self, parent: _Open, tag: str, attributes: dict[str, str]) -> _Open:
        if tag in _SKIP_TAGS:
            return parent[0], _HIDDEN, parent[2]
        if attributes:
            css = self.sheet.css_of(tag, attributes.get("style"), attributes.get("class"))
        else:
            css = self.sheet.css_of(tag, None, None)
        if css is not None and css.hidden:
            return parent[0], _HIDDEN, parent[2]
        look = inherit(parent[0], tag, attributes or None, css)
        # Elements of equal looks share what they know of the elements inside them.
        kinds = self.looks.setdefault(look, {})
        whole = {"br": _LINE_BREAK, "hr": _RULE, "pre": _PRE}.get(tag)
        if whole is not None:
            return look, whole, kinds
        kind = _BLOCK if tag in _BLOCK_TAGS else _INLINE
        if css is not None and css.page_break:
            kind |= _PAGE_BREAK
        return look, kind, kinds

    def _whole_element(self, element: _Open) -> None:
        """<br> (two in a row end a paragraph), <hr> (a page break) and <pre> (plain
        text): their content is not read run by run."""
        look, kind, kinds = element
        if kind == _PRE:
            self._flush()
            self.pre, self.skipped = [], 1
            return
        self.open.append((look, _INLINE, kinds))
        if kind == _LINE_BREAK:
            if self.br_pending:
                self._flush()
            else:
                self.runs.append((" ", look))
                self.br_pending = True
            return
        self._flush()
        self._page_break()

    def data(self, text: str) -> None:
        if self.skipped:
            if self.pre is not None:
                self.pre.append(text)
            return
        if self.text_open:
            text = self.runs[-1][0] + text
            self.runs[-1] = (text, self.open[-1][0])
        else:
            self.runs.append((text, self.open[-1][0]))
            self.text_open = True
        if self.br_pending and not text.isspace():
            self.br_pending = False

    def comment(self, text: str) -> None:
        """Only a PAGEBREAK comment means something (a page break)."""
        self.text_open = False
        if not self.skipped and "PAGEBREAK" in text.upper():
            self._page_break()

    def pi(self, target: str, data: str | None = None) -> None:
        """A processing instruction means nothing, but text on either side of it is two
        runs, as in the document's tree."""
        self.text_open = False

    def close(self) -> None:
        self._flush()

    def _page_break(self) -> None:
        if self.blocks and self.blocks[-1] is not None:
            self.blocks.append(None)

    def _flush(self) -> None:
        self.br_pending = False
        runs = self.runs
        if not runs:
            return
        self.runs = []
        tag = self.block_tags[-1]
        if tag in ("p", "div") and self.in_list:
            tag = "li"  # <li><p>text</p></li>: the paragraph is the list item
        self.blocks.extend(self.maker.blocks(runs, tag))
