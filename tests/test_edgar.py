"""Getting filings from EDGAR, against a local replay of EDGAR on 127.0.0.1 (never the network).

Covers the normal path, a company or year EDGAR does not have, 404, 429 then success, a server
that stalls, malformed JSON, an oversized download, a redirect to another host, and working
offline with and without the cache.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.edgar import archive
from core.edgar.archive import Edgar, fetch_years
from core.edgar.client import EdgarClient, EdgarHosts, RateLimiter, check_user_agent
from core.edgar.companies import Company, find_company, parse_ticker_list
from core.edgar.submissions import fiscal_year
from core.errors import (
    Cancelled,
    CompanyNotFoundError,
    EdgarResponseError,
    EdgarUnreachableError,
    FilingNotFoundError,
    UserAgentMissingError,
)
from core.pipeline import load_filing
from tests.edgar_server import (
    FULL_SUBMISSION_ACCESSION,
    NEWEST,
    OLDER_PAGE_PATH,
    SUBMISSIONS_PATH,
    TESLA_CIK,
    TICKERS_PATH,
    EdgarServer,
    Reply,
    document_path,
    running_server,
)

CONTACT = "FactorDiff Tests tests@example.com"
TESLA = Company(TESLA_CIK, "Tesla, Inc.", "TSLA")
FY2023 = NEWEST[1]


@pytest.fixture
def server() -> Iterator[EdgarServer]:
    yield from running_server()


@pytest.fixture
def tesla(server: EdgarServer) -> EdgarServer:
    server.serve_tesla()
    return server


class Waits:
    """Stands in for the client's backoff sleep: records how long it was asked to wait."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float, _progress: object) -> None:
        self.seconds.append(seconds)


def _client(server: EdgarServer, **options: object) -> EdgarClient:
    return EdgarClient(
        CONTACT, hosts=EdgarHosts.local(server.url), limiter=RateLimiter(1000), **options
    )  # type: ignore[arg-type]


def _edgar(server: EdgarServer, cache: Path, **options: object) -> Edgar:
    return Edgar(_client(server, **options), cache_folder=cache)


# The normal path ------------------------------------------------------------------------


def test_fetch_by_ticker_downloads_caches_and_remembers_the_source(
    tesla: EdgarServer, tmp_path: Path
) -> None:
    edgar = _edgar(tesla, tmp_path / "cache")
    downloads = fetch_years(edgar, "tsla", [2023, 2024])
    assert [d.source.accession for d in downloads] == [NEWEST[1][0], NEWEST[0][0]]
    first = downloads[0]
    assert first.path.name == "tsla-20231231.htm" and not first.from_cache
    assert first.source.url == tesla.url + document_path(FY2023[0], FY2023[3])
    assert first.source.company == "Tesla, Inc." and first.source.cik == TESLA_CIK
    # Every request named the program and the user's contact.
    assert {agent for _path, agent in tesla.requests} == {CONTACT}
    # The downloaded file reads like any other, and carries its source.
    filing = load_filing(first.path)
    assert filing.fiscal_year == 2023 and len(filing.factors) > 20
    assert filing.source == first.source


def test_annual_reports_list_variants_amendments_and_older_pages(
    tesla: EdgarServer, tmp_path: Path
) -> None:
    edgar = _edgar(tesla, tmp_path)
    reports = edgar.annual_reports(TESLA, form="10-K")
    years = [(r.fiscal_year, r.form) for r in reports]
    assert years[:2] == [(2024, "10-K"), (2023, "10-K")]
    assert (2021, "10-K/A") in years and (2021, "10-K") in years  # amendments listed, marked
    assert (2012, "10-K") in years and (2011, "10-K/A") in years  # from the older page
    assert all(r.form.startswith("10-K") for r in reports)  # no 10-Qs
    assert [r.amendment for r in reports if r.fiscal_year == 2011] == [True, False]
    assert OLDER_PAGE_PATH in tesla.paths_requested()
    # The original is chosen for a year, not its later amendment.
    (chosen,) = edgar.reports_for_years(TESLA, [2011])
    assert chosen.form == "10-K"


