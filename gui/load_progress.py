"""The status bar's sign of a comparison being made: a progress bar and a Cancel button.

Both are hidden while nothing is loading. The bar is busy (indeterminate) until the loader's
first progress report, then shows done/total.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget


class LoadProgress(QWidget):
    """`cancel_button.clicked` is the person asking to stop; the window connects it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.bar.setFormat("Comparing… %p%")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop comparing; the comparison shown stays")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.stop()

    def start(self) -> None:
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.show()

    def report(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def stop(self) -> None:
        self.hide()
        self.bar.reset()
