"""One pair's row of the batch output, computed in a worker: the work each task does.

compare_pair never raises for a bad filing: its row says what went wrong in `error`, and
the batch goes on. scan_filing is the folder scan's task, in the same way.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path

from core.batch.filing_id import filing_cik, padded_cik
from core.batch.jobs import PairJob, ScannedFiling
from core.batch.measures import section_measures
from core.compare import compare_files
from core.diff.pair import forget_pair_diffs
from core.diff.words import count_words
from core.errors import FactorDiffError
from core.model import Comparison, Status
from core.pipeline import read_meta
from core.report.labels import pair_factors
from core.report.to_json import comparison_to_json

# Float columns are rounded so that two runs (local and on a cluster) give equal rows.
_DIGITS = 6


@dataclass(frozen=True, slots=True)
class PairRow:
    """One output row. Counts are None on an error row; `error` is "" on success."""

    company: str
    cik: str
    form: str
    old_fiscal_year: int | None
    new_fiscal_year: int | None
    old_file: str
    new_file: str
    old_path: str
    new_path: str
    old_factors: int | None = None
    new_factors: int | None = None
    added: int | None = None
    removed: int | None = None
    modified: int | None = None
    moved: int | None = None
    split: int | None = None
    merged: int | None = None
    unchanged: int | None = None
    words_added: int | None = None
    words_removed: int | None = None
    words_moved: int | None = None
    changed_passages: int | None = None
    moved_passages: int | None = None
    moved_passage_words: int | None = None
    cosine: float | None = None
    jaccard: float | None = None
    min_edit: float | None = None
    simple: float | None = None
    added_headings: tuple[str, ...] = ()
    removed_headings: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.old_path, self.new_path)


COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(PairRow))


@dataclass(frozen=True, slots=True)
class PairResult:
    """A finished task: its row and, when asked for, the full JSON comparison."""

    row: PairRow
    json_text: str = ""


def compare_pair(
    job: PairJob, *, with_json: bool = False, shipped: tuple[bytes, bytes] | None = None
) -> PairResult:
    """Compare `job`'s two filings into a row. `shipped` holds the two files' bytes when the
    worker cannot read the paths (a cluster without a shared file system)."""
    started = time.perf_counter()
    if job.error:
        return PairResult(_error_row(job, job.error, started))
    try:
        if shipped is None:
            comparison = compare_files(job.old_path, job.new_path)
            cik = _cik(comparison) or filing_cik(job.new_path) or filing_cik(job.old_path)
        else:
            comparison, cik = _compare_shipped(job, shipped)
        row = _row(job, comparison, cik or job.cik, started)
        text = json.dumps(comparison_to_json(comparison), ensure_ascii=False) if with_json else ""
    except FactorDiffError as error:
        return PairResult(_error_row(job, str(error), started))
    except OSError as error:
        return PairResult(_error_row(job, f"cannot read: {error}", started))
    except Exception as error:  # a bug, or a filing that trips one: still one row
        message = f"unexpected failure ({type(error).__name__}: {error})"
        return PairResult(_error_row(job, message, started))
    finally:
        # A worker compares one pair after another and never the same one again: the pair
        # diffs core.diff.pair remembers for a window would only grow its memory.
        forget_pair_diffs()
    return PairResult(row, text)


@dataclass(frozen=True, slots=True)
class ScanTask:
    """A filing of a folder to scan, with its bytes when they are shipped to the worker."""

    path: str
    shipped: bytes | None = None


def run_scan_task(task: ScanTask) -> ScannedFiling:
    if task.shipped is None:
        return scan_filing(task.path)
    with tempfile.TemporaryDirectory(prefix="factordiff-batch-") as folder:
        local = Path(folder) / Path(task.path).name
        local.write_bytes(task.shipped)
        found = scan_filing(str(local))
    return dataclasses.replace(
        found, path=task.path, error=found.error.replace(str(local), task.path)
    )


def scan_filing(path: str) -> ScannedFiling:
    """Company, form, fiscal year and CIK of one filing of a folder, or why it cannot be read."""
    try:
        meta = read_meta(path)
    except FactorDiffError as error:
        return ScannedFiling(path, "", "", None, error=str(error))
    except Exception as error:
        message = f"unexpected failure ({type(error).__name__}: {error})"
        return ScannedFiling(path, "", "", None, error=message)
    cik = padded_cik(meta.cik) or filing_cik(path)
    return ScannedFiling(path, meta.company, meta.form, meta.fiscal_year, cik)


def _compare_shipped(job: PairJob, shipped: tuple[bytes, bytes]) -> tuple[Comparison, str]:
    # Each file keeps its name: the name is the last source of a filing's company and year.
    with tempfile.TemporaryDirectory(prefix="factordiff-batch-") as folder:
        paths = []
        for side, (path, data) in enumerate(zip(job.key, shipped, strict=True)):
            local = Path(folder) / str(side) / Path(path).name
            local.parent.mkdir()
            local.write_bytes(data)
            paths.append(str(local))
        comparison = compare_files(paths[0], paths[1])
        cik = _cik(comparison) or filing_cik(paths[1]) or filing_cik(paths[0])
    return comparison, cik


def _cik(comparison: Comparison) -> str:
    """The CIK the filings' own header gives (an EDGAR submission file), 10 digits, or ""."""
    return padded_cik(comparison.new.cik or comparison.old.cik)


