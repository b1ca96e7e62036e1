"""The timeline as a Qt item model: one row per lineage, one column per fiscal year.

Rows are grouped under the category of each lineage's latest year (no group rows when the
filings have no categories). Column 0 holds the lineage's latest heading, column 1 + t the
lineage in year t: the status icon (gui.badges, the colours of the rest of the window), the
changed share where words changed, the year's heading in the tooltip (plain text: filing
text is untrusted). `TimelineFilter` shows only changed lineages or those whose headings or
bodies hold a text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel as _Base
from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from core.diff.sides import factor_text
from core.model import Status
from core.report.change_share import share_text
from core.report.labels import status_word
from core.report.timeline_html import grouped_by_category
from core.timeline.model import Cell, Lineage, Timeline
from gui.badges import status_icon
from gui.plain_text import tooltip_text
from gui.theme import LIGHT

AnyIndex = QModelIndex | QPersistentModelIndex

LINEAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's Lineage (None on a group row)
CELL_ROLE = Qt.ItemDataRole.UserRole + 2  # a year column's Cell
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # headings and bodies of every year, lower case
FIRST_YEAR_MARK = "●"  # a risk present in the timeline's first year: no change to show yet
# How strongly a cell is tinted with its status colour (the icon carries the full colour).
_TINT_ALPHA = 70
# Statuses whose cell also shows the share of words changed.
_SHOWS_SHARE = (Status.MODIFIED, Status.MOVED, Status.SPLIT, Status.MERGED)


@dataclass(eq=False)
class _Node:
    parent: _Node | None
    row: int
    category: tuple[str, ...] = ()
    lineage: Lineage | None = None
    search_text: str = ""
    children: list[_Node] = field(default_factory=list)


def cell_label(cell: Cell) -> str:
    """What a cell reads beside its icon: the share of words changed ('38%', 'punct.') where
    words changed or a risk came back after a gap, '●' in the first year, else ''."""
    if cell.status is None:
        return FIRST_YEAR_MARK if cell.present else ""
    if cell.status in _SHOWS_SHARE or cell.restored_from is not None:
        return share_text(cell.changed_share, signs=True)
    return ""


def cell_tooltip(lineage: Lineage, cell: Cell) -> str:
    """'FY2009: <heading>' and how it changed since the year before (plain text)."""
    heading = lineage.heading(cell.fiscal_year)
    lines = [f"FY{cell.fiscal_year}: {heading}" if heading else f"FY{cell.fiscal_year}: absent"]
    if cell.status is Status.ADDED and cell.restored_from is not None:
        lines.append(
            f"Back after a gap (last in FY{cell.restored_from}); "
            f"{share_text(cell.changed_share, signs=True)} of words changed since"
        )
    elif cell.status is Status.REMOVED:
        lines.append("Removed this year")
    elif cell.status is Status.ADDED:
        lines.append("Added this year")
    elif cell.status is not None:
        change = status_word(cell.status)
        if cell.status is not Status.UNCHANGED:
            change += f", {share_text(cell.changed_share, signs=True)} of words changed"
        lines.append(f"{change} since the year before")
    if cell.present:
        lines.append("Click to compare with the year before")
    return "\n".join(lines)


class TimelineModel(_Base):
    """Lineages by category (rows) and fiscal years (columns)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(None, 0)
        self._timeline: Timeline | None = None

    def timeline(self) -> Timeline | None:
        return self._timeline

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.beginResetModel()
        self._timeline = timeline
        self._root = _Node(None, 0)
        if timeline is not None:
            self._build(timeline)
        self.endResetModel()

    def _build(self, timeline: Timeline) -> None:
        grouped = grouped_by_category(timeline.lineages)
        flat = all(not category for category, _ in grouped)
        for category, lineages in grouped:
            parent = self._root
            if not flat:
                parent = _Node(self._root, len(self._root.children), category=category)
                self._root.children.append(parent)
            for lineage in lineages:
                node = _Node(parent, len(parent.children), category, lineage)
                node.search_text = _search_text(timeline, lineage)
                parent.children.append(node)

    def years(self) -> tuple[int, ...]:
        return self._timeline.fiscal_years if self._timeline is not None else ()

    def index_of(self, lineage_key: str, fiscal_year: int | None = None) -> QModelIndex:
        """The index of a lineage's row (its heading, or its cell of `fiscal_year`)."""
        column = 0 if fiscal_year is None else 1 + self.years().index(fiscal_year)
        for node in self._walk(self._root):
            if node.lineage is not None and node.lineage.key == lineage_key:
                return self.createIndex(node.row, column, node)
        return QModelIndex()

    def _walk(self, node: _Node) -> list[_Node]:
        found = []
        for child in node.children:
            found.append(child)
            found.extend(self._walk(child))
        return found

    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    # QAbstractItemModel ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008  Qt's own default
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        parent = self._node(child).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802  Qt's names
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 1 + len(self.years())

    def headerData(  # noqa: N802  Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or self._timeline is None:
            return None
        if section == 0:
            return "Risk (latest heading)" if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 < section <= len(self.years()):
            return None
        summary = self._timeline.years[section - 1]
        tip = f"FY{summary.fiscal_year}: {summary.factors} factors"
        if summary.similarity is not None:
            tip += (
                f", {summary.added} added, {summary.removed} removed; "
                f"similarity to the year before {summary.similarity.cosine:.3f}"
            )
        values: dict[int, Any] = {
            Qt.ItemDataRole.DisplayRole: f"FY{summary.fiscal_year}",
            Qt.ItemDataRole.ToolTipRole: tip,
            Qt.ItemDataRole.TextAlignmentRole: Qt.AlignmentFlag.AlignCenter,
        }
        return values.get(role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        lineage = node.lineage
        if lineage is None:
            return self._group_data(node, index.column(), role)
        if role == LINEAGE_ROLE:
            return lineage
        if role == SEARCH_ROLE:
            return node.search_text
        if index.column() == 0:
            return self._heading_data(lineage, role)
        return self._cell_data(lineage, lineage.cells[index.column() - 1], role)

    def _group_data(self, node: _Node, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            name = " > ".join(node.category)
            return name if role == Qt.ItemDataRole.DisplayRole else tooltip_text(name)
        return None

    def _heading_data(self, lineage: Lineage, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return lineage.latest_heading()
        if role == Qt.ItemDataRole.ToolTipRole:
            span = f"FY{lineage.first_year} to FY{lineage.last_year}"
            gaps = ", ".join(f"FY{year}" for year in lineage.gaps)
            absent = f" (absent in {gaps})" if gaps else ""
            return tooltip_text(f"{lineage.latest_heading()}\n\nRisk {lineage.key}: {span}{absent}")
        return None

    def _cell_data(self, lineage: Lineage, cell: Cell, role: int) -> Any:
        word = status_word(cell.status) if cell.status is not None else ""
        values: dict[int, Any] = {
            CELL_ROLE: cell,
            Qt.ItemDataRole.DisplayRole: cell_label(cell),
            Qt.ItemDataRole.ToolTipRole: tooltip_text(cell_tooltip(lineage, cell)),
            Qt.ItemDataRole.TextAlignmentRole: Qt.AlignmentFlag.AlignCenter,
            Qt.ItemDataRole.AccessibleTextRole: (
                f"FY{cell.fiscal_year} {word} {cell_label(cell)}".strip()
            ),
        }
        if cell.status is not None:
            values[Qt.ItemDataRole.DecorationRole] = status_icon(cell.status)
            values[Qt.ItemDataRole.BackgroundRole] = LIGHT.status_color(cell.status, _TINT_ALPHA)
        if not cell.present:
            values[Qt.ItemDataRole.ForegroundRole] = QColor(LIGHT.muted)
        return values.get(role)


def _search_text(timeline: Timeline, lineage: Lineage) -> str:
    texts = [
        factor_text(timeline.filings[t].factors[i])
        for t, cell in enumerate(lineage.cells)
        for i in cell.factors
    ]
    return "\n".join(texts).casefold()


class TimelineFilter(QSortFilterProxyModel):
    """Shows the lineages that changed (when asked) and hold the search text in a heading or
    body of any year; a category shows while one of its lineages does."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._only_changed = False
        self._text = ""
        self.setRecursiveFilteringEnabled(True)

    def set_only_changed(self, only: bool) -> None:
        self.beginFilterChange()
        self._only_changed = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def only_changed(self) -> bool:
        return self._only_changed

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index(source_row, 0, source_parent)
        lineage = index.data(LINEAGE_ROLE)
        if not isinstance(lineage, Lineage):
            return False  # a category: shown while a lineage under it is (recursive filtering)
        if self._only_changed and not lineage.changed:
            return False
        return not self._text or self._text in str(index.data(SEARCH_ROLE))
