"""From filing files to a Timeline: load them (in parallel), keep one company, chain the years.

>>> timeline = timeline_of_files(["fy2005.txt", "fy2008.txt", "fy2009.txt"])  # doctest: +SKIP
>>> timeline.fiscal_years  # doctest: +SKIP
(2005, 2008, 2009)
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from core.align.pairing import DEFAULT_THRESHOLD
from core.errors import FactorDiffError
from core.model import Progress
from core.progress import report, share_of
from core.timeline.build import build_timeline
from core.timeline.load import MIN_FILINGS, load_filings
from core.timeline.model import Timeline

# Share of the progress bar: reading and segmenting is most of the time on large filings.
_LOAD_SHARE = 700
_BUILD_SHARE = 300
_TOTAL = _LOAD_SHARE + _BUILD_SHARE


class TimelineError(FactorDiffError):
    """Too few of the files given make a timeline (each one's reason is in the message)."""


def timeline_of_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    parallel: bool | None = None,
    progress: Progress | None = None,
) -> Timeline:
    """Load the filings at `paths` and chain them into a Timeline; files of another company
    or form, unreadable ones and second filings of a year are in `Timeline.refused`.

    Raises TimelineError when fewer than two filings are left, FactorDiffError for a number
    of files out of range and core.errors.Cancelled when `progress` raises it.
    """
    report(progress, 0, _TOTAL)
    loaded = load_filings(
        paths, parallel=parallel, progress=share_of(progress, 0, _LOAD_SHARE, total=_TOTAL)
    )
    if len(loaded.filings) < MIN_FILINGS:
        reasons = " ".join(refusal.reason for refusal in loaded.refused)
        raise TimelineError(
            f"A timeline needs at least {MIN_FILINGS} filings of one company and form, "
            f"in different fiscal years; {len(loaded.filings)} left. {reasons}".strip()
        )
    timeline = build_timeline(
        loaded.filings,
        threshold=threshold,
        refused=loaded.refused,
        progress=share_of(progress, _LOAD_SHARE, _TOTAL, total=_TOTAL),
    )
    report(progress, _TOTAL, _TOTAL)
    return timeline
