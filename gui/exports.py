"""Saving and printing the comparison on screen: the HTML report, a PDF, the print preview.

Where to save is asked by gui.file_dialogs; these only write, never over one of the compared
filings, and whole or not at all (core.output)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QWidget

from core.diff.options import EXACT, DiffOptions
from core.model import Comparison
from core.output import atomic_path, refuse_overwriting_inputs, write_atomically
from core.review.apply import Reviewed
from gui.print_document import PrintLayout, PrintOptions


class ReportWriter(Protocol):
    """How each report is written: write_html_report, write_csv_report, write_json_report."""

    def __call__(
        self, comparison: Comparison, path: Path, *, review: Reviewed | None = None
    ) -> None: ...


def write_html_report(
    comparison: Comparison, path: Path, *, review: Reviewed | None = None
) -> None:
    """The report of `comparison`, with its `review` when given. Raises
    core.output.OutputError when `path` is one of the compared filings."""
    from core.report.to_html import (  # noqa: PLC0415  loaded when first used
        comparison_to_html,
        reviewed_to_html,
    )

    refuse_overwriting_inputs([path], [comparison.old.path, comparison.new.path])
    html = reviewed_to_html(review) if review is not None else comparison_to_html(comparison)
    write_atomically(path, html)


def write_csv_report(comparison: Comparison, path: Path, *, review: Reviewed | None = None) -> None:
    """One row per pair (and per moved passage and warning), as `compare --csv` writes it,
    with the review's columns filled in when there is one. Raises core.output.OutputError
    when `path` is one of the compared filings."""
    from core.report.to_csv import comparison_to_csv, reviewed_to_csv  # noqa: PLC0415

    refuse_overwriting_inputs([path], [comparison.old.path, comparison.new.path])
    text = reviewed_to_csv(review) if review is not None else comparison_to_csv(comparison)
    write_atomically(path, text)


def write_json_report(
    comparison: Comparison, path: Path, *, review: Reviewed | None = None
) -> None:
    """The comparison as `compare --json` writes it (DESIGN.md's contract), with the review
    when there is one. Raises core.output.OutputError when `path` is one of the compared
    filings."""
    from core.report.to_json import (  # noqa: PLC0415
        comparison_to_json,
        json_text,
        reviewed_to_json,
    )

    refuse_overwriting_inputs([path], [comparison.old.path, comparison.new.path])
    value = reviewed_to_json(review) if review is not None else comparison_to_json(comparison)
    write_atomically(path, json_text(value))


def write_pdf(
    comparison: Comparison,
    path: Path,
    *,
    diff_options: DiffOptions = EXACT,
    note: str = "",
    options: PrintOptions = PrintOptions(),  # noqa: B008 - a frozen value
    folded: Mapping[int, str] | None = None,
    review: Reviewed | None = None,
) -> None:
    """The comparison as a PDF, marked under `diff_options` (the panes' diff options);
    `note` says in the legend what the marks overlook; `options` choose the layout and
    whether the `folded` pairs print folded; a `review` prints its states and notes.
    Raises core.output.OutputError when `path` is one of the compared filings."""
    from gui.printing import export_pdf  # noqa: PLC0415  QtPrintSupport loads when first used

    refuse_overwriting_inputs([path], [comparison.old.path, comparison.new.path])
    with atomic_path(path) as temporary:
        export_pdf(
            comparison,
            temporary,
            diff_options=diff_options,
            note=note,
            options=options,
            folded=folded,
            review=review,
        )


def print_with_preview(
    parent: QWidget,
    comparison: Comparison,
    title: str,
    *,
    diff_options: DiffOptions = EXACT,
    note: str = "",
    options: PrintOptions = PrintOptions(),  # noqa: B008 - a frozen value
    folded: Mapping[int, str] | None = None,
    review: Reviewed | None = None,
) -> PrintOptions:
    """The print preview dialog, with two choices added to its toolbar: a blackline rather
    than the filings side by side, and changes only (the `folded` pairs folded to their
    headings). Printing goes through gui.printing, marked under `diff_options`. Returns the choices
    as the dialog was left, for next time."""
    from PySide6.QtPrintSupport import (  # noqa: PLC0415
        QPrinter,
        QPrintPreviewDialog,
        QPrintPreviewWidget,
    )

    from gui.printing import print_comparison  # noqa: PLC0415

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print — {title}")
    chosen = [options]
    blackline = QAction("Blackline", dialog)
    blackline.setCheckable(True)
    blackline.setChecked(options.layout is PrintLayout.BLACKLINE)
    blackline.setToolTip(
        "One text with deletions struck and insertions underlined, instead of the two "
        "filings side by side"
    )
    changes_only = QAction("Changes Only", dialog)
    changes_only.setCheckable(True)
    changes_only.setChecked(options.changes_only)
    changes_only.setToolTip("Print unchanged factors folded to their headings")
    toolbar = dialog.findChild(QToolBar)
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(blackline)
        toolbar.addAction(changes_only)
    preview = dialog.findChild(QPrintPreviewWidget)

    def choose() -> None:
        layout = PrintLayout.BLACKLINE if blackline.isChecked() else PrintLayout.SIDE_BY_SIDE
        chosen[0] = PrintOptions(layout=layout, changes_only=changes_only.isChecked())
        if preview is not None:
            preview.updatePreview()

    blackline.toggled.connect(choose)
    changes_only.toggled.connect(choose)
    dialog.paintRequested.connect(
        lambda target: print_comparison(
            comparison,
            target,
            diff_options=diff_options,
            note=note,
            options=chosen[0],
            folded=folded,
            review=review,
        )
    )
    dialog.exec()
    return chosen[0]
