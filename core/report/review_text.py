"""A review in words: what `factordiff review FILE` prints and the printout's review lines.

The lines name pairs by their headings and numbers as the rest of FactorDiff does
(core.report.labels) and never shorten a note: a note is the reviewer's word.
"""

from __future__ import annotations

from core.model import Comparison, Pair
from core.report.labels import factor_numbers, listed_headings, status_word
from core.review.apply import Reviewed
from core.review.model import Mark, Review, ReviewState
from core.review.progress import review_progress


def mark_line(mark: Mark) -> str:
    """'Flagged by ann on 2026-12-03 14:05 UTC: ask the CFO' (the note alone when unset)."""
    who = f" by {mark.reviewer}" if mark.reviewer else ""
    when = f" on {_minutes(mark.when)} UTC" if mark.when else ""
    head = f"{mark.state.value.capitalize()}{who}{when}"
    return f"{head}: {mark.note}" if mark.note else head


def _minutes(when: str) -> str:
    """'2026-12-03T14:05:00Z' as '2026-12-03 14:05' (any other text as it is)."""
    date, _, time = when.removesuffix("Z").partition("T")
    return f"{date} {time[:5]}" if time else date


def pair_title(comparison: Comparison, pair: Pair) -> str:
    """'Modified old #4 → new #5 Our supply may fail' (with 'set by reviewer' when corrected)."""
    sides = []
    if pair.old_indexes:
        sides.append(f"old {factor_numbers(pair.old_indexes)}")
    if pair.new_indexes:
        sides.append(f"new {factor_numbers(pair.new_indexes)}")
    corrected = " (pairing set by reviewer)" if pair.corrected else ""
    heading = listed_headings(comparison, pair)
    return f"{status_word(pair.status)} {' → '.join(sides)}{corrected}: {heading}"


def review_lines(reviewed: Reviewed) -> list[str]:
    """The progress, then every flagged pair and every other note, orphans and corrections
    that no longer apply."""
    comparison = reviewed.comparison
    lines = [review_progress(comparison.pairs, reviewed.marks).describe()]
    flagged = [
        (pair, mark)
        for pair, mark in zip(comparison.pairs, reviewed.marks, strict=True)
        if mark.state is ReviewState.FLAGGED
    ]
    noted = [
        (pair, mark)
        for pair, mark in zip(comparison.pairs, reviewed.marks, strict=True)
        if mark.note and mark.state is not ReviewState.FLAGGED
    ]
    corrected = sum(pair.corrected for pair in comparison.pairs)
    if corrected:
        lines.append(f"{corrected} pairing{'s' if corrected != 1 else ''} set by the reviewer")
    for title, entries in (("Flagged", flagged), ("Notes", noted)):
        if entries:
            lines.append(f"{title}:")
            for pair, mark in entries:
                lines.append(f"  {pair_title(comparison, pair)}")
                lines.append(f"    {mark_line(mark)}")
    if reviewed.orphans:
        lines.append("Notes whose factors are no longer found:")
        for mark in reviewed.orphans:
            headings = " / ".join(a.heading for a in (*mark.pair.old, *mark.pair.new))
            lines.append(f"  {headings or '(no heading)'}")
            lines.append(f"    {mark_line(mark)}")
    if reviewed.unapplied:
        lines.append("Corrections that no longer apply:")
        lines.extend(f"  {type(c).__name__}: {reason}" for c, reason in reviewed.unapplied)
    return lines


def stored_review_lines(review: Review) -> list[str]:
    """What a review file holds when its filings cannot be opened: its marks by heading."""
    counts = {state: 0 for state in ReviewState}
    for mark in review.marks:
        counts[mark.state] += 1
    lines = [
        f"{len(review.marks)} marks ({counts[ReviewState.REVIEWED]} reviewed, "
        f"{counts[ReviewState.FLAGGED]} flagged), {len(review.corrections)} corrections"
    ]
    for mark in review.marks:
        if mark.state is ReviewState.UNREVIEWED and not mark.note:
            continue
        headings = " / ".join(a.heading for a in (*mark.pair.old, *mark.pair.new))
        lines.append(f"  {headings or '(no heading)'}")
        lines.append(f"    {mark_line(mark)}")
    return lines
