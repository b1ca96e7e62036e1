"""Review files in the window: where to save one, which to open, and what to do with unsaved
review work (Save / Discard / Cancel). Dialogs only; the reading and writing is core.review.file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.model import Comparison
from core.report.labels import year_or_file_name
from gui.pane_document import SIDE_WORDS
from gui.settings import Settings

REVIEW_SUFFIX = ".factordiff"
REVIEW_FILTER = f"FactorDiff reviews (*{REVIEW_SUFFIX})"


def is_review_file(path: Path) -> bool:
    return path.suffix.casefold() == REVIEW_SUFFIX


def suggested_review_path(settings: Settings, comparison: Comparison) -> Path:
    """'<newer filing's folder or the last folder>/<new stem>-review.factordiff'"""
    new = Path(comparison.new.path)
    folder = Path(settings.last_folder) if settings.last_folder else new.parent
    years = f"{year_or_file_name(comparison.old)}-{year_or_file_name(comparison.new)}"
    return folder / f"{new.stem}-review-{years}{REVIEW_SUFFIX}".replace(" ", "_")


def ask_review_save_path(parent: QWidget, settings: Settings, suggested: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Save Review As", str(suggested), REVIEW_FILTER
    )
    if not path:
        return None
    chosen = Path(path)
    if not is_review_file(chosen):
        chosen = chosen.with_name(chosen.name + REVIEW_SUFFIX)
    settings.remember_folder_of(chosen)
    return chosen


def ask_review_open_path(parent: QWidget, settings: Settings) -> Path | None:
    folder = settings.last_folder or str(Path.home())
    path, _filter = QFileDialog.getOpenFileName(parent, "Open Review", folder, REVIEW_FILTER)
    if not path:
        return None
    settings.remember_folder_of(path)
    return Path(path)


def ask_where_filing_is(parent: QWidget, side: int, recorded: str) -> Path | None:
    """The review names a filing that is not where it was: ask where it is now."""
    name = Path(recorded).name
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        f"Where is the {SIDE_WORDS[side]} filing {name}? (not found at {recorded})",
        str(Path(recorded).parent),
        f"{name};;All files (*)",
    )
    return Path(path) if path else None


def ask_keep_review(parent: QWidget, doing: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel: the review has work not saved, and `doing` would drop it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved review")
    box.setText(
        f"The review has marks, notes or corrections that are not saved. Save them before {doing}?"
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())
