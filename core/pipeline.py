"""One filing file to a Filing: read, find the Risk Factors section, segment it, add meta.

>>> filing = load_filing("resources/samples/iij-20f-fy2005.txt")  # doctest: +SKIP
>>> filing.form, filing.fiscal_year, len(filing.factors)  # doctest: +SKIP
('20-F', 2005, 15)
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from core.meta import filing_meta
from core.model import Document, Filing, Progress
from core.read import read_document
from core.section import find_section
from core.segment import segment

# read, section, segment, meta
_STAGES = 4


def load_filing(path: str | os.PathLike[str], *, progress: Progress | None = None) -> Filing:
    """Read and segment the filing at `path`.

    Raises core.errors.FilingReadError (unreadable file), SectionNotFoundError,
    SectionNotApplicableError (the section says "Not applicable" or only refers elsewhere)
    and Cancelled when `progress` raises it. Progress is reported after each stage.
    """
    _report(progress, 0)
    document = read_document(path)
    _report(progress, 1)
    section = find_section(document)
    _report(progress, 2)
    factors, intro = segment(section, has_markup=document.has_markup)
    _report(progress, 3)
    meta = filing_meta(_markup(document), document.text, str(path))
    _report(progress, 4)
    return Filing(
        path=str(path),
        company=meta.company,
        form=meta.form,
        fiscal_year=meta.fiscal_year,
        section_title=section.title,
        factors=factors,
        intro=intro,
    )


def _report(progress: Progress | None, done: int) -> None:
    if progress is not None:
        progress(done, _STAGES)


def _markup(document: Document) -> str:
    """The raw HTML of an HTML filing (its inline XBRL tags carry the meta), else ""."""
    if document.kind != "html":
        return ""
    data = Path(document.path).read_bytes()
    if data.startswith(b"\x1f\x8b"):
        data = gzip.decompress(data)
    try:
        return data.decode(document.encoding or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")
