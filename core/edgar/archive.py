"""EDGAR as FactorDiff uses it: find a company, list its annual reports, download them, all
through a per-user cache so that what was downloaded once opens again with no network.

Cache layout (under `default_cache_folder()`, the platform's per-user cache folder):

    company_tickers.json                      SEC's ticker list      refreshed at most daily
    submissions/CIK0001318605.json            a company's filings    refreshed at most daily
    submissions/CIK0001318605-submissions-001.json   an older page   refreshed at most daily
    filings/1318605/0001628280-24-002390/tsla-20231231.htm   a filing, kept for good
    filings/1318605/0001628280-24-002390/tsla-20231231.htm.edgar.json   its source

When EDGAR cannot be reached, a list older than a day is used as it is; without any copy the
error says so ("EDGAR could not be reached; the filings already downloaded still open").
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from core.edgar.client import EdgarClient
from core.edgar.companies import Company, cik_in, find_company, name_words, parse_ticker_list
from core.edgar.provenance import SIDECAR_SUFFIX, read_source, write_source
from core.edgar.submissions import (
    AnnualReport,
    annual_reports,
    fiscal_year,
    forms_of,
    parse_older_page,
    parse_submissions,
    report_for_year,
)
from core.errors import (
    EdgarError,
    EdgarUnreachableError,
    FilingNotFoundError,
    UserAgentMissingError,
)
from core.model import Progress, Source
from core.output import write_atomically
from core.progress import report, share_of

CACHE_FOLDER_VARIABLE = "FACTORDIFF_CACHE_DIR"
# SEC updates the ticker list and the submissions JSON during the day; once a day is fresh
# enough for annual reports, which come once a year.
LIST_MAX_AGE_SECONDS = 24 * 60 * 60
# Size caps. The ticker list is ~0.8 MB and a big filer's submissions page a few MB. A primary
# document larger than core.read.document.MAX_BYTES (64 MB) could not be read anyway. A full
# submission also carries exhibits and encoded pictures, so it may be larger.
LIST_MAX_BYTES = 32 * 1024 * 1024
DOCUMENT_MAX_BYTES = 64 * 1024 * 1024
SUBMISSION_MAX_BYTES = 256 * 1024 * 1024
_TICKERS = "company_tickers.json"
_OLDER_PAGE = re.compile(r"CIK\d{10}-submissions-\d{3}\.json")
T = TypeVar("T")
_DOCUMENT = re.compile(r"<DOCUMENT>(.*?)</DOCUMENT>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"<TYPE>\s*([^\s<]+)", re.IGNORECASE)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL | re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_HTML_SNIFF = 4096


def default_cache_folder() -> Path:
    """The per-user cache folder for EDGAR downloads (FACTORDIFF_CACHE_DIR overrides it)."""
    chosen = os.environ.get(CACHE_FOLDER_VARIABLE, "").strip()
    if chosen:
        return Path(chosen)
    # platformdirs is loaded only when the cache is used: reading files never needs it.
    from platformdirs import user_cache_path  # noqa: PLC0415

    return user_cache_path("FactorDiff", appauthor=False) / "edgar"


@dataclass(frozen=True, slots=True)
class Download:
    """A filing on disk: where it is and where it came from."""

    path: Path
    source: Source
    from_cache: bool


class Edgar:
    """EDGAR through a cache. `client` is None when no request may be made (then only what is
    cached answers). Thread-safe as long as each cache file is written by one download at a
    time (writes are atomic; two threads fetching the same list write the same bytes)."""

    def __init__(
        self,
        client: EdgarClient | None,
        *,
        cache_folder: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self.cache_folder = cache_folder if cache_folder is not None else default_cache_folder()
        self._clock = clock

    # Companies --------------------------------------------------------------------------

    def cached_companies(self) -> tuple[Company, ...]:
        """The ticker list as last downloaded, with no network ((), when never downloaded)."""
        try:
            return parse_ticker_list((self.cache_folder / _TICKERS).read_bytes())
        except (OSError, ValueError):
            return ()

    def companies(self, *, progress: Progress | None = None) -> tuple[Company, ...]:
        """SEC's ticker list (downloaded at most once a day)."""
        url = f"{self._www}/files/{_TICKERS}"
        return self._list(_TICKERS, url, parse_ticker_list, progress)

    def find_company(self, query: str, *, progress: Progress | None = None) -> Company:
        """The company a ticker, name or CIK names (see core.edgar.companies.find_company).

        A CIK needs no ticker list; otherwise it is downloaded when not cached today.
        """
        if cik_in(query) is not None:
            return find_company(self.cached_companies(), query)
        return find_company(self.companies(progress=progress), query)

    # Annual reports ---------------------------------------------------------------------

    def filings(self, cik: int, *, progress: Progress | None = None) -> tuple[AnnualReport, ...]:
        """Every filing of the company (all forms), from its submissions and older pages."""
        name = f"CIK{cik:010d}.json"
        pages_progress = share_of(progress, 0, 1, total=1)
        main = self._list(
            f"submissions/{name}",
            f"{self._data}/submissions/{name}",
            partial(parse_submissions, source=f"submissions list of CIK {cik}"),
            pages_progress,
        )
        rows = list(main.filings)
        for number, page in enumerate(main.older_pages, 1):
            if not _OLDER_PAGE.fullmatch(page):
                continue  # not a name EDGAR uses; never build a path from it
            parse = partial(parse_older_page, cik=main.cik, company=main.company, source=page)
            url = f"{self._data}/submissions/{page}"
            rows += self._list(f"submissions/{page}", url, parse, None)
            report(progress, number, len(main.older_pages))
        return tuple(rows)

    def annual_reports(
        self, company: Company, *, form: str = "10-K", progress: Progress | None = None
    ) -> tuple[AnnualReport, ...]:
        """The company's reports of `form` (family variants and amendments), newest first."""
        forms_of(form)  # an unknown form fails before any request
        return annual_reports(self.filings(company.cik, progress=progress), form=form)

    def reports_for_years(
        self,
        company: Company,
        years: list[int],
        *,
        form: str = "10-K",
        progress: Progress | None = None,
    ) -> tuple[AnnualReport, ...]:
        """One report per fiscal year asked for (originals before amendments).

        Raises FilingNotFoundError naming the years EDGAR has when one is missing.
        """
        reports = self.annual_reports(company, form=form, progress=progress)
        chosen: list[AnnualReport] = []
        for year in years:
            found = report_for_year(reports, year)
            if found is None:
                raise FilingNotFoundError(_no_report_message(company, form, year, reports))
            chosen.append(found)
        return tuple(chosen)

    # Documents --------------------------------------------------------------------------

    def cached(self, filing: AnnualReport) -> Download | None:
        """The filing's document if it was downloaded before (no network)."""
        folder = self._filing_folder(filing)
        if not folder.is_dir():
            return None
        for sidecar in sorted(folder.glob(f"*{SIDECAR_SUFFIX}")):
            document = sidecar.with_name(sidecar.name.removesuffix(SIDECAR_SUFFIX))
            source = read_source(document)
            if document.is_file() and source is not None:
                return Download(document, source, from_cache=True)
        return None

    def download(self, filing: AnnualReport, *, progress: Progress | None = None) -> Download:
        """The filing's primary document, from the cache or else from EDGAR (then cached).

        Without a primary document (filings from before 2001), or when EDGAR has none at the
        named address, the full-submission .txt is downloaded and the filing's main document
        taken out of it.
        """
        cached = self.cached(filing)
        if cached is not None:
            report(progress, 1, 1)
            return cached
        client = self._need_client()
        folder = self._filing_folder(filing)
        if filing.primary_document:
            url = f"{self._archive_folder(filing)}/{filing.primary_document}"
            try:
                data = client.get(url, max_bytes=DOCUMENT_MAX_BYTES, progress=progress)
            except FilingNotFoundError:
                pass  # EDGAR lost or never had it: the full submission still holds it
            else:
                return self._keep(filing, folder / filing.primary_document, url, data)
        url = f"{self._www}/Archives/edgar/data/{filing.cik}/{filing.accession}.txt"
        data = client.get(url, max_bytes=SUBMISSION_MAX_BYTES, progress=progress)
        body = main_document(data, filing.form)
        suffix = ".htm" if _HTML.search(body[:_HTML_SNIFF]) else ".txt"
        return self._keep(filing, folder / f"{filing.accession}{suffix}", url, body)

    def document_url(self, filing: AnnualReport) -> str:
        """The filing's primary document on EDGAR (its full submission when it has none)."""
        if filing.primary_document:
            return f"{self._archive_folder(filing)}/{filing.primary_document}"
        return f"{self._www}/Archives/edgar/data/{filing.cik}/{filing.accession}.txt"

    def abort(self) -> None:
        """Stop the downloads now being read (see EdgarClient.abort); for after a cancel."""
        if self._client is not None:
            self._client.abort()

    # Inner workings ---------------------------------------------------------------------

    @property
    def _www(self) -> str:
        return self._client.hosts.www if self._client is not None else ""

    @property
    def _data(self) -> str:
        return self._client.hosts.data if self._client is not None else ""

    def _archive_folder(self, filing: AnnualReport) -> str:
        return f"{self._www}/Archives/edgar/data/{filing.cik}/{filing.accession.replace('-', '')}"

    def _filing_folder(self, filing: AnnualReport) -> Path:
        return self.cache_folder / "filings" / str(filing.cik) / filing.accession

    def _need_client(self) -> EdgarClient:
        if self._client is None:
            raise EdgarUnreachableError(
                "FactorDiff is not allowed to reach EDGAR here; the filings already "
                "downloaded still open"
            )
        return self._client

    def _list(
        self, name: str, url: str, parse: Callable[[bytes], T], progress: Progress | None
    ) -> T:
        """A list (ticker list, submissions page) read by `parse`: from the cache when fresh,
        else from EDGAR (kept only when it parses), else a stale copy when EDGAR cannot be
        reached."""
        path = self.cache_folder / name
        age = self._age(path)
        if age is not None and age < LIST_MAX_AGE_SECONDS:
            cached = self._parse_cached(path, parse)
            if cached is not None:
                return cached
        try:
            data = self._need_client().get(url, max_bytes=LIST_MAX_BYTES, progress=progress)
        except (EdgarUnreachableError, UserAgentMissingError):
            stale = self._parse_cached(path, parse) if age is not None else None
            if stale is None:
                raise
            return stale
        parsed = parse(data)
        _save(path, data)
        return parsed

    @staticmethod
    def _parse_cached(path: Path, parse: Callable[[bytes], T]) -> T | None:
        try:
            return parse(path.read_bytes())
        except (OSError, EdgarError):
            return None  # damaged on disk: ask EDGAR again

    def _age(self, path: Path) -> float | None:
        try:
            return max(0.0, self._clock() - path.stat().st_mtime)
        except OSError:
            return None

    def _keep(self, filing: AnnualReport, path: Path, url: str, data: bytes) -> Download:
        source = Source(
            company=filing.company,
            cik=filing.cik,
            form=filing.form,
            accession=filing.accession,
            url=url,
            filing_date=filing.filing_date,
            report_date=filing.report_date,
        )
        _save(path, data)
        write_source(path, source)
        return Download(path, source, from_cache=False)


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def main_document(submission: bytes, form: str) -> bytes:
    """The text of the full submission's document of type `form` (else its first document);
    the whole submission when it has no <DOCUMENT> parts (the oldest filings)."""
    text = submission.decode("latin-1")  # byte-for-byte, whatever the encoding
    documents = _DOCUMENT.findall(text)
    if not documents:
        return submission
    wanted = form.upper()
    chosen = next(
        (part for part in documents if (m := _TYPE.search(part)) and m.group(1).upper() == wanted),
        documents[0],
    )
    body = _TEXT.search(chosen)
    return (body.group(1) if body else chosen).strip().encode("latin-1")


