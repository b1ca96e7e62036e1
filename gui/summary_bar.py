"""The strip under the comparison: pairs per status, and how alike the two sections are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from core.model import STATUS_ORDER, Comparison, Status
from core.report.labels import status_word
from gui.badges import status_icon

_ICON_SIZE = 14


class SummaryBar(QWidget):
    """One badge + count + word per status, then the three section similarity measures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.setSpacing(14)
        self._counts: dict[Status, QLabel] = {}
        for status in STATUS_ORDER:
            icon = QLabel()
            icon.setPixmap(status_icon(status).pixmap(_ICON_SIZE, _ICON_SIZE))
            count = QLabel()
            count.setAccessibleName(f"{status_word(status)} factors")
            pair = QHBoxLayout()
            pair.setSpacing(4)
            pair.addWidget(icon)
            pair.addWidget(count)
            layout.addLayout(pair)
            self._counts[status] = count
        self._similarity = QLabel()
        self._similarity.setAccessibleName("Section similarity")
        # On a narrow window the measures give way (clipped) rather than squeezing the dock.
        self._similarity.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._similarity.setMinimumWidth(0)
        self._similarity.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._similarity.setToolTip(
            "How alike the two Risk Factors sections are as a whole (1.00 = identical):\n"
            "cosine of word counts, Jaccard of word sets, and the share of text kept\n"
            "(the measures of Cohen, Malloy and Nguyen, “Lazy Prices”)."
        )
        layout.addWidget(self._similarity, 1)
        self.set_comparison(None)

    def set_comparison(self, comparison: Comparison | None) -> None:
        for status, label in self._counts.items():
            count = comparison.summary.counts.get(status, 0) if comparison else 0
            label.setText(f"{count} {status_word(status).lower()}")
            label.setEnabled(count > 0)
        if comparison is None:
            self._similarity.setText("")
            return
        similarity = comparison.summary.similarity
        self._similarity.setText(
            f"Section similarity: cosine {similarity.cosine:.2f} · "
            f"Jaccard {similarity.jaccard:.2f} · kept {similarity.simple:.2f}"
        )

    def counts_text(self) -> dict[Status, str]:
        """What each count label reads, e.g. {Status.ADDED: "3 added", ...}."""
        return {status: label.text() for status, label in self._counts.items()}

    def similarity_text(self) -> str:
        return self._similarity.text()
