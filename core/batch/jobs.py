"""The pairs a batch compares: from a folder of filings or from a list of pairs.

A folder is scanned (every filing's company, form and fiscal year read from the filing itself,
as the app reads them), its filings grouped by company and form, and each filing paired with
the one of the nearest earlier fiscal year in its group. A pair list is a CSV of old and new
paths.

>>> scanned = [ScannedFiling("a/ibm-2024.htm", "IBM Corp", "10-K", 2024, "0000051143"),
...            ScannedFiling("a/ibm-2023.htm", "IBM Corp", "10-K", 2023, "0000051143")]
>>> [(job.old_year, job.new_year) for job in consecutive_pairs(scanned)]
[(2023, 2024)]
"""

from __future__ import annotations

import csv
import itertools
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import FactorDiffError

# What a folder scan takes for a filing: the formats the app reads, gzipped or not.
FILING_SUFFIXES = (".htm", ".html", ".txt", ".xhtml")
_NAME_PUNCTUATION = re.compile(r"[^\w]+")
# Words a company's name may carry in one year and not the next ("Coca Cola Co" and
# "The Coca-Cola Company"); left out when names are compared.
_NAME_NOISE = frozenset({"the", "inc", "incorporated", "corp", "corporation", "co", "company"})
_HEADER_NAMES = frozenset({"old", "old_path", "old path", "old_file", "old file"})


class BatchInputError(FactorDiffError):
    """The batch's input (a folder or a pair list) cannot be used as given."""


@dataclass(frozen=True, slots=True)
class ScannedFiling:
    """What a folder scan learned about one filing; `error` says why it cannot be paired."""

    path: str
    company: str
    form: str
    fiscal_year: int | None
    cik: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class PairJob:
    """One row of the batch: an old and a new filing to compare.

    What planning already knows (company, form, years) fills the row when the comparison
    fails. A job with `error` set is a filing that could not be paired: its row is written
    as it is, with `new_path` empty.
    """

    old_path: str
    new_path: str
    company: str = ""
    cik: str = ""
    form: str = ""
    old_year: int | None = None
    new_year: int | None = None
    error: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the job in an output (a resumed run skips the keys it finds)."""
        return (self.old_path, self.new_path)


def filing_paths(folder: str | os.PathLike[str]) -> list[str]:
    """The filings under `folder` (subfolders too, hidden files left out), sorted, as
    absolute paths through no symlinked folder."""
    root = Path(folder)
    if not root.is_dir():
        raise BatchInputError(f"{folder} is not a folder")
    found = []
    for path in root.rglob("*"):
        name = path.name.lower().removesuffix(".gz")
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if not hidden and name.endswith(FILING_SUFFIXES) and path.is_file():
            found.append(_canonical(path))
    return sorted(found)


def consecutive_pairs(scanned: Iterable[ScannedFiling]) -> list[PairJob]:
    """Each filing paired with the one of the nearest earlier fiscal year of the same company
    and form; a filing that cannot be placed (unreadable, no fiscal year, a second filing for
    the same year) becomes a job with its error. A company's only filing makes no job.

    Companies are told apart by CIK when the filing declares one, otherwise by name (case,
    punctuation and words such as "Inc" ignored); a filing without CIK joins the CIK of a
    filing of the same name.
    """
    jobs: list[PairJob] = []
    placed: list[ScannedFiling] = []
    for filing in scanned:
        if filing.error:
            jobs.append(PairJob(filing.path, "", error=filing.error))
        elif filing.fiscal_year is None:
            jobs.append(_unplaced(filing, "no fiscal year found in the filing or its name"))
        else:
            placed.append(filing)
    cik_by_name = {_name_key(f.company): f.cik for f in placed if f.cik}
    groups: dict[tuple[str, str], list[ScannedFiling]] = defaultdict(list)
    for filing in placed:
        company = (
            filing.cik or cik_by_name.get(_name_key(filing.company)) or _name_key(filing.company)
        )
        groups[(company, filing.form)].append(filing)
    for group in groups.values():
        jobs.extend(_group_pairs(sorted(group, key=lambda f: (f.fiscal_year or 0, f.path))))
    return jobs


def _group_pairs(group: list[ScannedFiling]) -> Iterator[PairJob]:
    kept: list[ScannedFiling] = []
    for filing in group:
        if kept and kept[-1].fiscal_year == filing.fiscal_year:
            other = Path(kept[-1].path).name
            yield _unplaced(filing, f"{other} is the {filing.form} for the same fiscal year")
        else:
            kept.append(filing)
    for old, new in itertools.pairwise(kept):
        yield PairJob(
            old.path,
            new.path,
            company=new.company or old.company,
            cik=new.cik or old.cik,
            form=new.form,
            old_year=old.fiscal_year,
            new_year=new.fiscal_year,
        )


def _unplaced(filing: ScannedFiling, reason: str) -> PairJob:
    return PairJob(
        filing.path,
        "",
        company=filing.company,
        cik=filing.cik,
        form=filing.form,
        old_year=filing.fiscal_year,
        error=f"not paired: {reason}",
    )


def _name_key(company: str) -> str:
    words = _NAME_PUNCTUATION.sub(" ", company.casefold()).split()
    return " ".join(word for word in words if word not in _NAME_NOISE)


def read_pair_list(path: str | os.PathLike[str]) -> list[PairJob]:
    """The pairs of a CSV file: old path, new path per line (more columns are ignored).

    A first line naming the columns ("old_path,new_path" or "old,new") is skipped, as are
    blank lines and lines starting with "#". Relative paths are taken from the list's folder.
    Raises BatchInputError naming the line that holds fewer than two paths.
    """
    list_path = Path(path)
    try:
        text = list_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BatchInputError(f"cannot read the pair list {list_path.name}: {error}") from None
    folder = list_path.resolve().parent
    jobs = []
    for number, line in enumerate(csv.reader(text.splitlines()), 1):
        cells = [cell.strip() for cell in line]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and cells[0].casefold() in _HEADER_NAMES:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise BatchInputError(
                f"{list_path.name}, line {number}: expected an old and a new path, "
                f"separated by a comma"
            )
        jobs.append(PairJob(_absolute(folder, cells[0]), _absolute(folder, cells[1])))
    return jobs


def _absolute(folder: Path, path: str) -> str:
    return _canonical(folder / Path(path).expanduser())


def _canonical(path: Path) -> str:
    """One spelling per file whatever the working folder or symlinked folders on the way, so a
    resumed run recognises its pairs; the file's own name is kept (a symlinked filing keeps the
    name that may carry its year)."""
    return os.path.join(os.path.realpath(path.parent), path.name)
