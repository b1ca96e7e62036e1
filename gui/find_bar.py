"""The find bar under the comparison (Ctrl+F): a text box, previous/next buttons, the count of
matches in both filings ("3 of 17 (old 9, new 8)"); Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from gui.messages import ERROR_BACKGROUND, bar_close_button
from gui.pane_find import FindResult


class FindBar(QWidget):
    """Text box, Previous / Next, and what the last search found.

    Signals:
        find_requested(str, bool): search for the text, backward when the flag is True.
        text_changed(str): the text was edited (count and highlight its matches).
        closed: the bar was closed (focus should go back to the comparison).
    """

    find_requested = Signal(str, bool)
    text_changed = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.text_box = QLineEdit()
        self.text_box.setPlaceholderText("Find in both filings")
        self.text_box.setClearButtonEnabled(True)
        self.text_box.setAccessibleName("Find text")
        self.text_box.setMaximumWidth(420)
        self._status = QLabel()
        self._status.setMinimumWidth(160)
        self._status.setAccessibleName("Matches")
        self._previous = self._button("Previous", "Find the previous match (Shift+Enter, Shift+F3)")
        self._next = self._button("Next", "Find the next match (Enter, F3)")
        self._close = bar_close_button(
            self.style(), tip="Close the find bar (Esc)", name="Close find bar"
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.text_box, 1)
        layout.addWidget(self._previous)
        layout.addWidget(self._next)
        layout.addWidget(self._status)
        layout.addStretch(1)
        layout.addWidget(self._close)
        self._connect_signals()
        self.hide()

    def _connect_signals(self) -> None:
        self.text_box.returnPressed.connect(self._on_return)
        self.text_box.textChanged.connect(self.text_changed)
        self._previous.clicked.connect(self.find_previous)
        self._next.clicked.connect(self.find_next)
        self._close.clicked.connect(self.close_bar)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        return button

    def open_bar(self) -> None:
        """Show the bar with its text selected, ready to type over."""
        was_hidden = self.isHidden()
        self.show()
        if was_hidden and self.text():
            self.text_changed.emit(self.text())  # highlight the last search's matches again
        self.text_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_box.selectAll()

    def close_bar(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def text(self) -> str:
        return self.text_box.text()

    def status_text(self) -> str:
        """What the bar says about the last search ("3 of 17 (old 9, new 8)", "Not found")."""
        return self._status.text()

    def find_next(self) -> None:
        self._request(backward=False)

    def find_previous(self) -> None:
        self._request(backward=True)

    def _request(self, *, backward: bool) -> None:
        if self.text():
            self.find_requested.emit(self.text(), backward)

    def show_result(self, result: FindResult) -> None:
        """Tell the person how many matches there are and which one is shown."""
        self._status.setText(result.text() if self.text().strip() else "")
        missing = bool(self.text().strip()) and not result.found
        self.text_box.setStyleSheet(
            f"QLineEdit {{ background: {ERROR_BACKGROUND}; }}" if missing else ""
        )

    def _on_return(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self._request(backward=bool(shift))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
