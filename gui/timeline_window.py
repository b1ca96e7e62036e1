"""The timeline window: several filings of one company, each risk followed through the years.

Layout: message bar · toolbar (Only Changed, search, two years side by side) · year chart over
the matrix (gui.timeline_view) · the selected risk's history (gui.lineage_detail) · status bar
(progress with Cancel).

Clicking a year cell opens the two-pane comparison (gui.main_window.MainWindow, one companion
window) of that year with the one before, at that risk; any two years can be put side by side.
The comparisons the timeline already made are shown at once; others are aligned in the
background from the filings already read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.align.pairing import align
from core.compare import compare_files
from core.errors import FactorDiffError
from core.model import Comparison, Progress
from core.output import refuse_overwriting_inputs, write_atomically
from core.report.timeline_html import timeline_title, timeline_to_html
from core.timeline.load import MAX_FILINGS, MIN_FILINGS
from core.timeline.model import Lineage, Timeline
from gui.file_dialogs import FILING_FILTER
from gui.lineage_detail import LineageDetail
from gui.load_progress import LoadProgress
from gui.main_window import APP_NAME, MainWindow, dropped_paths
from gui.messages import MessageBar, Messenger
from gui.settings import Settings
from gui.timeline_model import TimelineFilter, TimelineModel
from gui.timeline_view import TimelineView, YearChart
from gui.timeline_worker import TimelineLoader
from gui.worker import ComparisonLoader, Request

# An action as data: id, text, keys, tip, handler (given the new state when checkable), checkable.
_ActionRow = tuple[str, str, str | QKeySequence.StandardKey, str, Callable[..., object], bool]


@dataclass(frozen=True, slots=True)
class _Target:
    """Where the comparison window should go once its comparison is on screen."""

    old_year: int
    new_year: int
    old_factor: int | None
    new_factor: int | None


def pair_index(comparison: Comparison, *, old: int | None, new: int | None) -> int:
    """The index of the pair holding new factor `new` (else old factor `old`); -1 if none."""
    # The introduction and category texts are no risk: a lineage never leads to them.
    factor_pairs = [
        (number, pair) for number, pair in enumerate(comparison.pairs) if not pair.passage
    ]
    for number, pair in factor_pairs:
        if new is not None and new in pair.new_indexes:
            return number
    for number, pair in factor_pairs:
        if old is not None and old in pair.old_indexes:
            return number
    return -1


def cell_comparison(timeline: Timeline, lineage: Lineage, fiscal_year: int) -> _Target:
    """What clicking a lineage's cell opens: that year against the one before (the year the
    risk was last disclosed, for one back after a gap; the next year, in the first column),
    at the risk's factor."""
    years = timeline.fiscal_years
    at = years.index(fiscal_year)
    cell = lineage.cells[at]
    if at == 0:
        first = cell.factors[0] if cell.factors else None
        later = lineage.cells[1].factors if len(years) > 1 else ()
        return _Target(years[0], years[min(1, len(years) - 1)], first, later[0] if later else None)
    old_year = cell.restored_from if cell.restored_from is not None else years[at - 1]
    old_cell = lineage.cell(old_year)
    return _Target(
        old_year,
        fiscal_year,
        old_cell.factors[0] if old_cell.factors else None,
        cell.factors[0] if cell.factors else None,
    )


def timeline_notes(timeline: Timeline) -> str:
    """What a person should know before reading the matrix: the files left out and where
    following the chain and comparing two years directly disagree."""
    notes = [refusal.reason for refusal in timeline.refused]
    for d in timeline.disagreements:
        heading = timeline.filing(d.old_year).factors[d.old].heading
        chained = ", ".join(f"#{j + 1}" for j in d.chained) or "nothing"
        direct = ", ".join(f"#{j + 1}" for j in d.direct) or "nothing"
        notes.append(
            f"FY{d.old_year} #{d.old + 1} “{heading}” leads in FY{d.new_year} to {chained} "
            f"along the chain but to {direct} compared directly."
        )
    return " ".join(notes)


