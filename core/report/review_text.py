"""A review in words: what `factordiff review FILE` prints and the printout's review lines.

The lines name pairs by their headings and numbers as the rest of FactorDiff does
(core.report.labels) and never shorten a note: a note is the reviewer's word.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.model import Comparison, Pair
from core.report.labels import PASSAGE_NUMBERS, factor_numbers, listed_headings, status_word
from core.review.apply import Reviewed
from core.review.model import Mark, Review, ReviewState
from core.review.progress import review_progress

CORRECTED_WORDS = "pairing set by reviewer"


def mark_line(mark: Mark) -> str:
    """'Flagged by ann on 2026-12-03 14:05 UTC: ask the CFO' (the note alone when unset)."""
    who = f" by {mark.reviewer}" if mark.reviewer else ""
    when = f" on {_minutes(mark.when)} UTC" if mark.when else ""
    head = f"{mark.state.value.capitalize()}{who}{when}"
    return f"{head}: {mark.note}" if mark.note else head


def state_line(mark: Mark) -> str:
    """The mark without its note: 'Flagged by ann on 2026-12-03 14:05 UTC' ('' when the pair
    is unreviewed and nobody touched it)."""
    if mark.state is ReviewState.UNREVIEWED and not mark.reviewer:
        return ""
    return mark_line(Mark(mark.pair, mark.state, "", mark.reviewer, mark.when))


def review_signature(marks: Sequence[Mark]) -> str:
    """Who reviewed and when they last marked a pair.

    >>> from core.review.model import PairKey
    >>> key = PairKey((), ())
    >>> review_signature([Mark(key, ReviewState.REVIEWED, "", "bob", "2026-12-03T14:06:00Z"),
    ...                   Mark(key, ReviewState.FLAGGED, "", "ann", "2026-12-04T09:00:00Z")])
    'Reviewed by ann and bob, last on 2026-12-04 09:00 UTC'
    >>> review_signature([Mark(key)])
    'Not reviewed yet'
    """
    names = sorted({mark.reviewer for mark in marks if mark.reviewer})
    times = [mark.when for mark in marks if mark.when]
    if not names and not times:
        return "Not reviewed yet"
    who = " and ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else "someone"
    when = f", last on {_minutes(max(times))} UTC" if times else ""
    return f"Reviewed by {who}{when}"


def flagged_pairs(reviewed: Reviewed) -> list[tuple[int, Pair, Mark]]:
    """(index, pair, mark) of every flagged pair, in display order."""
    return [
        (index, pair, mark)
        for index, (pair, mark) in enumerate(
            zip(reviewed.comparison.pairs, reviewed.marks, strict=True)
        )
        if mark.state is ReviewState.FLAGGED
    ]


def _indented(text: str, indent: str = "    ") -> str:
    """A mark's line under its pair: every line of a note indented alike."""
    return indent + text.replace("\n", "\n" + indent)


def _minutes(when: str) -> str:
    """'2026-12-03T14:05:00Z' as '2026-12-03 14:05' (any other text as it is)."""
    date, _, time = when.removesuffix("Z").partition("T")
    return f"{date} {time[:5]}" if time else date


def pair_title(comparison: Comparison, pair: Pair) -> str:
    """'Modified old #4 → new #5 Our supply may fail' (with 'set by reviewer' when corrected);
    'Modified section text: Introduction' for a passage pair."""
    if pair.passage:
        return f"{status_word(pair.status)} {PASSAGE_NUMBERS}: {listed_headings(comparison, pair)}"
    sides = []
    if pair.old_indexes:
        sides.append(f"old {factor_numbers(pair.old_indexes)}")
    if pair.new_indexes:
        sides.append(f"new {factor_numbers(pair.new_indexes)}")
    corrected = f" ({CORRECTED_WORDS})" if pair.corrected else ""
    heading = listed_headings(comparison, pair)
    return f"{status_word(pair.status)} {' → '.join(sides)}{corrected}: {heading}"


def review_lines(reviewed: Reviewed) -> list[str]:
    """The progress, then every flagged pair and every other note, orphans and corrections
    that no longer apply."""
    comparison = reviewed.comparison
    lines = [review_progress(comparison, reviewed.marks).describe()]
    flagged = [(pair, mark) for _index, pair, mark in flagged_pairs(reviewed)]
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
                lines.append(_indented(mark_line(mark)))
    if reviewed.orphans:
        lines.append("Notes whose factors are no longer found:")
        for mark in reviewed.orphans:
            headings = " / ".join(a.heading for a in (*mark.pair.old, *mark.pair.new))
            lines.append(f"  {headings or '(no heading)'}")
            lines.append(_indented(mark_line(mark)))
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
        lines.append(_indented(mark_line(mark)))
    return lines
