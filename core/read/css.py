"""The CSS an EDGAR filing uses for its formatting: inline style attributes and simple
<style> rules (".name", "p.name", "p"), reduced to what the segmenter reads.

>>> parse_css("font-weight: bold; font-size: 10pt; color: #C00")
Css(bold=True, italic=None, underline=None, size=('pt', 10.0), color='#cc0000', center=None, hidden=False, page_break=False)
"""  # noqa: E501  (a doctest's output is one line)

from __future__ import annotations

import functools
import re
from typing import NamedTuple

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
# CSS font-weight from which text reads as bold (600 is "semi-bold").
_BOLD_WEIGHT = 600
_POINTS_PER_UNIT = {"pt": 1.0, "px": 0.75}
_LENGTH = re.compile(r"^([0-9]*\.?[0-9]+)\s*(pt|px|em|rem|%)?$")
_RGB = re.compile(r"^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([A-Za-z][A-Za-z0-9]*)?(?:\.([\w-]+))?$")
_STYLE_OPEN = re.compile(r"<style\b[^>]*>", re.IGNORECASE)
_STYLE_CLOSE = re.compile(r"</style\s*>", re.IGNORECASE)


class Css(NamedTuple):
    """What one element's CSS sets (None = inherit)."""

    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    size: tuple[str, float] | None = None  # ("pt", points) or ("rel", factor)
    color: str | None = None
    center: bool | None = None
    hidden: bool = False
    page_break: bool = False


class Stylesheet:
    """The simple rules of a document's <style> elements, and each element's CSS from
    them and its style attribute (memoised: filings repeat a few styles thousands of times).

    >>> sheet = Stylesheet.from_markup("<style>p.b { font-weight: 700 }</style>")
    >>> sheet.css_of("p", None, "b").bold, sheet.css_of("div", None, None)
    (True, None)
    """

    def __init__(self, sheet: str = "") -> None:
        self.class_rules: dict[str, Css] = {}
        self.tag_rules: dict[str, Css] = {}
        self._cache: dict[tuple[str, str | None, str | None], Css | None] = {}
        for selectors, body in _CSS_RULE.findall(_CSS_COMMENT.sub("", sheet)):
            css = parse_css(body)
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector.strip())
                if match is None:
                    continue
                tag, name = (match.group(1) or "").lower(), match.group(2)
                rules, key = (self.class_rules, name) if name else (self.tag_rules, tag)
                rules[key] = merge(rules[key], css) if key in rules else css

    @classmethod
    def from_markup(cls, markup: str) -> Stylesheet:
        """The rules of every <style> element of `markup`, wherever it stands (a filing
        may keep one in its body, after elements it styles)."""
        return cls("".join(style_texts(markup)))

    def css_of(self, tag: str, style: str | None, classes: str | None) -> Css | None:
        """An element's CSS: tag rule, then class rules, then its style attribute; None
        when nothing applies."""
        if not self.class_rules:
            classes = None
        rule_tag = tag if tag in self.tag_rules else ""
        if not (style or classes or rule_tag):
            return None
        key = (rule_tag, classes, style)
        if key in self._cache:
            return self._cache[key]
        parts = [self.tag_rules[rule_tag]] if rule_tag else []
        parts += [
            self.class_rules[name] for name in (classes or "").split() if name in self.class_rules
        ]
        if style:
            parts.append(parse_css(style))
        css = None
        for part in parts:
            css = part if css is None else merge(css, part)
        self._cache[key] = css
        return css


def style_texts(markup: str) -> list[str]:
    """The contents of the <style> elements of `markup` (an HTML parser keeps a style
    element's text raw up to its end tag, and so does this)."""
    texts: list[str] = []
    opening = _STYLE_OPEN.search(markup)
    while opening is not None:
        closing = _STYLE_CLOSE.search(markup, opening.end())
        end = closing.start() if closing is not None else len(markup)
        texts.append(markup[opening.end() : end])
        opening = _STYLE_OPEN.search(markup, end)
    return texts


# Filing software writes the same few hundred style attributes into every filing of a company
# (and of its other companies): parsed once for all the filings a process reads.
@functools.lru_cache(maxsize=8192)
def parse_css(style: str) -> Css:
    """The declarations of one style attribute or rule body."""
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
    return Css(
        bold=_is_bold(weight) if weight else None,
        italic=font_style.startswith(("italic", "oblique")) if font_style else None,
        underline="underline" in decoration if decoration else None,
        size=_css_size(values.get("font-size")),
        color=color(values.get("color")),
        center=align.strip() == "center" if align else None,
        hidden=values.get("display", "").strip() == "none",
        page_break=any(value.strip() == "always" for value in breaks),
    )


def merge(base: Css, override: Css) -> Css:
    """`override` wins wherever it sets something."""
    return Css(
        bold=base.bold if override.bold is None else override.bold,
        italic=base.italic if override.italic is None else override.italic,
        underline=base.underline if override.underline is None else override.underline,
        size=override.size or base.size,
        color=override.color or base.color,
        center=base.center if override.center is None else override.center,
        hidden=base.hidden or override.hidden,
        page_break=base.page_break or override.page_break,
    )


def color(value: str | None) -> str | None:
    """A CSS or <font color> value as "#rrggbb"; None when not understood."""
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


def _is_bold(weight: str) -> bool:
    weight = weight.strip()
    if weight.isdigit():
        return int(weight) >= _BOLD_WEIGHT
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
    if unit in _POINTS_PER_UNIT:
        return ("pt", round(number * _POINTS_PER_UNIT[unit], 2))
    return ("rel", number / 100 if unit == "%" else number)
