"""The headless JSON contract (see DESIGN.md, "Headless contract"): plain dicts ready for
json.dump, with the same keys for `compare` and `segment`."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from core.diff.sides import pair_texts
from core.model import Comparison, Factor, Filing, MovedPassage, Pair, Passage, Status
from core.report.labels import (
    NEW_SIDE,
    OLD_SIDE,
    changed_share,
    move_label,
    pair_passages,
    passage_label,
    printable,
)
from core.review.apply import Reviewed
from core.review.model import Mark
from core.review.progress import review_progress


def filing_to_json(filing: Filing) -> dict[str, Any]:
    """One side: path, company, form, fiscal year, the CIK when known, its factors in order,
    its `passages` (the text that is no factor: introduction, category texts, closing, each
    with `before`, the index of the factor it reads before) and its warnings (a truncated
    file, a guessed encoding), and `source` for a filing FactorDiff downloaded from EDGAR
    (company, cik, form, accession, url, filing_date, report_date). A path that is not valid
    UTF-8 is written with replacement characters."""
    side: dict[str, Any] = {
        "path": printable(filing.path),
        "company": printable(filing.company),
        "form": filing.form,
        "fiscal_year": filing.fiscal_year,
        "factors": [_factor_to_json(factor) for factor in filing.factors],
        "passages": [_passage_to_json(passage) for passage in filing.passages],
        "warnings": [printable(warning) for warning in filing.warnings],
    }
    if filing.cik:
        side["cik"] = filing.cik
    if filing.source is not None:
        side["source"] = asdict(filing.source)
    return side


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """Both sides, the factor pairs in display order, the passage pairs (introduction,
    category texts, closing: `passage_pairs`, each placed by `before_pair`, the index in
    `pairs` of the factor pair it reads before, null at the end), the summary counts (of the
    passage pairs apart, under `passages`) and similarities, the passages moved between
    pairs and the warnings of both sides (DESIGN.md: `warnings`, `moved_passages`)."""
    summary = comparison.summary
    passages = comparison.moved_passages
    places = _places(comparison)
    return {
        "warnings": [printable(warning) for warning in comparison.warnings],
        "old": filing_to_json(comparison.old),
        "new": filing_to_json(comparison.new),
        "pairs": [pair_to_json(comparison, pair) for pair in comparison.factor_pairs],
        "passage_pairs": [
            passage_pair_to_json(comparison, pair, before_pair=before)
            for pair, before in _passage_places(comparison)
        ],
        "summary": {
            **{status.value: summary.counts.get(status, 0) for status in Status},
            "similarity": {
                "cosine": round(summary.similarity.cosine, 4),
                "jaccard": round(summary.similarity.jaccard, 4),
                "simple": round(summary.similarity.simple, 4),
            },
            "moved_passages": len(passages),
            "words_moved": sum(passage.words for passage in passages),
            "passages": {status.value: count for status, count in summary.passages.items()},
        },
        "moved_passages": [moved_passage_to_json(comparison, p, places) for p in passages],
    }


def _places(comparison: Comparison) -> list[tuple[str, int]]:
    """Where each of `comparison.pairs` is in the JSON: ("pairs", index) for a factor pair,
    ("passage_pairs", index) for a passage pair."""
    places: list[tuple[str, int]] = []
    counts = {"pairs": 0, "passage_pairs": 0}
    for pair in comparison.pairs:
        key = "passage_pairs" if pair.passage else "pairs"
        places.append((key, counts[key]))
        counts[key] += 1
    return places


def _passage_places(comparison: Comparison) -> list[tuple[Pair, int | None]]:
    """Each passage pair with the index among the factor pairs of the one it reads before."""
    places: list[tuple[Pair, int | None]] = []
    factor_count = 0
    waiting: list[Pair] = []
    for pair in comparison.pairs:
        if pair.passage:
            waiting.append(pair)
            continue
        places += [(passage_pair, factor_count) for passage_pair in waiting]
        waiting = []
        factor_count += 1
    return places + [(passage_pair, None) for passage_pair in waiting]


def passage_pair_to_json(
    comparison: Comparison, pair: Pair, *, before_pair: int | None
) -> dict[str, Any]:
    """A passage pair: its kind, label and category, the indexes into each side's
    `passages` (null on the side without it), status and word counts."""
    old, new = pair_passages(comparison, pair)
    passage = (new or old)[0]
    return {
        "kind": passage.kind.value,
        "label": passage_label(passage),
        "category": list(passage.category),
        "old": pair.old,
        "new": pair.new,
        "status": pair.status.value,
        "similarity": round(pair.similarity, 4),
        "words_added": pair.words_added,
        "words_removed": pair.words_removed,
        "changed_share": round(changed_share(comparison, pair), 4),
        "words_moved_in": pair.words_moved_in,
        "words_moved_out": pair.words_moved_out,
        "before_pair": before_pair,
    }


def moved_passage_to_json(
    comparison: Comparison, passage: MovedPassage, places: list[tuple[str, int]]
) -> dict[str, Any]:
    """Where a passage left and where it went: the pair (an index into `pairs`, or into
    `passage_pairs` under `passage_pair` when it left or joined the introduction, a
    category's text or the closing), its factor indexes on that side, the offsets into that
    side's text (its factors' headings and paragraphs joined by blank lines) and the text;
    its word count in its old place and the similarity of the two places (1.0: moved as it
    was)."""
    left, went = comparison.pairs[passage.from_pair], comparison.pairs[passage.to_pair]
    old_text, _ = pair_texts(comparison, left)
    _, new_text = pair_texts(comparison, went)
    return {
        "from": {
            **_pair_place(places[passage.from_pair]),
            "old": None if left.passage else _side(left.old),
            "start": passage.from_start,
            "end": passage.from_end,
            "text": old_text[passage.from_start : passage.from_end],
        },
        "to": {
            **_pair_place(places[passage.to_pair]),
            "new": None if went.passage else _side(went.new),
            "start": passage.to_start,
            "end": passage.to_end,
            "text": new_text[passage.to_start : passage.to_end],
        },
        "words": passage.words,
        "similarity": round(passage.similarity, 4),
    }


def _pair_place(place: tuple[str, int]) -> dict[str, int | None]:
    key, index = place
    if key == "pairs":
        return {"pair": index}
    return {"pair": None, "passage_pair": index}


def pair_to_json(comparison: Comparison, pair: Pair) -> dict[str, Any]:
    """Indexes are ints, lists of ints on the many side of a split/merge, or None.

    Added to the first contract: `changed_share` (the share of the pair's words its diff
    added or removed, core.report.labels.changed_share) on every pair, and on a moved pair
    `moved_from` / `moved_to`, the captions the window and the reports show ("Moved from
    Legal and Regulatory Risks (old #18)", "Moved to Operational Risks (new #5)").
    `words_added` / `words_removed` leave out the words of passages moved in from another
    pair / out to another pair, which `words_moved_in` / `words_moved_out` count."""
    row: dict[str, Any] = {
        "old": _side(pair.old),
        "new": _side(pair.new),
        "status": pair.status.value,
        "similarity": round(pair.similarity, 4),
        "heading_similarity": round(pair.heading_similarity, 4),
        "words_added": pair.words_added,
        "words_removed": pair.words_removed,
        "changed_share": round(changed_share(comparison, pair), 4),
        "words_moved_in": pair.words_moved_in,
        "words_moved_out": pair.words_moved_out,
    }
    if pair.status is Status.MOVED:
        row["moved_from"] = move_label(comparison, pair, NEW_SIDE)
        row["moved_to"] = move_label(comparison, pair, OLD_SIDE)
    return row


def _factor_to_json(factor: Factor) -> dict[str, Any]:
    return {
        "heading": factor.heading,
        "category": list(factor.category),
        "body": factor.body,
        "start": factor.start,
        "end": factor.end,
    }


def _passage_to_json(passage: Passage) -> dict[str, Any]:
    return {
        "kind": passage.kind.value,
        "label": passage_label(passage),
        "category": list(passage.category),
        "body": passage.text,
        "before": passage.before,
        "start": passage.start,
        "end": passage.end,
    }


def _side(side: int | tuple[int, ...] | None) -> int | list[int] | None:
    return list(side) if isinstance(side, tuple) else side


def reviewed_to_json(reviewed: Reviewed) -> dict[str, Any]:
    """`comparison_to_json` of a reviewed comparison, plus the review: each pair's state,
    note, reviewer and time and whether a reviewer set its pairing; the progress; notes whose
    factors are gone (orphans, with their text) and corrections that no longer apply."""
    comparison = reviewed.comparison
    document = comparison_to_json(comparison)
    entries = iter(document["pairs"])
    passage_entries = iter(document["passage_pairs"])
    for pair, mark in zip(comparison.pairs, reviewed.marks, strict=True):
        entry = next(passage_entries) if pair.passage else next(entries)
        entry["corrected"] = pair.corrected
        entry["review"] = mark_to_json(mark)
    progress = review_progress(comparison, reviewed.marks)
    document["review"] = {
        "changes": progress.changes,
        "reviewed": progress.reviewed,
        "flagged": progress.flagged,
        "progress": progress.describe(),
        "orphans": [
            {
                "old_headings": [anchor.heading for anchor in mark.pair.old],
                "new_headings": [anchor.heading for anchor in mark.pair.new],
                **mark_to_json(mark),
            }
            for mark in reviewed.orphans
        ],
        "unapplied": [
            {"correction": type(correction).__name__, "reason": reason}
            for correction, reason in reviewed.unapplied
        ],
    }
    return document


def mark_to_json(mark: Mark) -> dict[str, Any]:
    """A pair's review state, note, reviewer and time (ISO 8601, UTC; "" when never set)."""
    return {
        "state": mark.state.value,
        "note": mark.note,
        "reviewer": mark.reviewer,
        "when": mark.when,
    }


def json_text(value: object) -> str:
    """A JSON document as FactorDiff writes it: UTF-8 text kept readable (not escaped to
    ASCII), one space of indent, a final line end.

    >>> print(json_text({"heading": "Risks of the yen ¥"}), end="")
    {
     "heading": "Risks of the yen ¥"
    }
    """
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"
