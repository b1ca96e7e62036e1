"""A block as the readers make it, before cleaning and layout: a Block without its offsets.

Readers make one for every paragraph and table cell of a filing, and cleaning rewrites some;
core.read.document lays the cleaned ones out as Blocks, each made once with its offsets.

>>> Draft("Risk factors", tag="h2").tag
'h2'
"""

from __future__ import annotations

from typing import NamedTuple

from core.model import PLAIN, Style


class Draft(NamedTuple):
    """Block's fields but `start` and `end`, with the same meanings."""

    text: str
    style: Style = PLAIN
    lead: str = ""
    lead_style: Style = PLAIN
    tag: str = "p"
    in_table: bool = False
