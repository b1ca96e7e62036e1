"""A company's submissions JSON (data.sec.gov/submissions/CIK##########.json) to its annual
reports: form, fiscal year, period of report, filing date, accession and primary document.

EDGAR lists the 1,000 most recent filings under `filings.recent` as parallel arrays, and older
ones in further pages named under `filings.files`, each holding the same arrays at its top.

>>> report = AnnualReport(1318605, "Tesla, Inc.", "10-K/A", "0001564590-22-016871",
...                       "2022-05-02", "2021-12-31", "tsla-10ka_20211231.htm")
>>> report.fiscal_year, report.amendment, report.base_form
(2021, True, '10-K')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.errors import EdgarResponseError
from core.vocabulary import fiscal_year_ending

# The annual-report forms FactorDiff reads, by the family a user chooses: a 10-K and its older
# or special variants (10-K405: a box ticked about insider reports, until 2002; 10-KSB: small
# businesses, until 2009; 10-KT: a transition period), and a foreign issuer's 20-F.
FORM_FAMILIES: dict[str, tuple[str, ...]] = {
    "10-K": ("10-K", "10-K405", "10-KSB", "10-KSB40", "10-KT", "10-KT405"),
    "20-F": ("20-F",),
}
AMENDMENT_SUFFIX = "/A"
# Without a period of report: an annual report filed in the first half of a year is about the
# year before (10-Ks are due 60-90 days after year end, 20-Fs within four to six months).
_FILED_FOR_PREVIOUS_YEAR_UNTIL_MONTH = 6
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ACCESSION = re.compile(r"\d{10}-\d{2}-\d{6}")
_COLUMNS = ("accessionNumber", "filingDate", "reportDate", "form", "primaryDocument")


@dataclass(frozen=True, slots=True)
class AnnualReport:
    """One annual report on EDGAR. Dates are ISO ('2023-12-31'); `report_date` is the period
    of report ('' when EDGAR has none), `primary_document` '' when EDGAR names none."""

    cik: int
    company: str
    form: str
    accession: str
    filing_date: str
    report_date: str
    primary_document: str

    @property
    def amendment(self) -> bool:
        return self.form.endswith(AMENDMENT_SUFFIX)

    @property
    def base_form(self) -> str:
        """The form without '/A'; the family name for a variant ('10-KSB' -> '10-K')."""
        form = self.form.removesuffix(AMENDMENT_SUFFIX)
        return next((family for family, forms in FORM_FAMILIES.items() if form in forms), form)

    @property
    def fiscal_year(self) -> int | None:
        return fiscal_year(self.report_date, self.filing_date)


@dataclass(frozen=True, slots=True)
class Submissions:
    """What one submissions document says: the company, its filings (as AnnualReport rows of
    every form) and the names of the older pages still to read."""

    cik: int
    company: str
    tickers: tuple[str, ...]
    filings: tuple[AnnualReport, ...]
    older_pages: tuple[str, ...]


def fiscal_year(report_date: str, filing_date: str) -> int | None:
    """The fiscal year a filing reports on: the year its period ends (early January counting
    for the year before); from the filing date when EDGAR gives no period.

    >>> fiscal_year("2024-01-28", "2024-02-21"), fiscal_year("2021-01-02", "2021-03-01")
    (2024, 2020)
    >>> fiscal_year("", "2005-09-29"), fiscal_year("", "2005-03-10")
    (2005, 2004)
    """
    period = _date(report_date)
    if period is not None:
        return fiscal_year_ending(period.year, period.month, period.day)
    filed = _date(filing_date)
    if filed is None:
        return None
    return filed.year - 1 if filed.month <= _FILED_FOR_PREVIOUS_YEAR_UNTIL_MONTH else filed.year


def forms_of(family: str) -> tuple[str, ...]:
    """The forms a user's choice covers: a family ('10-K': all its variants) or one form."""
    chosen = family.strip().upper()
    if chosen in FORM_FAMILIES:
        return FORM_FAMILIES[chosen]
    if any(chosen in forms for forms in FORM_FAMILIES.values()):
        return (chosen,)
    known = ", ".join(form for forms in FORM_FAMILIES.values() for form in forms)
    raise ValueError(f"{family!r} is not an annual-report form FactorDiff reads ({known})")


