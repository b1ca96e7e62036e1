"""EDGAR HTML (including inline XBRL) to draft blocks with their formatting.

Every <p>, <div>, <li>, <td>, heading, ... becomes a block of the text directly inside it.
Formatting comes from tags (<b>, <i>, <u>, <font size color>, <center>, <h1>...) and from
CSS (font-weight, font-style, text-decoration, font-size, color, text-align) in style
attributes and in simple <style> rules (".name", "p.name", "p"), all inherited through
nesting. Hidden content (the inline-XBRL `ix:header`, display:none,
<head>, scripts) is dropped. <hr> and CSS page breaks become page breaks (None).
Text laid out with blank lines inside one element (typewritten filings wrapped in a
<div> or <pre>) is split as plain text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from lxml import etree

from core.model import Block, Progress, Style
from core.progress import report, share_of
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
# Elements whose content is not walked run by run.
_WHOLE_TAGS = frozenset(("br", "hr", "pre"))
_HEADING_POINTS = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 8.0}
_FONT_SIZE_POINTS = {1: 7.5, 2: 10.0, 3: 12.0, 4: 13.5, 5: 18.0, 6: 24.0, 7: 36.0}
_SIZE_KEYWORDS = {
    "xx-small": 7.0,
    "x-small": 7.5,
    "small": 10.0,
    "medium": 12.0,
    "large": 13.5,
    "x-large": 18.0,
    "xx-large": 24.0,
}
_COLOR_NAMES = {
    "black": "#000000",
    "white": "#ffffff",
    "red": "#ff0000",
    "green": "#008000",
    "blue": "#0000ff",
    "navy": "#000080",
    "gray": "#808080",
    "grey": "#808080",
    "maroon": "#800000",
    "purple": "#800080",
    "orange": "#ffa500",
    "teal": "#008080",
}
# Tags that change formatting by themselves (others only through CSS or align=).
_STYLING_TAGS = frozenset(
    ("b", "strong", "i", "em", "cite", "dfn", "var", "u", "ins", "font", "td", "th", "caption")
) | frozenset(("center", *_HEADING_POINTS))
_BASE_POINTS = 12.0
_LEAD_CLOSERS = frozenset(":.")
_LENGTH = re.compile(r"^([0-9]*\.?[0-9]+)\s*(pt|px|em|rem|%)?$")
_RGB = re.compile(r"^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([A-Za-z][A-Za-z0-9]*)?(?:\.([\w-]+))?$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_LETTER = re.compile(r"[^\W\d_]")
_PLAIN = Style()
_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff\xad]")
# Characters fed to the parser at a time, and elements walked, between progress reports:
# each is a few milliseconds of work, so a cancel lands quickly even on a 50 MB filing.
_CHUNK = 1 << 20
_ELEMENTS_PER_REPORT = 4096
_PLACES = 1000
_NON_SPACE = re.compile(r"\S")


class _Look(NamedTuple):
    """The inherited formatting state at one point of the tree."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    color: str | None = None
    center: bool = False
    in_table: bool = False


class _Css(NamedTuple):
    """What one inline style attribute sets (None = inherit)."""

    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    size: tuple[str, float] | None = None  # ("pt", points) or ("rel", factor)
    color: str | None = None
    center: bool | None = None
    hidden: bool = False
    page_break: bool = False


def read_html_blocks(
    text: str, *, progress: Progress | None = None
) -> tuple[list[Block | None], bool]:
    """Return the draft blocks of an HTML document and whether it has formatting cues.

    `progress` hears (done, total) while the text is parsed (the first half) and while the
    tree is walked (the second half); it may raise core.errors.Cancelled.

    >>> blocks, has_markup = read_html_blocks("<p><b>Risk</b> factors</p>")
    >>> blocks[0].text, blocks[0].style.bold, blocks[0].lead, has_markup
    ('Risk factors', 0.364, 'Risk', True)
    """
    root = parse_html(text, progress=share_of(progress, 0, 1, total=2))
    return html_blocks(root, progress=share_of(progress, 1, 2, total=2))


