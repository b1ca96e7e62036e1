"""The factor tree's model: every pair of a Comparison under its category, with its status and
the share of its words that changed.

`FactorTreeModel` is a QStandardItemModel: category rows are parents (nested as the filing
nests them), pair rows are their children, in the comparison's reading order. The text outside
the factors has rows of its own where it reads, named in italics ("Introduction", "Risks
Related to X — introduction", "Closing"). Each row answers the roles below, which the filter
(gui.factor_filter) and the view (gui.factor_tree) read. What a pair's row shows is worked out
without Qt first (`pair_rows`, which may run off the UI thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget

from core.diff.options import EXACT, DiffOptions
from core.diff.pair import pair_diff
from core.model import STATUS_ORDER, Comparison, Pair, Status
from core.report.change_share import pair_heading, share_text, signs_only
from core.report.labels import (
    NEW_SIDE,
    changed_share,
    move_label,
    moved_words_note,
    pair_category,
    pair_factors,
    pair_passages,
    status_label,
    status_word,
)
from core.review.model import Mark, ReviewState
from gui.badges import status_icon
from gui.plain_text import tooltip_text

PAIR_ROLE = Qt.ItemDataRole.UserRole + 1  # int: index into comparison.pairs, -1 for a category
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # str: Status value, "" for a category
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # str: lower-case text the search box matches
SORT_ROLE = Qt.ItemDataRole.UserRole + 4  # value to sort the column by
BODY_ROLE = Qt.ItemDataRole.UserRole + 5  # str: lower-case text of the factors' bodies
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 6  # str: ReviewState value, "" for a category
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 7  # bool: the pair is a change (core.diff.pair)

COLUMNS = ("Factor", "Status", "Changed", "Review")
FACTOR_COLUMN, STATUS_COLUMN, CHANGED_COLUMN, REVIEW_COLUMN = range(len(COLUMNS))
# The review column: a tick for a reviewed pair, a flag for a flagged one, a pencil for a note.
REVIEW_SIGNS = {ReviewState.REVIEWED: "✓", ReviewState.FLAGGED: "⚑", ReviewState.UNREVIEWED: ""}
NOTE_SIGN = "✎"
# A pair whose pairing the reviewer set by hand (core.model.Pair.corrected).
CORRECTED_SIGN = "⇄"
CORRECTED_WORDS = "Pairing set by the reviewer"
# A row dragged onto another (to pair their factors) carries its pair index as this type.
PAIR_MIME = "application/x-factordiff-pair"

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class PairRow:
    """What the row of one pair shows, worked out without Qt (see `pair_rows`)."""

    pair_index: int
    pair: Pair
    category: tuple[str, ...]
    heading: str
    search_text: str  # lower case: headings and category
    body_text: str  # lower case: the factors' or passages' text
    changed_share: float
    signs_only: bool  # no word changed, yet punctuation or symbols did (and are marked)
    is_change: bool  # under the tree's diff options, as the panes show it
    tooltip: str


def pair_rows(comparison: Comparison, *, options: DiffOptions = EXACT) -> tuple[PairRow, ...]:
    """The row of every pair of `comparison`, in reading order, its changed words counted
    under `options` (see core.diff.pair.recounted)."""
    return tuple(
        _pair_row(comparison, index, pair, options) for index, pair in enumerate(comparison.pairs)
    )


def _pair_row(comparison: Comparison, index: int, pair: Pair, options: DiffOptions) -> PairRow:
    category = pair_category(comparison, pair)
    heading = pair_heading(comparison, pair)
    if pair.passage:
        old_passages, new_passages = pair_passages(comparison, pair)
        words = [heading, *category]
        bodies = [passage.text for passage in old_passages + new_passages]
    else:
        old, new = pair_factors(comparison, pair)
        words = [factor.heading for factor in old + new] + list(category)
        bodies = [factor.body for factor in old + new]
    share = changed_share(comparison, pair)
    only_signs = share == 0 and signs_only(comparison, pair, options=options)
    return PairRow(
        pair_index=index,
        pair=pair,
        category=category,
        heading=heading,
        search_text=" ".join(words).casefold(),
        body_text=" ".join(" ".join(body.split()) for body in bodies).casefold(),
        changed_share=share,
        signs_only=only_signs,
        is_change=pair_diff(comparison, pair, options=options).is_change,
        tooltip=tooltip_text(_tooltip(comparison, pair, heading, share, only_signs)),
    )


_SIGNS_ONLY_SORT = 1e-9  # between the unchanged (0) and the smallest word change
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_PAIR_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
_UNCHANGED_INK = QColor(128, 128, 128)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FactorTreeModel(QStandardItemModel):
    """Categories and pairs of one Comparison (or nothing); `set_flat(True)` lists the pairs
    without their categories (for sorting them across the whole filing).

    The rows are QStandardItems holding every role's value: a view painting the list asks
    for thousands of them, answered in C++ (a model answering in Python took 13-19 ms to
    paint the list of a large comparison, three times as long).

    Signals:
        pair_dropped(int, int): the row of one pair was dragged onto the row of another.
    """

    pair_dropped = Signal(int, int)  # dragged pair, pair dropped onto

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setHeaderData(
            CHANGED_COLUMN,
            Qt.Orientation.Horizontal,
            "Share of the factor's words that were added or removed",
            Qt.ItemDataRole.ToolTipRole,
        )
        self.invisibleRootItem().setFlags(Qt.ItemFlag.NoItemFlags)
        self._comparison: Comparison | None = None
        self._options = EXACT
        self._flat = False
        self._rows: tuple[PairRow, ...] = ()
        # The row (its first item) of each pair, by pair index.
        self._pair_items: dict[int, QStandardItem] = {}
        self._marks: tuple[Mark, ...] = ()

    # Building

    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_comparison(
        self,
        comparison: Comparison | None,
        *,
        options: DiffOptions = EXACT,
        rows: Sequence[PairRow] | None = None,
    ) -> None:
        """Show `comparison`, its changed words counted under `options` (see
        core.diff.pair.recounted); `options` also decide which differences are no change.
        `rows`: its `pair_rows` under those options, if worked out already (off the UI
        thread)."""
        self._comparison = comparison
        self._options = options
        self._marks = ()
        if comparison is None:
            self._rows = ()
        elif rows is not None and len(rows) == len(comparison.pairs):
            self._rows = tuple(rows)
        else:
            self._rows = pair_rows(comparison, options=options)
        self._rebuild()

    def set_marks(self, marks: tuple[Mark, ...]) -> None:
        """The review's mark of each pair (`marks[k]` for pair k; () for no review)."""
        before, self._marks = self._marks, marks
        changed = [
            row
            for row in self._rows
            if _shown_mark(_mark_at(before, row.pair_index), row.pair)
            != _shown_mark(_mark_at(marks, row.pair_index), row.pair)
        ]
        # The items change quietly, then one signal per run of rows under one parent: a
        # signal per row made the filter re-examine the tree once per pair (a fresh review
        # of a large comparison held the window for a tenth of a second).
        blocked = self.blockSignals(True)
        try:
            for row in changed:
                self._show_mark(row)
        finally:
            self.blockSignals(blocked)
        runs: list[list[QStandardItem]] = []
        for row in changed:
            item = self._pair_items[row.pair_index]
            run = runs[-1] if runs else None
            if (
                run is not None
                and run[-1].parent() is item.parent()
                and (run[-1].row() + 1 == item.row())
            ):
                run.append(item)
            else:
                runs.append([item])
        for run in runs:
            first = run[0].index()
            last = run[-1].index().siblingAtColumn(REVIEW_COLUMN)
            self.dataChanged.emit(first, last)

    def _show_mark(self, row: PairRow) -> None:
        """Write the review's mark of `row`'s pair into its items."""
        first = self._pair_items[row.pair_index]
        parent = first.parent() or self.invisibleRootItem()
        items = [parent.child(first.row(), column) for column in range(len(COLUMNS))]
        mark = self.mark_of(row.pair_index)
        state = mark.state.value if mark is not None else ReviewState.UNREVIEWED.value
        for item in items:
            item.setData(state, REVIEW_ROLE)
        review = items[REVIEW_COLUMN]
        if mark is None:
            for role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
                review.setData(None, role)
            return
        review.setData(_review_text(mark, row.pair), Qt.ItemDataRole.DisplayRole)
        review.setData(list(ReviewState).index(mark.state), SORT_ROLE)
        lines = [review_tooltip(mark), CORRECTED_WORDS if row.pair.corrected else ""]
        review.setData(
            tooltip_text("\n".join(line for line in lines if line)), Qt.ItemDataRole.ToolTipRole
        )

    def mark_of(self, pair_index: int) -> Mark | None:
        return self._marks[pair_index] if 0 <= pair_index < len(self._marks) else None

    def flat(self) -> bool:
        return self._flat

    def set_flat(self, flat: bool) -> None:
        """List the pairs alone (True) or under their categories, in filing order (False)."""
        if flat == self._flat:
            return
        self._flat = flat
        self._rebuild()

    def _rebuild(self) -> None:
        """The rows anew, in one reset: the items change quietly in between (a signal per
        row made the filter and the view follow each one)."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            root.removeRows(0, root.rowCount())
            self._pair_items = {}
            for items in self._top_rows():
                root.appendRow(items)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _top_rows(self) -> list[list[QStandardItem]]:
        """The top-level rows, each with the rows below it attached."""
        top: list[list[QStandardItem]] = []
        # The open category rows, outermost first: (name, its first item).
        open_rows: list[tuple[str, QStandardItem]] = []
        for row in self._rows:
            # Consecutive pairs under the same category share its row; a category that comes
            # back later in reading order gets a row of its own there, so the tree reads in
            # the same order as the panes.
            category = () if self._flat else row.category
            kept = 0
            while (
                kept < min(len(category), len(open_rows)) and open_rows[kept][0] == category[kept]
            ):
                kept += 1
            del open_rows[kept:]
            for name in category[kept:]:
                items = _category_items(name)
                _attach(top, open_rows, items)
                open_rows.append((name, items[0]))
            items = self._pair_items_of(row)
            _attach(top, open_rows, items)
            self._pair_items[row.pair_index] = items[0]
        return top

    def _pair_items_of(self, row: PairRow) -> list[QStandardItem]:
        pair = row.pair
        items = [QStandardItem() for _ in COLUMNS]
        for item in items:
            item.setFlags(_PAIR_FLAGS)
            item.setData(row.pair_index, PAIR_ROLE)
            item.setData(pair.status.value, STATUS_ROLE)
            item.setData(row.is_change, CHANGE_ROLE)
            item.setData(row.tooltip, Qt.ItemDataRole.ToolTipRole)
            if pair.status is Status.UNCHANGED:
                item.setData(_UNCHANGED_INK, Qt.ItemDataRole.ForegroundRole)
        factor, status, changed, review = items
        factor.setData(row.search_text, SEARCH_ROLE)
        factor.setData(row.body_text, BODY_ROLE)
        factor.setData(row.heading, Qt.ItemDataRole.DisplayRole)
        if pair.passage:
            font = QFont()
            font.setItalic(True)  # a passage's name, not a heading of the filing
            factor.setData(font, Qt.ItemDataRole.FontRole)
        factor.setData(row.pair_index, SORT_ROLE)  # sorted by position in the filings
        factor.setData(status_icon(pair.status), Qt.ItemDataRole.DecorationRole)
        status.setData(status_word(pair.status), Qt.ItemDataRole.DisplayRole)
        status.setData(STATUS_ORDER.index(pair.status), SORT_ROLE)
        changed.setData(
            share_text(row.changed_share, signs=row.signs_only), Qt.ItemDataRole.DisplayRole
        )
        changed.setData(_SIGNS_ONLY_SORT if row.signs_only else row.changed_share, SORT_ROLE)
        changed.setData(_RIGHT, Qt.ItemDataRole.TextAlignmentRole)
        review.setData(None, Qt.ItemDataRole.ToolTipRole)  # the mark's once there is one
        for item in items:
            item.setData(ReviewState.UNREVIEWED.value, REVIEW_ROLE)
        return items

    # Lookup

    def index_of_pair(self, pair_index: int) -> QModelIndex:
        item = self._pair_items.get(pair_index)
        return item.index() if item is not None else QModelIndex()

    def changed_share_of(self, pair_index: int) -> float:
        """The share of pair `pair_index`'s words that changed, as its row shows it."""
        rows = self._rows
        return rows[pair_index].changed_share if 0 <= pair_index < len(rows) else 0.0

    # Dragging a row onto another

    def mimeTypes(self) -> list[str]:  # noqa: N802  Qt's name
        return [PAIR_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802  Qt's name
        """The first pair among `indexes` (a drag carries one row)."""
        mime = QMimeData()
        pairs = [int(index.data(PAIR_ROLE)) for index in indexes if index.isValid()]
        chosen = next((pair for pair in pairs if pair >= 0), -1)
        mime.setData(PAIR_MIME, QByteArray(str(chosen).encode("ascii")))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802  Qt's name
        return Qt.DropAction.LinkAction

    def canDropMimeData(  # noqa: N802  Qt's name
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        return data.hasFormat(PAIR_MIME) and self._drop_target(row, parent) >= 0

    def dropMimeData(  # noqa: N802  Qt's name
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        """A row dropped on another: say so (the rows themselves never move)."""
        target = self._drop_target(row, parent)
        if not data.hasFormat(PAIR_MIME) or target < 0:
            return False
        try:
            source = int(bytes(data.data(PAIR_MIME).data()).decode("ascii"))
        except ValueError:
            return False
        if source >= 0 and source != target:
            self.pair_dropped.emit(source, target)
        return False  # nothing for the view to remove or insert

    def _drop_target(self, row: int, parent: AnyIndex) -> int:
        """The pair a drop lands on: the row under it (`row` -1), or the row it is before."""
        target = parent if row < 0 else self.index(row, 0, parent)
        if not target.isValid():
            return -1
        pair_index = target.data(PAIR_ROLE)
        return int(pair_index) if pair_index is not None else -1


def _category_items(name: str) -> list[QStandardItem]:
    """The row of a category: its name in bold, in the first of four items."""
    items = [QStandardItem() for _ in COLUMNS]
    for item in items:
        item.setFlags(_ROW_FLAGS)
        item.setData(-1, PAIR_ROLE)
        item.setData(False, CHANGE_ROLE)
        for role in (STATUS_ROLE, SEARCH_ROLE, BODY_ROLE, REVIEW_ROLE):
            item.setData("", role)
    first = items[FACTOR_COLUMN]
    first.setData(name, Qt.ItemDataRole.DisplayRole)
    first.setData(name, SORT_ROLE)
    first.setData(tooltip_text(name), Qt.ItemDataRole.ToolTipRole)
    font = QFont()
    font.setBold(True)
    first.setData(font, Qt.ItemDataRole.FontRole)
    return items


def _attach(
    top: list[list[QStandardItem]],
    open_rows: list[tuple[str, QStandardItem]],
    items: list[QStandardItem],
) -> None:
    """Put a row under the innermost open category, or at the top."""
    if open_rows:
        open_rows[-1][1].appendRow(items)
    else:
        top.append(items)


def _tooltip(
    comparison: Comparison, pair: Pair, heading: str, share: float, only_signs: bool
) -> str:
    if only_signs:
        change = "no word changed, only punctuation or symbols"
    else:
        change = f"{share_text(share)} of words changed"
    label = status_label(comparison, pair)
    # "Moved · 88% changed" says the share already; "Modified" is followed by it.
    lines = [label if label != status_word(pair.status) else f"{label} — {change}"]
    moved = move_label(comparison, pair, NEW_SIDE)
    if moved:
        lines.append(moved)
    if pair.corrected:
        lines.append(f"{CORRECTED_SIGN} {CORRECTED_WORDS}")
    if pair.passage:
        lines.append(f"{heading}: text of the section outside its risk factors")
    else:
        old, new = pair_factors(comparison, pair)
        lines += [f"Old: {factor.heading}" for factor in old]
        lines += [f"New: {factor.heading}" for factor in new]
    if pair.words_added or pair.words_removed:
        lines.append(f"{pair.words_added} words added, {pair.words_removed} removed")
    if moved_words := moved_words_note(pair):
        lines.append(f"{moved_words} (passages moved between factors)")
    return "\n".join(lines)


def _mark_at(marks: tuple[Mark, ...], index: int) -> Mark | None:
    return marks[index] if 0 <= index < len(marks) else None


def _review_text(mark: Mark, pair: Pair) -> str:
    """The review column of a pair's row: its state's signs, and ⇄ for a corrected pair."""
    signs = (review_sign(mark), CORRECTED_SIGN if pair.corrected else "")
    return " ".join(sign for sign in signs if sign)


def _shown_mark(mark: Mark | None, pair: Pair) -> tuple[str, str | None, str]:
    """What a row shows of its review mark: its state, the review column, its note."""
    if mark is None:
        return ReviewState.UNREVIEWED.value, None, ""
    return mark.state.value, _review_text(mark, pair), mark.note or ""


def review_sign(mark: Mark) -> str:
    """'✓', '⚑', '✓ ✎' ...: the state, and a pencil when the pair has a note."""
    signs = [REVIEW_SIGNS[mark.state], NOTE_SIGN if mark.note else ""]
    return " ".join(sign for sign in signs if sign)


def review_tooltip(mark: Mark) -> str:
    """The state and the note (shown as plain text: a note may quote the filing)."""
    words = {
        ReviewState.REVIEWED: "Reviewed",
        ReviewState.FLAGGED: "Flagged",
        ReviewState.UNREVIEWED: "Not reviewed",
    }
    lines = [words[mark.state] + (f" by {mark.reviewer}" if mark.reviewer else "")]
    if mark.note:
        lines.append(f"Note: {mark.note}")
    return "\n".join(lines)
