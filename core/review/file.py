"""The review file (`.factordiff`): a review as versioned JSON, saved atomically.

    {"format": "factordiff-review", "schema_version": 1, "saved": "2026-12-03T14:05:00Z",
     "old": {"path": ..., "size": ..., "sha256": ..., "company": ..., "form": ...,
             "fiscal_year": ...},
     "new": {...}, "options": {"ignore_case": false, ...},
     "corrections": [{"kind": "link", "old": [{"start": 1234, "heading": "..."}], "new": [...]}],
     "marks": [{"pair": {"old": [...], "new": [...]}, "state": "flagged", "note": "...",
                "reviewer": "...", "when": "..."}]}

Loading checks everything it reads: a file that is not a review, is cut off, or comes from a
newer FactorDiff raises ReviewFileError with a message a person can act on.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from core.diff.options import DiffOptions
from core.errors import FactorDiffError
from core.model import Filing
from core.output import write_atomically
from core.review.model import (
    Anchor,
    CategoryHeading,
    Correction,
    FilingRecord,
    Link,
    Mark,
    NewFactorAt,
    NotAHeading,
    NotMoved,
    PairKey,
    Review,
    ReviewState,
    Side,
    Unlink,
)

FORMAT = "factordiff-review"
SCHEMA_VERSION = 1
SUFFIX = ".factordiff"
# A review holds notes on a few hundred pairs: far below this. A larger file is not one.
MAX_REVIEW_BYTES = 32 * 1024 * 1024
_HASH_CHUNK = 1 << 20


class ReviewFileError(FactorDiffError):
    """A review file that cannot be read: not a review, damaged, or from a newer version."""


def filing_record(filing: Filing) -> FilingRecord:
    """What a review records of the file `filing` was read from (size and SHA-256 now)."""
    return FilingRecord(
        path=filing.path,
        size=os.path.getsize(filing.path),
        sha256=file_sha256(filing.path),
        company=filing.company,
        form=filing.form,
        fiscal_year=filing.fiscal_year,
    )


def file_sha256(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def save_review(
    path: str | os.PathLike[str], review: Review, *, extra: dict[str, Any] | None = None
) -> None:
    """Write `review` to `path` whole or not at all (the previous file stays on any error).
    `extra` adds top-level keys a reader of this version ignores (an autosave names the
    review file it is a copy of)."""
    write_atomically(path, review_text(review, extra=extra))


def review_text(review: Review, *, extra: dict[str, Any] | None = None) -> str:
    """The review file's content (see the module's docstring)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "old": _record_to_json(review.old),
        "new": _record_to_json(review.new),
        "options": {
            "ignore_case": review.options.ignore_case,
            "ignore_punctuation": review.options.ignore_punctuation,
            "ignore_numbers": review.options.ignore_numbers,
        },
        "corrections": [_correction_to_json(c) for c in review.corrections],
        "marks": [_mark_to_json(m) for m in review.marks],
    }
    document.update(extra or {})
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def load_review(path: str | os.PathLike[str]) -> Review:
    """Read a review file. Raises ReviewFileError when it is not one we can read."""
    name = Path(path).name
    try:
        if os.path.getsize(path) > MAX_REVIEW_BYTES:
            raise ReviewFileError(f"{name} is too large to be a FactorDiff review")
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReviewFileError(f"{name} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewFileError(f"{name} cannot be read ({error})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReviewFileError(
            f"{name} is damaged or incomplete (not valid JSON at line {error.lineno})"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ReviewFileError(f"{name} is not a FactorDiff review file")
    version = document.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise ReviewFileError(f"{name} has no valid schema version")
    if version > SCHEMA_VERSION:
        raise ReviewFileError(
            f"{name} was saved by a newer FactorDiff (review format {version}; this version "
            f"reads up to {SCHEMA_VERSION}): open it with a newer FactorDiff"
        )
    try:
        return _review_from_json(document)
    except (KeyError, TypeError, ValueError) as error:
        raise ReviewFileError(f"{name} is damaged ({type(error).__name__}: {error})") from None


# --- to JSON ---------------------------------------------------------------------------


def _record_to_json(record: FilingRecord) -> dict[str, Any]:
    return {
        "path": record.path,
        "size": record.size,
        "sha256": record.sha256,
        "company": record.company,
        "form": record.form,
        "fiscal_year": record.fiscal_year,
    }


def _anchor_to_json(anchor: Anchor) -> dict[str, Any]:
    return {"start": anchor.start, "heading": anchor.heading}


def _anchors_to_json(anchors: tuple[Anchor, ...]) -> list[dict[str, Any]]:
    return [_anchor_to_json(anchor) for anchor in anchors]


def _correction_to_json(correction: Correction) -> dict[str, Any]:
    if isinstance(correction, Link):
        return {
            "kind": "link",
            "old": _anchors_to_json(correction.old),
            "new": _anchors_to_json(correction.new),
        }
    if isinstance(correction, Unlink):
        return {
            "kind": "unlink",
            "old": _anchor_to_json(correction.old),
            "new": _anchor_to_json(correction.new),
        }
    if isinstance(correction, NotMoved):
        return {"kind": "not_moved", "old": _anchor_to_json(correction.old)}
    factor = {"side": correction.side.value, "factor": _anchor_to_json(correction.factor)}
    if isinstance(correction, NotAHeading):
        return {"kind": "not_a_heading", **factor}
    if isinstance(correction, NewFactorAt):
        return {
            "kind": "new_factor",
            **factor,
            "paragraph": correction.paragraph,
            "opening": correction.opening,
        }
    return {"kind": "category_heading", **factor}


def _mark_to_json(mark: Mark) -> dict[str, Any]:
    return {
        "pair": {"old": _anchors_to_json(mark.pair.old), "new": _anchors_to_json(mark.pair.new)},
        "state": mark.state.value,
        "note": mark.note,
        "reviewer": mark.reviewer,
        "when": mark.when,
    }


# --- from JSON -------------------------------------------------------------------------


def _review_from_json(document: dict[str, Any]) -> Review:
    options = document.get("options") or {}
    return Review(
        old=_record_from_json(document["old"]),
        new=_record_from_json(document["new"]),
        options=DiffOptions(
            ignore_case=_bool(options.get("ignore_case", False)),
            ignore_punctuation=_bool(options.get("ignore_punctuation", False)),
            ignore_numbers=_bool(options.get("ignore_numbers", False)),
        ),
        corrections=tuple(_correction_from_json(c) for c in _list(document["corrections"])),
        marks=tuple(_mark_from_json(m) for m in _list(document["marks"])),
    )


def _record_from_json(record: dict[str, Any]) -> FilingRecord:
    year = record.get("fiscal_year")
    return FilingRecord(
        path=_str(record["path"]),
        size=_int(record["size"]),
        sha256=_str(record["sha256"]),
        company=_str(record.get("company", "")),
        form=_str(record.get("form", "")),
        fiscal_year=None if year is None else _int(year),
    )


def _anchor_from_json(anchor: dict[str, Any]) -> Anchor:
    return Anchor(start=_int(anchor["start"]), heading=_str(anchor["heading"]))


def _anchors_from_json(anchors: Any) -> tuple[Anchor, ...]:
    return tuple(_anchor_from_json(anchor) for anchor in _list(anchors))


def _link(c: dict[str, Any]) -> Correction:
    return Link(old=_anchors_from_json(c["old"]), new=_anchors_from_json(c["new"]))


def _unlink(c: dict[str, Any]) -> Correction:
    return Unlink(old=_anchor_from_json(c["old"]), new=_anchor_from_json(c["new"]))


def _not_moved(c: dict[str, Any]) -> Correction:
    return NotMoved(old=_anchor_from_json(c["old"]))


def _not_a_heading(c: dict[str, Any]) -> Correction:
    return NotAHeading(side=Side(c["side"]), factor=_anchor_from_json(c["factor"]))


def _new_factor(c: dict[str, Any]) -> Correction:
    return NewFactorAt(
        side=Side(c["side"]),
        factor=_anchor_from_json(c["factor"]),
        paragraph=_int(c["paragraph"]),
        opening=_str(c["opening"]),
    )


def _category_heading(c: dict[str, Any]) -> Correction:
    return CategoryHeading(side=Side(c["side"]), factor=_anchor_from_json(c["factor"]))


_READERS: dict[str, Callable[[dict[str, Any]], Correction]] = {
    "link": _link,
    "unlink": _unlink,
    "not_moved": _not_moved,
    "not_a_heading": _not_a_heading,
    "new_factor": _new_factor,
    "category_heading": _category_heading,
}


def _correction_from_json(correction: Any) -> Correction:
    if not isinstance(correction, dict) or correction.get("kind") not in _READERS:
        raise ValueError(f"unknown correction {str(correction)[:60]!r}")
    return _READERS[correction["kind"]](correction)


def _mark_from_json(mark: dict[str, Any]) -> Mark:
    pair = mark["pair"]
    return Mark(
        pair=PairKey(old=_anchors_from_json(pair["old"]), new=_anchors_from_json(pair["new"])),
        state=ReviewState(mark["state"]),
        note=_str(mark.get("note", "")),
        reviewer=_str(mark.get("reviewer", "")),
        when=_str(mark.get("when", "")),
    )


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, found {type(value).__name__}")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, found {type(value).__name__}")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return value


class FilingCheck(StrEnum):
    """How a filing on disk compares with the one a review was made on."""

    SAME = "same"
    CHANGED = "changed"  # same place, other content: the review may not fit it
    MISSING = "missing"  # nothing at the recorded path: ask where it is


def check_filing(record: FilingRecord, path: str | os.PathLike[str] | None = None) -> FilingCheck:
    """Compare the file at `path` (the recorded path by default) with `record`."""
    where = record.path if path is None else path
    try:
        if os.path.getsize(where) != record.size:
            return FilingCheck.CHANGED
        return FilingCheck.SAME if file_sha256(where) == record.sha256 else FilingCheck.CHANGED
    except FileNotFoundError:
        return FilingCheck.MISSING
    except OSError:
        return FilingCheck.MISSING