def test_full_submission_is_the_fallback_without_a_primary_document(
    tesla: EdgarServer, tmp_path: Path
) -> None:
    (download,) = fetch_years(_edgar(tesla, tmp_path), "1318605", [2012])
    assert download.path.name == f"{FULL_SUBMISSION_ACCESSION}.txt"
    assert download.source.url.endswith(f"/{FULL_SUBMISSION_ACCESSION}.txt")
    text = download.path.read_text(encoding="latin-1")
    # The 10-K's own document was taken out of the submission: no SGML, no exhibit.
    assert "<DOCUMENT>" not in text and "Subsidiaries of the registrant" not in text
    assert load_filing(download.path).factors


def test_lists_come_from_the_cache_within_a_day(tesla: EdgarServer, tmp_path: Path) -> None:
    edgar = _edgar(tesla, tmp_path)
    fetch_years(edgar, "TSLA", [2023])
    count = len(tesla.requests)
    fetch_years(edgar, "TSLA", [2023])
    assert len(tesla.requests) == count  # ticker list, submissions and filing all cached
    # A day later the lists are asked for again, the filing is not.
    later = Edgar(_client(tesla), cache_folder=tmp_path, clock=lambda: _now() + 2 * 86400)
    fetch_years(later, "TSLA", [2023])
    again = tesla.paths_requested()[count:]
    assert TICKERS_PATH in again and SUBMISSIONS_PATH in again
    assert not any(path.startswith("/Archives") for path in again)


def _now() -> float:
    import time

    return time.time()


# What EDGAR does not have -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ZZZZQ", "no company"),  # not a ticker, not a name start
        ("apple h", "Apple Hospitality"),  # a unique name start is fine...
        ("appl", "several companies"),  # ...a shared one is not
    ],
)
def test_company_lookup(tesla: EdgarServer, tmp_path: Path, query: str, expected: str) -> None:
    edgar = _edgar(tesla, tmp_path)
    if expected.startswith(("no ", "several")):
        with pytest.raises(CompanyNotFoundError, match=expected):
            edgar.find_company(query)
    else:
        assert expected in edgar.find_company(query).name


def test_company_lookup_by_name_ticker_spelling_and_cik() -> None:
    companies = parse_ticker_list(
        json.dumps(
            {
                "0": {"cik_str": 1067983, "ticker": "BRK-B", "title": "BERKSHIRE HATHAWAY INC"},
                "1": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."},
                "2": {"cik_str": 1418121, "ticker": "APLE", "title": "Apple Hospitality REIT"},
            }
        ).encode()
    )
    assert find_company(companies, "brk.b").cik == 1067983
    assert find_company(companies, "Apple").ticker == "AAPL"  # the name without "Inc."
    assert find_company(companies, "CIK0000320193").ticker == "AAPL"
    assert find_company(companies, "42").name == "CIK 42"  # a CIK not on the list still works


def test_a_year_the_company_did_not_file(tesla: EdgarServer, tmp_path: Path) -> None:
    with pytest.raises(FilingNotFoundError, match=r"no 10-K for fiscal year 2009.*2011, 2012"):
        fetch_years(_edgar(tesla, tmp_path), "TSLA", [2009])


def test_a_form_the_company_does_not_file(tesla: EdgarServer, tmp_path: Path) -> None:
    with pytest.raises(FilingNotFoundError, match="has filed no 20-F"):
        fetch_years(_edgar(tesla, tmp_path), "TSLA", [2023], form="20-F")


def test_a_missing_document_and_submission_is_a_clear_404(
    tesla: EdgarServer, tmp_path: Path
) -> None:
    tesla.route(document_path(FY2023[0], FY2023[3]), Reply(status=404))
    with pytest.raises(FilingNotFoundError, match=r"EDGAR has no document at .*\.txt \(HTTP 404\)"):
        fetch_years(_edgar(tesla, tmp_path), "TSLA", [2023])
    assert not list(tmp_path.glob("filings/**/*.htm"))


# A server that misbehaves -----------------------------------------------------------------


