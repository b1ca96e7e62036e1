"""The timeline as CSV: one row per lineage and fiscal year, for a spreadsheet.

Filing text is untrusted: a cell a spreadsheet would run as a formula is written with a
leading apostrophe (core.report.to_csv.spreadsheet_safe).
"""

from __future__ import annotations

import csv
import io

from core.report.to_csv import spreadsheet_safe
from core.timeline.model import Timeline

COLUMNS = (
    "lineage",
    "category",
    "fiscal_year",
    "factor_index",
    "heading",
    "status",
    "changed_share",
    "restored_from",
    "first_year",
    "last_year",
)


def timeline_to_csv(timeline: Timeline) -> str:
    """Header row, then each lineage's years in order. Several factor indexes (a split risk)
    are joined by ";", several headings by " | ", category levels by " > "; an absent year
    has no index or heading."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for lineage in timeline.lineages:
        for cell, headings in zip(lineage.cells, lineage.headings, strict=True):
            writer.writerow(
                [
                    lineage.key,
                    spreadsheet_safe(" > ".join(lineage.category)),
                    cell.fiscal_year,
                    ";".join(str(i) for i in cell.factors),
                    spreadsheet_safe(" | ".join(headings)),
                    cell.status.value if cell.status is not None else "",
                    round(cell.changed_share, 4),
                    cell.restored_from if cell.restored_from is not None else "",
                    lineage.first_year,
                    lineage.last_year,
                ]
            )
    return buffer.getvalue()
