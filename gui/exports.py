"""Saving and printing the comparison on screen: the HTML report, a PDF, the print preview.

Where to save is asked by gui.file_dialogs; these only write."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from core.model import Comparison
from gui.pair_marks import Differ


def write_html_report(comparison: Comparison, path: Path) -> None:
    from core.report.to_html import comparison_to_html  # noqa: PLC0415  loaded when first used

    path.write_text(comparison_to_html(comparison), encoding="utf-8")


def write_pdf(
    comparison: Comparison, path: Path, *, differ: Differ | None = None, note: str = ""
) -> None:
    """The comparison as a PDF, marked with `differ` (the panes' word diff) when given;
    `note` says in the legend what the marks overlook."""
    from gui.printing import export_pdf  # noqa: PLC0415  QtPrintSupport loads when first used

    export_pdf(comparison, path, differ=differ, note=note)


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