def test_429_is_retried_after_the_time_asked(tesla: EdgarServer, tmp_path: Path) -> None:
    tesla.route(
        TICKERS_PATH,
        Reply(status=429, headers={"Retry-After": "3"}),
        Reply(status=503),
        Reply(body=b'{"0": {"cik_str": 1318605, "ticker": "TSLA", "title": "Tesla, Inc."}}'),
    )
    waits = Waits()
    company = _edgar(tesla, tmp_path, sleep=waits).find_company("TSLA")
    assert company.cik == TESLA_CIK
    assert waits.seconds == [3.0, 2.0]  # Retry-After honoured, then backoff


def test_server_errors_that_persist_say_edgar_is_unreachable(
    server: EdgarServer, tmp_path: Path
) -> None:
    server.route(TICKERS_PATH, Reply(status=503))
    waits = Waits()
    with pytest.raises(EdgarUnreachableError, match="already downloaded still open"):
        _edgar(server, tmp_path, sleep=waits).find_company("TSLA")
    assert waits.seconds == [1.0, 2.0, 4.0]


def test_a_stalling_server_times_out(server: EdgarServer, tmp_path: Path) -> None:
    server.stall(TICKERS_PATH)
    edgar = _edgar(server, tmp_path, read_timeout=0.3, attempts=1)
    with pytest.raises(EdgarUnreachableError, match="could not be reached"):
        edgar.find_company("TSLA")


def test_a_trickling_download_can_be_cancelled(server: EdgarServer, tmp_path: Path) -> None:
    server.stall(TICKERS_PATH)  # the first chunk arrives, then nothing

    def cancel(done: int, total: int) -> None:
        if done > 0:
            raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        _client(server, read_timeout=5).get(
            server.url + TICKERS_PATH, max_bytes=10**6, progress=cancel
        )


def test_abort_ends_a_read_from_a_stalled_server(server: EdgarServer) -> None:
    server.stall(TICKERS_PATH)
    client = _client(server, read_timeout=600, attempts=1)
    errors: list[Exception] = []

    def read() -> None:
        try:
            client.get(server.url + TICKERS_PATH, max_bytes=10**6)
        except Exception as error:
            errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    while len(server.requests) < 1 or not client._reading:  # the read has begun
        reader.join(0.01)
    client.abort()
    reader.join(60)  # a bound for a hung test: without abort() it would wait 600 s
    assert not reader.is_alive()
    assert isinstance(errors[0], EdgarUnreachableError)


def test_malformed_json_is_a_clear_error(tesla: EdgarServer, tmp_path: Path) -> None:
    tesla.route(SUBMISSIONS_PATH, Reply(body=b'{"cik": "1318605", "filings": {"recent": [1,'))
    with pytest.raises(EdgarResponseError, match="submissions list of CIK 1318605 is not valid"):
        fetch_years(_edgar(tesla, tmp_path), "TSLA", [2023])
    # A bad answer is not kept: the next try asks EDGAR again.
    assert not (tmp_path / "submissions" / "CIK0001318605.json").exists()
    tesla.serve_tesla()
    assert fetch_years(_edgar(tesla, tmp_path), "TSLA", [2023])


def test_an_oversized_download_stops(
    tesla: EdgarServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "DOCUMENT_MAX_BYTES", 100_000)
    with pytest.raises(EdgarResponseError, match="larger than 0 MB"):
        fetch_years(_edgar(tesla, tmp_path), "TSLA", [2023])
    assert not list((tmp_path / "filings").rglob("*.htm"))


def test_an_announced_oversized_download_is_not_read(server: EdgarServer) -> None:
    server.route(TICKERS_PATH, Reply(body=b"x" * 10, headers={"Content-Length": "10"}))
    with pytest.raises(EdgarResponseError, match="stopped downloading"):
        _client(server).get(server.url + TICKERS_PATH, max_bytes=5)


def test_a_redirect_to_another_host_is_refused(server: EdgarServer, tmp_path: Path) -> None:
    server.route(TICKERS_PATH, Reply(status=302, headers={"Location": "https://evil.example/x"}))
    with pytest.raises(EdgarResponseError, match="not an SEC address"):
        _edgar(server, tmp_path).find_company("TSLA")
    assert server.paths_requested() == [TICKERS_PATH]


