"""The timeline matrix on screen: the lineage rows (TimelineView) under a small chart of the
years (YearChart) whose columns line up with the matrix's year columns (the window tells the
chart where they are whenever they move).

TimelineView signals:
    cell_activated(str, int): a year cell of a lineage (its key, the fiscal year) was clicked
        or chosen with Enter.
    lineage_selected(object): the current row's Lineage (None on a category row).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from core.model import Status
from core.timeline.model import Lineage, Timeline, YearSummary
from gui.theme import LIGHT
from gui.timeline_model import LINEAGE_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex

YEAR_COLUMN_WIDTH = 78
_HEADING_MIN_WIDTH = 320
_ICON_SIZE = 14


class TimelineView(QTreeView):
    cell_activated = Signal(str, int)
    lineage_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineMatrix")
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIconSize(QSize(_ICON_SIZE, _ICON_SIZE))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.header().setStretchLastSection(False)
        self.header().setMinimumSectionSize(40)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    def reset_layout(self) -> None:
        """Columns sized for the years, the heading column taking the rest; groups open."""
        header = self.header()
        model = self.model()
        if model is None:
            return
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, _HEADING_MIN_WIDTH)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, YEAR_COLUMN_WIDTH)
        self.expandAll()

    def column_spans(self, origin: QWidget) -> tuple[tuple[int, int], ...]:
        """The left edge (in `origin`, a sibling of this view) and width of every column."""
        model = self.model()
        if model is None:
            return ()
        header = self.header()
        left = self.x() - origin.x() + self.viewport().x()
        return tuple(
            (left + header.sectionViewportPosition(column), header.sectionSize(column))
            for column in range(model.columnCount())
        )

    def currentChanged(self, current: AnyIndex, previous: AnyIndex) -> None:  # noqa: N802
        super().currentChanged(current, previous)
        lineage = current.data(LINEAGE_ROLE) if current.isValid() else None
        self.lineage_selected.emit(lineage if isinstance(lineage, Lineage) else None)

    def _on_activated(self, index: QModelIndex) -> None:
        lineage = index.data(LINEAGE_ROLE)
        if not isinstance(lineage, Lineage) or index.column() < 1:
            return
        cell = lineage.cells[index.column() - 1]
        if cell.present or cell.status is Status.REMOVED:
            self.cell_activated.emit(lineage.key, cell.fiscal_year)


class YearChart(QWidget):
    """Per year, above its column: a bar of its number of factors, how many were added and
    removed since the year before, and a meter of the section's similarity to it (the share of
    words unchanged). `set_columns` says where the matrix's columns lie across the chart; the
    chart paints from those numbers only."""

    _HEIGHT = 92
    _BAR_TOP = 16
    _BAR_HEIGHT = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearChart")
        self._timeline: Timeline | None = None
        self._columns: tuple[tuple[int, int], ...] = ()
        self.setFixedHeight(self._HEIGHT)

    def set_timeline(self, timeline: Timeline | None) -> None:
        self._timeline = timeline
        tips = []
        if timeline is not None:
            for summary in timeline.years:
                line = f"FY{summary.fiscal_year}: {summary.factors} factors"
                if summary.similarity is not None:
                    line += (
                        f"; +{summary.added} added, -{summary.removed} removed; similarity to "
                        f"the year before: cosine {summary.similarity.cosine:.3f}, jaccard "
                        f"{summary.similarity.jaccard:.3f}, words unchanged "
                        f"{summary.similarity.simple:.0%}"
                    )
                tips.append(line)
        self.setToolTip("\n".join(tips))
        self.update()

    def set_columns(self, columns: tuple[tuple[int, int], ...]) -> None:
        """The left edge (in this widget) and width of each matrix column, heading first."""
        if columns != self._columns:
            self._columns = columns
            self.update()

    def column_rect(self, column: int) -> QRectF:
        """Where a matrix column lies across this widget."""
        if column >= len(self._columns):
            return QRectF()
        left, width = self._columns[column]
        return QRectF(left, 0, width, self.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802  Qt's name
        timeline = self._timeline
        if timeline is None or len(self._columns) != 1 + len(timeline.years):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        muted = QColor(LIGHT.muted)
        labels = self.column_rect(0).adjusted(6, 0, -6, 0)
        align_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.setPen(muted)
        rows = self._rows()
        for text, (top, height) in zip(
            ("Factors", "Added / removed", "Words unchanged since the year before"),
            rows,
            strict=True,
        ):
            painter.drawText(QRectF(labels.left(), top, labels.width(), height), align_right, text)
        most = max(summary.factors for summary in timeline.years) or 1
        for column, summary in enumerate(timeline.years, start=1):
            self._paint_year(painter, self.column_rect(column), summary, most, rows)
        painter.end()

    def _rows(self) -> tuple[tuple[float, float], ...]:
        bar_bottom = self._BAR_TOP + self._BAR_HEIGHT
        return ((0, bar_bottom), (bar_bottom + 2, 18), (bar_bottom + 22, 18))

    def _paint_year(
        self,
        painter: QPainter,
        rect: QRectF,
        summary: YearSummary,
        most: int,
        rows: tuple[tuple[float, float], ...],
    ) -> None:
        centre = Qt.AlignmentFlag.AlignCenter
        bar_height = self._BAR_HEIGHT * summary.factors / most
        bar_width = min(26.0, rect.width() * 0.4)
        bottom = self._BAR_TOP + self._BAR_HEIGHT
        bar = QRectF(rect.center().x() - bar_width / 2, bottom - bar_height, bar_width, bar_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#8a8f98"))
        painter.drawRect(bar)
        painter.setPen(QColor(LIGHT.text))
        painter.drawText(
            QRectF(rect.left(), bar.top() - 15, rect.width(), 14), centre, str(summary.factors)
        )
        if summary.similarity is None:
            return
        top, height = rows[1]
        half = rect.width() / 2
        painter.setPen(LIGHT.status_color(Status.ADDED))
        painter.drawText(QRectF(rect.left(), top, half, height), centre, f"+{summary.added}")
        painter.setPen(LIGHT.status_color(Status.REMOVED))
        painter.drawText(
            QRectF(rect.left() + half, top, half, height), centre, f"\u2212{summary.removed}"
        )
        top, height = rows[2]
        meter = QRectF(rect.left() + 8, top + 3, rect.width() - 16, height - 6)
        painter.setPen(QColor(LIGHT.muted))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(meter)
        filled = QRectF(
            meter.left(), meter.top(), meter.width() * summary.similarity.simple, meter.height()
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LIGHT.status_color(Status.MODIFIED, 150))
        painter.drawRect(filled)
        painter.setPen(QColor(LIGHT.text))
        painter.drawText(meter, centre, f"{summary.similarity.simple:.0%}")