def parse_html(text: str, *, progress: Progress | None = None) -> etree._Element | None:
    """The element tree of an HTML document, parsed a chunk at a time so `progress` hears
    (characters parsed, characters) about every megabyte and can cancel in between."""
    # lxml refuses str input that declares an encoding; the text is decoded already. Slicing
    # past the declaration (rather than removing it) keeps a large text from being copied.
    declaration = _XML_DECLARATION.match(text)
    start = declaration.end() if declaration is not None else 0
    if _NON_SPACE.search(text, start) is None:
        return None
    parser = etree.HTMLParser(huge_tree=True)
    end = len(text)
    for offset in range(start, end, _CHUNK):
        parser.feed(text[offset : offset + _CHUNK])
        report(progress, min(offset + _CHUNK, end) - start, end - start)
    root: etree._Element | None = parser.close()
    return root


def html_blocks(
    root: etree._Element | None, *, progress: Progress | None = None
) -> tuple[list[Block | None], bool]:
    """The draft blocks of a parsed document and whether it has formatting cues. The
    document's body is emptied as it is read.

    `progress` hears (how far into the document, _PLACES) every few thousand elements."""
    builder = _Builder(progress=progress)
    if root is not None:
        builder.read_stylesheet(root)
        builder.body = root.find("body")
        builder.pages = _page_container(builder.body)
        builder.walk(root, _Look())
        builder.flush()
    report(progress, 1, 1)
    return builder.blocks, builder.has_markup


