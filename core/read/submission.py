"""EDGAR full-submission text files: the SGML header and the report among the <DOCUMENT> parts.

Before 2001 a filing reached EDGAR as one text file, and EDGAR still offers every filing so:

    <SEC-DOCUMENT>0000912057-97-012345.txt : 19970328
    <SEC-HEADER>0000912057-97-012345.hdr.sgml : 19970328
    CONFORMED SUBMISSION TYPE:  10-K405
    CONFORMED PERIOD OF REPORT: 19961231
        COMPANY CONFORMED NAME:     EXAMPLE CORP
        CENTRAL INDEX KEY:          0000012345
    </SEC-HEADER>
    <DOCUMENT>
    <TYPE>10-K405
    <SEQUENCE>1
    <TEXT>
    ... the annual report, as text or HTML ...
    </TEXT>
    </DOCUMENT>
    <DOCUMENT>
    <TYPE>EX-27 ... exhibits, and GRAPHIC parts holding uuencoded images ...

The report is the part whose <TYPE> is the submission's form (else the first part of a report
form: 10-K, 10-K405, 10-KSB, 10-KT, 20-F, 40-F, 10-Q and their amendments); exhibits and
graphics are left out. Its text is read as HTML when it is HTML (its <PAGE> markers as page
breaks), else as text, without any uuencoded lines it embeds.

>>> part = read_submission(
...     "<SEC-DOCUMENT>\\n<SEC-HEADER>\\nCONFORMED SUBMISSION TYPE:\\t10-K\\n"
...     "CONFORMED PERIOD OF REPORT:\\t19961231\\n</SEC-HEADER>\\n<DOCUMENT>\\n<TYPE>10-K\\n"
...     "<TEXT>\\nItem 1. Business\\n</TEXT>\\n</DOCUMENT>\\n", "x.txt")
>>> part.header.form, part.header.fiscal_year, part.text.strip(), part.is_html
('10-K', 1996, 'Item 1. Business', False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import FilingReadError
from core.model import SubmissionHeader

# How far into a file its submission header must start (after a byte-order mark or blanks).
_HEAD_CHARS = 512
_START = re.compile(r"<(?:SEC-DOCUMENT|SEC-HEADER|IMS-DOCUMENT|IMS-HEADER)>", re.IGNORECASE)
_HEADER = re.compile(
    r"<(SEC|IMS)-HEADER>(.*?)(?:</\1-HEADER>|(?=<DOCUMENT>))", re.IGNORECASE | re.DOTALL
)
_PART_TAG = r"^[ \t]*<{name}>[ \t]*([^\n<]*)$"
_TEXT_OPEN = re.compile(r"<TEXT>[ \t]*\n?", re.IGNORECASE)
# <TYPE>, <SEQUENCE>, <FILENAME>, <DESCRIPTION> and <TEXT> open a part within its first lines.
_PART_HEAD_CHARS = 2048
_FIELD = r"^[ \t]*{name}:[ \t]*(.+?)[ \t]*$"
# The forms a report comes in, longest first so that "10-K405" is not read as "10-K".
REPORT_FORMS = (
    "10-KT405",
    "10-KSB40",
    "10-K405",
    "10-KSB",
    "10-KT",
    "10-K",
    "10-QSB",
    "10-QT",
    "10-Q",
    "20-F",
    "40-F",
)
# A uuencoded file inside a part: "begin 644 name", lines of 61 characters starting "M", "end".
_UUENCODED = re.compile(r"^begin [0-7]{3} \S[^\n]*\n(?:[^\n]*\n)*?end[ \t]*$", re.MULTILINE)
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
# Old text parts use SGML <TABLE>, <S> and <C> tags, so tables alone do not make HTML.
_HTML_BLOCK = re.compile(r"<(?:div|p|font|br|center|span)\b", re.IGNORECASE)
_SNIFF_CHARS = 65536
_PAGE = re.compile(r"<PAGE>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SubmissionPart:
    """The report inside a submission: its header facts, its <TYPE>, its text and whether
    that text is HTML."""

    header: SubmissionHeader
    type: str
    text: str
    is_html: bool


def is_submission(text: str) -> bool:
    """True when `text` opens with an EDGAR submission header (<SEC-DOCUMENT>, <SEC-HEADER>)."""
    match = _START.search(text, 0, _HEAD_CHARS)
    return match is not None and not text[: match.start()].strip("\ufeff \t\r\n")


def read_submission(text: str, name: str) -> SubmissionPart:
    """The report part of the full-submission text `text` of the file `name`.

    Raises FilingReadError when no part is a report (only exhibits, or no <DOCUMENT> at all).
    """
    header = _header(text)
    parts = [_part(part) for part in _parts(text)]
    if not parts:
        raise FilingReadError(f"cannot read {name}: its submission holds no <DOCUMENT> part")
    wanted = header.form.upper()
    chosen = next((part for part in parts if part[0].upper() == wanted and wanted), None)
    if chosen is None:
        chosen = next((part for part in parts if report_form(part[0])), None)
    if chosen is None:
        types = ", ".join(part[0] or "untyped" for part in parts)
        raise FilingReadError(
            f"cannot read {name}: none of its parts is an annual or quarterly report "
            f"(10-K, 20-F, 10-Q ...); its parts are {types}"
        )
    kind, body = chosen
    if "\nbegin " in body:
        body = _UUENCODED.sub("", body)
    sample = body[:_SNIFF_CHARS]
    is_html = bool(_HTML_ROOT.search(sample) or _HTML_BLOCK.search(sample))
    if is_html:
        # <PAGE> ends a printed page in HTML parts too: made the page-break comment the HTML
        # reader knows, so page headers and footers around it are found and dropped.
        body = _PAGE.sub("<!-- PAGEBREAK -->", body)
    if not header.form:
        header = SubmissionHeader(
            company=header.company,
            form=kind.upper(),
            cik=header.cik,
            fiscal_year=header.fiscal_year,
        )
    return SubmissionPart(header=header, type=kind.upper(), text=body, is_html=is_html)


def report_form(kind: str) -> str:
    """The report form `kind` names ("10-K405", "10-K/A"), or "" for an exhibit or graphic."""
    upper = kind.strip().upper()
    base = upper.removesuffix("/A")
    return upper if base in REPORT_FORMS else ""


def _header(text: str) -> SubmissionHeader:
    first_part = text.find("<DOCUMENT>")
    match = _HEADER.search(text, 0, first_part if first_part != -1 else len(text))
    block = match.group(2) if match else ""
    period = _field(block, "CONFORMED PERIOD OF REPORT")
    year = int(period[:4]) if len(period) == 8 and period.isdigit() else None
    return SubmissionHeader(
        company=_field(block, "COMPANY CONFORMED NAME"),
        form=_field(block, "CONFORMED SUBMISSION TYPE") or _field(block, "FORM TYPE"),
        cik=_field(block, "CENTRAL INDEX KEY"),
        fiscal_year=year,
    )


def _field(block: str, name: str) -> str:
    match = re.search(_FIELD.format(name=re.escape(name)), block, re.MULTILINE | re.IGNORECASE)
    return match.group(1) if match else ""


def _parts(text: str) -> list[str]:
    """The <DOCUMENT> parts, each up to the next one (found with str.find: a regular
    expression that looks ahead at every character takes seconds on a 40 MB submission)."""
    upper_tag, lower_tag = "<DOCUMENT>", "<document>"
    starts: list[int] = []
    for tag in (upper_tag, lower_tag):
        found = text.find(tag)
        while found != -1:
            starts.append(found + len(tag))
            found = text.find(tag, found + len(tag))
    starts.sort()
    return [
        text[start : (starts[n + 1] if n + 1 < len(starts) else len(text))]
        for n, start in enumerate(starts)
    ]


def _part(part: str) -> tuple[str, str]:
    """(<TYPE>, text inside <TEXT>) of one <DOCUMENT> part."""
    head = part[:_PART_HEAD_CHARS]
    kind = re.search(_PART_TAG.format(name="TYPE"), head, re.MULTILINE | re.IGNORECASE)
    opening = _TEXT_OPEN.search(head)
    if opening is None:
        return (kind.group(1).strip() if kind else "", "")
    closing = max(part.rfind("</TEXT>"), part.rfind("</text>"))
    body = part[opening.end() : closing if closing >= opening.end() else len(part)]
    return (kind.group(1).strip() if kind else "", body)
