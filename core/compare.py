"""Compare two filing files end to end: load both, align them, diff every pair.

>>> comparison = compare_files("old-20f.txt", "new-20f.txt")  # doctest: +SKIP
>>> comparison.summary.counts[Status.ADDED]  # doctest: +SKIP
2
"""

from __future__ import annotations

from core.align.pairing import DEFAULT_THRESHOLD, align
from core.model import Comparison, Progress
from core.pipeline import load_filing
from core.progress import report, share_of

# Share of the progress bar each stage takes: loading (read, section, segment) is most of
# the time on a large iXBRL filing; aligning and diffing the pairs is the rest. A fine scale
# lets the bar move smoothly while a large file is read.
_LOAD_SHARE = 400
_ALIGN_SHARE = 200
_TOTAL = 2 * _LOAD_SHARE + _ALIGN_SHARE


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
    report(progress, 0, _TOTAL)
    old = load_filing(old_path, progress=share_of(progress, 0, _LOAD_SHARE, total=_TOTAL))
    new = load_filing(
        new_path, progress=share_of(progress, _LOAD_SHARE, 2 * _LOAD_SHARE, total=_TOTAL)
    )
    comparison = align(
        old,
        new,
        threshold=threshold,
        progress=share_of(progress, 2 * _LOAD_SHARE, _TOTAL, total=_TOTAL),
    )
    report(progress, _TOTAL, _TOTAL)
    return comparison


def older_first(comparison: Comparison, *, progress: Progress | None = None) -> Comparison:
    """The comparison with the earlier fiscal year on the old side (re-aligned if swapped,
    reporting to `progress`, which may cancel)."""
    old_year, new_year = comparison.old.fiscal_year, comparison.new.fiscal_year
    if old_year is None or new_year is None or old_year <= new_year:
        return comparison
    return align(comparison.new, comparison.old, progress=progress)
