"""What each block of a Risk Factors section is: body text, a factor heading or a category.

core.segment.style_levels (formatting) and core.segment.text_levels (wording) both answer
with one Mark per block; core.segment.factors turns the marks into Factors.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    BODY = "body"
    FACTOR = "factor"  # a stand-alone heading line
    RUN_IN = "run_in"  # the block's lead is the heading, the rest of it opens the body
    CATEGORY = "category"
    SUBTITLE = "subtitle"  # a line that heads neither ("Risk Factors Summary")


@dataclass(frozen=True, slots=True)
class Mark:
    kind: Kind
    level: int = 0  # category depth, 0 = outermost


BODY = Mark(Kind.BODY)
FACTOR = Mark(Kind.FACTOR)
RUN_IN = Mark(Kind.RUN_IN)
SUBTITLE = Mark(Kind.SUBTITLE)
