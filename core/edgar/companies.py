"""SEC's ticker list (company_tickers.json) and finding a company in it by ticker, name or CIK.

>>> companies = parse_ticker_list(b'{"0": {"cik_str": 1318605, "ticker": "TSLA", '
...                               b'"title": "Tesla, Inc."}}')
>>> find_company(companies, "tesla")
Company(cik=1318605, name='Tesla, Inc.', ticker='TSLA')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from core.errors import CompanyNotFoundError, EdgarResponseError

# CIKs are at most ten digits (EDGAR pads them to ten in file names).
CIK_DIGITS = 10
_CIK_QUERY = re.compile(r"(?:CIK)?\s*0*(\d{1,10})", re.IGNORECASE)
# Words a company's name may or may not carry; "apple" should find "Apple Inc.".
_LEGAL_WORDS = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc"}
    | {"sa", "ag", "nv", "se", "llc", "lp", "the", "holdings", "group", "de"}
)
_WORD = re.compile(r"[a-z0-9]+")
# How many candidates an "ambiguous name" message lists.
_LISTED_CANDIDATES = 5


@dataclass(frozen=True, slots=True)
class Company:
    """A filer: its CIK, its name as EDGAR spells it and its main ticker ('' when none)."""

    cik: int
    name: str
    ticker: str = ""

    def label(self) -> str:
        """'TSLA — Tesla, Inc. (CIK 1318605)'"""
        lead = f"{self.ticker} — " if self.ticker else ""
        return f"{lead}{self.name} (CIK {self.cik})"


def parse_ticker_list(data: bytes) -> tuple[Company, ...]:
    """The companies in SEC's company_tickers.json, in its order (largest first).

    A company with several tickers (GOOGL, GOOG) is listed once per ticker, as SEC lists it.
    Raises EdgarResponseError when the data is not that list.
    """
    try:
        raw = json.loads(data)
    except ValueError as error:
        raise EdgarResponseError(f"SEC's ticker list is not valid JSON ({error})") from error
    if not isinstance(raw, dict):
        raise EdgarResponseError("SEC's ticker list is not the expected JSON object")
    companies: list[Company] = []
    for entry in raw.values():
        if not isinstance(entry, dict):
            continue
        cik, ticker, title = entry.get("cik_str"), entry.get("ticker"), entry.get("title")
        if isinstance(cik, int) and isinstance(ticker, str) and isinstance(title, str):
            companies.append(Company(cik, title.strip(), ticker.strip().upper()))
    if raw and not companies:
        raise EdgarResponseError("SEC's ticker list holds no company FactorDiff can read")
    return tuple(companies)


def cik_in(query: str) -> int | None:
    """The CIK a query names ('1318605', '0001318605', 'CIK1318605'), else None."""
    match = _CIK_QUERY.fullmatch(query.strip())
    return int(match.group(1)) if match else None


def name_words(name: str) -> tuple[str, ...]:
    """A name's words without case, punctuation and legal forms: 'Tesla, Inc.' -> ('tesla',)."""
    words = _WORD.findall(name.lower().replace("&", " and "))
    return tuple(word for word in words if word not in _LEGAL_WORDS) or tuple(words)


def find_company(companies: tuple[Company, ...], query: str) -> Company:
    """The one company `query` names: an exact ticker ('brk.b' finds BRK-B), a CIK, the name
    (without 'Inc.', 'Corp' ...), or the start of the name when only one company has it.

    A CIK not in the list (a company without a ticker) still gives a Company, named by its
    CIK until its submissions are read. Raises CompanyNotFoundError when nothing matches or
    several companies do (naming a few of them).
    """
    text = query.strip()
    if not text:
        raise CompanyNotFoundError("type a ticker, a company name or a CIK")
    ticker = text.upper().replace(".", "-").replace("/", "-")
    by_ticker = [company for company in companies if company.ticker == ticker]
    if by_ticker:
        return by_ticker[0]
    cik = cik_in(text)
    if cik is not None:
        return next((c for c in companies if c.cik == cik), Company(cik, f"CIK {cik}"))
    words = name_words(text)
    exact = _distinct([c for c in companies if name_words(c.name) == words])
    if len(exact) == 1:
        return exact[0]
    starting = exact or _distinct([c for c in companies if _starts_with(name_words(c.name), words)])
    if len(starting) == 1:
        return starting[0]
    if not starting:
        raise CompanyNotFoundError(
            f"no company on EDGAR's ticker list matches {text!r}; try its ticker, its CIK or "
            "the start of its name"
        )
    listed = "; ".join(company.label() for company in starting[:_LISTED_CANDIDATES])
    more = f" and {len(starting) - _LISTED_CANDIDATES} more" if len(starting) > 5 else ""
    raise CompanyNotFoundError(
        f"{text!r} matches several companies ({listed}{more}); give the ticker or the CIK"
    )


def matching_companies(
    companies: tuple[Company, ...], text: str, *, limit: int = 20
) -> tuple[Company, ...]:
    """Companies whose ticker or name starts with `text` (for completion), tickers first."""
    ticker = text.strip().upper()
    words = name_words(text)
    if not ticker:
        return ()
    found = [c for c in companies if c.ticker.startswith(ticker)]
    found += [c for c in companies if _starts_with(name_words(c.name), words) and c not in found]
    return tuple(_distinct(found)[:limit])


def _starts_with(name: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """The name's words begin with `words`, the last one possibly cut short."""
    if not words or len(words) > len(name):
        return False
    *whole, last = words
    return name[: len(whole)] == tuple(whole) and name[len(whole)].startswith(last)


def _distinct(companies: list[Company]) -> list[Company]:
    """One entry per CIK (the first, i.e. the main ticker), in order."""
    seen: set[int] = set()
    kept: list[Company] = []
    for company in companies:
        if company.cik not in seen:
            seen.add(company.cik)
            kept.append(company)
    return kept
