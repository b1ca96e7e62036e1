"""What a folder scan learned, kept beside the output so that a resumed run does not read
every filing again: one JSON line per filing, appended (and flushed) as each is scanned.

A filing is scanned again when its size or modification time has changed.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from core.batch.jobs import ScannedFiling

# Stored with each line: a filing whose size or modification time differs is read again.
_STAMP_FIELDS = ("size", "mtime_ns")


def scan_cache_path(out: str | os.PathLike[str]) -> Path:
    """Inside a .parquet dataset folder, or a hidden file beside a .csv output."""
    target = Path(out)
    if target.suffix.lower() == ".parquet":
        return target / ".filings.jsonl"
    return target.parent / f".{target.name}.filings.jsonl"


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


class ScanCache:
    """Scanned filings by path, read from and appended to the file at `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[str, tuple[tuple[int, int], ScannedFiling]] = {}
        if path.exists():
            self._read()
        self._stream: TextIO | None = None

    def _read(self) -> None:
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                values = json.loads(line)
                stamp = (int(values.pop("size")), int(values.pop("mtime_ns")))
                filing = ScannedFiling(**values)
            except (ValueError, TypeError, KeyError):  # a line cut off by a killed run
                continue
            self._known[filing.path] = (stamp, filing)

    def get(self, path: str) -> ScannedFiling | None:
        """What an earlier scan found in the filing at `path`, unless the file changed since."""
        known = self._known.get(path)
        if known is None or known[0] != _stamp(path):
            return None
        return known[1]

    def add(self, filing: ScannedFiling) -> None:
        stamp = _stamp(filing.path)
        if stamp is None or filing.error.startswith("the worker computing it stopped"):
            return  # nothing to recognise it by, or a failure worth trying again
        if self._stream is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self.path.open("a", encoding="utf-8")
        line = {**asdict(filing), **dict(zip(_STAMP_FIELDS, stamp, strict=True))}
        self._stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._stream.flush()
        self._known[filing.path] = (stamp, filing)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