class _Builder:
    """Walks the tree once, collecting the text runs of the current block."""

    def __init__(self, *, progress: Progress | None = None) -> None:
        self.walked = 0
        self.body: etree._Element | None = None
        # Each child of this element (the body's pages) is emptied once read, so the tree
        # is freed a page at a time: freeing a 50 MB filing's tree in one go holds the
        # interpreter for half a second, and the window with it.
        self.pages: etree._Element | None = None
        self.progress = progress
        self.blocks: list[Block | None] = []
        self.runs: list[tuple[str, _Look]] = []
        self.tags: list[str] = ["p"]
        self.css_cache: dict[tuple[str, str | None, str | None], _Css | None] = {}
        self.look_cache: dict[tuple[_Look, str, _Css | None, str | None], _Look] = {}
        self.class_rules: dict[str, _Css] = {}
        self.tag_rules: dict[str, _Css] = {}
        self.style_cache: dict[_Look, Style] = {}
        self.has_markup = False
        self.sizes: set[float] = set()
        self.br_pending = False

    # The hot loop over every element: each helper split out costs a call per element.
    def walk(self, element: etree._Element, look: _Look) -> None:  # noqa: PLR0912
        self.walked += 1
        if not self.walked % _ELEMENTS_PER_REPORT and self.progress is not None:
            self.progress(round(_place_in(self.body, element) * _PLACES), _PLACES)
        tag = element.tag
        if not isinstance(tag, str):
            self.not_an_element(element)
            return
        if tag in _SKIP_TAGS:
            return
        css = self.css_of(element, tag)
        if css is not None and css.hidden:
            return
        key = (look, tag, css, element.get("align"))
        inherited = self.look_cache.get(key)
        if inherited is None:
            inherited = self.look_cache[key] = _inherit(look, tag, element, css)
        look = inherited
        if tag in _WHOLE_TAGS:
            self.whole_element(element, tag, look)
            return
        if css is not None and css.page_break:
            self.flush()
            self.page_break()
        is_block = tag in _BLOCK_TAGS
        if is_block:
            self.flush()
            self.tags.append(tag)
        if element.text:
            self.add(element.text, look)
        for child in element:
            self.walk(child, look)
            if child.tail:
                self.add(child.tail, look)
            if element is self.pages:
                child.clear()  # its tail was read above
        if is_block:
            self.flush()
            self.tags.pop()

    def not_an_element(self, node: etree._Element) -> None:
        """A comment or processing instruction: only a PAGEBREAK comment means something."""
        kind: object = node.tag  # lxml's stubs type every tag as str; comments differ
        if kind is etree.Comment and "PAGEBREAK" in (node.text or "").upper():
            self.page_break()

    def read_stylesheet(self, root: etree._Element) -> None:
        """Simple rules of the <style> elements: ".name {...}", "p.name {...}", "p {...}"."""
        sheet = "".join(str(text) for style in root.iter("style") for text in style.itertext())
        for selectors, body in _CSS_RULE.findall(_CSS_COMMENT.sub("", sheet)):
            css = _parse_css(body)
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector.strip())
                if match is None:
                    continue
                tag, name = (match.group(1) or "").lower(), match.group(2)
                rules, key = (self.class_rules, name) if name else (self.tag_rules, tag)
                rules[key] = _merge(rules[key], css) if key in rules else css

    def css_of(self, element: etree._Element, tag: str) -> _Css | None:
        """The element's CSS: tag rule, then class rules, then its style attribute."""
        style = element.get("style")
        classes = element.get("class") if self.class_rules else None
        rule_tag = tag if tag in self.tag_rules else ""
        if not (style or classes or rule_tag):
            return None
        key = (rule_tag, classes, style)
        if key in self.css_cache:
            return self.css_cache[key]
        parts = [self.tag_rules[rule_tag]] if rule_tag else []
        parts += [
            self.class_rules[name] for name in (classes or "").split() if name in self.class_rules
        ]
        if style:
            parts.append(_parse_css(style))
        css = None
        for part in parts:
            css = part if css is None else _merge(css, part)
        self.css_cache[key] = css
        return css

    def whole_element(self, element: etree._Element, tag: str, look: _Look) -> None:
        """<br> (two in a row end a paragraph), <hr> (a page break) and <pre> (plain text)."""
        if tag == "br":
            if self.br_pending:
                self.flush()
            else:
                self.runs.append((" ", look))
                self.br_pending = True
            return
        self.flush()
        if tag == "hr":
            self.page_break()
        else:
            self.blocks.extend(read_text_blocks("".join(map(str, element.itertext()))))

    def add(self, text: str, look: _Look) -> None:
        self.runs.append((text, look))
        if self.br_pending and not text.isspace():
            self.br_pending = False

    def page_break(self) -> None:
        if self.blocks and self.blocks[-1] is not None:
            self.blocks.append(None)

    def flush(self) -> None:
        runs = self.runs
        self.br_pending = False
        if not runs:
            return
        self.runs = []
        raw = _visible("".join(text for text, _ in runs))
        if len(_BLANK_LINE.findall(raw)) >= 2:
            # Typewritten text inside an element: its blank lines are the paragraphs.
            self.blocks.extend(read_text_blocks(raw))
            return
        text = " ".join(raw.split())
        if not text:
            return
        tag = self.tags[-1]
        if tag in ("p", "div") and "li" in self.tags:
            tag = "li"  # <li><p>text</p></li>: the paragraph is the list item
        looks = {look for run, look in runs if not run.isspace()}
        if len(looks) == 1:
            # One look for the whole block (most blocks): no letter counting, no lead.
            style, lead, lead_style = self.uniform_style(looks.pop(), text), "", _PLAIN
        else:
            style, letters = self.style_of(runs)
            lead, lead_style = self.lead_of(runs, letters, text)
        self.blocks.append(
            Block(
                text=text,
                start=0,
                end=0,
                style=style,
                lead=lead,
                lead_style=lead_style,
                tag=_block_tag(tag),
                in_table=runs[0][1].in_table,
            )
        )

    def uniform_style(self, look: _Look, text: str) -> Style:
        style = self.style_cache.get(look)
        if style is None:
            style = self.style_cache[look] = Style(
                bold=1.0 if look.bold else 0.0,
                italic=1.0 if look.italic else 0.0,
                underline=1.0 if look.underline else 0.0,
                font_size=look.size,
                color=look.color,
                align_center=look.center,
            )
        if _LETTER.search(text) is not None:
            self.note_markup(look.bold or look.italic or look.underline, look.size)
        return style

    def note_markup(self, emphasis: bool, size: float | None) -> None:
        """Formatting cues exist when letters are emphasised or sizes differ."""
        if emphasis:
            self.has_markup = True
        if size is not None and size not in self.sizes:
            self.sizes.add(size)
            if len(self.sizes) > 1:
                self.has_markup = True

    def style_of(self, runs: list[tuple[str, _Look]]) -> tuple[Style, list[int]]:
        """The block's style (shares weighted by letters) and each run's letter count."""
        letters = [_letters(text) for text, _ in runs]
        total = sum(letters) or 1
        bold = italic = underline = center = 0
        sizes: Counter[float] = Counter()
        colors: Counter[str] = Counter()
        for (_, look), count in zip(runs, letters, strict=True):
            if not count:
                continue
            if look.bold:
                bold += count
            if look.italic:
                italic += count
            if look.underline:
                underline += count
            if look.center:
                center += count
            if look.size is not None:
                sizes[look.size] += count
            if look.color is not None:
                colors[look.color] += count
        size = sizes.most_common(1)[0][0] if sizes else None
        self.note_markup(bool(bold or italic or underline), size)
        style = Style(
            bold=round(bold / total, 3),
            italic=round(italic / total, 3),
            underline=round(underline / total, 3),
            font_size=size,
            color=colors.most_common(1)[0][0] if colors else None,
            align_center=center * 2 > total,
        )
        return style, letters

    def lead_of(
        self, runs: list[tuple[str, _Look]], letters: list[int], text: str
    ) -> tuple[str, Style]:
        """A formatted run-in prefix of `text` (the block's normalised text): the first
        lettered runs when their emphasis differs from what follows (an italic "Heading:"
        opening a plain paragraph). The lead is always a literal prefix of `text`."""
        first_key: tuple[bool, bool, bool] | None = None
        end = 0
        for index, ((_, look), count) in enumerate(zip(runs, letters, strict=True)):
            if not count:
                continue
            key = (look.bold, look.italic, look.underline)
            if first_key is None:
                if not any(key):
                    return "", Style()
                first_key = key
            elif key != first_key:
                end = index
                break
        if not end:
            return "", Style()
        lead = " ".join(_visible("".join(run for run, _ in runs[:end])).split())
        rest = text[len(lead) :].lstrip()
        if rest[:1] in _LEAD_CLOSERS:
            # "Heading:" with the colon in the plain run that follows still ends at the colon.
            lead = text[: len(text) - len(rest) + 1]
        lead_style, _ = self.style_of(runs[:end])
        return lead, lead_style