def _row(job: PairJob, comparison: Comparison, cik: str, started: float) -> PairRow:
    old, new = comparison.old, comparison.new
    counts = comparison.summary.counts
    measures = section_measures(comparison)
    words_added = sum(pair.words_added for pair in comparison.pairs)
    words_removed = sum(pair.words_removed for pair in comparison.pairs)
    words_moved = 0
    added_headings: list[str] = []
    removed_headings: list[str] = []
    for pair in comparison.factor_pairs:
        old_factors, new_factors = pair_factors(comparison, pair)
        if pair.status is Status.MOVED:
            words_moved += sum(
                count_words(factor.heading + " " + factor.body) for factor in new_factors
            )
        elif pair.status is Status.ADDED:
            added_headings.extend(factor.heading for factor in new_factors)
        elif pair.status is Status.REMOVED:
            removed_headings.extend(factor.heading for factor in old_factors)
    return PairRow(
        company=new.company or old.company or job.company,
        cik=cik,
        form=new.form or old.form or job.form,
        old_fiscal_year=old.fiscal_year,
        new_fiscal_year=new.fiscal_year,
        old_file=Path(job.old_path).name,
        new_file=Path(job.new_path).name,
        old_path=job.old_path,
        new_path=job.new_path,
        old_factors=len(old.factors),
        new_factors=len(new.factors),
        added=counts.get(Status.ADDED, 0),
        removed=counts.get(Status.REMOVED, 0),
        modified=counts.get(Status.MODIFIED, 0),
        moved=counts.get(Status.MOVED, 0),
        split=counts.get(Status.SPLIT, 0),
        merged=counts.get(Status.MERGED, 0),
        unchanged=counts.get(Status.UNCHANGED, 0),
        words_added=words_added,
        words_removed=words_removed,
        words_moved=words_moved,
        changed_passages=sum(
            count
            for status, count in comparison.summary.passages.items()
            if status is not Status.UNCHANGED
        ),
        moved_passages=len(comparison.moved_passages),
        moved_passage_words=sum(passage.words for passage in comparison.moved_passages),
        cosine=round(measures.cosine, _DIGITS),
        jaccard=round(measures.jaccard, _DIGITS),
        min_edit=round(measures.min_edit, _DIGITS),
        simple=round(measures.simple, _DIGITS),
        added_headings=tuple(added_headings),
        removed_headings=tuple(removed_headings),
        seconds=round(time.perf_counter() - started, 3),
    )


def _error_row(job: PairJob, error: str, started: float) -> PairRow:
    return PairRow(
        company=job.company,
        cik=job.cik,
        form=job.form,
        old_fiscal_year=job.old_year,
        new_fiscal_year=job.new_year,
        old_file=Path(job.old_path).name,
        new_file=Path(job.new_path).name if job.new_path else "",
        old_path=job.old_path,
        new_path=job.new_path,
        seconds=round(time.perf_counter() - started, 3),
        error=error or "failed",
    )


def row_values(row: PairRow) -> dict[str, object]:
    """The row as column name -> value."""
    return {name: getattr(row, name) for name in COLUMNS}
