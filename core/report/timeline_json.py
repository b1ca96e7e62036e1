"""The timeline's JSON (`python main.py timeline F1 F2 … --json OUT`): plain dicts for
json.dump.

    {"company": "IIJ", "form": "20-F",
     "years": [{"fiscal_year": 2005, "path": "...", "factors": 15, "added": 0, "removed": 0,
                "similarity": null}, ...],
     "lineages": [{"id": "2005-4", "category": [], "first_year": 2005, "last_year": 2012,
                   "gaps": [], "changed": true,
                   "years": [{"fiscal_year": 2005, "factor": 3, "heading": "...",
                              "status": null, "changed_share": 0.0, "restored_from": null},
                             ...]}, ...],
     "disagreements": [{"old_year": 2005, "new_year": 2012, "old": 3, "chained": [7],
                        "direct": []}],
     "refused": [{"path": "...", "reason": "..."}]}

`factor` is an index into that year's factors (see `segment --json`), a list of them where
the risk is split over several, or null where it is absent; `status` is the change from the
previous year (null in the first year and where the risk stays gone).
"""

from __future__ import annotations

from typing import Any

from core.model import Similarity
from core.timeline.model import Cell, Lineage, Timeline, YearSummary


def timeline_to_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "company": timeline.company,
        "form": timeline.form,
        "years": [
            _year(summary, timeline.filings[t].path) for t, summary in enumerate(timeline.years)
        ],
        "lineages": [_lineage(lineage) for lineage in timeline.lineages],
        "disagreements": [
            {
                "old_year": d.old_year,
                "new_year": d.new_year,
                "old": d.old,
                "chained": list(d.chained),
                "direct": list(d.direct),
            }
            for d in timeline.disagreements
        ],
        "refused": [{"path": r.path, "reason": r.reason} for r in timeline.refused],
    }


def _year(summary: YearSummary, path: str) -> dict[str, Any]:
    return {
        "fiscal_year": summary.fiscal_year,
        "path": path,
        "factors": summary.factors,
        "added": summary.added,
        "removed": summary.removed,
        "similarity": _similarity(summary.similarity),
    }


def _similarity(similarity: Similarity | None) -> dict[str, float] | None:
    if similarity is None:
        return None
    return {
        "cosine": round(similarity.cosine, 4),
        "jaccard": round(similarity.jaccard, 4),
        "simple": round(similarity.simple, 4),
    }


def _lineage(lineage: Lineage) -> dict[str, Any]:
    return {
        "id": lineage.key,
        "category": list(lineage.category),
        "first_year": lineage.first_year,
        "last_year": lineage.last_year,
        "gaps": list(lineage.gaps),
        "changed": lineage.changed,
        "years": [
            _cell(cell, headings)
            for cell, headings in zip(lineage.cells, lineage.headings, strict=True)
        ],
    }


def _cell(cell: Cell, headings: tuple[str, ...]) -> dict[str, Any]:
    factor: int | list[int] | None = None
    if len(cell.factors) == 1:
        factor = cell.factors[0]
    elif cell.factors:
        factor = list(cell.factors)
    return {
        "fiscal_year": cell.fiscal_year,
        "factor": factor,
        "heading": " / ".join(headings) if headings else None,
        "status": cell.status.value if cell.status is not None else None,
        "changed_share": round(cell.changed_share, 4),
        "restored_from": cell.restored_from,
    }