def _page_container(body: etree._Element | None) -> etree._Element | None:
    """The element holding a filing's pages: the body, or the wrapper it has alone."""
    while body is not None and len(body) == 1:
        body = body[0]
    return body


def _place_in(body: etree._Element | None, element: etree._Element) -> float:
    """How far into `body` (or the whole document) `element` starts, 0..1, counting each
    element as an equal share of its parent: close for the page <div>s of a filing's body,
    and it only grows as the tree is walked in document order. Only ancestors are visited."""
    fraction = 0.0
    node, parent = element, element.getparent()
    while parent is not None and node is not body:
        fraction = (parent.index(node) + fraction) / len(parent)
        node, parent = parent, parent.getparent()
    return fraction


def _visible(text: str) -> str:
    return text if text.isascii() else _INVISIBLE.sub("", text)


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def _block_tag(tag: str) -> str:
    if tag in ("li", "td") or tag in _HEADING_POINTS:
        return tag
    if tag == "th":
        return "td"
    if tag == "dt":
        return "li"
    return "p"


def _inherit(look: _Look, tag: str, element: etree._Element, css: _Css | None) -> _Look:
    if tag in _STYLING_TAGS or "align" in element.attrib:
        look = _inherit_tag(look, tag, element)
    if css is None:
        return look
    bold, italic, underline, size, color, center, in_table = look
    if css.size is not None:
        unit, value = css.size
        size = value if unit == "pt" else round((size or _BASE_POINTS) * value, 2)
    return _Look(
        bold=bold if css.bold is None else css.bold,
        italic=italic if css.italic is None else css.italic,
        underline=underline if css.underline is None else css.underline,
        size=size,
        color=css.color or color,
        center=center if css.center is None else css.center,
        in_table=in_table,
    )


