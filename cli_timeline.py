"""The headless `timeline` command: several filings of one company, each risk across the years.

    python main.py timeline F1 F2 … [--json OUT] [--csv OUT] [--html OUT] [--pdf OUT]

With no output option a short summary goes to stdout ("-" as OUT writes to stdout). A file of
another company or form is left out with a line on stderr naming it; the others still make
the timeline. Outputs are written whole or not at all, never over an input (core.output).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path

from core.output import STDOUT, refuse_overwriting_inputs, write_atomically
from core.report.timeline_csv import timeline_to_csv
from core.report.timeline_html import cell_text, timeline_title, timeline_to_html
from core.report.timeline_json import timeline_to_json
from core.timeline.files import timeline_of_files
from core.timeline.load import MAX_FILINGS
from core.timeline.model import Timeline

PROG = "factordiff"


TIMELINE_HELP = "follow each risk through several filings of one company"


def add_timeline_arguments(timeline: argparse.ArgumentParser) -> None:
    timeline.add_argument("files", nargs="+", help=f"2 to {MAX_FILINGS} filings, in any order")
    timeline.add_argument("--json", metavar="OUT", help="write years and lineages as JSON")
    timeline.add_argument("--csv", metavar="OUT", help="write one CSV row per lineage and year")
    timeline.add_argument("--html", metavar="OUT", help="write the matrix and steps as HTML")
    timeline.add_argument("--pdf", metavar="OUT", help="write the printed timeline")


def run_timeline(options: argparse.Namespace) -> None:
    outputs = [options.json, options.csv, options.html, options.pdf]
    refuse_overwriting_inputs([path for path in outputs if path], options.files)
    timeline = timeline_of_files(options.files)
    for refusal in timeline.refused:
        print(f"{PROG}: left out: {refusal.reason}", file=sys.stderr)
    if options.json:
        text = json.dumps(timeline_to_json(timeline), ensure_ascii=False, indent=1) + "\n"
        _write(options.json, text)
    if options.csv:
        _write(options.csv, timeline_to_csv(timeline))
    if options.html:
        _write(options.html, timeline_to_html(timeline))
    if options.pdf:
        _export_pdf(timeline, options.pdf)
    if not any((options.json, options.csv, options.html, options.pdf)):
        # A console that cannot show a mark ("●", "↕") shows "?" rather than failing.
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="replace")
        print(timeline_summary(timeline))


def _write(path: str, text: str) -> None:
    if path == STDOUT:
        sys.stdout.write(text)
    else:
        write_atomically(path, text)


def _export_pdf(timeline: Timeline, path: str) -> None:
    # Qt is loaded only when a PDF is asked for.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415  (lazy: see above)

    from gui.fonts import register_bundled_fonts  # noqa: PLC0415  (lazy: see above)
    from gui.timeline_print import export_timeline_pdf  # noqa: PLC0415  (lazy: see above)

    app = QApplication.instance() or QApplication([PROG])
    register_bundled_fonts()
    export_timeline_pdf(timeline, path)
    app.processEvents()


def timeline_summary(timeline: Timeline) -> str:
    """The years and, for each risk that changed, its cell per year."""
    lines = [timeline_title(timeline) or "Risk Factors"]
    for filing, summary in zip(timeline.filings, timeline.years, strict=True):
        change = f", +{summary.added} -{summary.removed}" if summary.similarity else ""
        similarity = f", similarity {summary.similarity.cosine:.3f}" if summary.similarity else ""
        lines.append(
            f"  FY{summary.fiscal_year}: {summary.factors} factors{change}{similarity}"
            f" ({Path(filing.path).name})"
        )
    changed = [lineage for lineage in timeline.lineages if lineage.changed]
    lines.append(f"{len(timeline.lineages)} risks, {len(changed)} changed:")
    width = max((len(cell_text(c)) for lineage in changed for c in lineage.cells), default=1)
    for lineage in changed:
        cells = " ".join(f"{cell_text(cell) or '·':>{width}}" for cell in lineage.cells)
        lines.append(f"  {cells}  {_shorten(lineage.latest_heading())}")
    for d in timeline.disagreements:
        lines.append(f"  chain and direct FY{d.old_year}->FY{d.new_year} disagree on #{d.old + 1}")
    return "\n".join(lines)


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
