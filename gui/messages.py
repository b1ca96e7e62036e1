"""The one place user-facing messages go.

A `FactorDiffError` is something the person can act on (a file without a Risk Factors section,
an empty file): its message is shown in the window's message bar, which does not block. Any other
exception is a bug: it is logged with its traceback and shown in a dialog whose details hold the
traceback, so nothing is swallowed.
"""

from __future__ import annotations

import logging
import traceback
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStyle,
    QToolButton,
    QWidget,
)

from core.errors import FactorDiffError

log = logging.getLogger("factordiff")


class Level(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# The tint of anything that reports a failure (here, and the find box when nothing is found).
ERROR_BACKGROUND = "#fde2e1"
# Background, text colour and icon per level; the colours read on the light and the dark theme.
_LOOKS = {
    Level.INFO: ("#dbeafe", "#1e3a5f", QStyle.StandardPixmap.SP_MessageBoxInformation),
    Level.WARNING: ("#fef3c7", "#5c3d00", QStyle.StandardPixmap.SP_MessageBoxWarning),
    Level.ERROR: (ERROR_BACKGROUND, "#7a1212", QStyle.StandardPixmap.SP_MessageBoxCritical),
}


def bar_close_button(style: QStyle, *, tip: str, name: str) -> QToolButton:
    """The flat close button at the right end of a bar (message bar, find bar)."""
    button = QToolButton()
    button.setAutoRaise(True)
    button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
    button.setToolTip(tip)
    button.setAccessibleName(name)
    return button


class MessageBar(QWidget):
    """A strip above the comparison showing one message until closed or replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._icon = QLabel()
        self._text = QLabel()
        self._text.setWordWrap(True)
        # Messages quote filing text and file names: never read them as markup.
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setObjectName("messageText")
        close = bar_close_button(self.style(), tip="Close this message", name="Close message")
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        layout.addWidget(close)
        self.hide()

    def text(self) -> str:
        return self._text.text()

    def show_message(self, text: str, level: Level = Level.INFO) -> None:
        background, foreground, icon = _LOOKS[level]
        self.setStyleSheet(
            f"#messageBar {{ background: {background}; border-bottom: 1px solid {foreground}; }}"
            f"#messageText {{ color: {foreground}; }}"
        )
        self._icon.setPixmap(self.style().standardIcon(icon).pixmap(20, 20))
        self._text.setText(text)
        self.show()

    def dismiss(self) -> None:
        self.hide()


class Messenger:
    """Routes messages and errors of one window to its message bar or a dialog."""

    def __init__(self, window: QWidget, bar: MessageBar) -> None:
        self._window = window
        self._bar = bar
        self.last_dialog: QMessageBox | None = None

    def info(self, text: str) -> None:
        self._bar.show_message(text, Level.INFO)

    def warn(self, text: str) -> None:
        self._bar.show_message(text, Level.WARNING)

    def clear(self) -> None:
        self._bar.dismiss()

    def error(self, error: BaseException, *, doing: str = "") -> None:
        """Tell the person about `error`; `doing` says what failed ("Comparing a.htm and b.htm")."""
        prefix = f"{doing}: " if doing else ""
        if isinstance(error, FactorDiffError):
            log.info("%s%s", prefix, error)
            self._bar.show_message(f"{prefix}{error}", Level.ERROR)
            return
        log.error("%sunexpected error", prefix, exc_info=error)
        self.unexpected(error, doing=doing)

    def unexpected(self, error: BaseException, *, doing: str = "") -> None:
        """A dialog for a bug: the short message, and the traceback under "Show Details"."""
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle("FactorDiff — unexpected error")
        what = f"{doing} failed" if doing else "Something went wrong"
        box.setText(f"{what} because of an error in FactorDiff:\n\n{type(error).__name__}: {error}")
        box.setInformativeText("The details below can be copied into a bug report.")
        box.setDetailedText(details)
        self.last_dialog = box
        # open() is window-modal without a nested event loop: the worker keeps running.
        box.open()
