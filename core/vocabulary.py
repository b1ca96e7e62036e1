"""The words and shares that FactorDiff's heuristics share, each defined once with its reason.

Reading (core.read), segmenting (core.segment), aligning (core.align) and diffing (core.diff)
all ask the same small questions of a filing's text: what is a word, which words leave a
sentence unfinished, when is a block bold, how long may a title line be. Where two stages
mean the same thing they use the same name here; where they mean different things, each has
its own name and says why it differs.

>>> WORD_RE.findall("The company's 1,234.5 U.S. year-end")
['The', "company's", '1,234.5', 'U.S', 'year-end']
>>> "the" in CANNOT_END_SENTENCE, "risks" in CANNOT_END_SENTENCE
(True, False)
"""

from __future__ import annotations

import re

# A word: letters or digits, with inner apostrophes, hyphens, full stops and commas kept
# ("company's", "year-end", "1,234.5", "U.S"), so a number or a compound counts once. The
# word diff counts changed words with it and the similarity scores compare words with it.
WORD_RE = re.compile(r"\w+(?:[.,'\u2019\-]\w+)*")

# Words a sentence cannot end on: articles, prepositions, conjunctions, relative pronouns and
# possessives. A paragraph that stops on one was cut (by a page break, or a block boundary in
# the HTML) and goes on in the next block: cleaning joins such blocks, and the segmenter does
# not take a cut paragraph for a heading.
CANNOT_END_SENTENCE = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "than"}
    | {"that", "the", "to", "which", "with", "whose", "our", "their", "its"}
)

# A full stop that ends a sentence (the segmenter counts sentences with it, the moved-passage
# detection cuts text into sentences): not after a single capital (initials) or a common
# abbreviation, and followed by a space and a capital letter. The mark comes first and the
# abbreviations are looked behind from it, so the search skips to each mark at once (checking
# them before every character was 165 times slower on a long section, same matches).
_NOT_AFTER: tuple[str, ...] = (
    *(r"\b[A-Z]", r"\bInc", r"\bCo", r"\bNo", r"\bvs", r"\bU\.S", r"\bLtd", r"\bCorp"),
    *(r"\bMr", r"\bMs", r"\bDr", r"\bSt", r"\bi\.e", r"\be\.g"),
)
SENTENCE_BREAK_RE = re.compile(
    r"[.?!]"
    + "".join(f"(?<!{abbreviation}[.?!])" for abbreviation in _NOT_AFTER)
    + r"[\"'\u2019\u201d)]*\s+(?=[A-Z\"\u201c])"
)

# A block's look, as the share of its letters set in bold (italic, underlined):
# - MOSTLY_STYLED, more than half: the look a block has, for telling two blocks apart (a
#   title from the line under it, a page header repeated on every page, a paragraph that
#   goes on in a differently set block);
# - WHOLLY_STYLED, at least 0.8: a heading cue. A styled heading is styled throughout; 0.8
#   leaves room for an unstyled footnote mark, space or final stop inside it, while a body
#   paragraph with a bold phrase or two stays well below.
MOSTLY_STYLED = 0.5
WHOLLY_STYLED = 0.8

# Title lines, in words:
# - MAX_TITLE_WORDS, 16: a factor heading or category title written as a title (no final
#   stop), e.g. "Risks Related to Our International Operations and Foreign Currency".
# - MAX_SECTION_TITLE_WORDS, 12: the title of the risk section or a sub-section of an older
#   filing's Item 1 or 7 ("Factors That May Affect Future Results"), found before any factor
#   is known; a stricter bound keeps a short sentence of the text around it from passing.
MAX_TITLE_WORDS = 16
MAX_SECTION_TITLE_WORDS = 12

# A 52/53-week year that closes in the first days of January belongs to the year before
# (a retailer's "fiscal 2020" ending 2 January 2021; SanDisk's fiscal 2009 ending 3 January
# 2010): EDGAR's fiscal year focus names it so.
JANUARY_SPILL_DAYS = 7


def fiscal_year_ending(year: int, month: int, day: int) -> int:
    """The fiscal year a period ending on that day reports on.

    >>> [fiscal_year_ending(*day) for day in ((2010, 1, 3), (2010, 1, 31), (2023, 12, 31))]
    [2009, 2010, 2023]
    """
    return year - 1 if month == 1 and day <= JANUARY_SPILL_DAYS else year
