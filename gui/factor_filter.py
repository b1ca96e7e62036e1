"""The factor tree's filter: only changed pairs (a change as core.diff.pair.PairDiff.is_change
says, under the tree's diff options), or only pairs of one status, or of one review state; and
pairs whose heading or category (and, when asked, body text) holds the search text; a category
stays visible while any pair below it does."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QWidget

from core.model import Status
from core.review.model import ReviewState
from gui.factor_tree_model import (
    BODY_ROLE,
    CHANGE_ROLE,
    REVIEW_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    STATUS_ROLE,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class FactorFilter(QSortFilterProxyModel):
    """Shows pairs that pass both filters, and the categories above them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(SORT_ROLE)
        self._only_changes = False
        self._search = ""
        self._search_bodies = False
        self._status: Status | None = None
        self._review: ReviewState | None = None

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

    def search_bodies(self) -> bool:
        return self._search_bodies

    def set_search_bodies(self, bodies: bool) -> None:
        """Match the search text in the factors' text too, not only headings and categories."""
        if bodies != self._search_bodies:
            self.beginFilterChange()
            self._search_bodies = bodies
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def status(self) -> Status | None:
        return self._status

    def set_status(self, status: Status | None) -> None:
        """Show only pairs of `status` (None: any); it overrides "only changes"."""
        if status != self._status:
            self.beginFilterChange()
            self._status = status
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def review(self) -> ReviewState | None:
        return self._review

    def set_review(self, state: ReviewState | None) -> None:
        """Show only changes in review `state` (UNREVIEWED: the changes still to read;
        FLAGGED: the flagged pairs); None: whatever their review."""
        if state != self._review:
            self.beginFilterChange()
            self._review = state
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _review_accepts(self, change: bool, state: str) -> bool:
        if self._review is None:
            return True
        if not change and self._review is ReviewState.UNREVIEWED:
            return False  # nothing to review in a pair that is no change
        return state == self._review.value

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent)
        status = index.data(STATUS_ROLE)
        if not status:
            return False  # a category: shown (recursive filtering) when a pair below passes
        if self._status is not None:
            if status != self._status.value:
                return False
        elif self._only_changes and not index.data(CHANGE_ROLE):
            return False
        if not self._review_accepts(index.data(CHANGE_ROLE), index.data(REVIEW_ROLE)):
            return False
        if not self._search or self._search in index.data(SEARCH_ROLE):
            return True
        return self._search_bodies and self._search in index.data(BODY_ROLE)
