"""A one-line label that never cuts its text: a shorter wording, then "…", and a tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from gui.plain_text import tooltip_text


class ElidedLabel(QLabel):
    """A one-line label that, when narrower than its text, shows a shorter wording, else
    shortens that with "…"; the whole text is in its tooltip then. It is never narrower than
    its short wording, when it has one."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._mode = mode
        self._full = ""
        self._short = ""
        self._tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the text may come from a filing

    def set_full_text(self, text: str, tip: str = "", *, short: str = "") -> None:
        self._full = text
        self._short = short or text
        self._tip = tip
        least = self.fontMetrics().horizontalAdvance(short) + 4 if short else 0
        self.setMinimumWidth(least)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        width = self.width()
        if metrics.horizontalAdvance(self._full) <= width:
            shown = self._full
        else:
            shown = metrics.elidedText(self._short, self._mode, width)
        self.setText(shown)
        whole = self._full if shown != self._full else ""
        self.setToolTip(tooltip_text("\n\n".join(part for part in (whole, self._tip) if part)))
