"""The factor tree: the dock's widget with a search box, filter buttons and the tree of pairs.

The rows come from `FactorTreeModel` (gui.factor_tree_model) through `FactorFilter`
(gui.factor_filter); this module is the view and what choosing a row does.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.diff.options import EXACT, DiffOptions
from core.model import Comparison
from gui.factor_filter import FactorFilter
from gui.factor_tree_model import (
    CHANGED_COLUMN,
    FACTOR_COLUMN,
    PAIR_ROLE,
    STATUS_COLUMN,
    FactorTreeModel,
)


class FactorTree(QWidget):
    """Search box, filter buttons and the tree of pairs.

    Signals:
        pair_activated(int): the person chose a pair (click, keys, Enter).
    """

    pair_activated = Signal(int)

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
        self._buttons = QHBoxLayout()
        self._buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons.addWidget(self.search_box, 1)

        self.view = QTreeView()
        self.view.setModel(self.filter)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName("Factors")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FACTOR_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHANGED_COLUMN, QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(self._buttons)
        layout.addWidget(self.view, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search_box.textChanged.connect(self.set_search)
        self.search_box.returnPressed.connect(self._enter_list)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)
        # A click on the row that is already current (the panes follow scrolling, so it is the
        # pair at the top) brings that pair's start back to the top.
        self.view.clicked.connect(self._on_activated)
        self.model.modelReset.connect(self.view.expandAll)
        self.filter.layoutChanged.connect(self.view.expandAll)
        self.filter.rowsInserted.connect(self.view.expandAll)

    def _enter_list(self) -> None:
        """Enter in the search box: go to the first factor listed, keyboard in the list."""
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        shown = self.visible_pairs()
        if shown:
            self.select_pair(shown[0])

    def add_filter_action(self, action: QAction) -> QToolButton:
        """A button beside the search box for a (checkable) window action."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._buttons.addWidget(button)
        return button

    def set_comparison(
        self, comparison: Comparison | None, *, options: DiffOptions = EXACT
    ) -> None:
        """Show `comparison`, counted under the panes' diff `options` (see the model)."""
        self.model.set_comparison(comparison, options=options)
        self.view.expandAll()

    def set_only_changes(self, only: bool) -> None:
        self.filter.set_only_changes(only)
        self.view.expandAll()

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
