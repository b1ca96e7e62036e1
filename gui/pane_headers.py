"""The small captions above the two panes: which file each shows, and its fiscal year."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.model import Filing
from core.report.labels import file_name, form_and_year, source_label
from gui.elided_label import ElidedLabel
from gui.pane_document import SIDE_NAMES


def filing_caption(filing: Filing) -> str:
    """'iij-20f-fy2008.txt — 20-F FY2008 — 45 factors'"""
    parts = [file_name(filing)]
    form_year = form_and_year(filing)
    if form_year:
        parts.append(form_year)
    count = len(filing.factors)
    parts.append(f"{count} factor{'s' if count != 1 else ''}")
    return " — ".join(parts)


def filing_tooltip(filing: Filing) -> str:
    """The file's path and, for a filing downloaded from EDGAR, where it came from (plain
    text: `PaneHeaders.set_text` shows it as written)."""
    source = filing.source
    if source is None:
        return filing.path
    return f"{filing.path}\nFrom EDGAR: {source_label(source)}\n{source.url}"


class PaneHeaders(QWidget):
    """Two captions kept exactly above the panes they describe, however wide the dock is."""

    def __init__(self, panes: tuple[QWidget, QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panes = panes
        self.labels = tuple(ElidedLabel(self) for _ in panes)
        for side, label in enumerate(self.labels):
            label.setObjectName(f"paneHeader{side}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            label.setIndent(6)
            label.setAccessibleName(f"{SIDE_NAMES[side]} filing")
        height = self.fontMetrics().height() + 8
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for pane in panes:
            pane.installEventFilter(self)

    def set_text(self, side: int, text: str, tooltip: str = "") -> None:
        """The caption of `side`; shortened with "…" when the pane is narrower, the whole
        caption and `tooltip` (the file's path) then in its tooltip."""
        self.labels[side].set_full_text(f"{SIDE_NAMES[side]}: {text}", tooltip)

    def text(self, side: int) -> str:
        return self.labels[side].full_text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self._place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  Qt's name
        self._place()

    def _place(self) -> None:
        window = self.window()
        for pane, label in zip(self._panes, self.labels, strict=True):
            left = self.mapFrom(window, pane.mapTo(window, QPoint(0, 0))).x()
            label.setGeometry(left, 0, pane.width(), self.height())
