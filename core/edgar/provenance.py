"""Where a downloaded filing came from, kept in a small JSON file beside it.

A filing saved from EDGAR (in the cache, or by `fetch --out`) gets `NAME.edgar.json` next to
`NAME`, holding its `core.model.Source`. Whoever opens the file later, from the recent-files
menu or the command line, finds the source again without any network.

>>> sidecar_path(Path("filings/tesla_10-K_2023.html")).name
'tesla_10-K_2023.html.edgar.json'
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields
from pathlib import Path

from core.model import Source
from core.output import write_atomically

SIDECAR_SUFFIX = ".edgar.json"
# A sidecar is a few hundred bytes; anything much larger is not one of ours.
_SIDECAR_MAX_BYTES = 64 * 1024


def sidecar_path(document: Path) -> Path:
    """The file beside `document` that holds its source."""
    return document.with_name(document.name + SIDECAR_SUFFIX)


def write_source(document: Path, source: Source) -> None:
    """Remember that `document` came from `source`."""
    text = json.dumps(asdict(source), indent=1, ensure_ascii=False) + "\n"
    write_atomically(sidecar_path(document), text.encode("utf-8"))


def read_source(document: str | os.PathLike[str]) -> Source | None:
    """The source remembered beside `document`, or None when there is none or it is unreadable
    (a hand-edited or foreign file is ignored, never trusted to be well formed)."""
    path = sidecar_path(Path(document))
    try:
        if path.stat().st_size > _SIDECAR_MAX_BYTES:
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    values: dict[str, object] = {}
    for field in fields(Source):
        value = raw.get(field.name, "")
        expected = int if field.name == "cik" else str
        if not isinstance(value, expected) or isinstance(value, bool):
            return None
        values[field.name] = value
    return Source(**values)  # type: ignore[arg-type]  # each field checked above
