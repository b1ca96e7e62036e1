"""One CSV row per pair, in display order, for a spreadsheet.

Filing text is untrusted: a heading such as `=HYPERLINK("http://…")` would run as a formula
when the file is opened in a spreadsheet. Every text cell that starts like a formula is
written with a leading single quote, the common neutralisation (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import io

from core.model import Comparison, MovedPassage, Pair
from core.report.labels import pair_factors

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
    ";", several headings by " | ", category levels by " > ". Each warning of the filings
    (a truncated file, a guessed encoding) follows as a row of status "warning" with its
    text in the old_heading column. Each passage moved between pairs follows as a row of
    status "moved_passage": the factors it left and went to, its similarity and its words
    (in words_moved_out and words_moved_in)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for pair in comparison.pairs:
        writer.writerow([spreadsheet_safe(cell) for cell in _row(comparison, pair)])
    for passage in comparison.moved_passages:
        writer.writerow([spreadsheet_safe(cell) for cell in _passage_row(comparison, passage)])
    for warning in comparison.warnings:
        row = ["warning", "", "", warning] + [""] * (len(COLUMNS) - 4)
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def _row(comparison: Comparison, pair: Pair) -> list[str | int | float]:
    old, new = pair_factors(comparison, pair)
    return [
        pair.status.value,
        ";".join(str(i) for i in pair.old_indexes),
        ";".join(str(j) for j in pair.new_indexes),
        " | ".join(f.heading for f in old),
        " | ".join(f.heading for f in new),
        " | ".join(" > ".join(f.category) for f in old),
        " | ".join(" > ".join(f.category) for f in new),
        round(pair.similarity, 4),
        round(pair.heading_similarity, 4),
        pair.words_added,
        pair.words_removed,
        pair.words_moved_in,
        pair.words_moved_out,
    ]


def _passage_row(comparison: Comparison, passage: MovedPassage) -> list[str | int | float]:
    left, went = comparison.pairs[passage.from_pair], comparison.pairs[passage.to_pair]
    old, _ = pair_factors(comparison, left)
    _, new = pair_factors(comparison, went)
    return [
        "moved_passage",
        ";".join(str(i) for i in left.old_indexes),
        ";".join(str(j) for j in went.new_indexes),
        " | ".join(f.heading for f in old),
        " | ".join(f.heading for f in new),
        " | ".join(" > ".join(f.category) for f in old),
        " | ".join(" > ".join(f.category) for f in new),
        round(passage.similarity, 4),
        "",
        "",
        "",
        passage.words,
        passage.words,
    ]
