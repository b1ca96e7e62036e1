"""Compare two filing files end to end: load both, align them, diff every pair.

>>> comparison = compare_files("old-20f.txt", "new-20f.txt")  # doctest: +SKIP
>>> comparison.summary.counts[Status.ADDED]  # doctest: +SKIP
2
"""

from __future__ import annotations

from core.align import DEFAULT_THRESHOLD, align
from core.model import Comparison, Progress
from core.pipeline import load_filing

# Share of the progress bar each stage takes: loading (read, section, segment) is most of
# the time on a large iXBRL filing; aligning and diffing the pairs is the rest.
_LOAD_SHARE = 40
_ALIGN_SHARE = 20
_TOTAL = 2 * _LOAD_SHARE + _ALIGN_SHARE


def _stage(progress: Progress | None, offset: int, share: int) -> Progress | None:
    """A progress callback for one stage, mapped onto the whole comparison's 0.._TOTAL."""
    if progress is None:
        return None
    report = progress

    def stage_progress(done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        report(offset + round(share * min(1.0, fraction)), _TOTAL)

    return stage_progress


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
    if progress is not None:
        progress(0, _TOTAL)
    old = load_filing(old_path, progress=_stage(progress, 0, _LOAD_SHARE))
    new = load_filing(new_path, progress=_stage(progress, _LOAD_SHARE, _LOAD_SHARE))
    comparison = align(
        old, new, threshold=threshold, progress=_stage(progress, 2 * _LOAD_SHARE, _ALIGN_SHARE)
    )
    if progress is not None:
        progress(_TOTAL, _TOTAL)
    return comparison
