"""Check that no running page header or footer ends up inside a factor.

    python scripts/furniture.py [FILE_OR_FOLDER ...]     (default: ../shared/corpus)

Independently of the reader's cleaning (core.read.clean), each filing's blocks are taken as
read, page furniture still in (core.read.document.draft_blocks), and its running lines are
found: short lines that repeat, digits aside, next to three or more page ends ("Tesla, Inc. |
2023 Form 10-K | 23", "Table of Contents", a company name). A page ends where the file marks
a break (CSS page break, form feed, <PAGE>) or at a line that is a page number alone.

The filing is then loaded as FactorDiff loads it, and each factor's heading and body are
searched for every place a running line stood: the line itself as a paragraph or heading,
or the line glued to the words around that very place (the end of the text before it, the
start of the text after it), as when it is left inside a sentence that a page break cut.
The words around are what make a hit certain: a company name that the prose also uses is
not counted, a company name between two halves of one sentence is.

Prints one row per filing and a total; exits 1 when a factor holds a running line.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from core.errors import FactorDiffError  # noqa: E402  (after the path insert above)
from core.model import Filing  # noqa: E402
from core.pipeline import load_filing  # noqa: E402
from core.read.document import draft_blocks  # noqa: E402
from core.read.draft import Draft  # noqa: E402

# Blocks this far from a page end (either side) are where headers and footers sit: a footer
# line, a page number, a break, a header line and a contents link fit in three.
NEAR_PAGE_END = 3
# A running line is short: the longest seen is a footer like "The Coca-Cola Company 2024 Form
# 10-K 27" or a header naming the item as well; a sentence of prose is longer.
MAX_RUNNING_CHARS = 100
# Repeated at this many page ends it is furniture, not a phrase that met a break by chance.
MIN_PAGE_ENDS = 3
# Characters of the text before and after a running line that must stand next to it in a
# factor for the hit to be this place's line (enough for a few words; a paragraph joined
# across the break keeps them in order).
CONTEXT_CHARS = 40

_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?(?:[A-Za-z]{1,2}\s?-\s?)?\d{1,3}\W*$", re.IGNORECASE)
# A contents link alone on its line is printed at each page's head or foot.
_CONTENTS_LINK = re.compile(
    r"^\W*(?:table\s+of\s+contents|index\s+to\s+(?:consolidated\s+)?financial\s+statements"
    r"|back\s+to\s+(?:top|contents))\W*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_LEADING_MARKS = re.compile(r"^[^\w(\"'\u201c$]+")


def squash(text: str) -> str:
    """Whitespace runs as one space, ends trimmed: texts compare as a reader sees them."""
    return " ".join(text.split())


def key(text: str) -> str:
    """A line's identity across pages: case and digits aside ('Form 10-K | 23' = '| 24')."""
    return _DIGITS.sub("#", squash(text).casefold())


@dataclass(frozen=True, slots=True)
class Place:
    """One occurrence of a running line, page number or contents link: its text and the words
    on either side of it. `alone`: the line standing as a paragraph of a factor is a leak
    wherever it came from (not so for a number)."""

    line: str
    before: str
    after: str
    alone: bool = True


@dataclass(frozen=True, slots=True)
class Leak:
    """A running line found inside a factor (its number from 1)."""

    factor: int
    heading: str
    line: str


def page_ends(drafts: Sequence[Draft | None]) -> list[int]:
    """Indexes where a page ends: the file's breaks (None), and page numbers and contents
    links standing alone (not in a table, where a number alone is a figure or a contents
    page's column)."""
    return [
        index
        for index, block in enumerate(drafts)
        if block is None
        or (
            not block.in_table
            and (_PAGE_NUMBER.match(block.text) or _CONTENTS_LINK.match(block.text))
        )
    ]


