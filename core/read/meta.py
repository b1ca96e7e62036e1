"""Who filed it, which form, which fiscal year: from inline XBRL tags, the cover page, the name.

Inline XBRL filings tag the facts (dei:EntityRegistrantName, dei:DocumentType,
dei:DocumentFiscalYearFocus). Older filings and text extracts are read from the cover page
("FORM 10-K", "For the fiscal year ended December 31, 2023", the line above "(Exact name of
registrant as specified in its charter)"), and the file name is the last resort. An EDGAR
full-submission file's SGML header (core.read.submission) says it before any of these, and
gives the CIK too.

>>> filing_meta("", "ANNUAL REPORT ON FORM 20-F for the fiscal year ended March 31, 2005",
...             "iij-20f.txt")
Meta(company='IIJ', form='20-F', fiscal_year=2005, cik='')
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from core.model import SubmissionHeader
from core.vocabulary import fiscal_year_ending

# The cover page and the first pages are enough for the text cues.
COVER_CHARS = 40_000
# The cover page itself: "For the fiscal year ended ..." further down is a reference.
COVER_YEAR_CHARS = 8_000

_DEI = r"<ix:nonNumeric\b[^>]*\bname=[\"']dei:{name}[\"'][^>]*>(.*?)</ix:nonNumeric>"
_TAG = re.compile(r"<[^>]+>")
# Longest first: "10-K405" is not "10-K". An amendment keeps its "/A".
_FORM = re.compile(
    r"\bForm\s+(10-KT405|10-KSB40|10-K405|10-KSB|10-KT|10-K|10-QSB|10-Q|20-F|40-F)"
    r"(\s*/\s*A\b)?(?![\w-])",
    re.IGNORECASE,
)
# A text naming its own form ("this Form 10-K", "this Annual Report on Form 10-K").
_OWN_FORM = re.compile(r"\bthis\s+(?:annual\s+report\s+on\s+)?(?=Form\b)", re.IGNORECASE)
_FORM_IN_NAME = re.compile(r"(10-?k|20-?f|40-?f)", re.IGNORECASE)
# A date as a cover page writes it: (month, day, year).
_DATE_YEAR = r"([A-Z][a-z]+)\.?\s+(\d{1,2})\s*,?\s*((?:19|20)\d\d)"
_COVER_YEAR = re.compile(r"for\s+the\s+fiscal\s+year\s+ended\s*:?\s*" + _DATE_YEAR, re.IGNORECASE)
_ANY_YEAR_ENDED = re.compile(r"fiscal\s+year\s+ended\s+" + _DATE_YEAR, re.IGNORECASE)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_REGISTRANT = re.compile(
    r"([^\n()]{2,120}?)\s*\n*\s*\(\s*exact\s+name\s+of\s+(?:the\s+)?registrant", re.IGNORECASE
)
# Looked for first: scanning the whole cover with _REGISTRANT costs ~0.2 s on a page without
# the caption, and re holds the GIL meanwhile, freezing the GUI while a filing loads.
_EXACT_NAME = re.compile(r"\(\s*exact\s+name\s+of\s+(?:the\s+)?registrant", re.IGNORECASE)
_NAME_REACH = 400  # characters before the caption the name may start at
# A company a file name gives by a word this short is an acronym ("iij", "ibm"; "home" of
# "home-health-corp" is a word).
_ACRONYM_LETTERS = 3
_STATE_SUFFIX = re.compile(r"\s*[/\\][A-Z]{2,3}[/\\]?$")


# The inline XBRL facts filing_meta reads, in the order it reads them.
META_FACTS = ("EntityRegistrantName", "DocumentType", "DocumentFiscalYearFocus")


class Meta(NamedTuple):
    company: str
    form: str  # "10-K", "20-F", "10-K405", "10-K/A" ..., or "" when unknown
    fiscal_year: int | None
    cik: str = ""  # the SEC's Central Index Key, when a submission header gives it


def filing_meta(
    markup: str, text: str, path: str, *, header: SubmissionHeader | None = None
) -> Meta:
    """Meta from a submission `header`, the raw file content (`markup`, may be plain text),
    the document's text and its path, each source used only when the one before it says
    nothing."""
    cover = text[:COVER_CHARS]
    header = header or SubmissionHeader()
    company = _readable(_STATE_SUFFIX.sub("", header.company)) if header.company else ""
    return Meta(
        company=company or _company(markup, cover, path),
        form=header.form.upper() or _form(markup, cover, path),
        fiscal_year=header.fiscal_year or _fiscal_year(markup, text, path),
        cik=header.cik.lstrip("0"),
    )


def dei_markup(markup: str) -> str:
    """The tags of the facts filing_meta reads (META_FACTS) cut out of a filing's raw HTML:
    all filing_meta needs of it, so the markup itself can be let go.

    >>> dei_markup('<p>x</p><IX:NONNUMERIC name="dei:DocumentType">10-K</IX:NONNUMERIC>')
    '<IX:NONNUMERIC name="dei:DocumentType">10-K</IX:NONNUMERIC>'
    """
    found = (_dei_fact(markup, name) for name in META_FACTS)
    return "\n".join(match.group(0) for match in found if match is not None)


def _dei_fact(markup: str, name: str) -> re.Match[str] | None:
    """The first fact tag of dei:`name` in `markup`. The fact's name is looked for first,
    as written (XBRL names are case-sensitive): one fast scan of the text rather than the
    whole pattern, ignoring case, tried at every character."""
    pattern = re.compile(_DEI.format(name=name), re.IGNORECASE | re.DOTALL)
    at = markup.find(f"dei:{name}")
    while at >= 0:
        tag = markup.rfind("<", 0, at)
        match = pattern.match(markup, tag) if tag >= 0 else None
        if match is not None:
            return match
        at = markup.find(f"dei:{name}", at + 1)
    return None


def dei_value(markup: str, name: str) -> str:
    """The text of the first inline XBRL fact tagged dei:`name`, or ""."""
    match = re.search(_DEI.format(name=name), markup, re.IGNORECASE | re.DOTALL)
    if match is None:
        return ""
    return " ".join(html.unescape(_TAG.sub("", match.group(1))).split())


def _company(markup: str, cover: str, path: str) -> str:
    name = dei_value(markup, "EntityRegistrantName")
    if not name:
        caption = _EXACT_NAME.search(cover)
        start = max(0, caption.start() - _NAME_REACH) if caption else 0
        match = _REGISTRANT.search(cover, start, caption.end()) if caption else None
        name = match.group(1).strip(" \t*_-") if match else ""
    name = _STATE_SUFFIX.sub("", name)
    if name:
        return _readable(name)
    # The file name's first word: all its files of one company share it ("iij-20f-fy2008",
    # "iij-copy"), which a timeline and a batch group by.
    stem = Path(path).name.split(".")[0]
    first = re.split(r"[_\-\s]", stem)[0]
    return first.upper() if len(first) <= _ACRONYM_LETTERS else first.capitalize()


def _readable(name: str) -> str:
    """An ALL CAPS registrant name in title case ("COCA COLA CO" -> "Coca Cola Co")."""
    if name.upper() != name:
        return name
    return " ".join(word.capitalize() for word in name.split())


def _form(markup: str, cover: str, path: str) -> str:
    declared = dei_value(markup, "DocumentType").upper()
    if declared:
        return declared
    match = _FORM.search(cover)
    named = _FORM_IN_NAME.search(Path(path).name)
    if match and _EXACT_NAME.search(cover) is None:
        # No cover page (an extract): a form the text names is most often another filing
        # ("see the Company's Form 10-Q/A dated ..."), unless the text names itself; the
        # file's name then says more.
        own = _OWN_FORM.search(cover)
        match = _FORM.match(cover, own.end()) if own else None if named else match
    if match:
        return match.group(1).upper() + ("/A" if match.group(2) else "")
    if named:
        letters = named.group(1).upper().replace("-", "")
        return f"{letters[:-1]}-{letters[-1]}"
    return ""


def _fiscal_year(markup: str, text: str, path: str) -> int | None:
    declared = dei_value(markup, "DocumentFiscalYearFocus")
    if declared.isdigit():
        return int(declared)
    match = _COVER_YEAR.search(text[:COVER_YEAR_CHARS])
    if match:
        return _year_ended(*match.groups())
    # An extract without its cover: the year the text names most (the latest on a tie).
    years = Counter(_year_ended(*found) for found in _ANY_YEAR_ENDED.findall(text))
    if years:
        return max(years, key=lambda year: (years[year], year))
    match = _NAME_YEAR.search(Path(path).name)
    return int(match.group(1)) if match else None


def _year_ended(month: str, day: str, year: str) -> int:
    """The fiscal year of a year "ended January 3, 2010" (2009: core.vocabulary).

    >>> _year_ended("January", "3", "2010"), _year_ended("Jan", "30", "2010")
    (2009, 2010)
    """
    number = _MONTHS.get(month[:3].lower(), 0)
    return fiscal_year_ending(int(year), number, int(day))
