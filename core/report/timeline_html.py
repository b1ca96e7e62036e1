"""A timeline as one self-contained HTML page: the years, the matrix of lineages and, for each
lineage that changed, its headings year by year and the word diff of each step.

Only the HTML that Qt's rich text also lays out is used (tables with bgcolor, inline styles),
so the same page is the timeline's PDF and printout (gui.timeline_print). Filing text is
escaped everywhere; no script, no external resource.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from itertools import groupby

from core.model import DiffOp, OpKind, Status
from core.report.change_share import share_text
from core.report.status_style import LIGHT_STATUS_COLOURS, STATUS_LETTERS, ink_on
from core.timeline.model import Cell, Lineage, Timeline
from core.timeline.steps import Step, lineage_steps, step_diff

_DELETED = "color:#a4161a;background-color:#fde8e8;text-decoration:line-through"
_INSERTED = "color:#1b6e20;background-color:#e3f6e5;text-decoration:underline"
_MUTED = "color:#5f6368"
_RULE = "#d0d4d9"
# Bars of the year chart are this many characters wide at the largest count.
_BAR_WIDTH = 30
# A heading in the matrix is cut here (the full heading is in the lineage's own section).
_MATRIX_HEADING_CHARS = 110


def timeline_title(timeline: Timeline) -> str:
    """'IIJ — 20-F — FY2005 to FY2012'"""
    years = timeline.fiscal_years
    span = f"FY{years[0]} to FY{years[-1]}" if years else ""
    return " — ".join(part for part in (timeline.company, timeline.form, span) if part)


def cell_text(cell: Cell) -> str:
    """What a matrix cell reads: the status letter and changed share ('~ 38%'), '●' for a risk
    present in the first year, '' where it is absent."""
    if cell.status is None:
        return "●" if cell.present else ""
    letter = STATUS_LETTERS[cell.status]
    if cell.status is Status.MODIFIED or cell.restored_from is not None:
        return f"{letter} {share_text(cell.changed_share, signs=True)}"
    return letter


def timeline_to_html(timeline: Timeline) -> str:
    """The whole report as one HTML document (UTF-8)."""
    title = timeline_title(timeline)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>FactorDiff: {escape(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem}"
        "td,th{vertical-align:top}</style>",
        "</head><body>",
        f"<h1>{escape(title)}: Risk Factors over the years</h1>",
        *_refused(timeline),
        *_years(timeline),
        *_matrix(timeline),
        *_disagreements(timeline),
        *_changed_lineages(timeline),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _refused(timeline: Timeline) -> Iterable[str]:
    if timeline.refused:
        yield f'<p style="{_MUTED}">Left out:</p><ul>'
        for refusal in timeline.refused:
            yield f"<li>{escape(refusal.reason)}</li>"
        yield "</ul>"


def _years(timeline: Timeline) -> Iterable[str]:
    most = max((summary.factors for summary in timeline.years), default=1) or 1
    yield "<h2>Years</h2>"
    yield (
        f'<table cellspacing="0" cellpadding="3" border="1" style="border-color:{_RULE}">'
        "<tr><th>Year</th><th>File</th><th>Factors</th><th>Added</th><th>Removed</th>"
        "<th>Similarity to the year before (cosine)</th></tr>"
    )
    added = LIGHT_STATUS_COLOURS[Status.ADDED]
    removed = LIGHT_STATUS_COLOURS[Status.REMOVED]
    for filing, summary in zip(timeline.filings, timeline.years, strict=True):
        bar = "█" * max(1, round(_BAR_WIDTH * summary.factors / most))
        similarity = "" if summary.similarity is None else f"{summary.similarity.cosine:.3f}"
        yield (
            f"<tr><td>FY{summary.fiscal_year}</td>"
            f'<td style="{_MUTED}">{escape(filing.path.rsplit("/", 1)[-1])}</td>'
            f'<td><span style="color:#8a8f98">{bar}</span> {summary.factors}</td>'
            f'<td style="color:{added}">+{summary.added}</td>'
            f'<td style="color:{removed}">&minus;{summary.removed}</td>'
            f"<td>{similarity}</td></tr>"
        )
    yield "</table>"


def _matrix(timeline: Timeline) -> Iterable[str]:
    yield "<h2>Risks by year</h2>"
    yield f'<p style="{_MUTED}">{escape(_legend())}</p>'
    header = "".join(f"<th>FY{year}</th>" for year in timeline.fiscal_years)
    yield (
        f'<table cellspacing="0" cellpadding="3" border="1" style="border-color:{_RULE}">'
        f"<tr><th>Risk (latest heading)</th>{header}</tr>"
    )
    columns = len(timeline.fiscal_years) + 1
    for category, lineages in grouped_by_category(timeline.lineages):
        if category:
            names = " &rsaquo; ".join(escape(name) for name in category)
            yield f'<tr><td colspan="{columns}"><b>{names}</b></td></tr>'
        for lineage in lineages:
            yield _matrix_row(lineage)
    yield "</table>"


def grouped_by_category(
    lineages: Sequence[Lineage],
) -> list[tuple[tuple[str, ...], list[Lineage]]]:
    """The lineages grouped by the category of their latest year, each group where its first
    lineage stands, the lineages of a group in their order."""
    order: dict[tuple[str, ...], int] = {}
    for lineage in lineages:
        order.setdefault(lineage.category, len(order))
    ranked = sorted(lineages, key=lambda lineage: order[lineage.category])
    return [(category, list(group)) for category, group in groupby(ranked, lambda x: x.category)]


def _matrix_row(lineage: Lineage) -> str:
    heading = lineage.latest_heading()
    if len(heading) > _MATRIX_HEADING_CHARS:
        heading = heading[: _MATRIX_HEADING_CHARS - 1].rstrip() + "…"
    name = f"{escape(heading)}"
    if lineage.changed:
        name = f'<a href="#lineage-{escape(lineage.key)}">{name}</a>'
    cells = "".join(_matrix_cell(cell) for cell in lineage.cells)
    return f"<tr><td>{name}</td>{cells}</tr>"


def _matrix_cell(cell: Cell) -> str:
    text = escape(cell_text(cell))
    if cell.status is None or (cell.status is Status.UNCHANGED):
        return f'<td align="center">{text}</td>'
    colour = LIGHT_STATUS_COLOURS[cell.status]
    return (
        f'<td align="center" bgcolor="{colour}" style="color:{ink_on(colour)}"><b>{text}</b></td>'
    )


def _legend() -> str:
    marks = ", ".join(f"{STATUS_LETTERS[s]} {s.value}" for s in STATUS_LETTERS)
    return f"● present in the first year; {marks}; the share is of words changed."


def _disagreements(timeline: Timeline) -> Iterable[str]:
    if not timeline.disagreements:
        return
    yield "<h2>Where the chain and a direct comparison disagree</h2><ul>"
    for d in timeline.disagreements:
        heading = timeline.filing(d.old_year).factors[d.old].heading
        chained = _numbers(d.chained) or "gone"
        direct = _numbers(d.direct) or "gone"
        yield (
            f"<li>FY{d.old_year} #{d.old + 1} {escape(heading)}: in FY{d.new_year} chained to "
            f"{chained}, directly to {direct}</li>"
        )
    yield "</ul>"


def _numbers(indexes: Sequence[int]) -> str:
    return ", ".join(f"#{i + 1}" for i in indexes)


def _changed_lineages(timeline: Timeline) -> Iterable[str]:
    changed = [lineage for lineage in timeline.lineages if lineage.changed]
    yield f"<h2>How each changed risk changed ({len(changed)})</h2>"
    for lineage in changed:
        key = escape(lineage.key)
        yield f'<h3><a name="lineage-{key}"></a>{escape(lineage.latest_heading())}</h3>'
        span = f"FY{lineage.first_year} to FY{lineage.last_year}"
        yield f'<p style="{_MUTED}">Risk {key}: {span}</p>'
        yield '<table cellpadding="2">'
        for cell, headings in zip(lineage.cells, lineage.headings, strict=True):
            shown = " / ".join(headings) if headings else "(not disclosed)"
            yield f"<tr><td>FY{cell.fiscal_year}</td><td>{escape(shown)}</td></tr>"
        yield "</table>"
        for step in lineage_steps(lineage):
            if step.status is not Status.UNCHANGED:
                yield _step_title(step)
                yield f"<p>{redline(step_diff(timeline, step).redline_ops)}</p>"


def _step_title(step: Step) -> str:
    colour = LIGHT_STATUS_COLOURS[step.status]
    badge = (
        f'<span style="background-color:{colour};color:{ink_on(colour)}">'
        f"&nbsp;{escape(STATUS_LETTERS[step.status])} {step.status.value}&nbsp;</span>"
    )
    years = (
        f"FY{step.new_year}"
        if step.old_year == step.new_year
        else f"FY{step.old_year} → FY{step.new_year}"
    )
    change = ""
    if step.old and step.new:
        change = f", {share_text(step.changed_share, signs=True)} of words changed"
    return f"<h4>{years}: {badge}{change}</h4>"


def redline(ops: Iterable[DiffOp]) -> str:
    """Deleted text struck through in red, inserted underlined in green, as inline styles;
    paragraph breaks as line breaks."""
    parts = []
    for op in ops:
        text = escape(op.text, quote=False).replace("\n", "<br>")
        if op.kind is OpKind.EQUAL or op.ignored:
            parts.append(text)
        else:
            style = _DELETED if op.kind is OpKind.DELETE else _INSERTED
            weight = ";font-weight:bold" if op.figure else ""
            parts.append(f'<span style="{style}{weight}">{text}</span>')
    return "".join(parts)
