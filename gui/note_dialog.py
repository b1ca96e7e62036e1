"""The note dialog: a plain-text editor for a reviewer's note on one pair.

The note and the heading it is about are plain text throughout (a note may quote the filing,
and filing text is untrusted): a QPlainTextEdit holds no markup, the heading is a plain label.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class NoteDialog(QDialog):
    """Edit `note` on the pair headed `heading`; `note_text()` is the note when accepted."""

    def __init__(self, parent: QWidget | None, heading: str, note: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.setObjectName("noteDialog")
        about = QLabel(heading)
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        self.editor = QPlainTextEdit(note)
        self.editor.setAccessibleName("Note")
        self.editor.setPlaceholderText("What a later reader of this change should know…")
        self.editor.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(480, 260)
        self.editor.setFocus()

    def note_text(self) -> str:
        """The note as typed, without blank lines or spaces around it."""
        return self.editor.toPlainText().strip()


def ask_note(parent: QWidget, heading: str, note: str) -> str | None:
    """The note the person wrote ('' removes it), None when they cancelled."""
    dialog = NoteDialog(parent, heading, note)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.note_text()
    finally:
        dialog.deleteLater()
