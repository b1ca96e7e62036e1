"""EDGAR full-submission files built around real fixture filings, for the reader's tests.

A submission is laid out as EDGAR serves `<accession>.txt`: the SGML header (its fields and
tab layout as in EDGAR's headers), the report as the first <DOCUMENT>, then exhibits (a
financial data schedule, a subsidiaries list, an annual-report exhibit that has a risk section
of its own) and a GRAPHIC part holding a uuencoded image. Text reports are laid out as the
typewritten filings of the 1990s: paragraphs wrapped at 72 columns with blank lines between
them, pages closed by a page number and opened by a running header after a <PAGE> line, and
page breaks falling in the middle of sentences.
"""

from __future__ import annotations

import binascii
import textwrap
from dataclasses import dataclass

_HEADER = """<SEC-DOCUMENT>{accession}.txt : {filed}
<SEC-HEADER>{accession}.hdr.sgml : {filed}
ACCESSION NUMBER:\t\t{accession}
CONFORMED SUBMISSION TYPE:\t{form}
PUBLIC DOCUMENT COUNT:\t\t{count}
CONFORMED PERIOD OF REPORT:\t{period}
FILED AS OF DATE:\t\t{filed}

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t{company}
\t\tCENTRAL INDEX KEY:\t\t\t{cik}
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t{sic}
\t\tIRS NUMBER:\t\t\t\t{irs}
\t\tSTATE OF INCORPORATION:\t\t\tDE
\t\tFISCAL YEAR END:\t\t\t{fiscal_year_end}

\tFILING VALUES:
\t\tFORM TYPE:\t\t{form}
\t\tSEC ACT:\t\t1934 Act
\t\tSEC FILE NUMBER:\t{file_number}
\t\tFILM NUMBER:\t\t{film}

\tBUSINESS ADDRESS:\t
\t\tSTREET 1:\t\t{street}
\t\tCITY:\t\t\t{city}
\t\tSTATE:\t\t\t{state}
\t\tZIP:\t\t\t{zip_code}
\t\tBUSINESS PHONE:\t\t{phone}
</SEC-HEADER>
"""

_PART = """<DOCUMENT>
<TYPE>{type}
<SEQUENCE>{sequence}
<DESCRIPTION>{description}
<TEXT>
{text}
</TEXT>
</DOCUMENT>
"""

FINANCIAL_DATA_SCHEDULE = """<ARTICLE> 5
<MULTIPLIER> 1,000

<S>                             <C>
<PERIOD-TYPE>                   YEAR
<FISCAL-YEAR-END>                          JAN-31-1999
<PERIOD-END>                               JAN-31-1999
<CASH>                                          12,480
<SECURITIES>                                         0
<RECEIVABLES>                                   48,930
<TOTAL-ASSETS>                                 311,221
<SALES>                                        187,604
<NET-INCOME>                                   (41,873)
<EPS-PRIMARY>                                    (1.25)
"""

SUBSIDIARIES = """                                                            EXHIBIT 21

                          SUBSIDIARIES OF THE REGISTRANT

Clinical Studies, Ltd. (Delaware)
Sheffield Clinical Research Associates, Inc. (Delaware)
Health Advocate Research Centers, Inc. (Florida)
"""

# An exhibit that holds a risk section of its own: the reader must not take it for the report's.
ANNUAL_REPORT_EXHIBIT = """                                                            EXHIBIT 13

                      PORTIONS OF THE 1998 ANNUAL REPORT TO SHAREHOLDERS

FACTORS THAT MAY AFFECT FUTURE RESULTS

EXHIBIT RISK ONE MAY HURT US. Exhibit text that no report part contains, about a risk that
could harm the business in ways described at length in this exhibit only.

EXHIBIT RISK TWO COULD HURT US. More exhibit text that no report part contains, about a risk
that may harm the business in ways described at length in this exhibit only.
"""


@dataclass(frozen=True, slots=True)
class Filer:
    company: str
    cik: str
    period: str  # CONFORMED PERIOD OF REPORT, yyyymmdd
    filed: str  # FILED AS OF DATE, yyyymmdd
    fiscal_year_end: str = "1231"
    accession: str = "0000950109-99-001234"
    sic: str = "8731"
    irs: str = "133524515"
    file_number: str = "000-27568"
    film: str = "99578213"
    street: str = "1 Main Street"
    city: str = "PROVIDENCE"
    state: str = "RI"
    zip_code: str = "02903"
    phone: str = "4014554000"


def uuencoded(name: str, data: bytes) -> str:
    """`data` as a uuencoded file, the way EDGAR carried images in text submissions."""
    lines = [f"begin 644 {name}"]
    for start in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[start : start + 45]).decode("ascii").rstrip("\n"))
    lines += ["`", "end"]
    return "\n".join(lines)


def submission(report: str, *, form: str, filer: Filer, report_type: str | None = None) -> str:
    """A full-submission file: header, `report` as the first <DOCUMENT> (its <TYPE> is
    `report_type`, by default the submission's form), exhibits and a uuencoded graphic."""
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04" * 8
    parts = [
        (report_type or form, f"FORM {form}", report),
        ("EX-13", "ANNUAL REPORT EXCERPTS", ANNUAL_REPORT_EXHIBIT),
        ("EX-21", "SUBSIDIARIES OF THE REGISTRANT", SUBSIDIARIES),
        ("EX-27", "FINANCIAL DATA SCHEDULE", FINANCIAL_DATA_SCHEDULE),
        ("GRAPHIC", "COMPANY LOGO", uuencoded("logo.gif", gif)),
    ]
    header = _HEADER.format(form=form, count=len(parts), **_fields(filer))
    documents = "".join(
        _PART.format(type=kind, sequence=number, description=description, text=text)
        for number, (kind, description, text) in enumerate(parts, start=1)
    )
    return f"{header}{documents}</SEC-DOCUMENT>\n"


def paginated(paragraphs: list[str], *, running_header: str, lines_per_page: int = 54) -> str:
    """Paragraphs typed out: wrapped at 72 columns, blank lines between them, a page number
    closing each page and <PAGE> then a running header opening the next. Page breaks fall
    wherever the line count says, in the middle of sentences too."""
    lines: list[str] = []
    for paragraph in paragraphs:
        # Typists did not break words at hyphens; the reader does not mend such breaks.
        lines.extend(textwrap.wrap(paragraph, 72, break_on_hyphens=False) or [""])
        lines.append("")
    pages = [
        lines[start : start + lines_per_page] for start in range(0, len(lines), lines_per_page)
    ]
    typed: list[str] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            typed += ["<PAGE>", f"{running_header:>72}", ""]
        typed += page
        typed += ["", f"{number:>37}", ""]
    return "\n".join(typed)


def _fields(filer: Filer) -> dict[str, str]:
    return {name: getattr(filer, name) for name in Filer.__dataclass_fields__}
