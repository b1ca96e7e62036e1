"""At start, the reviews a crashed FactorDiff left unsaved: Restore / Discard / Later.

The dialog lists each autosave by its filings and when it was written. Restore opens the
chosen one's comparison in the window with the review as unsaved work; Discard deletes the
chosen autosave; Later keeps them all to ask again at the next start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.review.model import FilingRecord, ReviewState
from gui.autosave import LeftBehind, find_left_behind
from gui.plain_text import tooltip_text

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def _filing_words(record: FilingRecord) -> str:
    """'20-F FY2008', else the file's name."""
    year = f"FY{record.fiscal_year}" if record.fiscal_year else ""
    label = " ".join(part for part in (record.form, year) if part)
    return label or Path(record.path).name


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def describe(left: LeftBehind) -> str:
    """One line of the list: when it was autosaved (local time), the filings, what the
    review holds. E.g. 'Autosaved 2026-12-03 15:10 · IIJ: 20-F FY2008 → 20-F FY2009 ·
    15 marked, 13 notes, 1 correction'."""
    when = f"Autosaved {left.saved.astimezone().strftime('%Y-%m-%d %H:%M')}"
    review = left.review
    if review is None:
        return f"{when} · {left.path.name} · cannot be restored: {left.problem}"
    company = review.new.company or review.old.company
    filings = f"{_filing_words(review.old)} → {_filing_words(review.new)}"
    marked = sum(mark.state is not ReviewState.UNREVIEWED for mark in review.marks)
    notes = sum(bool(mark.note) for mark in review.marks)
    held = ", ".join(
        (f"{marked} marked", _count(notes, "note"), _count(len(review.corrections), "correction"))
    )
    return f"{when} · {company + ': ' if company else ''}{filings} · {held}"


def describe_files(left: LeftBehind) -> str:
    """The tooltip: the filings' and the review file's paths, and the autosave's."""
    lines = []
    if left.review is not None:
        lines += [f"Old: {left.review.old.path}", f"New: {left.review.new.path}"]
    if left.review_path is not None:
        lines.append(f"Review file: {left.review_path}")
    lines.append(f"Autosave: {left.path}")
    return "\n".join(lines)


class RestoreDialog(QDialog):
    """The list of left-behind autosaves; `chosen` is the one to restore (None otherwise).
    Each one not restored or discarded is kept for later."""

    def __init__(self, parent: QWidget | None, left: list[LeftBehind]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore unsaved reviews")
        self.setObjectName("restoreDialog")
        self.left = list(left)
        self.chosen: LeftBehind | None = None
        about = QLabel(
            "FactorDiff did not close normally. These reviews had work that was not saved; "
            "an autosaved copy of each was kept. Restore opens the selected one with its "
            "review as unsaved work; the others are offered again next time."
        )
        about.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Autosaved reviews")
        for entry in self.left:
            item = QListWidgetItem(describe(entry))
            item.setToolTip(tooltip_text(describe_files(entry)))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore")
        self.discard_button = QPushButton("&Discard")
        self.later_button = QPushButton("&Later")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore)
        self.discard_button.clicked.connect(self.discard)
        self.later_button.clicked.connect(self.reject)
        self.list.currentRowChanged.connect(self._enable)
        self.list.itemActivated.connect(lambda _item: self.restore())
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(860, 280)
        self._enable()

    def _selected(self) -> LeftBehind | None:
        row = self.list.currentRow()
        return self.left[row] if 0 <= row < len(self.left) else None

    def _enable(self) -> None:
        selected = self._selected()
        self.restore_button.setEnabled(selected is not None and selected.review is not None)
        self.discard_button.setEnabled(selected is not None)

    def restore(self) -> None:
        selected = self._selected()
        if selected is None or selected.review is None:
            return
        self.chosen = selected
        self.accept()

    def discard(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.left):
            return
        self.left.pop(row).discard()
        self.list.takeItem(row)
        if not self.left:
            self.reject()
        self._enable()

    def done(self, result: int) -> None:
        for entry in self.left:
            if entry is not self.chosen:
                entry.keep()
        super().done(result)


def offer_left_behind(window: MainWindow) -> bool:
    """Ask about autosaves a crash left behind; True when one is being restored (the window
    then opens its comparison, and should not start another)."""
    left = find_left_behind()
    if not left:
        return False
    dialog = RestoreDialog(window, left)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    try:
        dialog.exec()
        chosen = dialog.chosen
    finally:
        dialog.deleteLater()
    return chosen is not None and window.review.restore(chosen)
