"""Progress of one part of a long job, mapped onto the whole job's scale.

>>> reports = []
>>> part = share_of(lambda done, total: reports.append((done, total)), 200, 300, total=1000)
>>> part(1, 4)
>>> part(4, 4)
>>> reports
[(225, 1000), (300, 1000)]
"""

from __future__ import annotations

from core.model import Progress


def share_of(progress: Progress | None, start: int, end: int, *, total: int) -> Progress | None:
    """A callback for a part of the job that reports its own (done, total) as the step
    start..end of `total`; None when there is no one to report to.

    Whatever the outer callback raises (core.errors.Cancelled) passes through."""
    if progress is None:
        return None
    report = progress
    share = end - start

    def part_progress(done: int, part_total: int) -> None:
        fraction = min(1.0, max(0.0, done / part_total)) if part_total > 0 else 1.0
        report(start + round(share * fraction), total)

    return part_progress


def report(progress: Progress | None, done: int, total: int) -> None:
    """Report (done, total) when someone listens."""
    if progress is not None:
        progress(done, total)