def _no_report_message(
    company: Company, form: str, year: int, reports: tuple[AnnualReport, ...]
) -> str:
    name = f"{company.name} (CIK {company.cik})"
    years = sorted({r.fiscal_year for r in reports if r.fiscal_year is not None})
    if not years:
        return f"{name} has filed no {form} on EDGAR"
    listed = ", ".join(str(y) for y in years)
    return f"{name} has no {form} for fiscal year {year} on EDGAR; it has {listed}"


def filing_file_name(source: Source, suffix: str) -> str:
    """'tesla_10-K_2023.html': company, form and fiscal year, for a saved copy."""
    company = "-".join(name_words(source.company)) or f"cik{source.cik}"
    form = source.form.replace("/", "-")
    year = fiscal_year(source.report_date, source.filing_date) or source.filing_date[:4]
    return f"{company}_{form}_{year}{suffix}"


def fetch_years(
    edgar: Edgar,
    query: str,
    years: list[int],
    *,
    form: str = "10-K",
    progress: Progress | None = None,
) -> tuple[Download, ...]:
    """The company's annual report for each of `years`, downloaded (or from the cache).

    `query` is a ticker, a company name or a CIK. Raises CompanyNotFoundError,
    FilingNotFoundError, the network's EdgarError and Cancelled (through `progress`).
    """
    steps = 1 + len(years)
    company = edgar.find_company(query, progress=share_of(progress, 0, 1, total=steps * 2))
    reports = edgar.reports_for_years(
        company, years, form=form, progress=share_of(progress, 1, 2, total=steps * 2)
    )
    downloads: list[Download] = []
    for number, filing in enumerate(reports):
        start = 2 * (number + 1)
        part = share_of(progress, start, start + 2, total=steps * 2)
        downloads.append(edgar.download(filing, progress=part))
    report(progress, steps * 2, steps * 2)
    return tuple(downloads)
