"""'TSLA:2023' on a command line: a company's annual report for a fiscal year, from EDGAR.

>>> parse_spec("TSLA:2023"), parse_spec("CIK1318605:2024"), parse_spec("old.htm")
(EdgarSpec(query='TSLA', year=2023), EdgarSpec(query='CIK1318605', year=2024), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from core.edgar.archive import Download, Edgar, fetch_years
from core.model import Progress
from core.progress import share_of

# A ticker, CIK or short name, a colon and a four-digit year; a file that exists is a file.
_SPEC = re.compile(r"(?P<query>[A-Za-z0-9][A-Za-z0-9 .&,'-]{0,79}):(?P<year>\d{4})")


@dataclass(frozen=True, slots=True)
class EdgarSpec:
    query: str  # ticker, company name or CIK
    year: int  # fiscal year


def parse_spec(text: str) -> EdgarSpec | None:
    """The EDGAR filing `text` names ('TSLA:2023'), or None for anything else (a file path)."""
    match = _SPEC.fullmatch(text.strip())
    if match is None or Path(text).exists():
        return None
    return EdgarSpec(match.group("query").strip(), int(match.group("year")))


def fetch_specs(
    edgar: Edgar,
    specs: list[EdgarSpec],
    *,
    form: str = "10-K",
    progress: Progress | None = None,
) -> tuple[Download, ...]:
    """One download per spec, in order (a company named twice is looked up once per spec;
    its lists come from the cache the second time)."""
    downloads: list[Download] = []
    for number, spec in enumerate(specs):
        part = share_of(progress, number, number + 1, total=len(specs))
        downloads += fetch_years(edgar, spec.query, [spec.year], form=form, progress=part)
    return tuple(downloads)