class TimelineWindow(QMainWindow):
    """`open_files(paths)` makes a timeline in the background; `timeline()` is the one shown.

    Signals:
        timeline_shown(object): a Timeline is on screen.
    """

    timeline_shown = Signal(object)

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        loader: TimelineLoader | None = None,
        comparison_window: MainWindow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`comparison_window` is where pairs of years open (the window the timeline was
        opened from); without one, the timeline makes its own when first needed."""
        super().__init__(parent)
        self.setObjectName("timelineWindow")
        self.setWindowTitle(f"Timeline — {APP_NAME}")
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else Settings()
        self.loader = loader if loader is not None else TimelineLoader(self)
        self._timeline: Timeline | None = None
        self._comparison_window: MainWindow | None = None
        self._target: _Target | None = None
        if comparison_window is not None:
            self._adopt(comparison_window)

        self.model = TimelineModel(self)
        self.filter = TimelineFilter(self)
        self.filter.setSourceModel(self.model)
        self.view = TimelineView()
        self.view.setModel(self.filter)
        self.chart = YearChart()
        self.detail = LineageDetail()
        self.messages_bar = MessageBar()
        self.messages = Messenger(self, self.messages_bar)
        self.search_box = QLineEdit()
        self.old_year_box = QComboBox()
        self.new_year_box = QComboBox()
        self._build_layout()
        self._build_actions()
        self._build_status_bar()
        self._connect_signals()
        self.resize(1200, 800)

    # Building -------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        matrix = QWidget()
        matrix_layout = QVBoxLayout(matrix)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.setSpacing(0)
        matrix_layout.addWidget(self.chart)
        matrix_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(matrix)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.messages_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.search_box.setPlaceholderText("Search headings and text…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaximumWidth(320)

    def _build_actions(self) -> None:
        """The window's commands as data: (id, text, keys, tip, handler, checkable)."""
        specs: tuple[_ActionRow, ...] = (
            ("open_filings", "Open &Filings…", QKeySequence.StandardKey.Open,
             "Choose the filings of one company to follow through the years",
             self.choose_files, False),
            ("print", "&Print…", QKeySequence.StandardKey.Print,
             "Print the timeline: the matrix and each changed risk's steps", self.print_timeline,
             False),
            ("export_pdf", "Export &PDF…", "Ctrl+E", "Save the timeline as a PDF file",
             self.export_pdf, False),
            ("export_html", "Export &HTML…", "Ctrl+Shift+E",
             "Save the timeline as a self-contained HTML page", self.export_html, False),
            ("close", "&Close", QKeySequence.StandardKey.Close, "Close the timeline", self.close,
             False),
            ("only_changed", "Only &Changed", "Ctrl+Shift+C",
             "Show only the risks that changed over the years", self.set_only_changed, True),
            ("side_by_side", "Side by &Side", "Ctrl+D",
             "Compare the two chosen years in the two-pane window", self.compare_chosen_years,
             False),
        )  # fmt: skip
        self.actions_by_id: dict[str, QAction] = {}
        for action_id, text, keys, tip, handler, checkable in specs:
            action = QAction(text, self)
            action.setObjectName(action_id)
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setCheckable(checkable)
            (action.toggled if checkable else action.triggered).connect(handler)
            self.actions_by_id[action_id] = action
        actions = self.actions_by_id
        file_menu = self.menuBar().addMenu("&File")
        for action_id in ("open_filings", "print", "export_pdf", "export_html"):
            file_menu.addAction(actions[action_id])
        file_menu.addSeparator()
        file_menu.addAction(actions["close"])
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(actions["only_changed"])
        view_menu.addAction(actions["side_by_side"])
        toolbar = self.addToolBar("Timeline")
        toolbar.setObjectName("timelineToolbar")
        toolbar.addAction(actions["open_filings"])
        toolbar.addSeparator()
        toolbar.addAction(actions["only_changed"])
        toolbar.addWidget(self.search_box)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(" Compare "))
        toolbar.addWidget(self.old_year_box)
        toolbar.addWidget(QLabel(" with "))
        toolbar.addWidget(self.new_year_box)
        toolbar.addAction(actions["side_by_side"])
        toolbar.addSeparator()
        toolbar.addAction(actions["print"])
        toolbar.addAction(actions["export_pdf"])

    def _build_status_bar(self) -> None:
        self.load_progress = LoadProgress()
        self.load_progress.bar.setFormat("Reading filings… %p%")
        self.load_progress.cancel_button.setToolTip("Stop; the timeline shown stays")
        self.statusBar().addPermanentWidget(self.load_progress)
        self.progress = self.load_progress.bar
        self.cancel_button = self.load_progress.cancel_button

    def _connect_signals(self) -> None:
        self.loader.started.connect(self._on_load_started)
        self.loader.progress.connect(self.load_progress.report)
        self.loader.finished.connect(self._on_load_finished)
        self.loader.failed.connect(self._on_load_failed)
        self.loader.cancelled.connect(self._on_load_cancelled)
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.search_box.textChanged.connect(self._on_search)
        header = self.view.header()
        header.sectionResized.connect(self._place_chart)
        header.geometriesChanged.connect(self._place_chart)
        self.view.horizontalScrollBar().valueChanged.connect(self._place_chart)
        self.view.cell_activated.connect(self.open_cell)
        self.view.lineage_selected.connect(self._on_lineage_selected)

    # The timeline ---------------------------------------------------------------------------

    def timeline(self) -> Timeline | None:
        return self._timeline

    def open_files(self, paths: Sequence[Path]) -> None:
        """Start making the timeline of `paths`; the one shown stays until it is ready."""
        if not MIN_FILINGS <= len(paths) <= MAX_FILINGS:
            self.messages.warn(
                f"Choose {MIN_FILINGS} to {MAX_FILINGS} filings of one company "
                f"({len(paths)} chosen)."
            )
            return
        self.loader.start([Path(path) for path in paths])

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, "Open the filings of one company", self.settings.last_folder, FILING_FILTER
        )
        if names:
            self.settings.remember_folder_of(names[0])
            self.open_files([Path(name) for name in names])

    def _on_load_started(self, count: int) -> None:
        self.load_progress.start()
        self.statusBar().showMessage(f"Reading and comparing {count} filings…")

    def _on_load_finished(self, timeline: Timeline, seconds: float) -> None:
        self.load_progress.stop()
        self.messages.clear()
        self.set_timeline(timeline)
        changed = sum(1 for lineage in timeline.lineages if lineage.changed)
        self.statusBar().showMessage(
            f"{len(timeline.filings)} filings, {len(timeline.lineages)} risks "
            f"({changed} changed) in {seconds:.2f} s"
        )

    def _on_load_failed(self, error: BaseException) -> None:
        self.load_progress.stop()
        self.statusBar().clearMessage()
        self.messages.error(error, doing="Making the timeline")

    def _on_load_cancelled(self) -> None:
        self.load_progress.stop()
        kept = " The timeline shown is unchanged." if self._timeline is not None else ""
        self.statusBar().showMessage(f"Timeline cancelled.{kept}", 5000)

    def set_timeline(self, timeline: Timeline | None) -> None:
        self._timeline = timeline
        self.model.set_timeline(timeline)
        self.view.reset_layout()
        self.chart.set_timeline(timeline)
        self._place_chart()
        self.detail.show_lineage(timeline, None)
        self._fill_year_boxes(timeline)
        title = timeline_title(timeline) if timeline is not None else ""
        self.setWindowTitle(" — ".join(part for part in (title, "Timeline", APP_NAME) if part))
        notes = timeline_notes(timeline) if timeline is not None else ""
        if notes:
            self.messages.warn(notes)
        if timeline is not None:
            self.timeline_shown.emit(timeline)

    def _place_chart(self, *_args: object) -> None:
        self.chart.set_columns(self.view.column_spans(self.chart))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  Qt's name
        super().resizeEvent(event)
        self._place_chart()

    def _fill_year_boxes(self, timeline: Timeline | None) -> None:
        years = timeline.fiscal_years if timeline is not None else ()
        for box, chosen in ((self.old_year_box, 0), (self.new_year_box, len(years) - 1)):
            box.clear()
            for year in years:
                box.addItem(f"FY{year}", year)
            box.setCurrentIndex(max(chosen, 0))

    # Filters and selection --------------------------------------------------------------------

    def set_only_changed(self, only: bool) -> None:
        self.filter.set_only_changed(only)
        self.view.expandAll()

    def _on_search(self, text: str) -> None:
        self.filter.set_text(text)
        self.view.expandAll()
        if text and self.filter.rowCount() == 0:
            self.statusBar().showMessage(f"No risk's heading or text contains “{text}”.")

    def _on_lineage_selected(self, lineage: Lineage | None) -> None:
        self.detail.show_lineage(self._timeline, lineage)

    def select_lineage(self, key: str) -> None:
        index = self.filter.mapFromSource(self.model.index_of(key))
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)

    # Two years side by side -------------------------------------------------------------------

    def open_cell(self, lineage_key: str, fiscal_year: int) -> None:
        """Compare the cell's year with the one before, at the lineage's factor."""
        timeline = self._timeline
        if timeline is None:
            return
        lineage = next(item for item in timeline.lineages if item.key == lineage_key)
        self.open_years(target=cell_comparison(timeline, lineage, fiscal_year))

    def compare_chosen_years(self) -> None:
        old_year, new_year = self.old_year_box.currentData(), self.new_year_box.currentData()
        if old_year is None or new_year is None:
            return
        if old_year == new_year:
            self.statusBar().showMessage("Choose two different years to compare.", 5000)
            return
        self.compare_years(*sorted((old_year, new_year)))

    def compare_years(self, old_year: int, new_year: int) -> None:
        """Put two years of the timeline side by side in the comparison window."""
        self.open_years(target=_Target(old_year, new_year, None, None))

    def open_years(self, *, target: _Target) -> None:
        timeline = self._timeline
        if timeline is None:
            return
        window = self.comparison_window()
        window.show()
        window.raise_()
        self._target = target
        made = timeline.comparison(target.old_year, target.new_year)
        if made is not None:
            window.loader.cancel()
            window.set_comparison(made)
            QTimer.singleShot(0, self._go_to_target)
            return
        old = Path(timeline.filing(target.old_year).path)
        new = Path(timeline.filing(target.new_year).path)
        window.compare(old, new)

    def comparison_window(self) -> MainWindow:
        """The two-pane window this timeline opens pairs of years in (made when first used)."""
        if self._comparison_window is None:
            loader = ComparisonLoader(compare=self._compare_read_filings)
            window = MainWindow(settings=self.settings, loader=loader)
            loader.setParent(window)
            self._adopt(window)
            return window
        return self._comparison_window

    def _adopt(self, window: MainWindow) -> None:
        self._comparison_window = window
        window.loader.finished.connect(self._on_comparison_ready)

    def _compare_read_filings(
        self, old: Path, new: Path, *, progress: Progress | None = None
    ) -> Comparison:
        """Align two filings of the timeline without reading them again (others are read)."""
        timeline = self._timeline
        by_path = {Path(f.path): f for f in timeline.filings} if timeline is not None else {}
        if old in by_path and new in by_path:
            return align(by_path[old], by_path[new], progress=progress)
        return compare_files(str(old), str(new), progress=progress)

    def _on_comparison_ready(self, _request: Request, _comparison: Comparison, _s: float) -> None:
        QTimer.singleShot(0, self._go_to_target)

    def _go_to_target(self) -> None:
        window, target = self._comparison_window, self._target
        comparison = window.comparison() if window is not None else None
        if window is None or target is None or comparison is None:
            return
        if (comparison.old.fiscal_year, comparison.new.fiscal_year) != (
            target.old_year,
            target.new_year,
        ):
            return
        self._target = None
        index = pair_index(comparison, old=target.old_factor, new=target.new_factor)
        if index >= 0:
            window.view.go_to_pair(index)

    # Print and export -------------------------------------------------------------------------

    def _ask_save_path(self, title: str, suffix: str, filter_text: str) -> Path | None:
        timeline = self._timeline
        if timeline is None:
            self.messages.warn("There is no timeline to save yet.")
            return None
        stem = f"{timeline.company or 'filings'}-timeline".replace(" ", "-").replace("/", "-")
        folder = Path(self.settings.last_folder or Path.home())
        name, _filter = QFileDialog.getSaveFileName(
            self, title, str(folder / f"{stem}{suffix}"), filter_text
        )
        if not name:
            return None
        self.settings.remember_folder_of(name)
        return Path(name)

    def export_html(self) -> None:
        path = self._ask_save_path("Export HTML", ".html", "HTML files (*.html)")
        if path is not None and self._timeline is not None:
            timeline = self._timeline
            self._write(path, lambda: write_atomically(path, timeline_to_html(timeline)))

    def export_pdf(self) -> None:
        path = self._ask_save_path("Export PDF", ".pdf", "PDF files (*.pdf)")
        if path is not None and self._timeline is not None:
            from gui.timeline_print import export_timeline_pdf  # noqa: PLC0415  loads printing

            timeline = self._timeline
            self._write(path, lambda: export_timeline_pdf(timeline, path))

    def write_to(self, path: Path) -> None:
        """Save the timeline at `path` as HTML or PDF by its suffix (tests, scripts)."""
        if self._timeline is None:
            return
        timeline = self._timeline
        if path.suffix.lower() == ".pdf":
            from gui.timeline_print import export_timeline_pdf  # noqa: PLC0415  loads printing

            self._write(path, lambda: export_timeline_pdf(timeline, path))
        else:
            self._write(path, lambda: write_atomically(path, timeline_to_html(timeline)))

    def _write(self, path: Path, write: Callable[[], None]) -> None:
        timeline = self._timeline
        inputs = [filing.path for filing in timeline.filings] if timeline is not None else []
        try:
            refuse_overwriting_inputs([path], inputs)
            write()
        except FactorDiffError as error:
            self.messages.error(error)
            return
        except OSError as error:
            self.messages.error(FactorDiffError(f"Could not write {path}: {error.strerror}"))
            return
        self.statusBar().showMessage(f"Saved {path}", 5000)

    def print_timeline(self) -> None:
        timeline = self._timeline
        if timeline is None:
            self.messages.warn("There is no timeline to print yet.")
            return
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # noqa: PLC0415

        from gui.timeline_print import print_timeline  # noqa: PLC0415

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Print — {timeline_title(timeline)}")
        dialog.paintRequested.connect(lambda target: print_timeline(timeline, target))
        dialog.exec()

    # Drops and closing ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802  Qt's name
        if len(dropped_paths(event.mimeData().urls())) >= MIN_FILINGS:
            event.acceptProposedAction()
            self.statusBar().showMessage("Drop to make the timeline of these filings")
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802  Qt's name
        paths = dropped_paths(event.mimeData().urls())
        if len(paths) < MIN_FILINGS:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  Qt's name
        self.loader.cancel()
        self.loader.wait(5000)
        super().closeEvent(event)
