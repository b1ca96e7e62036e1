"""Headless commands: `compare` two filings, `segment` one, `timeline` several, summarise a
`review`.

    python main.py compare OLD NEW [--json OUT] [--html OUT] [--csv OUT] [--pdf OUT]
                                   [--layout side-by-side|blackline]
                                   [--review REVIEW.factordiff]
    python main.py segment FILE [--json OUT]
    python main.py timeline F1 F2 … [--json OUT] [--csv OUT] [--html OUT] [--pdf OUT]
    python main.py review REVIEW.factordiff [--old FILE] [--new FILE]
    python main.py batch INPUT --out results.parquet|.csv [...]   (see cli_batch.py)
    python main.py fetch TICKER|CIK|NAME --years 2023 2024 [--form 10-K] --out DIR

OLD and NEW are files, or TICKER:YEAR (e.g. TSLA:2023): a company's annual report for that
fiscal year, from EDGAR or its cache (cli_edgar.py).

With no output option, a short human summary goes to stdout; "-" as OUT writes to stdout.
A bad input (missing, empty, binary, no Risk Factors section, ...) prints exactly one line,
"factordiff: error: ...", on stderr and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from cli_batch import add_batch_command, run_batch_command
from cli_edgar import FETCH_HELP, add_edgar_options, add_fetch_arguments, edgar_paths, run_fetch
from cli_timeline import TIMELINE_HELP, add_timeline_arguments, run_timeline
from core.compare import compare_files
from core.errors import FactorDiffError
from core.model import Comparison, Filing, Status
from core.output import STDOUT, atomic_path, refuse_overwriting_inputs, write_atomically
from core.pipeline import load_filing
from core.report.labels import (
    CHANGE_LISTS,
    company_name,
    factor_numbers,
    form_and_year,
    listed_headings,
    moved_caption,
    passage_counts,
    wording_kept,
)
from core.report.review_text import review_lines, stored_review_lines
from core.report.status_style import STATUS_LETTERS
from core.report.to_csv import comparison_to_csv, reviewed_to_csv
from core.report.to_html import comparison_to_html, reviewed_to_html
from core.report.to_json import (
    comparison_to_json,
    filing_to_json,
    json_text,
    reviewed_to_json,
)
from core.review.apply import Reviewed, apply_review
from core.review.file import FilingCheck, check_filing, load_review

# gui.print_document.PrintLayout's values, named here so the parser does not load Qt.
PDF_LAYOUTS = ("side-by-side", "blackline")
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
PROG = "factordiff"


class _UsageError(Exception):
    """argparse found a bad command line."""


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog=PROG, description="Compare the Risk Factors of two filings.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_ArgumentParser)
    compare = commands.add_parser("compare", help="compare an old and a new filing")
    compare.add_argument("old", help="the earlier filing (.htm/.html/.txt)")
    compare.add_argument("new", help="the later filing")
    compare.add_argument("--json", metavar="OUT", help="write the JSON comparison")
    compare.add_argument("--html", metavar="OUT", help="write a self-contained HTML redline")
    compare.add_argument("--csv", metavar="OUT", help="write one CSV row per pair")
    compare.add_argument("--pdf", metavar="OUT", help="write the printout (see --layout)")
    compare.add_argument(
        "--layout",
        choices=PDF_LAYOUTS,
        default=PDF_LAYOUTS[0],
        help="the PDF's layout: the filings side by side (default), or a blackline (one "
        "text, deletions struck and insertions underlined)",
    )
    compare.add_argument(
        "--review",
        metavar="REVIEW",
        help="apply a saved review (.factordiff): its corrections, states and notes",
    )
    add_edgar_options(compare)
    segment = commands.add_parser("segment", help="list the risk factors of one filing")
    segment.add_argument("file", help="the filing (.htm/.html/.txt)")
    segment.add_argument("--json", metavar="OUT", help="write the JSON of the factors")
    add_timeline_arguments(commands.add_parser("timeline", help=TIMELINE_HELP))
    review = commands.add_parser("review", help="summarise a saved review (.factordiff)")
    review.add_argument("file", help="the review file")
    review.add_argument("--old", metavar="FILE", help="the old filing, if it has moved")
    review.add_argument("--new", metavar="FILE", help="the new filing, if it has moved")
    add_batch_command(commands)
    add_fetch_arguments(commands.add_parser("fetch", help=FETCH_HELP))
    return parser


def run_command(args: list[str]) -> int:
    """Run `compare`, `segment`, `timeline`, `review`, `batch` or `fetch` with `args` (the
    command name first); return the exit code."""
    message, code = "", EXIT_OK
    try:
        options = _parser().parse_args(args)
        runners = {
            "compare": _compare,
            "segment": _segment,
            "timeline": run_timeline,
            "review": _review,
            "batch": run_batch_command,
            "fetch": run_fetch,
        }
        run = runners[options.command]
        run(options)
    except SystemExit as done:  # --help exits through argparse
        code = done.code if isinstance(done.code, int) else EXIT_OK
    except _UsageError as error:
        message, code = f"{error} (see '{PROG} {(args or ['--help'])[0]} --help')", EXIT_USAGE
    except (FactorDiffError, argparse.ArgumentTypeError) as error:
        message, code = str(error), EXIT_USAGE
    except ModuleNotFoundError as error:  # an optional extra (batch) is not installed
        message, code = str(error), EXIT_FAILURE
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_FAILURE
    except OSError as error:
        message, code = _os_message(error), EXIT_USAGE
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except Exception as error:
        # A bug, not bad input: still one line, unless a developer asks for the traceback.
        if os.environ.get("FACTORDIFF_DEBUG"):
            raise
        message = f"unexpected failure ({type(error).__name__}: {error})"
        code = EXIT_FAILURE
    if message:
        print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def _os_message(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason


def _compare(options: argparse.Namespace) -> None:
    outputs = [options.json, options.html, options.csv, options.pdf]
    inputs = [options.old, options.new, *([options.review] if options.review else [])]
    refuse_overwriting_inputs([path for path in outputs if path], inputs)
    old, new = edgar_paths(options, [options.old, options.new])  # TICKER:YEAR to a file
    reviewed = _reviewed(old, new, options.review) if options.review else None
    comparison = reviewed.comparison if reviewed else compare_files(old, new)
    _warn_each(comparison.warnings)
    writers: list[tuple[str | None, Callable[[], str]]] = [
        (
            options.json,
            lambda: json_text(
                reviewed_to_json(reviewed) if reviewed else comparison_to_json(comparison)
            ),
        ),
        (
            options.html,
            lambda: reviewed_to_html(reviewed) if reviewed else comparison_to_html(comparison),
        ),
        (
            options.csv,
            lambda: reviewed_to_csv(reviewed) if reviewed else comparison_to_csv(comparison),
        ),
    ]
    for path, render in writers:
        if path:
            _write(path, render())
    if options.pdf:
        _export_pdf(comparison, options.pdf, layout=options.layout, reviewed=reviewed)
    if not any((options.json, options.html, options.csv, options.pdf)):
        summary = _comparison_summary(comparison)
        if reviewed:
            summary += "\n" + "\n".join(review_lines(reviewed))
        _print_summary(summary)


def _reviewed(old_path: str, new_path: str, review_path: str) -> Reviewed:
    """The two filings under the review at `review_path`; a filing that is not the one the
    review was made on gets a warning on stderr (the review is applied all the same)."""
    review = load_review(review_path)
    for label, record, path in (("old", review.old, old_path), ("new", review.new, new_path)):
        if check_filing(record, path) is not FilingCheck.SAME:
            _warn(
                f"the {label} filing {path} is not the file the review was made on "
                f"({Path(record.path).name}, SHA-256 {record.sha256[:12]}…): notes are "
                "attached by heading and may not fit"
            )
    return apply_review(load_filing(old_path), load_filing(new_path), review)


def _review(options: argparse.Namespace) -> None:
    review = load_review(options.file)
    lines = [f"Review {Path(options.file).name}"]
    paths = []
    for label, record, given in (
        ("old", review.old, options.old),
        ("new", review.new, options.new),
    ):
        path = given or record.path
        check = check_filing(record, path)
        state = {
            FilingCheck.SAME: "",
            FilingCheck.CHANGED: " (CHANGED since the review)",
            FilingCheck.MISSING: " (MISSING: give it with --" + label + ")",
        }[check]
        lines.append(f"{label}: {path}{state}")
        paths.append(path if check is not FilingCheck.MISSING else None)
    if paths[0] and paths[1]:
        reviewed = apply_review(load_filing(paths[0]), load_filing(paths[1]), review)
        lines += review_lines(reviewed)
    else:
        lines += stored_review_lines(review)
    _print_summary("\n".join(lines))


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _segment(options: argparse.Namespace) -> None:
    refuse_overwriting_inputs([options.json] if options.json else [], [options.file])
    filing = load_filing(options.file)
    _warn_each(filing.warnings)
    if options.json:
        _write(options.json, json_text(filing_to_json(filing)))
    else:
        _print_summary(_filing_summary(filing))


def _warn_each(warnings: tuple[str, ...]) -> None:
    """One line on stderr per warning (a truncated filing, a guessed encoding): the outputs
    are still written, but the person running the command must see it."""
    for warning in warnings:
        _warn(warning)


def _print_summary(text: str) -> None:
    # A console that cannot show a character (a status letter such as "↕", a heading's symbol
    # on a Windows code page) shows "?" for it rather than failing the whole summary.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    print(text)


def _write(path: str, text: str) -> None:
    if path == STDOUT:
        sys.stdout.write(text)
        return
    write_atomically(path, text)


def _export_pdf(
    comparison: Comparison,
    path: str,
    *,
    layout: str = PDF_LAYOUTS[0],
    reviewed: Reviewed | None = None,
) -> None:
    # Qt is loaded only when a PDF is asked for: the other outputs stay GUI-free and fast.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415  (lazy: see above)

    from gui.fonts import register_bundled_fonts  # noqa: PLC0415  (lazy: see above)
    from gui.print_document import PrintLayout, PrintOptions  # noqa: PLC0415  (lazy: see above)
    from gui.printing import export_pdf  # noqa: PLC0415  (lazy: see above)

    app = QApplication.instance() or QApplication([PROG])
    register_bundled_fonts()  # a machine without fonts would otherwise print a PDF with no text
    with atomic_path(path) as temporary:
        export_pdf(
            comparison, temporary, options=PrintOptions(layout=PrintLayout(layout)), review=reviewed
        )
        app.processEvents()


def _label(filing: Filing) -> str:
    label = form_and_year(filing)
    return f"{label} ({filing.path})" if label else filing.path


def _comparison_summary(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    counts = comparison.summary.counts
    similarity = comparison.summary.similarity
    lines = [
        f"{company_name(comparison) or 'Risk Factors'}: {_label(old)} -> {_label(new)}",
        f"{len(old.factors)} old factors, {len(new.factors)} new factors, "
        f"{len(comparison.factor_pairs)} pairs",
        ", ".join(f"{status.value} {counts.get(status, 0)}" for status in Status),
        *filter(None, [passage_counts(comparison)]),
        f"{wording_kept(similarity)} (similarity: cosine {similarity.cosine:.3f}, "
        f"jaccard {similarity.jaccard:.3f}, simple {similarity.simple:.3f})",
    ]
    for pair in comparison.pairs:
        # The text outside the factors that changed, listed like a factor: "~ modified
        # Introduction (+1 -0 words)".
        if pair.passage and pair.status is not Status.UNCHANGED:
            counted = f"+{pair.words_added} -{pair.words_removed} words"
            label = f"{listed_headings(comparison, pair)} ({counted})"
            lines.append(f"  {STATUS_LETTERS[pair.status]} {pair.status.value:8} {label}")
    for pair in comparison.factor_pairs:
        if pair.status not in CHANGE_LISTS:
            continue
        heading = _shorten(listed_headings(comparison, pair))
        lines.append(f"  {STATUS_LETTERS[pair.status]} {pair.status.value:8} {heading}")
    passages = comparison.moved_passages
    if passages:
        words = sum(passage.words for passage in passages)
        lines.append(
            f"moved passages {len(passages)} ({words} words, counted as moved, not added"
            " or removed)"
        )
        for passage in passages:
            left = comparison.pairs[passage.from_pair]
            where = (
                listed_headings(comparison, left)
                if left.passage
                else f"old {factor_numbers(left.old_indexes[:1])}"
            )
            caption = moved_caption(comparison, passage, at_old=True)
            lines.append(f"  {where} {_shorten(caption)}")
    return "\n".join(lines)


def _filing_summary(filing: Filing) -> str:
    lines = [f"{filing.company or 'Risk Factors'}: {_label(filing)}"]
    title = filing.section_title or "Risk Factors"
    lines.append(f"{title} ({len(filing.factors)} factors)")
    for number, factor in enumerate(filing.factors, 1):
        category = f"[{' > '.join(factor.category)}] " if factor.category else ""
        lines.append(f"{number:4}. {category}{_shorten(factor.heading)}")
    return "\n".join(lines)


def _shorten(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