def _inherit_tag(look: _Look, tag: str, element: etree._Element) -> _Look:
    bold, italic, underline, size, color, center, in_table = look
    if tag in ("b", "strong"):
        bold = True
    elif tag in ("i", "em", "cite", "dfn", "var"):
        italic = True
    elif tag in ("u", "ins"):
        underline = True
    elif tag == "font":
        size = _font_size(element.get("size")) or size
        color = _color(element.get("color")) or color
    elif tag in ("td", "th", "caption"):
        in_table = True
        bold = bold or tag == "th"
    elif tag == "center":
        center = True
    elif tag in _HEADING_POINTS:
        bold = True
        size = _HEADING_POINTS[tag]
    align = element.get("align")
    if align is not None and tag != "table":
        center = align.lower() == "center"
    return _Look(bold, italic, underline, size, color, center, in_table)


def _parse_css(style: str) -> _Css:
    values: dict[str, str] = {}
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            values[name.strip().lower()] = value.strip().lower().removesuffix("!important")
    weight = values.get("font-weight")
    font_style = values.get("font-style")
    decoration = values.get("text-decoration-line", values.get("text-decoration"))
    align = values.get("text-align")
    breaks = (values.get(key, "") for key in ("page-break-before", "page-break-after"))
    return _Css(
        bold=_is_bold(weight) if weight else None,
        italic=font_style.startswith(("italic", "oblique")) if font_style else None,
        underline="underline" in decoration if decoration else None,
        size=_css_size(values.get("font-size")),
        color=_color(values.get("color")),
        center=align.strip() == "center" if align else None,
        hidden=values.get("display", "").strip() == "none",
        page_break=any(value.strip() == "always" for value in breaks),
    )


def _merge(base: _Css, override: _Css) -> _Css:
    """`override` wins wherever it sets something."""
    return _Css(
        bold=base.bold if override.bold is None else override.bold,
        italic=base.italic if override.italic is None else override.italic,
        underline=base.underline if override.underline is None else override.underline,
        size=override.size or base.size,
        color=override.color or base.color,
        center=base.center if override.center is None else override.center,
        hidden=base.hidden or override.hidden,
        page_break=base.page_break or override.page_break,
    )


def _is_bold(weight: str) -> bool:
    weight = weight.strip()
    if weight.isdigit():
        return int(weight) >= 600
    return weight in ("bold", "bolder")


def _css_size(value: str | None) -> tuple[str, float] | None:
    if not value:
        return None
    value = value.strip()
    if value in _SIZE_KEYWORDS:
        return ("pt", _SIZE_KEYWORDS[value])
    match = _LENGTH.match(value)
    if match is None:
        return None
    number = float(match.group(1))
    unit = match.group(2) or "px"
    points_per_unit = {"pt": 1.0, "px": 0.75}
    if unit in points_per_unit:
        return ("pt", round(number * points_per_unit[unit], 2))
    return ("rel", number / 100 if unit == "%" else number)


def _font_size(value: str | None) -> float | None:
    """<font size="2"> or a relative "+1" (steps on the 1..7 scale, 3 being normal)."""
    if not value:
        return None
    value = value.strip()
    try:
        step = int(value)
    except ValueError:
        return None
    if value.startswith(("+", "-")):
        step += 3
    return _FONT_SIZE_POINTS[min(7, max(1, step))]


def _color(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        if len(digits) == 6 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return "#" + digits.lower()
        return None
    match = _RGB.match(value)
    if match is not None:
        return "#" + "".join(f"{min(255, int(part)):02x}" for part in match.groups())
    return _COLOR_NAMES.get(value.lower())
