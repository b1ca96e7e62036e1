"""The strip under the comparison: pairs per status, and how much of the wording was kept.

Each status count is a button: a click lists only the pairs of that status in the factor tree,
a second click lists them all again. The similarity reads in plain words ("Wording kept: 95%
of words"), its three measures in the tooltip; on a narrow window it is shortened with "…"
rather than cut, and the counts drop their words before anything else goes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QToolButton, QWidget

from core.model import STATUS_ORDER, Comparison, Status
from core.report.labels import similarity_measures, status_word, wording_kept
from gui.badges import status_icon
from gui.elided_label import ElidedLabel

_ICON_SIZE = 14


class SummaryBar(QWidget):
    """One button (badge, count, word) per status, then the wording kept.

    Signals:
        status_chosen(object): a count was clicked: the Status to list alone, or None to
            list every pair again.
        passage_chosen(int): the moved passages' count was clicked: the index (in
            Comparison.moved_passages) of the next passage to show, one after another.
    """

    status_chosen = Signal(object)
    passage_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryBar")
        layout = self._layout = QHBoxLayout(self)
        # The bar's least width is that of the short counts (see minimumSizeHint), not of
        # the full ones the layout would insist on.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(8, 1, 8, 1)
        layout.setSpacing(2)
        self._counts: dict[Status, QToolButton] = {}
        self._numbers: dict[Status, int] = {}
        for status in STATUS_ORDER:
            button = QToolButton()
            button.setIcon(status_icon(status))
            button.setIconSize(QSize(_ICON_SIZE, _ICON_SIZE))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setCheckable(True)
            button.setAccessibleName(f"{status_word(status)} factors")
            button.setToolTip(f"List only the {status.value} factors (click again for all)")
            button.clicked.connect(lambda checked, status=status: self._on_clicked(status, checked))
            layout.addWidget(button)
            self._counts[status] = button
        # Passages moved between factors: counted apart from added and removed words; each
        # click shows the next one.
        self._passages = QToolButton()
        self._passages.setAutoRaise(True)
        self._passages.setAccessibleName("Passages moved between factors")
        self._passages.clicked.connect(self._next_passage)
        self._passage_count = 0
        self._passage_at = -1
        layout.addSpacing(6)
        layout.addWidget(self._passages)
        self._similarity = ElidedLabel()
        self._similarity.setAccessibleName("Section similarity")
        self._similarity.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addSpacing(10)
        layout.addWidget(self._similarity, 1)
        self._short = False
        self._minimum: tuple[tuple[object, ...], QSize] | None = None
        self.set_comparison(None)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.choose(None)
        for status, button in self._counts.items():
            count = comparison.summary.counts.get(status, 0) if comparison else 0
            self._numbers[status] = count
            button.setEnabled(count > 0)
        self._label_counts()
        passages = comparison.moved_passages if comparison else ()
        self._passage_count, self._passage_at = len(passages), -1
        self._passages.setVisible(bool(passages))
        if passages:
            words = sum(passage.words for passage in passages)
            plural = "s" if len(passages) != 1 else ""
            self._passages.setText(f"\u21aa {len(passages)} passage{plural} moved")
            self._passages.setToolTip(
                f"{len(passages)} passage{plural} ({words} words) left one factor for another:"
                " counted as moved, not as added or removed. Click to show each in turn."
            )
        if comparison is None:
            self._similarity.set_full_text("")
            return
        similarity = comparison.summary.similarity
        kept = wording_kept(similarity)
        self._similarity.set_full_text(
            kept,
            "How much of the Risk Factors section's wording the new filing kept.\n"
            + similarity_measures(similarity).replace("; ", ";\n"),
            short=kept.replace("Wording kept: ", "Kept ").replace(" of words", ""),
        )

    def choose(self, status: Status | None) -> None:
        """Show `status` as the one listed (None: all), without telling anyone."""
        for each, button in self._counts.items():
            button.setChecked(each is status)

    def chosen(self) -> Status | None:
        return next((status for status, b in self._counts.items() if b.isChecked()), None)

    def counts_text(self) -> dict[Status, str]:
        """What each count reads in full, e.g. {Status.ADDED: "3 added", ...}."""
        return {status: self._count_text(status, short=False) for status in self._counts}

    def count_button(self, status: Status) -> QToolButton:
        return self._counts[status]

    def similarity_text(self) -> str:
        """The similarity in full (the label may show it shortened)."""
        return self._similarity.full_text()

    def passages_button(self) -> QToolButton:
        return self._passages

    def _next_passage(self) -> None:
        if self._passage_count:
            self._passage_at = (self._passage_at + 1) % self._passage_count
            self.passage_chosen.emit(self._passage_at)

    def _on_clicked(self, status: Status, checked: bool) -> None:
        self.choose(status if checked else None)
        self.status_chosen.emit(status if checked else None)

    def _count_text(self, status: Status, *, short: bool) -> str:
        count = self._numbers.get(status, 0)
        return str(count) if short else f"{count} {status.value}"

    def _label_counts(self) -> None:
        for status, button in self._counts.items():
            button.setText(self._count_text(status, short=self._short))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Measured once per set of numbers and font: measuring relabels the buttons, which
        # asks the layout to measure again, and so on at every turn of the event loop.
        key = (tuple(self._numbers.items()), self.font().key())
        if self._minimum is not None and self._minimum[0] == key:
            return self._minimum[1]
        size = self._measure_minimum()
        self._minimum = (key, size)
        return size

    def _measure_minimum(self) -> QSize:
        short = self._short
        self._short = True
        self._label_counts()
        margins = self._layout.contentsMargins()
        width = sum(button.sizeHint().width() for button in self._counts.values())
        width += self._layout.spacing() * len(self._counts) + margins.left() + margins.right()
        height = max(button.sizeHint().height() for button in self._counts.values())
        self._short = short
        self._label_counts()
        return QSize(width, height + margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.minimumSizeHint().width(), self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # The counts keep their numbers and badges; their words go first when room is short
        # (the tooltip and the accessible name still say what each counts).
        self._short = False
        self._label_counts()
        needed = sum(button.sizeHint().width() for button in self._counts.values())
        if needed > self.width() * 0.75:
            self._short = True
            self._label_counts()