def running_places(drafts: Sequence[Draft | None]) -> list[Place]:
    """Every place where a running line, a page number or a contents link stands, with the
    text around it."""
    ends = page_ends(drafts)
    # A page number right before the break is one page end with it, not two.
    page_of: dict[int, int] = {}
    for end in ends:
        page_of[end] = page_of.get(end - 1, end)
    at: dict[str, set[int]] = defaultdict(set)  # a line's places (block indexes)
    ends_of: dict[str, set[int]] = defaultdict(set)  # the page ends they stand at
    near: dict[int, str] = {}
    for end in ends:
        for index in range(max(0, end - NEAR_PAGE_END), end + NEAR_PAGE_END + 1):
            block = drafts[index] if index < len(drafts) else None
            if block is None or index in page_of or len(block.text) > MAX_RUNNING_CHARS:
                continue
            # A table's own heading rows ("December 31,") repeat where a table runs on to
            # the next page; they are the table's text, not the page's.
            if block.in_table or not any(ch.isalpha() for ch in block.text):
                continue
            near[index] = key(block.text)
            at[near[index]].add(index)
            ends_of[near[index]].add(page_of[end])
    running = {
        index
        for index, line in near.items()
        if min(len(at[line]), len(ends_of[line])) >= MIN_PAGE_ENDS
    }
    furniture = running | set(ends)

    def text_at(index: int, step: int) -> str:
        index += step
        while 0 <= index < len(drafts):
            block = drafts[index]
            if block is not None and index not in furniture:
                return squash(block.text)
            index += step
        return ""

    places = []
    for index in sorted(furniture):
        block = drafts[index]
        if block is None:
            continue
        before = text_at(index, -1)[-CONTEXT_CHARS:]
        after = _LEADING_MARKS.sub("", text_at(index, 1))[:CONTEXT_CHARS]
        # A number alone may be a table's figure in a factor too: only its place tells.
        alone = not _PAGE_NUMBER.match(block.text)
        places.append(Place(squash(block.text), before, after, alone=alone))
    return places


def leaks(filing: Filing, places: Iterable[Place]) -> list[Leak]:
    """The running lines a factor of `filing` holds, each once per factor (see the module's
    docstring)."""
    found: dict[tuple[int, str], Leak] = {}
    places = list(places)
    for number, factor in enumerate(filing.factors, start=1):
        pieces = [squash(factor.heading), *(squash(p) for p in factor.paragraphs)]
        whole = " ".join(pieces)
        keys = {key(piece) for piece in pieces}
        for place in places:
            alone = place.alone and key(place.line) in keys
            glued = (place.before and f"{place.before} {place.line}" in whole) or (
                place.after and f"{place.line} {place.after}" in whole
            )
            if alone or glued:
                found.setdefault(
                    (number, key(place.line)), Leak(number, factor.heading, place.line)
                )
    return list(found.values())


@dataclass(frozen=True, slots=True)
class Checked:
    """One filing: its running lines (distinct), their places, and the leaks found."""

    name: str
    lines: int
    places: int
    factors: int
    leaks: tuple[Leak, ...]
    skipped: str = ""


def check(path: Path) -> Checked:
    places = running_places(draft_blocks(path))
    lines = len({key(place.line) for place in places})
    try:
        filing = load_filing(path)
    except FactorDiffError as error:
        # No risk section to hold furniture ("not applicable", none in an old 10-K).
        return Checked(path.name, lines, len(places), 0, (), skipped=str(error)[:60])
    return Checked(path.name, lines, len(places), len(filing.factors), tuple(leaks(filing, places)))


def filings(arguments: Sequence[str]) -> list[Path]:
    roots = [Path(argument) for argument in arguments] or [REPO.parent / "shared" / "corpus"]
    found: list[Path] = []
    for root in roots:
        if root.is_dir():
            found += sorted(
                path
                for path in root.rglob("*")
                if path.is_file() and path.suffix in (".html", ".htm", ".txt", ".gz")
            )
        else:
            found.append(root)
    return found


def main(arguments: Sequence[str]) -> int:
    results = [check(path) for path in filings(arguments)]
    print(f"{'filing':<48} {'lines':>5} {'places':>6} {'factors':>7} {'leaks':>5}")
    for result in results:
        note = f"  ({result.skipped})" if result.skipped else ""
        print(
            f"{result.name:<48} {result.lines:>5} {result.places:>6} {result.factors:>7} "
            f"{len(result.leaks):>5}{note}"
        )
        for leak in result.leaks:
            print(f"    factor #{leak.factor} {leak.heading[:50]!r} holds {leak.line!r}")
    total = sum(len(result.leaks) for result in results)
    print(
        f"{len(results)} filings, {sum(r.lines for r in results)} running lines at "
        f"{sum(r.places for r in results)} places, "
        f"{sum(r.factors for r in results)} factors checked: {total} leaks"
    )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
