"""The factor tree: the dock's widget with a search box, filter buttons and the tree of pairs.

The rows come from `FactorTreeModel` (gui.factor_tree_model) through `FactorFilter`
(gui.factor_filter); this module is the view and what choosing a row does. A click on a column
header sorts the pairs by it (a flat list, across categories), a second click reverses the
order and a third goes back to filing order under the categories.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.diff.options import EXACT, DiffOptions
from core.model import Comparison, Status
from core.report.change_share import SIGNS_ONLY_TEXT
from core.report.labels import status_word
from core.review.model import Mark, ReviewState
from gui.factor_filter import FactorFilter
from gui.factor_tree_model import (
    CHANGED_COLUMN,
    CORRECTED_SIGN,
    FACTOR_COLUMN,
    NOTE_SIGN,
    PAIR_ROLE,
    REVIEW_COLUMN,
    REVIEW_SIGNS,
    STATUS_COLUMN,
    FactorTreeModel,
    PairRow,
)

# The review filter's choices, in the order the box lists them.
REVIEW_FILTERS: tuple[tuple[str, ReviewState | None], ...] = (
    ("All", None),
    ("Unreviewed", ReviewState.UNREVIEWED),
    ("Flagged", ReviewState.FLAGGED),
)

# The columns as wide as what they show (the Factor column takes the rest), and the widest
# texts each may show.
FITTED_COLUMNS = (STATUS_COLUMN, CHANGED_COLUMN, REVIEW_COLUMN)
COLUMN_TEXTS = {
    STATUS_COLUMN: tuple(status_word(status) for status in Status),
    CHANGED_COLUMN: ("100%", "<1%", SIGNS_ONLY_TEXT),
    REVIEW_COLUMN: tuple(
        " ".join((sign, NOTE_SIGN, CORRECTED_SIGN)) for sign in REVIEW_SIGNS.values() if sign
    ),
}

# Below this width the list hides its Status column (the badges still tell the status).
STATUS_COLUMN_MIN_LIST_WIDTH = 400


class FactorTree(QWidget):
    """Search box, filter buttons and the tree of pairs.

    Signals:
        pair_activated(int): the person chose a pair (click, keys, Enter).
        search_bodies_changed(bool): "search the text too" was switched on or off.
        pair_menu_requested(int, QPoint): a right-click on a pair's row, at a global point.
        pair_dropped(int, int): a pair's row was dragged onto another pair's row (to pair
            their factors).
    """

    pair_activated = Signal(int)
    search_bodies_changed = Signal(bool)
    pair_menu_requested = Signal(int, QPoint)  # pair, where (global)
    pair_dropped = Signal(int, int)  # dragged pair, pair dropped onto

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FactorTreeModel(self)
        self.filter = FactorFilter(self)
        self.filter.setSourceModel(self.model)
        self._following = False

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Filter factors…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Filter factors by heading or category")
        self.text_toggle = QToolButton()
        self.text_toggle.setText("In text")
        self.text_toggle.setCheckable(True)
        self.text_toggle.setToolTip(
            "Also list factors whose text (not only heading or category) contains the words"
        )
        self._buttons = QHBoxLayout()
        self._buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons.addWidget(self.search_box, 1)
        self._buttons.addWidget(self.text_toggle)
        self._review_row = self._build_review_filter()

        self.view = QTreeView()
        self.view.setModel(self.filter)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        # Ctrl+click selects a second row: an old and a new factor to pair by hand.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.LinkAction)
        self.view.setDropIndicatorShown(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName("Factors")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FACTOR_COLUMN, QHeaderView.ResizeMode.Stretch)
        # As wide as the widest thing each can show (`_fit_columns`), not measured by the
        # header: ResizeToContents measures every row again on each change of a row, which
        # made marking a review's pairs take a fifth of a second on a large filing.
        for column in FITTED_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._sorted: tuple[int, Qt.SortOrder] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(self._buttons)
        layout.addLayout(self._review_row)
        layout.addWidget(self.view, 1)
        self._fit_columns()
        self._connect_signals()

    def _build_review_filter(self) -> QHBoxLayout:
        """The review filter's row (All / Unreviewed / Flagged)."""
        self.review_box = QComboBox()
        for text, state in REVIEW_FILTERS:
            self.review_box.addItem(text, state)
        self.review_box.setToolTip(
            "List every factor, only the changes not yet reviewed, or only flagged ones"
        )
        self.review_box.setAccessibleName("Review filter")
        # A row of its own: beside the search box it would keep the list from getting narrow.
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        shown = QLabel("Review:")
        shown.setBuddy(self.review_box)
        row.addWidget(shown)
        row.addWidget(self.review_box)
        row.addStretch(1)
        return row

    def _connect_signals(self) -> None:
        self.search_box.textChanged.connect(self.set_search)
        self.search_box.returnPressed.connect(self._enter_list)
        self.text_toggle.toggled.connect(self.set_search_bodies)
        self.review_box.currentIndexChanged.connect(self._on_review_filter)
        self.view.header().sectionClicked.connect(self._on_header_clicked)
        self.model.pair_dropped.connect(self.pair_dropped)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)
        # A click on the row that is already current (the panes follow scrolling, so it is the
        # pair at the top) brings that pair's start back to the top.
        self.view.clicked.connect(self._on_activated)
        self.model.modelReset.connect(self.view.expandAll)
        self.filter.layoutChanged.connect(self.view.expandAll)
        self.filter.rowsInserted.connect(self.view.expandAll)

    def _on_context_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        pair_index = int(index.data(PAIR_ROLE)) if index.isValid() else -1
        if pair_index >= 0:
            self.pair_menu_requested.emit(pair_index, self.view.viewport().mapToGlobal(position))

    def _enter_list(self) -> None:
        """Enter in the search box: go to the first factor listed, keyboard in the list."""
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        shown = self.visible_pairs()
        if shown:
            self.select_pair(shown[0])

    def set_comparison(
        self,
        comparison: Comparison | None,
        *,
        options: DiffOptions = EXACT,
        rows: Sequence[PairRow] | None = None,
    ) -> None:
        """Show `comparison`, counted under the panes' diff `options`, from its `rows` if
        they were worked out already (see the model)."""
        self.model.set_comparison(comparison, options=options, rows=rows)  # expanded on reset

    def set_only_changes(self, only: bool) -> None:
        self.filter.set_only_changes(only)
        self.view.expandAll()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  Qt's name
        super().resizeEvent(event)
        # A narrow list gives the headings the Status column's room: the badge beside each
        # heading shows the status too (a wider list, or a sort by status, brings it back).
        narrow = self.width() < STATUS_COLUMN_MIN_LIST_WIDTH
        sorted_by_status = self._sorted is not None and self._sorted[0] == STATUS_COLUMN
        self.view.setColumnHidden(STATUS_COLUMN, narrow and not sorted_by_status)

    def set_search_bodies(self, bodies: bool) -> None:
        """Search the factors' text too (the "In text" button)."""
        if self.text_toggle.isChecked() != bodies:
            self.text_toggle.setChecked(bodies)  # comes back here through toggled
            return
        self.filter.set_search_bodies(bodies)
        self.view.expandAll()
        self.search_bodies_changed.emit(bodies)

    def set_status_filter(self, status: Status | None) -> None:
        """List only the pairs of `status` (None: all, as the other filters allow)."""
        if status != self.filter.status():
            self.filter.set_status(status)
            self.view.expandAll()

    def set_marks(self, marks: tuple[Mark, ...]) -> None:
        """Show the review's mark of each pair in the review column."""
        self.model.set_marks(marks)
        if self.filter.review() is not None:
            self.view.expandAll()  # rows the review filter lets through again come folded

    def _fit_columns(self) -> None:
        """Each fitted column as wide as its title or the widest text it may show."""
        metrics = self.view.fontMetrics()
        # The item's margins and focus frame, and room to breathe.
        padding = 2 * self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
        header = self.view.header()
        for column in FITTED_COLUMNS:
            widest = max(metrics.horizontalAdvance(text) for text in COLUMN_TEXTS[column])
            header.resizeSection(column, max(header.sectionSizeHint(column), widest + padding))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()

    def set_review_filter(self, state: ReviewState | None) -> None:
        """List only the changes in review `state` (None: all, as the other filters allow)."""
        row = next(row for row, (_, shown) in enumerate(REVIEW_FILTERS) if shown == state)
        if self.review_box.currentIndex() != row:
            self.review_box.setCurrentIndex(row)  # comes back here through the box
            return
        self.filter.set_review(state)
        self.view.expandAll()

    def _on_review_filter(self, row: int) -> None:
        self.set_review_filter(REVIEW_FILTERS[row][1])

    # Sorting

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the pairs by `column` in one flat list; column -1 is filing order."""
        current = self.current_pair()
        header = self.view.header()
        if column < 0:
            self._sorted = None
            self.filter.sort(-1)
            self.model.set_flat(False)
            header.setSortIndicatorShown(False)
        else:
            self._sorted = (column, order)
            self.model.set_flat(True)
            self.filter.sort(column, order)
            header.setSortIndicatorShown(True)
            header.setSortIndicator(column, order)
            self.view.setColumnHidden(column, False)
        self.view.expandAll()
        if current >= 0:
            self.follow_pair(current)

    def sorting(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order the pairs are sorted by, None in filing order."""
        return self._sorted

    def _on_header_clicked(self, column: int) -> None:
        """Ascending, then descending, then back to filing order."""
        ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
        if self._sorted is None or self._sorted[0] != column:
            # The biggest change first is what a reader sorting by change wants.
            first = descending if column == CHANGED_COLUMN else ascending
            self.sort_by(column, first)
        elif self._sorted[1] != (descending if column == CHANGED_COLUMN else ascending):
            self.sort_by(-1)
        else:
            self.sort_by(column, ascending if self._sorted[1] == descending else descending)

    def set_search(self, text: str) -> None:
        if self.search_box.text() != text:
            self.search_box.setText(text)  # comes back here through textChanged
            return
        self.filter.set_search(text)
        self.view.expandAll()

    def visible_pairs(self) -> list[int]:
        """Pair indexes of the rows shown, top to bottom (what a person sees in the tree)."""
        shown: list[int] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.filter.rowCount(parent)):
                index = self.filter.index(row, 0, parent)
                pair_index = index.data(PAIR_ROLE)
                if pair_index >= 0:
                    shown.append(pair_index)
                walk(index)

        walk(QModelIndex())
        return shown

    def selected_pairs(self) -> list[int]:
        """The pairs of the selected rows, in list order (category rows left out)."""
        rows = self.view.selectionModel().selectedRows(0)
        pairs = {int(index.data(PAIR_ROLE)) for index in rows}
        return sorted(pair for pair in pairs if pair >= 0)

    def current_pair(self) -> int:
        index = self.view.currentIndex()
        return int(index.data(PAIR_ROLE)) if index.isValid() else -1

    def view_index_of_pair(self, pair_index: int) -> QModelIndex:
        return self.filter.mapFromSource(self.model.index_of_pair(pair_index))

    def select_pair(self, pair_index: int) -> None:
        """Select the row of a pair as the person would (moves the panes through pair_activated)."""
        index = self.view_index_of_pair(pair_index)
        if not index.isValid():
            return
        if index == self.view.currentIndex():
            self._on_activated(index)  # chosen again: the panes may have scrolled away from it
        else:
            self.view.setCurrentIndex(index)

    def follow_pair(self, pair_index: int) -> None:
        """Make the pair's row current without telling anyone: the panes moved there already."""
        index = self.view_index_of_pair(pair_index)
        if not index.isValid() or index == self.view.currentIndex():
            return
        self._following = True
        try:
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)
        finally:
            self._following = False

    def _first_pair_at(self, index: QModelIndex) -> int:
        """The pair of a pair row, or the first pair shown below a category row."""
        while index.isValid():
            pair_index = int(index.data(PAIR_ROLE))
            if pair_index >= 0:
                return pair_index
            index = self.filter.index(0, 0, index)
        return -1

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._following:
            self._on_activated(current)

    def _on_activated(self, index: QModelIndex) -> None:
        pair_index = self._first_pair_at(index.siblingAtColumn(0))
        if pair_index >= 0:
            self.pair_activated.emit(pair_index)
