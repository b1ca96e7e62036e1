"""The factor tree's model: every pair of a Comparison under its category, with its status and
the share of its words that changed.

`FactorTreeModel` is a QAbstractItemModel: category rows are parents (nested as the filing nests
them), pair rows are their children, in the comparison's reading order. The text outside the
factors has rows of its own where it reads, named in italics ("Introduction", "Risks Related to
X — introduction", "Closing"). Each row answers the
roles below, which the filter (gui.factor_filter) and the view (gui.factor_tree) read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
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
# What a pair's row answers differently once the review's marks change (not kept in its cells).
_REVIEW_DEPENDENT_ROLES = frozenset((REVIEW_ROLE, Qt.ItemDataRole.ToolTipRole))


@dataclass(eq=False)
class _Node:
    """A row: a category (pair is None) or a pair. `number` identifies it in QModelIndex ids."""

    number: int
    parent: _Node | None
    row: int
    category: str = ""
    pair_index: int = -1
    pair: Pair | None = None
    heading: str = ""
    search_text: str = ""
    body_text: str = ""
    changed_share: float = 0.0
    signs_only: bool = False  # no word changed, yet punctuation or symbols did (and are marked)
    is_change: bool = False  # under the tree's diff options, as the panes show it
    children: list[_Node] = field(default_factory=list)
    # (column, role) -> what data() answered: a view asks for the same cells over and over
    # (every expand and filter sizes the columns to their contents).
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)


_SIGNS_ONLY_SORT = 1e-9  # between the unchanged (0) and the smallest word change


class FactorTreeModel(QAbstractItemModel):
    """Categories and pairs of one Comparison (or nothing); `set_flat(True)` lists the pairs
    without their categories (for sorting them across the whole filing).

    Signals:
        pair_dropped(int, int): the row of one pair was dragged onto the row of another.
    """

    pair_dropped = Signal(int, int)  # dragged pair, pair dropped onto

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._options = EXACT
        self._flat = False
        self._root = _Node(number=-1, parent=None, row=0)
        self._nodes: list[_Node] = []
        self._pair_nodes: dict[int, _Node] = {}
        self._marks: tuple[Mark, ...] = ()

    # Building

    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_comparison(
        self, comparison: Comparison | None, *, options: DiffOptions = EXACT
    ) -> None:
        """Show `comparison`, its changed words counted under `options` (see
        core.diff.pair.recounted); `options` also decide which differences are no change."""
        self.beginResetModel()
        self._comparison = comparison
        self._options = options
        self._marks = ()
        self._rebuild()
        self.endResetModel()

    def set_marks(self, marks: tuple[Mark, ...]) -> None:
        """The review's mark of each pair (`marks[k]` for pair k; () for no review)."""
        before, self._marks = self._marks, marks
        # Only the rows that look different, and one signal per run of them under one parent:
        # a signal per row made the filter re-examine the tree once per pair (a fresh review
        # of a large comparison held the window for a tenth of a second).
        changed = [
            node
            for index, node in self._pair_nodes.items()
            if node.pair is not None
            and _shown_mark(_mark_at(before, index), node.pair)
            != _shown_mark(_mark_at(marks, index), node.pair)
        ]
        runs: list[list[_Node]] = []
        for node in changed:
            run = runs[-1] if runs else None
            if run is not None and run[-1].parent is node.parent and run[-1].row + 1 == node.row:
                run.append(node)
            else:
                runs.append([node])
        for run in runs:
            first = self.createIndex(run[0].row, FACTOR_COLUMN, run[0].number)
            last = self.createIndex(run[-1].row, REVIEW_COLUMN, run[-1].number)
            self.dataChanged.emit(first, last)

    def mark_of(self, pair_index: int) -> Mark | None:
        return self._marks[pair_index] if 0 <= pair_index < len(self._marks) else None

    def flat(self) -> bool:
        return self._flat

    def set_flat(self, flat: bool) -> None:
        """List the pairs alone (True) or under their categories, in filing order (False)."""
        if flat == self._flat:
            return
        self.beginResetModel()
        self._flat = flat
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        comparison = self._comparison
        self._root = _Node(number=-1, parent=None, row=0)
        self._nodes = []
        self._pair_nodes = {}
        if comparison is not None:
            self._build(comparison)

    def _add(self, parent: _Node, **fields: Any) -> _Node:
        node = _Node(number=len(self._nodes), parent=parent, row=len(parent.children), **fields)
        self._nodes.append(node)
        parent.children.append(node)
        return node

    def _build(self, comparison: Comparison) -> None:
        for pair_index, pair in enumerate(comparison.pairs):
            # Consecutive pairs under the same category share its row; a category that comes
            # back later in reading order gets a row of its own there, so the tree reads in the
            # same order as the panes.
            parent = self._root
            category = pair_category(comparison, pair)
            for name in () if self._flat else category:
                last = parent.children[-1] if parent.children else None
                if last is not None and last.pair is None and last.category == name:
                    parent = last
                else:
                    parent = self._add(parent, category=name)
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
            node = self._add(
                parent,
                pair_index=pair_index,
                pair=pair,
                heading=heading,
                search_text=" ".join(words).casefold(),
                body_text=" ".join(" ".join(body.split()) for body in bodies).casefold(),
                changed_share=share,
                signs_only=share == 0 and signs_only(comparison, pair, options=self._options),
                is_change=pair_diff(comparison, pair, options=self._options).is_change,
            )
            self._pair_nodes[pair_index] = node

    # Lookup

    def _node(self, index: AnyIndex) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def index_of_pair(self, pair_index: int) -> QModelIndex:
        node = self._pair_nodes.get(pair_index)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.number)

    def changed_share_of(self, pair_index: int) -> float:
        """The share of pair `pair_index`'s words that changed, as its row shows it."""
        node = self._pair_nodes.get(pair_index)
        return node.changed_share if node is not None else 0.0

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008  Qt's own default
        # Checked here rather than with hasIndex, which asks rowCount and columnCount back
        # through Python: views ask for thousands of indexes when they size the columns.
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._node(parent).children
        if not (0 <= row < len(children) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, children[row].number)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        parent = self._node(child).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent.number)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802  Qt's names
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(  # noqa: N802  Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == CHANGED_COLUMN:
                return "Share of the factor's words that were added or removed"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._node(index).pair is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # Dragging a row onto another

    def mimeTypes(self) -> list[str]:  # noqa: N802  Qt's name
        return [PAIR_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802  Qt's name
        """The first pair among `indexes` (a drag carries one row)."""
        mime = QMimeData()
        pairs = [self._node(index).pair_index for index in indexes if index.isValid()]
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
        target = self._node(parent) if row < 0 else None
        if row >= 0:
            children = self._node(parent).children
            target = children[row] if row < len(children) else None
        return target.pair_index if target is not None and target.pair is not None else -1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        column = index.column()
        if node.pair is None:
            return self._category_data(node, column, role)
        if column == REVIEW_COLUMN or role in _REVIEW_DEPENDENT_ROLES:
            return self._pair_data(node, node.pair, column, role)
        key = (column, role)
        if key not in node.cells:
            node.cells[key] = self._pair_data(node, node.pair, column, role)
        return node.cells[key]

    def _category_data(self, node: _Node, column: int, role: int) -> Any:
        if role in (PAIR_ROLE, CHANGE_ROLE, STATUS_ROLE, SEARCH_ROLE, BODY_ROLE, REVIEW_ROLE):
            return {PAIR_ROLE: -1, CHANGE_ROLE: False}.get(role, "")
        if column != FACTOR_COLUMN:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            return (
                tooltip_text(node.category)
                if role == Qt.ItemDataRole.ToolTipRole
                else node.category
            )
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _pair_data(self, node: _Node, pair: Pair, column: int, role: int) -> Any:
        cell: dict[int, Any] = {
            PAIR_ROLE: node.pair_index,
            STATUS_ROLE: pair.status.value,
            SEARCH_ROLE: node.search_text,
            BODY_ROLE: node.body_text,
            CHANGE_ROLE: node.is_change,
        }
        mark = self.mark_of(node.pair_index)
        if role == REVIEW_ROLE:
            return mark.state.value if mark is not None else ReviewState.UNREVIEWED.value
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == REVIEW_COLUMN:
                if mark is None:
                    return None
                lines = [review_tooltip(mark), CORRECTED_WORDS if pair.corrected else ""]
                return tooltip_text("\n".join(line for line in lines if line))
            return tooltip_text(self._tooltip(node, pair))
        if pair.status is Status.UNCHANGED:
            cell[Qt.ItemDataRole.ForegroundRole] = QColor(128, 128, 128)
        if column == FACTOR_COLUMN:
            cell[Qt.ItemDataRole.DisplayRole] = node.heading
            if pair.passage:
                font = QFont()
                font.setItalic(True)  # a passage's name, not a heading of the filing
                cell[Qt.ItemDataRole.FontRole] = font
            cell[SORT_ROLE] = node.pair_index  # sorted by position in the filings
            cell[Qt.ItemDataRole.DecorationRole] = status_icon(pair.status)
        elif column == STATUS_COLUMN:
            cell[Qt.ItemDataRole.DisplayRole] = status_word(pair.status)
            cell[SORT_ROLE] = STATUS_ORDER.index(pair.status)
        elif column == CHANGED_COLUMN:
            cell[Qt.ItemDataRole.DisplayRole] = share_text(
                node.changed_share, signs=node.signs_only
            )
            cell[SORT_ROLE] = _SIGNS_ONLY_SORT if node.signs_only else node.changed_share
            cell[Qt.ItemDataRole.TextAlignmentRole] = int(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        elif column == REVIEW_COLUMN and mark is not None:
            cell[Qt.ItemDataRole.DisplayRole] = _review_text(mark, pair)
            cell[SORT_ROLE] = list(ReviewState).index(mark.state)
        return cell.get(role)

    def _tooltip(self, node: _Node, pair: Pair) -> str:
        comparison = self._comparison
        if comparison is None:
            return ""
        if node.signs_only:
            change = "no word changed, only punctuation or symbols"
        else:
            change = f"{share_text(node.changed_share)} of words changed"
        label = status_label(comparison, pair)
        # "Moved · 88% changed" says the share already; "Modified" is followed by it.
        lines = [label if label != status_word(pair.status) else f"{label} — {change}"]
        moved = move_label(comparison, pair, NEW_SIDE)
        if moved:
            lines.append(moved)
        if pair.corrected:
            lines.append(f"{CORRECTED_SIGN} {CORRECTED_WORDS}")
        if pair.passage:
            lines.append(f"{node.heading}: text of the section outside its risk factors")
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
