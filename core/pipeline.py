"""One filing file to a Filing: read, find the Risk Factors section, segment it, add meta.

>>> filing = load_filing("resources/samples/iij-20f-fy2005.txt")  # doctest: +SKIP
>>> filing.form, filing.fiscal_year, len(filing.factors)  # doctest: +SKIP
('20-F', 2005, 15)
"""

from __future__ import annotations

import os
from pathlib import Path

from core.edgar.provenance import read_source
from core.errors import SectionNotApplicableError, SectionNotFoundError
from core.model import Document, Filing, Progress, Section
from core.progress import report, share_of
from core.read.decode import encoding_name
from core.read.document import Opened, read_document
from core.read.meta import Meta, filing_meta
from core.read.section import find_section, item_numbers
from core.segment.factors import segment

# load_filing's progress scale and where each stage ends on it: reading is nearly all of
# the time on a large filing (a 54 MB one: ~2.5 s of ~2.7 s), so it reports as it goes.
LOAD_STEPS = 1000
_READ = 880
_SECTION = 920
_SEGMENT = 980
# Part III of a 10-K starts at Item 10 (directors, compensation, ownership, accountants):
# the items a 10-K/A filed to add the proxy information restates.
PART_III_FIRST_ITEM = 10


def load_filing(
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    opened: Opened | None = None,
) -> Filing:
    """Read and segment the filing at `path`.

    Raises core.errors.FilingReadError (unreadable file), SectionNotFoundError (saying so when
    the file is an amendment that does not restate the risk factors),
    SectionNotApplicableError (the section says "Not applicable" or only refers elsewhere;
    NoMaterialChangesError when a 10-Q's Item 1A says nothing changed)
    and Cancelled when `progress` raises it. Progress (done, LOAD_STEPS) is reported while
    the file is read (every few milliseconds) and after each later stage. `opened` is the
    file opened already (core.read.document.open_document).
    """
    report(progress, 0, LOAD_STEPS)
    reading = share_of(progress, 0, _READ, total=LOAD_STEPS)
    document = read_document(path, progress=reading, opened=opened)
    report(progress, _READ, LOAD_STEPS)
    meta = filing_meta(document.facts, document.text, str(path), header=document.submission)
    try:
        document, section = read_section(path, document, progress=reading, opened=opened)
    except SectionNotFoundError as error:
        if meta.form.endswith("/A"):
            raise SectionNotFoundError(_amendment_message(document, meta.form)) from error
        raise
    report(progress, _SECTION, LOAD_STEPS)
    factors, passages = segment(section, has_markup=document.has_markup)
    report(progress, _SEGMENT, LOAD_STEPS)
    warnings = _warnings(document, section, Path(path).name)
    report(progress, LOAD_STEPS, LOAD_STEPS)
    return Filing(
        path=str(path),
        company=meta.company,
        form=meta.form,
        fiscal_year=meta.fiscal_year,
        section_title=section.title,
        factors=factors,
        passages=passages,
        cik=meta.cik,
        warnings=warnings,
        # A file downloaded from EDGAR keeps its source beside it (core.edgar.provenance).
        source=read_source(path),
    )


def read_section(
    path: str | os.PathLike[str],
    document: Document | None = None,
    *,
    progress: Progress | None = None,
    opened: Opened | None = None,
) -> tuple[Document, Section]:
    """The filing at `path` (`document` when it is read already) and its Risk Factors section.

    A document read only up to a little after its section (Document.whole False, see
    core.read.extent) is read whole when the finder finds no section in it, or one that runs
    to its end: the part was cut where the finder does not end the section.

    Raises what read_document and find_section raise (`opened` as for read_document).
    """
    if document is None:
        document = read_document(path, progress=progress, opened=opened)
    if document.whole:
        return document, find_section(document)
    try:
        section = find_section(document)
    except (SectionNotFoundError, SectionNotApplicableError):
        section = None
    if section is None or section.end >= document.blocks[-1].end:
        document = read_document(path, progress=progress, whole=True, opened=opened)
        section = find_section(document)
    return document, section


def _amendment_message(document: Document, form: str) -> str:
    """Why an amendment has no risk factors section: it restates other items only."""
    name = Path(document.path).name
    items = sorted(set(item_numbers(document)))
    original = form.removesuffix("/A")
    if items and min(items) >= PART_III_FIRST_ITEM:
        restates = f"restates only Part III and the items after it (Items {items[0]}-{items[-1]})"
    elif items:
        restates = f"restates Items {', '.join(map(str, items))}, not the risk factors"
    else:
        restates = "does not restate the risk factors"
    return (
        f"no Item 1A or Item 3.D Risk Factors section found in {name}: it is an amendment "
        f"({form}) that {restates}; compare the original {original} instead"
    )


def read_meta(path: str | os.PathLike[str]) -> Meta:
    """Company, form and fiscal year of the filing at `path`, as load_filing finds them, without
    looking for its Risk Factors section: a filing whose section is missing still has a year.

    Raises core.errors.FilingReadError when the file cannot be read.
    """
    document = read_document(path)
    return filing_meta(document.facts, document.text, str(path), header=document.submission)


def _warnings(document: Document, section: Section, name: str) -> tuple[str, ...]:
    """What the reader must be told: an encoding that was a guess; a Risk Factors section
    that runs to the end of a file that stops abruptly (an interrupted download), whose
    factors after the cut would otherwise read as removed."""
    warnings = []
    if document.encoding_guessed:
        warnings.append(
            f"{name}: its character encoding is not declared; it was read as "
            f"{encoding_name(document.encoding)}, the reading that decodes every byte with "
            "the fewest garbled characters."
        )
    if document.ends_abruptly and section.end >= document.blocks[-1].end:
        warnings.append(
            f"{name} ends abruptly inside its Risk Factors section (no item follows the "
            "section and the file stops mid-way, as an interrupted download does): factors "
            "after the cut are missing, not removed."
        )
    return tuple(warnings)
