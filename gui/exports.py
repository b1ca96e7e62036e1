"""Saving and printing the comparison on screen: the HTML report, a PDF, the print preview.

Where to save is asked by gui.file_dialogs; these only write, never over one of the compared
filings, and whole or not at all (core.output)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from core.model import Comparison
from core.output import atomic_path, refuse_overwriting_inputs, write_atomically
from gui.pair_marks import Differ


def write_html_report(comparison: Comparison, path: Path) -> None:
    """Raises core.output.OutputError when `path` is one of the compared filings."""
    from core.report.to_html import comparison_to_html  # noqa: PLC0415  loaded when first used

    refuse_overwriting_inputs([path], [comparison.old.path, comparison.new.path])
    write_atomically(path, comparison_to_html(comparison))


def write_pdf(
    comparison: Comparison, path: Path, *, differ: Differ | None = None, note: str = ""
) -> None:
    """The comparison as a PDF, marked with `differ` (the panes' word diff) when given;
    `note` says in the legend what the marks overlook. Raises core.output.OutputError when
    `path` is one of the compared filings."""
    from gui.printing import export_pdf  # noqa: PLC0415  QtPrintSupport loads when first used

    refuse_overwriting_inputs([path], [comparison.old.path, comparison.new.path])
    with atomic_path(path) as temporary:
        export_pdf(comparison, temporary, differ=differ, note=note)


def print_with_preview(
    parent: QWidget,
    comparison: Comparison,
    title: str,
    *,
    differ: Differ | None = None,
    note: str = "",
) -> None:
    """The print preview dialog; printing goes through gui.printing, marked with `differ`."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # noqa: PLC0415

    from gui.printing import print_comparison  # noqa: PLC0415

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print — {title}")
    dialog.paintRequested.connect(
        lambda target: print_comparison(comparison, target, differ=differ, note=note)
    )
    dialog.exec()
