"""The factor tree's filter: only changed pairs, and pairs whose heading or category holds the
search text; a category stays visible while any pair below it does."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QWidget

from core.model import Status
from gui.factor_tree_model import SEARCH_ROLE, SORT_ROLE, STATUS_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex


class FactorFilter(QSortFilterProxyModel):
    """Shows pairs that pass both filters, and the categories above them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(SORT_ROLE)
        self._only_changes = False
        self._search = ""

    def only_changes(self) -> bool:
        return self._only_changes

    def set_only_changes(self, only: bool) -> None:
        if only != self._only_changes:
            self.beginFilterChange()
            self._only_changes = only
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle != self._search:
            self.beginFilterChange()
            self._search = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent)
        status = index.data(STATUS_ROLE)
        if not status:
            return False  # a category: shown (recursive filtering) when a pair below passes
        if self._only_changes and status == Status.UNCHANGED.value:
            return False
        return not self._search or self._search in index.data(SEARCH_ROLE)
