"""Choosing a filing to open and a file to save the comparison to.

The open dialog starts in the folder of the filing opened last (settings' `files/filing_folder`),
the save dialog in the folder saved to last (`files/last_folder`): an export elsewhere does not
move where filings are looked for.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from core.model import Comparison
from gui.pane_document import SIDE_WORDS
from gui.settings import Settings

FILING_FILTER = "Annual reports (*.htm *.html *.xhtml *.txt);;All files (*)"


def ask_filing_path(
    parent: QWidget, settings: Settings, side: int, current: Path | None
) -> Path | None:
    """Ask for the filing to show on `side`; the dialog opens in the folder of the filing
    opened last, else of the file shown there (`current`)."""
    folder = settings.filing_folder
    if not folder and current is not None and current.parent.is_dir():
        folder = str(current.parent)
    path, _filter = QFileDialog.getOpenFileName(
        parent, f"Open the {SIDE_WORDS[side]} annual report", folder, FILING_FILTER
    )
    if not path:
        return None
    settings.remember_filing_folder_of(path)
    return Path(path)


def ask_save_path(
    parent: QWidget,
    settings: Settings,
    comparison: Comparison,
    *,
    title: str,
    suffix: str,
    filter_text: str,
) -> Path | None:
    """Ask where to save; the suggestion is named after the newer filing, in the last folder."""
    stem = Path(comparison.new.path).stem
    suggested = Path(settings.last_folder or Path.home()) / f"{stem}-factordiff{suffix}"
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    if not path:
        return None
    settings.remember_folder_of(path)
    return Path(path)
