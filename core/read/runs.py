"""One HTML block's text runs (each with its look) to Drafts: the text, the share of
its letters in each style, and a formatted run-in lead ("Heading:" in italics opening a
plain paragraph).

>>> from core.read.look import Look
>>> maker = BlockMaker()
>>> [block] = maker.blocks([("Risk", Look(bold=True)), (" factors", Look())], "p")
>>> block.text, block.style.bold, block.lead, maker.has_markup
('Risk factors', 0.364, 'Risk', True)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import partial

from core.model import Style
from core.read.draft import Draft
from core.read.look import HEADING_POINTS, Look
from core.read.text import read_text_blocks

Run = tuple[str, Look]

_PLAIN = Style()
_LEAD_CLOSERS = frozenset(":.")
_LETTER = re.compile(r"[^\W\d_]")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
# Blank lines inside one element from which its text is typewritten paragraphs.
_TYPEWRITTEN_BLANK_LINES = 2
_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff\xad]")
# Makes a Draft from a tuple of its six fields, without Draft()'s Python-level checks of
# keywords and defaults (a third of the time).
_new_draft = partial(tuple.__new__, Draft)


class BlockMaker:
    """Makes the blocks of a document's runs, one element's runs at a time, and notes
    whether the document has formatting cues at all (emphasised letters, or more than one
    font size): without them the segmenter reads text alone."""

    def __init__(self) -> None:
        self.has_markup = False
        self._sizes: set[float] = set()
        self._uniform: dict[Look, Style] = {}

    def blocks(self, runs: Sequence[Run], tag: str) -> list[Draft | None]:
        """The blocks of one element's `runs` (none when they hold no text), tagged from
        the element's `tag` ("p", "li", "td", "h1".."h6"). Typewritten text (blank lines
        inside the element) comes back as its paragraphs, page breaks as None."""
        # Called for every paragraph and table cell of the filing: one look (most blocks)
        # needs no letter counting and has no lead.
        look: Look | None
        if len(runs) == 1:
            raw, look = runs[0]
        else:
            raw = "".join([text for text, _ in runs])
            looks = {look for run, look in runs if not run.isspace()}
            look = looks.pop() if len(looks) == 1 else None
        if not raw.isascii():
            raw = _INVISIBLE.sub("", raw)
        # Two blank lines take four line ends at least: most blocks have none to look at.
        if (
            raw.count("\n") >= 2 * _TYPEWRITTEN_BLANK_LINES
            and len(_BLANK_LINE.findall(raw)) >= _TYPEWRITTEN_BLANK_LINES
        ):
            return read_text_blocks(raw)
        text = " ".join(raw.split())
        if not text:
            return []
        if look is not None:
            style = self._uniform.get(look) or self._uniform_style(look)
            # Once cues are found no block can take them away: the letters need no look.
            if not self.has_markup and _LETTER.search(text) is not None:
                self._note_markup(look.bold or look.italic or look.underline, look.size)
            lead, lead_style = "", _PLAIN
        else:
            style, letters = self._style_of(runs)
            lead, lead_style = self._lead_of(runs, letters, text)
        block_tag = _BLOCK_TAG_OF.get(tag, "p")
        return [_new_draft((text, style, lead, lead_style, block_tag, runs[0][1].in_table))]

    def _uniform_style(self, look: Look) -> Style:
        """The style of a block all in one `look` (remembered per look)."""
        style = self._uniform[look] = Style(
            bold=1.0 if look.bold else 0.0,
            italic=1.0 if look.italic else 0.0,
            underline=1.0 if look.underline else 0.0,
            font_size=look.size,
            color=look.color,
            align_center=look.center,
        )
        return style

    def _note_markup(self, emphasis: bool, size: float | None) -> None:
        if emphasis:
            self.has_markup = True
        if size is not None and size not in self._sizes:
            self._sizes.add(size)
            if len(self._sizes) > 1:
                self.has_markup = True

    def _style_of(self, runs: Sequence[Run]) -> tuple[Style, list[int]]:
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
        self._note_markup(bool(bold or italic or underline), size)
        style = Style(
            bold=round(bold / total, 3),
            italic=round(italic / total, 3),
            underline=round(underline / total, 3),
            font_size=size,
            color=colors.most_common(1)[0][0] if colors else None,
            align_center=center * 2 > total,
        )
        return style, letters

    def _lead_of(self, runs: Sequence[Run], letters: list[int], text: str) -> tuple[str, Style]:
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
                    return "", _PLAIN
                first_key = key
            elif key != first_key:
                end = index
                break
        if not end:
            return "", _PLAIN
        lead = " ".join(visible("".join(run for run, _ in runs[:end])).split())
        rest = text[len(lead) :].lstrip()
        if rest[:1] in _LEAD_CLOSERS:
            # "Heading:" with the colon in the plain run that follows still ends at the colon.
            lead = text[: len(text) - len(rest) + 1]
        lead_style, _ = self._style_of(runs[:end])
        return lead, lead_style


def visible(text: str) -> str:
    """`text` without zero-width and soft-hyphen characters."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


# The block tag of an element's tag: lists, cells and headings keep theirs, others read "p".
_BLOCK_TAG_OF = {"li": "li", "td": "td", "th": "td", "dt": "li"} | {h: h for h in HEADING_POINTS}
