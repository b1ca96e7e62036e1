"""Comparisons prepared once per test run, for window tests where loading is not what is
tested: `prepared_compare` stands in for core.compare.compare_files in a ComparisonLoader,
so the window still goes through its loader, progress and result handling, but the same two
files are read and aligned only once."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from core.compare import compare_files
from core.model import Comparison, Progress


def prepared_compare(
    old: str | os.PathLike[str], new: str | os.PathLike[str], *, progress: Progress | None = None
) -> Comparison:
    """compare_files(old, new), remembered while neither file changes (size and time)."""
    comparison = _remembered(_version(old), _version(new))
    if progress is not None:
        progress(1, 1)
    return comparison


def _version(path: str | os.PathLike[str]) -> tuple[str, int, int]:
    """The file at `path` as it is now; a missing file fails here, as compare_files would."""
    try:
        status = Path(path).stat()
    except OSError:
        return str(path), -1, -1
    return str(path), status.st_size, status.st_mtime_ns


@functools.cache
def _remembered(old: tuple[str, int, int], new: tuple[str, int, int]) -> Comparison:
    return compare_files(old[0], new[0])
