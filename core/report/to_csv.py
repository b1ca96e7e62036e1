"""One CSV row per pair, in display order, for a spreadsheet: the factor pairs and the pairs of
text that is no factor (introduction, category texts, closing; `kind` tells them apart).

Filing text is untrusted: a heading such as `=HYPERLINK("http://…")` would run as a formula
when the file is opened in a spreadsheet. Every text cell that starts like a formula is
written with a leading single quote, the common neutralisation (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from core.model import Comparison, MovedPassage, Pair
from core.report.labels import pair_factors, pair_passages, passage_label
from core.review.apply import Reviewed
from core.review.model import Mark

COLUMNS = (
    "status",
    "old_index",
    "new_index",
    "old_heading",
    "new_heading",
    "old_category",
    "new_category",
    "similarity",
    "heading_similarity",
    "words_added",
    "words_removed",
    "words_moved_in",
    "words_moved_out",
    # The review (empty without one): whether a reviewer set the pairing, the pair's state,
    # note, who marked it and when (ISO 8601, UTC).
    "corrected",
    "review_state",
    "note",
    "reviewer",
    "review_time",
    # What the row is: "factor"; a passage's kind, "introduction", "category" (a category's
    # text before its first factor) or "closing"; "moved_passage"; "warning".
    "kind",
)


# What makes a spreadsheet read a cell as a formula: =, +, -, @ first, or a tab or carriage
# return before them (some spreadsheets skip leading whitespace).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str | int | float) -> str | int | float:
    """A text cell a spreadsheet shows as text, never runs; numbers are left as they are.

    >>> print(spreadsheet_safe('=HYPERLINK("http://x", "click")'), spreadsheet_safe(-0.5))
    '=HYPERLINK("http://x", "click") -0.5
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def comparison_to_csv(comparison: Comparison) -> str:
    """The pairs as CSV text with a header row. Several indexes (split/merge) are joined by
    ";", several headings by " | ", category levels by " > ". A pair of passages (the
    introduction, a category's text, the closing) has its label for headings and no index.
    Each warning of the filings (a truncated file, a guessed encoding) follows as a row of
    status "warning" with its text in the old_heading column. Each passage moved between
    pairs follows as a row of status "moved_passage": the factors it left and went to, its
    similarity and its words (in words_moved_out and words_moved_in)."""
    return _table(comparison, [None] * len(comparison.pairs))


def reviewed_to_csv(reviewed: Reviewed) -> str:
    """`comparison_to_csv` of a reviewed comparison, its review columns filled in (a note is
    the reviewer's text: neutralised like any other cell that starts like a formula)."""
    return _table(reviewed.comparison, reviewed.marks)


def _table(comparison: Comparison, marks: Sequence[Mark | None]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for pair, mark in zip(comparison.pairs, marks, strict=True):
        row = [*_row(comparison, pair), *_review_cells(pair, mark), _kind(comparison, pair)]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    for passage in comparison.moved_passages:
        row = _padded(_moved_row(comparison, passage), "moved_passage")
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    for warning in comparison.warnings:
        row = _padded(["warning", "", "", warning], "warning")
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def _padded(cells: list[str | int | float], kind: str) -> list[str | int | float]:
    """A row that is not a pair's, its cells after the given ones empty, then its kind."""
    return [*cells, *[""] * (len(COLUMNS) - 1 - len(cells)), kind]


def _kind(comparison: Comparison, pair: Pair) -> str:
    if not pair.passage:
        return "factor"
    old, new = pair_passages(comparison, pair)
    return (new or old)[0].kind.value


def _side(comparison: Comparison, pair: Pair, side: int) -> tuple[str, str, str]:
    """One side of a pair: its indexes, headings and categories ('' for a passage's index,
    its label for a heading)."""
    if pair.passage:
        passages = pair_passages(comparison, pair)[side]
        labels = " | ".join(passage_label(p) for p in passages)
        return "", labels, " | ".join(" > ".join(p.category) for p in passages)
    factors = pair_factors(comparison, pair)[side]
    indexes = pair.old_indexes if side == 0 else pair.new_indexes
    return (
        ";".join(str(i) for i in indexes),
        " | ".join(f.heading for f in factors),
        " | ".join(" > ".join(f.category) for f in factors),
    )


def _row(comparison: Comparison, pair: Pair) -> list[str | int | float]:
    old, new = _side(comparison, pair, 0), _side(comparison, pair, 1)
    return [
        pair.status.value,
        old[0],
        new[0],
        old[1],
        new[1],
        old[2],
        new[2],
        round(pair.similarity, 4),
        round(pair.heading_similarity, 4),
        pair.words_added,
        pair.words_removed,
        pair.words_moved_in,
        pair.words_moved_out,
    ]


def _moved_row(comparison: Comparison, passage: MovedPassage) -> list[str | int | float]:
    old = _side(comparison, comparison.pairs[passage.from_pair], 0)
    new = _side(comparison, comparison.pairs[passage.to_pair], 1)
    return [
        "moved_passage",
        old[0],
        new[0],
        old[1],
        new[1],
        old[2],
        new[2],
        round(passage.similarity, 4),
        "",
        "",
        "",
        passage.words,
        passage.words,
    ]


def _review_cells(pair: Pair, mark: Mark | None) -> list[str | int | float]:
    corrected = "yes" if pair.corrected else "no"
    if mark is None:
        return [corrected, "", "", "", ""]
    return [corrected, mark.state.value, mark.note, mark.reviewer, mark.when]