def parse_submissions(data: bytes, *, source: str) -> Submissions:
    """The main submissions document of a company. `source` names it in error messages.

    Raises EdgarResponseError when it is not valid JSON or lacks the filings arrays.
    """
    raw = _json_object(data, source)
    filings = raw.get("filings")
    if not isinstance(filings, dict):
        raise EdgarResponseError(f"EDGAR's {source} has no filings list")
    cik = _int(raw.get("cik"), source)
    company = str(raw.get("name") or f"CIK {cik}")
    tickers = tuple(str(t) for t in raw.get("tickers") or () if isinstance(t, str))
    pages = filings.get("files") or []
    older = tuple(
        page["name"]
        for page in pages
        if isinstance(page, dict) and isinstance(page.get("name"), str)
    )
    rows = _rows(filings.get("recent"), cik, company, source)
    return Submissions(cik, company, tickers, rows, older)


def parse_older_page(
    data: bytes, *, cik: int, company: str, source: str
) -> tuple[AnnualReport, ...]:
    """The filings of one older page (its arrays stand at the top of the document)."""
    return _rows(_json_object(data, source), cik, company, source)


def annual_reports(
    filings: tuple[AnnualReport, ...], *, form: str = "10-K"
) -> tuple[AnnualReport, ...]:
    """The filings of `form` (its family's variants and their amendments), newest first."""
    wanted = forms_of(form)
    chosen = {
        filing.accession: filing
        for filing in filings
        if filing.form.removesuffix(AMENDMENT_SUFFIX) in wanted
    }
    return tuple(sorted(chosen.values(), key=lambda f: (f.filing_date, f.accession), reverse=True))


def report_for_year(reports: tuple[AnnualReport, ...], year: int) -> AnnualReport | None:
    """The report for fiscal `year`: the original filing (the latest one if it was refiled),
    an amendment only when there is no original."""
    of_year = [report for report in reports if report.fiscal_year == year]
    originals = [report for report in of_year if not report.amendment]
    candidates = originals or of_year
    return max(candidates, key=lambda r: (r.filing_date, r.accession)) if candidates else None


def _json_object(data: bytes, source: str) -> dict[str, Any]:
    try:
        raw = json.loads(data)
    except ValueError as error:
        raise EdgarResponseError(f"EDGAR's {source} is not valid JSON ({error})") from error
    if not isinstance(raw, dict):
        raise EdgarResponseError(f"EDGAR's {source} is not the expected JSON object")
    return raw


def _int(value: object, source: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise EdgarResponseError(f"EDGAR's {source} has no CIK")


def _rows(columns: object, cik: int, company: str, source: str) -> tuple[AnnualReport, ...]:
    if not isinstance(columns, dict) or not all(
        isinstance(columns.get(name), list) for name in _COLUMNS
    ):
        raise EdgarResponseError(
            f"EDGAR's {source} lacks the filings columns ({', '.join(_COLUMNS)})"
        )
    lists = [columns[name] for name in _COLUMNS]
    count = len(lists[0])
    if any(len(column) != count for column in lists):
        raise EdgarResponseError(f"EDGAR's {source} has filings columns of different lengths")
    rows: list[AnnualReport] = []
    for accession, filed, period, form, document in zip(*lists, strict=True):
        if not (isinstance(accession, str) and _ACCESSION.fullmatch(accession)):
            continue  # a row FactorDiff could not build an address from
        rows.append(
            AnnualReport(
                cik=cik,
                company=company,
                form=str(form or "").strip().upper(),
                accession=accession,
                filing_date=_text_date(filed),
                report_date=_text_date(period),
                primary_document=_document_name(document),
            )
        )
    return tuple(rows)


def _text_date(value: object) -> str:
    return value if isinstance(value, str) and _ISO_DATE.fullmatch(value) else ""


def _document_name(value: object) -> str:
    """A bare file name, or '' when EDGAR gives none or one that could climb out of the
    filing's folder."""
    if not isinstance(value, str):
        return ""
    name = value.strip()
    if not name or "/" in name or "\\" in name or name.startswith(".") or "%" in name:
        return ""
    return name


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
