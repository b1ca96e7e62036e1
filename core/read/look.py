"""How text looks at one point of an HTML document: the formatting an element passes to
its content, from its tag (<b>, <i>, <u>, <font size color>, <center>, <h1>..., align=)
and its CSS, inherited through nesting.

>>> from core.read.css import parse_css
>>> inherit(Look(), "b", None, parse_css("font-size: 8pt")).bold
True
>>> inherit(Look(size=10.0), "span", None, parse_css("font-size: 120%")).size
12.0
"""

from __future__ import annotations

from typing import NamedTuple

from core.read.css import Css, color

HEADING_POINTS = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 8.0}
# <font size=1..7> in points (3 is the browser's normal size).
_FONT_SIZE_POINTS = {1: 7.5, 2: 10.0, 3: 12.0, 4: 13.5, 5: 18.0, 6: 24.0, 7: 36.0}
_NORMAL_FONT_STEP = 3
_LARGEST_FONT_STEP = 7
# The size a relative CSS size (em, %) scales when nothing set one: the browser default.
_BASE_POINTS = 12.0
# Tags that change formatting by themselves (others only through CSS or align=).
_STYLING_TAGS = frozenset(
    ("b", "strong", "i", "em", "cite", "dfn", "var", "u", "ins", "font", "td", "th", "caption")
) | frozenset(("center", *HEADING_POINTS))


class Look(NamedTuple):
    """The inherited formatting state at one point of the tree."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    color: str | None = None
    center: bool = False
    in_table: bool = False


def inherit(
    look: Look,
    tag: str,
    attributes: dict[str, str] | None,
    css: Css | None,
) -> Look:
    """The look inside an element with `tag`, `attributes` (its size=, color=, align=;
    None when it has none) and `css`, nested in text that looks like `look`."""
    align = attributes.get("align") if attributes else None
    if tag in _STYLING_TAGS or align is not None:
        look = _inherit_tag(look, tag, attributes or {}, align)
    if css is None:
        return look
    bold, italic, underline, size, font_color, center, in_table = look
    if css.size is not None:
        unit, value = css.size
        size = value if unit == "pt" else round((size or _BASE_POINTS) * value, 2)
    return Look(
        bold=bold if css.bold is None else css.bold,
        italic=italic if css.italic is None else css.italic,
        underline=underline if css.underline is None else css.underline,
        size=size,
        color=css.color or font_color,
        center=center if css.center is None else css.center,
        in_table=in_table,
    )


def _inherit_tag(look: Look, tag: str, attributes: dict[str, str], align: str | None) -> Look:
    bold, italic, underline, size, font_color, center, in_table = look
    if tag in ("b", "strong"):
        bold = True
    elif tag in ("i", "em", "cite", "dfn", "var"):
        italic = True
    elif tag in ("u", "ins"):
        underline = True
    elif tag == "font":
        size = _font_size(attributes.get("size")) or size
        font_color = color(attributes.get("color")) or font_color
    elif tag in ("td", "th", "caption"):
        in_table = True
        bold = bold or tag == "th"
    elif tag == "center":
        center = True
    elif tag in HEADING_POINTS:
        bold = True
        size = HEADING_POINTS[tag]
    if align is not None and tag != "table":
        center = align.lower() == "center"
    return Look(bold, italic, underline, size, font_color, center, in_table)


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
        step += _NORMAL_FONT_STEP
    return _FONT_SIZE_POINTS[min(_LARGEST_FONT_STEP, max(1, step))]