def test_a_redirect_within_edgar_is_followed(tesla: EdgarServer, tmp_path: Path) -> None:
    tesla.route("/old-place.json", Reply(status=301, headers={"Location": TICKERS_PATH}))
    data = _client(tesla).get(tesla.url + "/old-place.json", max_bytes=10**6)
    assert b"TSLA" in data


@pytest.mark.parametrize(
    "url",
    [
        "https://www.sec.gov/files/company_tickers.json",  # SEC, but not the test server
        "http://127.0.0.2:1/files/company_tickers.json",
    ],
)
def test_only_the_configured_edgar_hosts_are_asked(server: EdgarServer, url: str) -> None:
    with pytest.raises(EdgarResponseError, match="not on EDGAR"):
        _client(server).get(url, max_bytes=10)


@pytest.mark.parametrize(
    "base", ["https://127.0.0.1:8000", "http://example.com", "http://10.0.0.1:80", "ftp://x"]
)
def test_the_test_server_must_be_local(base: str) -> None:
    with pytest.raises(EdgarResponseError, match="local test server"):
        EdgarHosts.local(base)


def test_sec_hosts_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTORDIFF_EDGAR_TEST_SERVER", raising=False)
    assert EdgarHosts.from_environment().origins() == {
        "https://www.sec.gov",
        "https://data.sec.gov",
    }


# The user agent ---------------------------------------------------------------------------


@pytest.mark.parametrize("contact", [None, "", "Jane Doe", "jane at example dot com"])
def test_no_request_without_a_contact_e_mail(server: EdgarServer, contact: str | None) -> None:
    client = EdgarClient(contact, hosts=EdgarHosts.local(server.url))
    with pytest.raises(UserAgentMissingError, match="FACTORDIFF_USER_AGENT"):
        client.get(server.url + TICKERS_PATH, max_bytes=10)
    assert server.requests == []


def test_the_user_agent_names_the_program() -> None:
    assert check_user_agent("Jane Doe  jane@example.com") == "FactorDiff Jane Doe jane@example.com"


# Offline ------------------------------------------------------------------------------------


def test_offline_with_a_cache_opens_what_was_downloaded(tesla: EdgarServer, tmp_path: Path) -> None:
    first = fetch_years(_edgar(tesla, tmp_path), "TSLA", [2023])
    tesla.stop()  # EDGAR is gone
    stale = Edgar(
        _client(tesla, attempts=1), cache_folder=tmp_path, clock=lambda: _now() + 3 * 86400
    )
    again = fetch_years(stale, "TSLA", [2023])
    assert again[0].path == first[0].path and again[0].from_cache
    # With no client at all (no contact e-mail given), the cache still answers.
    assert fetch_years(Edgar(None, cache_folder=tmp_path), "TSLA", [2023])[0].from_cache


def test_offline_without_a_cache_says_so(tmp_path: Path) -> None:
    gone = EdgarServer()  # bound to a port, never started: connections are refused
    gone.stop()
    edgar = Edgar(_client(gone, attempts=2, sleep=Waits()), cache_folder=tmp_path)
    with pytest.raises(
        EdgarUnreachableError,
        match=r"EDGAR could not be reached .*; the filings already downloaded still open",
    ):
        fetch_years(edgar, "TSLA", [2023])


def test_no_contact_and_no_cache_asks_for_one(tmp_path: Path) -> None:
    with pytest.raises(UserAgentMissingError):
        fetch_years(Edgar(EdgarClient(None), cache_folder=tmp_path), "TSLA", [2023])


# Fiscal years -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report_date", "filing_date", "year"),
    [
        ("2023-12-31", "2024-01-29", 2023),  # calendar year
        ("2024-01-28", "2024-02-21", 2024),  # a January year end names its own year
        ("2021-01-02", "2021-03-01", 2020),  # a 52/53-week year spilling into January
        ("2005-03-31", "2005-06-30", 2005),  # a March year end (Japanese 20-F)
        ("", "2001-03-15", 2000),  # no period: filed early in the year -> the year before
        ("", "2001-09-28", 2001),  # no period: filed late -> that year
        ("", "", None),
    ],
)
def test_fiscal_year(report_date: str, filing_date: str, year: int | None) -> None:
    assert fiscal_year(report_date, filing_date) == year
