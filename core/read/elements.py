"""An HTML document's elements to draft blocks: the reader a walk of the document's tree
(core.read.walk) tells each element's start, text and end, in document order.

Every <p>, <div>, <li>, <td>, heading, ... becomes a block of the text directly inside it.
Formatting comes from tags and CSS (core.read.look, core.read.css), inherited through
nesting; a block's style is the share of its letters in each (core.read.runs). Hidden
content (display:none, <head>, scripts, the inline-XBRL header) is dropped. <hr>, CSS page
breaks and PAGEBREAK comments become page breaks (None). Text laid out with blank lines
inside one element (typewritten filings wrapped in a <div> or <pre>) is split as plain text.
"""

from __future__ import annotations

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


class ElementReader:
    """Follows the open elements and their looks, gathers the text runs of the current
    block, and hands each finished block's runs to a BlockMaker.

    The walk (core.read.walk.Walk) calls start(tag, attributes), data(text), comment(text)
    and end(tag) in document order, with every element closed, as the tree holds them."""

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
