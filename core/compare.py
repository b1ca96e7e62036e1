"""Compare two filing files end to end: load both, align them, diff every pair.

>>> comparison = compare_files("old-20f.txt", "new-20f.txt")  # doctest: +SKIP
>>> comparison.summary.counts[Status.ADDED]  # doctest: +SKIP
2
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from core.align.pairing import DEFAULT_THRESHOLD, align
from core.model import Comparison, Filing, Progress
from core.pipeline import load_filing
from core.progress import report, share_of
from core.read.document import open_document
from core.review.apply import Reviewed, unreviewed

# Share of the progress bar each stage takes: loading (read, section, segment) is most of
# the time on a large iXBRL filing; aligning and diffing the pairs is the rest. A fine scale
# lets the bar move smoothly while a large file is read.
_LOAD_SHARE = 400
_ALIGN_SHARE = 200
_TOTAL = 2 * _LOAD_SHARE + _ALIGN_SHARE
# The new filing is opened while the old one loads only when the two files together are no
# larger than this: a parsed tree takes about ten times its file's size in memory (a 55 MB
# filing: 530 MB at the peak of its read), and two would then be held at once. The largest
# annual reports on EDGAR are 10-15 MB.
_AHEAD_MAX_BYTES = 40 * 1024 * 1024


def compare_files(
    old_path: str,
    new_path: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> Comparison:
    """Load, segment and align two filings.

    Raises core.errors.FactorDiffError subclasses for unreadable files or missing
    sections, and core.errors.Cancelled when `progress` cancels.
    """
    old, new = _load_both(old_path, new_path, progress)
    comparison = align(old, new, threshold=threshold, progress=_aligning(progress))
    report(progress, _TOTAL, _TOTAL)
    return comparison


def review_files(
    old_path: str,
    new_path: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> Reviewed:
    """`compare_files` for a window that reviews the comparison: the same alignment, with
    the scores and pair diffs it made kept for the reviewer's first correction
    (core.review.apply.unreviewed). Headless runs keep none of it (`compare_files`)."""
    old, new = _load_both(old_path, new_path, progress)
    reviewed = unreviewed(old, new, threshold=threshold, progress=_aligning(progress))
    report(progress, _TOTAL, _TOTAL)
    return reviewed


def _load_both(old_path: str, new_path: str, progress: Progress | None) -> tuple[Filing, Filing]:
    """Both filings, the new one opened (read, decoded, parsed) on a second thread while the
    old one loads: the HTML parser works without the interpreter lock (core.read.html), so
    the new filing is parsed while the old one is read. The rest of the new one's load comes
    after the old one's: two threads reading at once only take the interpreter from each
    other (a pair of NVIDIA 10-Ks loaded so took as long as one after the other). An error
    of the old file comes first, as when they were loaded one after the other."""
    report(progress, 0, _TOTAL)
    if _size(old_path) + _size(new_path) > _AHEAD_MAX_BYTES:
        # Two parsed trees at once would hold too much memory: one after the other.
        old = load_filing(old_path, progress=share_of(progress, 0, _LOAD_SHARE, total=_TOTAL))
        opened = None
    else:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="factordiff-open") as pool:
            opening = pool.submit(open_document, new_path)
            old = load_filing(old_path, progress=share_of(progress, 0, _LOAD_SHARE, total=_TOTAL))
            opened = opening.result()
    new = load_filing(
        new_path,
        progress=share_of(progress, _LOAD_SHARE, 2 * _LOAD_SHARE, total=_TOTAL),
        opened=opened,
    )
    return old, new


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # load_filing says what is wrong with it


def _aligning(progress: Progress | None) -> Progress | None:
    return share_of(progress, 2 * _LOAD_SHARE, _TOTAL, total=_TOTAL)


def older_first(comparison: Comparison, *, progress: Progress | None = None) -> Comparison:
    """The comparison with the earlier fiscal year on the old side (re-aligned if swapped,
    reporting to `progress`, which may cancel)."""
    if not _newer_first(comparison):
        return comparison
    return align(comparison.new, comparison.old, progress=progress)


def older_first_reviewed(reviewed: Reviewed, *, progress: Progress | None = None) -> Reviewed:
    """`older_first` for `review_files`'s comparison (its scores kept, see there)."""
    comparison = reviewed.comparison
    if not _newer_first(comparison):
        return reviewed
    return unreviewed(comparison.new, comparison.old, progress=progress)


def _newer_first(comparison: Comparison) -> bool:
    old_year, new_year = comparison.old.fiscal_year, comparison.new.fiscal_year
    return old_year is not None and new_year is not None and old_year > new_year
