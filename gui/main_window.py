"""The main window: wires the comparison view, factor tree, bars, actions and background loading.

Layout: factor tree (dock, left) · [message bar / pane captions / CompareView / find bar /
summary bar] · status bar (messages, progress with Cancel).

Files arrive by File > Open, Open Recent, the command line, or drag and drop: one file onto a
pane replaces that side, two files onto the window are compared with the older fiscal year on
the left, one file onto the window replaces the side (left or right half) it was dropped on.
The comparison on screen stays until a new one is ready; a file that cannot be compared leaves
it as it was and says why.

The window only wires; the work is done by its collaborators: gui.actions (every command, as
data), gui.file_dialogs (what to open, where to save), gui.exports (HTML, PDF, print preview),
gui.load_progress (progress and Cancel) and gui.messages (every message and error shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from core.diff.options import DiffOptions
from core.diff.pair import pair_diff, recounted, redline
from core.diff.passages import moved_ops, pair_spans
from core.diff.sides import NEW
from core.errors import FactorDiffError
from core.model import Comparison, Filing, Pair
from core.report.labels import company_name, form_name, pair_numbers, year_or_file_name
from gui.actions import (
    DIFF_OPTION_ACTIONS,
    ActionId,
    Handler,
    build_actions,
    build_menus,
    build_toolbar,
    refresh_icons,
)
from gui.compare_view import CompareView
from gui.correction_actions import CorrectionController
from gui.edgar_dialog import EdgarDialog
from gui.exports import (
    ReportWriter,
    print_with_preview,
    write_csv_report,
    write_html_report,
    write_json_report,
    write_pdf,
)
from gui.factor_tree import FactorTree
from gui.factor_tree_model import PairRow, pair_rows
from gui.file_dialogs import FILING_FILTER, ask_filing_path, ask_save_path
from gui.find_bar import FindBar
from gui.load_progress import LoadProgress
from gui.messages import MessageBar, Messenger, log
from gui.pair_menu import PairCommands, copy_redline, pair_heading_text, pair_menu, single_pair
from gui.palette import apply_window_theme
from gui.pane_builder import PanePlans
from gui.pane_document import SIDE_NAMES, SIDE_WORDS
from gui.pane_find import FindResult
from gui.pane_headers import PaneHeaders, filing_caption, filing_tooltip
from gui.print_document import PrintLayout, PrintOptions
from gui.recent_menu import RecentMenu
from gui.review_actions import ReviewController
from gui.review_files import is_review_file
from gui.settings import OPTIONS, Settings
from gui.summary_bar import SummaryBar
from gui.worker import ComparisonLoader, Request

APP_NAME = "FactorDiff"
Writer = Callable[[Comparison, Path], None]
# The factor dock's first width: a share of the window, within limits that keep headings legible
# and leave the panes room.
DOCK_SHARE = 0.3
DOCK_MIN_WIDTH = 280
DOCK_MAX_WIDTH = 520
# The most of the window a restored factor list may take: the panes keep the rest.
DOCK_MAX_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class Prepared:
    """What showing a loaded comparison needs besides Qt, worked out on the loader's thread:
    the panes' plans, and the factor list's rows (of the comparison `counted` under the same
    diff options, see MainWindow._counted)."""

    panes: PanePlans
    counted: Comparison
    rows: tuple[PairRow, ...]


def dropped_paths(urls: list[QUrl]) -> list[Path]:
    """The local files among dropped URLs (folders and remote URLs are left out)."""
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]


def window_title(comparison: Comparison | None) -> str:
    """'Internet Initiative Japan Inc. — 20-F — FY2008 vs FY2009 — FactorDiff'"""
    if comparison is None:
        return APP_NAME
    old, new = comparison.old, comparison.new
    company = company_name(comparison) or Path(new.path).stem
    years = f"{year_or_file_name(old)} vs {year_or_file_name(new)}"
    parts = [company, form_name(comparison), years, APP_NAME]
    return " — ".join(part for part in parts if part)


class MainWindow(QMainWindow):
    """FactorDiff's window. `compare(old, new)` starts a comparison; `comparison()` is the one
    on screen (None before the first one is ready)."""

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        loader: ComparisonLoader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else Settings()
        self.loader = loader if loader is not None else ComparisonLoader(self)
        self._comparison: Comparison | None = None
        # What each side shows, or will show once the other side is chosen too.
        self._paths: list[Path | None] = [None, None]
        self.pair_windows: list[QMainWindow] = []  # "Compare Only This Pair" windows open
        # A reload under way, and the place it started from (kept when it finishes).
        self._reload: tuple[Request, tuple[Pair | None, int, float]] | None = None
        self.edgar_dialog: EdgarDialog | None = None  # made on first use of Get from EDGAR
        self.timeline_windows: list[QMainWindow] = []  # opened from here; open pairs here
        # The steps still to come of showing a loaded comparison (see _show_later).
        self._later: list[tuple[Callable[[], object], bool]] = []
        self._later_timer = QTimer(self)
        self._later_timer.setSingleShot(True)
        self._later_timer.setInterval(0)

        self.view = CompareView()
        # The panes' marks and figures, and the factor list's rows, are worked out on the
        # loader's thread too.
        self.loader.set_prepare(self._prepare)
        self.messages_bar = MessageBar()
        self.messages = Messenger(self, self.messages_bar)
        self.headers = PaneHeaders((self.view.pane(0), self.view.pane(1)))
        self.find_bar = FindBar()
        self.summary = SummaryBar()
        self.tree = FactorTree()
        self.review = ReviewController(self)
        self.corrections = CorrectionController(self)
        self._build_layout()

        self.actions_by_id = build_actions(self, self._action_handlers())
        self.recent_menu = RecentMenu(self.settings, self)
        self.menus = build_menus(self, self.actions_by_id, self.recent_menu)
        self.toolbar = build_toolbar(self, self.actions_by_id)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.review.stop()  # no comparison yet: its commands wait for one
        self._build_status_bar()
        self._connect_signals()
        self._restore_settings()
        self._show_paths()
        self.summary.hide()  # until there is a comparison to sum up
        # Said at once, and again when the first comparison replaces the message.
        self._startup_notes = [self.settings.warning] if self.settings.warning else []
        if self._startup_notes:
            self.messages.warn(self.settings.warning)

    # Building -----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.messages_bar)
        layout.addWidget(self.headers)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.summary)
        self.setCentralWidget(central)

        self.tree_dock = QDockWidget("Factors", self)
        self.tree_dock.setObjectName("factorTreeDock")  # saveState() needs a name
        self.tree_dock.setWidget(self.tree)
        self.tree_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree_dock)

    def _build_status_bar(self) -> None:
        self.load_progress = LoadProgress()
        self.statusBar().addPermanentWidget(self.review.progress_label)
        self.statusBar().addPermanentWidget(self.load_progress)
        # Tests and benchmarks watch these two as a person would.
        self.progress = self.load_progress.bar
        self.cancel_button = self.load_progress.cancel_button

    def _action_handlers(self) -> dict[ActionId, Handler]:
        """What each command runs (gui.actions declares how it looks)."""
        return {
            ActionId.OPEN_OLD: self.open_old,
            ActionId.OPEN_NEW: self.open_new,
            ActionId.GET_FROM_EDGAR: self.get_from_edgar,
            ActionId.OPEN_FILINGS: self.open_filings,
            ActionId.RELOAD: self.reload,
            ActionId.PRINT: self.print_comparison,
            ActionId.EXPORT_PDF: self.export_pdf,
            ActionId.EXPORT_HTML: self.export_html,
            ActionId.EXPORT_CSV: self.export_csv,
            ActionId.EXPORT_JSON: self.export_json,
            ActionId.OPEN_REVIEW: self.review.open_review,
            ActionId.SAVE_REVIEW: self.review.save,
            ActionId.SAVE_REVIEW_AS: self.review.save_as,
            ActionId.QUIT: self.close,
            ActionId.UNDO: self.review.undo,
            ActionId.REDO: self.review.redo,
            ActionId.ZOOM_IN: self.zoom_in,
            ActionId.ZOOM_OUT: self.zoom_out,
            ActionId.ZOOM_RESET: self.zoom_reset,
            ActionId.LOCK_SCROLLING: self.set_scroll_locked,
            ActionId.DARK_THEME: self.set_dark,
            ActionId.IGNORE_CASE: self.apply_diff_options,
            ActionId.IGNORE_PUNCTUATION: self.apply_diff_options,
            ActionId.IGNORE_NUMBERS: self.apply_diff_options,
            ActionId.ONLY_CHANGES: self.set_only_changes,
            ActionId.SHOW_TREE: self.set_tree_shown,
            ActionId.NEXT_CHANGE: self.next_change,
            ActionId.PREVIOUS_CHANGE: self.previous_change,
            ActionId.FILTER_FACTORS: self.focus_tree_search,
            ActionId.FIND: self.open_find_bar,
            ActionId.FIND_NEXT: self.find_next,
            ActionId.FIND_PREVIOUS: self.find_previous,
            ActionId.MARK_REVIEWED: self.review.mark_reviewed_and_next,
            ActionId.FLAG: self.review.toggle_flag,
            ActionId.NOTE: self.review.edit_note,
            ActionId.MARK_UNREVIEWED: self.review.mark_unreviewed,
            ActionId.ABOUT: self.about,
            **self.corrections.handlers(),
        }

    def _connect_signals(self) -> None:
        self.loader.started.connect(self._on_load_started)
        self._later_timer.timeout.connect(self._next_later)
        self.view.filled.connect(self._later_timer.start)
        self.loader.progress.connect(self.load_progress.report)
        self.loader.finished.connect(self._on_load_finished)
        self.loader.filing_loaded.connect(self._on_filing_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.loader.cancelled.connect(self._on_load_cancelled)
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.tree.pair_activated.connect(self.view.go_to_pair)
        self.view.current_pair_changed.connect(self.tree.follow_pair)
        self.view.file_dropped.connect(self.replace_file)
        self.find_bar.find_requested.connect(self._find)
        self.find_bar.text_changed.connect(self._count_matches)
        self.find_bar.closed.connect(self._on_find_closed)
        self.view.filled.connect(self._on_panes_filled)
        self.tree_dock.visibilityChanged.connect(self._on_tree_visibility)
        self.tree.search_box.textChanged.connect(self._on_tree_search)
        self.summary.status_chosen.connect(self.tree.set_status_filter)
        self.summary.passage_chosen.connect(lambda passage: self.view.go_to_passage(passage, NEW))
        self.view.pair_menu_requested.connect(self._on_pane_menu)
        self.view.note_requested.connect(self.review.edit_note_of)
        self.tree.pair_menu_requested.connect(self._on_tree_menu)
        self.recent_menu.open_requested.connect(self.replace_file)
        self.recent_menu.compare_requested.connect(self._compare_paths)
        self.corrections.connect_signals()

    def _restore_settings(self) -> None:
        settings = self.settings
        geometry = settings.get("window/geometry")
        if not geometry or not self.restoreGeometry(QByteArray(geometry)):
            available = self.screen().availableGeometry()
            self.resize(
                min(1600, int(available.width() * 0.92)), min(1000, int(available.height() * 0.9))
            )
        state = settings.get("window/state")
        # Without a saved layout the dock gets its share of the width once the window is shown.
        self._dock_sized = bool(state) and self.restoreState(QByteArray(state))
        self.view.set_font_size(settings.font_size)
        # Each saved toggle is ticked quietly and applied once, whether or not the tick changed.
        for action_id, on, apply in (
            (ActionId.LOCK_SCROLLING, settings.scroll_locked, self.set_scroll_locked),
            (ActionId.DARK_THEME, settings.dark, self.set_dark),
            (ActionId.ONLY_CHANGES, settings.only_changes, self.set_only_changes),
        ):
            self._set_checked_quietly(action_id, on)
            apply(on)
        options = settings.diff_options
        for action_id in DIFF_OPTION_ACTIONS:
            self._set_checked_quietly(action_id, getattr(options, action_id))
        self.view.set_diff_options(options)
        self.actions_by_id[ActionId.SHOW_TREE].setChecked(not self.tree_dock.isHidden())
        self.tree.set_search_bodies(bool(settings.get("filter/search_bodies")))

    def _save_settings(self) -> None:
        settings = self.settings
        settings.set("window/geometry", self.saveGeometry().data())
        settings.set("window/state", self.saveState().data())
        settings.font_size = self.view.font_size()
        settings.scroll_locked = self.view.scroll_locked()
        settings.dark = self.actions_by_id[ActionId.DARK_THEME].isChecked()
        settings.only_changes = self.tree.filter.only_changes()
        settings.set("filter/search_bodies", self.tree.filter.search_bodies())
        settings.diff_options = self.view.diff_options()
        problem = settings.sync()
        if problem:
            log.warning("%s", problem)

    # Comparing ----------------------------------------------------------------------------

    def comparison(self) -> Comparison | None:
        return self._comparison

    def compare(self, old: Path, new: Path, *, by_year: bool = False) -> Request | None:
        """Start comparing; the window keeps showing the current comparison meanwhile. None
        when the person kept unsaved review work (Cancel) instead."""
        if not self.review.may_drop_work("comparing other filings"):
            return None
        return self.loader.start(Path(old), Path(new), by_year=by_year)

    def open_one(self, path: Path) -> None:
        """Start from one filing: it is the newer one until an older one is chosen."""
        self.replace_file(1, path)

    def replace_file(self, side: int, path: str | Path) -> None:
        """Show `path` on `side` (0 old, 1 new), keeping the other side; with no other side
        yet, the filing is shown alone and the other pane says what to do."""
        paths = list(self._paths)
        paths[side] = Path(path)
        old, new = paths
        if old is None or new is None:
            self._paths = paths
            self._show_paths()
            self.loader.start_one(Path(path), side)
            return
        self.compare(old, new)

    def _on_filing_loaded(self, request: Request, filing: Filing) -> None:
        self.load_progress.stop()
        self.messages.clear()
        side = request.alone_on if request.alone_on is not None else 1
        other = 1 - side
        hint = (
            f"Now open or drop the {SIDE_WORDS[other]} filing here to compare "
            f"{request.new.name} with it (File > Open {SIDE_NAMES[other]} Filing…, "
            f"{'Ctrl+O' if other == 0 else 'Ctrl+Shift+O'})."
        )
        self._comparison = None
        self.review.stop()
        self.tree.set_comparison(None)
        self.summary.set_comparison(None)
        self.summary.hide()
        self.view.show_filing(side, filing, hint)
        self._show_paths()
        self.headers.set_text(side, filing_caption(filing), filing_tooltip(filing))
        self.setWindowTitle(f"{request.new.name} — {APP_NAME}")
        self.settings.remember_filing_folder_of(request.new)
        self.statusBar().showMessage(
            f"Read {len(filing.factors)} risk factors from {request.new.name}"
        )

    def _compare_paths(self, old: str, new: str) -> None:
        self.compare(Path(old), Path(new))

    def reload(self) -> None:
        """Read both files again; the pair at the top stays at the top, and the review (its
        corrections, marks and undo history) applies to the files as read again."""
        old, new = self._paths
        if old is not None and new is not None:
            request = self.loader.start(old, new)  # nothing of the review is lost: no asking
            self.review.keep_for(request)
            self._reload = (request, self._pair_place())

    def _pair_place(self) -> tuple[Pair | None, int, float]:
        """The pair at the top of the panes (and its index, and how far into it)."""
        index, fraction = self.view.reading_place()
        comparison = self._comparison
        if comparison is None or not 0 <= index < len(comparison.pairs):
            return None, index, fraction
        return comparison.pairs[index], index, fraction

    def _restore_pair_place(self, place: tuple[Pair | None, int, float]) -> None:
        """Back to the pair a reload started from: the same factors paired, else the same
        position in the list."""
        pair, index, fraction = place
        comparison = self._comparison
        if comparison is None or index < 0 or not comparison.pairs:
            return
        sides = (pair.old_indexes, pair.new_indexes, pair.passage) if pair is not None else None
        same = [
            number
            for number, candidate in enumerate(comparison.pairs)
            if (candidate.old_indexes, candidate.new_indexes, candidate.passage) == sides
        ]
        if same:
            self.view.go_to_place((same[0], fraction))
        else:
            self.view.go_to_place((min(index, len(comparison.pairs) - 1), 0.0))

    def _on_load_started(self, request: Request) -> None:
        if self._comparison is None and request.alone_on is None:
            # Nothing shown yet: name the files being compared, and keep naming them if they
            # fail, so the person sees which one to replace.
            self._paths = [request.old, request.new]
            self._show_paths()
        self.load_progress.start()
        if request.alone_on is not None:
            self.statusBar().showMessage(f"Reading {request.new.name}…")
            return
        self.statusBar().showMessage(f"Comparing {request.old.name} with {request.new.name}…")

    def _prepare(self, comparison: Comparison) -> Prepared:
        """What showing `comparison` needs that is not Qt (on the loader's thread)."""
        panes = self.view.prepare(comparison)
        counted = self._counted(comparison, options=panes.options)
        return Prepared(panes, counted, pair_rows(counted, options=panes.options))

    def _on_load_finished(self, request: Request, comparison: Comparison, seconds: float) -> None:
        self.load_progress.stop()
        self.messages.clear()
        reload, self._reload = self._reload, None
        prepared = self.loader.prepared(comparison)
        self.set_comparison(
            comparison,
            gradual=True,
            prepared=prepared if isinstance(prepared, Prepared) else None,
        )
        # The review starts once the panes are filled (it hashes the two files).
        self._show_later(lambda: self._loaded(request, comparison, seconds, reload), filled=True)

    def _loaded(
        self,
        request: Request,
        comparison: Comparison,
        seconds: float,
        reload: tuple[Request, tuple[Pair | None, int, float]] | None,
    ) -> None:
        """The rest of showing a loaded comparison, once its panes and factor list are up."""
        if reload is not None and reload[0] == request:
            self._restore_pair_place(reload[1])
        notes = [*comparison.warnings, *self._startup_notes]
        self._startup_notes = []
        if notes:
            self.messages.warn("\n".join(notes))
        self.review.start(comparison, request)  # after the notes: a review file adds its own
        for path in (comparison.old.path, comparison.new.path):
            if Path(path).is_file():
                self.settings.add_recent_file(path)
        if Path(comparison.old.path).is_file() and Path(comparison.new.path).is_file():
            label = window_title(comparison).removesuffix(f" — {APP_NAME}")
            self.settings.add_recent_pair(comparison.old.path, comparison.new.path, label)
            self.settings.remember_filing_folder_of(request.new)
        count = len(comparison.factor_pairs)
        passages = len(comparison.pairs) - count
        around = f" and {passages} of the text around them" if passages else ""
        self.statusBar().showMessage(
            f"Compared {count} pairs of risk factors{around} in {seconds:.2f} s"
        )

    def _on_load_failed(self, request: Request, error: BaseException) -> None:
        self.load_progress.stop()
        self.statusBar().clearMessage()
        doing = (
            f"Reading {request.new.name}"
            if request.alone_on is not None
            else f"Comparing {request.old.name} with {request.new.name}"
        )
        self.messages.error(error, doing=doing)

    def _on_load_cancelled(self, _request: Request) -> None:
        self.load_progress.stop()
        kept = " The comparison shown is unchanged." if self._comparison is not None else ""
        self.statusBar().showMessage(f"Comparison cancelled.{kept}", 5000)

    def set_comparison(
        self,
        comparison: Comparison | None,
        *,
        gradual: bool = False,
        prepared: Prepared | None = None,
        place: tuple[int, float] | None = None,
    ) -> None:
        """Show a comparison (made by the loader, or given directly); with `gradual`, the
        panes fill in behind their first screen, from what the loader `prepared` (see
        CompareView.set_comparison), and the factor list comes in the next turn of the event
        loop, so that neither holds the window for long. `place`: where the panes show it
        (see CompareView.set_comparison)."""
        if prepared is not None and prepared.panes.comparison is not comparison:
            prepared = None
        panes = None if prepared is None else prepared.panes
        self._comparison = comparison
        self._later.clear()  # what was still to come for the comparison shown before
        if comparison is not None:
            self._paths = [Path(comparison.old.path), Path(comparison.new.path)]
        self.summary.set_comparison(comparison)
        self.summary.setVisible(comparison is not None)  # no row of zeros before a comparison
        if gradual:
            self.view.set_comparison(comparison, gradual=True, prepared=panes, place=place)
            self._show_later(lambda: self._list_factors(comparison, prepared))
        else:
            self._list_factors(comparison, prepared)
            self.view.set_comparison(comparison, prepared=panes, place=place)
        self._show_paths()
        self.setWindowTitle(window_title(comparison))

    def _list_factors(self, comparison: Comparison | None, prepared: Prepared | None) -> None:
        options = self.view.diff_options()
        if prepared is not None and prepared.panes.options == options:
            self.tree.set_comparison(prepared.counted, options=options, rows=prepared.rows)
        else:
            self.tree.set_comparison(
                None if comparison is None else self._counted(comparison), options=options
            )
        self.tree.set_status_filter(None)
        self.review.list_marks()  # a comparison a correction made: its review marks
        self.tree.follow_pair(self.view.current_pair())

    def _show_later(self, step: Callable[[], object], *, filled: bool = False) -> None:
        """Do `step` in a later turn of the event loop, after the steps already waiting (and,
        if `filled`, once the panes are whole): a loaded comparison is shown a step per turn,
        so the window answers in between."""
        self._later.append((step, filled))
        self._later_timer.start()

    def _next_later(self) -> None:
        if not self._later:
            return
        step, filled = self._later[0]
        if filled and self.view.filling():
            return  # the view's `filled` starts the timer again
        self._later.pop(0)
        step()
        if self._later:
            self._later_timer.start()

    def showing(self) -> bool:
        """Whether a loaded comparison is still being shown: the panes filling in, or the
        factor list or the review still to come."""
        return bool(self._later) or self.view.filling()

    def _show_paths(self) -> None:
        comparison = self._comparison
        for side, path in enumerate(self._paths):
            if comparison is not None:
                filing = (comparison.old, comparison.new)[side]
                self.headers.set_text(side, filing_caption(filing), filing_tooltip(filing))
            elif path is not None:
                self.headers.set_text(side, path.name, str(path))
            else:
                self.headers.set_text(side, f"drop the {SIDE_WORDS[side]} filing here")

    # Navigation ---------------------------------------------------------------------------

    def next_change(self) -> None:
        if not self.view.next_change():
            self.statusBar().showMessage("No further changes below.", 3000)

    def previous_change(self) -> None:
        if not self.view.previous_change():
            self.statusBar().showMessage("No further changes above.", 3000)

    def open_find_bar(self) -> None:
        self.find_bar.open_bar()

    def find_next(self) -> None:
        self._find_again(backward=False)

    def find_previous(self) -> None:
        self._find_again(backward=True)

    def _find_again(self, *, backward: bool) -> None:
        """F3 / Shift+F3: search for the find bar's text again, or open the bar to type it."""
        if not self.find_bar.text():
            self.open_find_bar()
            return
        self._find(self.find_bar.text(), backward)

    def _find(self, text: str, backward: bool) -> None:
        self._show_find_result(self.view.find(text, backward=backward))

    def _show_find_result(self, result: FindResult) -> None:
        self.find_bar.show_result(result)
        if not result.found and self.view.only_changes() and not self.view.filling():
            self.statusBar().showMessage(
                "Not found in the changed factors; the text of unchanged ones is folded up "
                "(turn Only Changes off to search it).",
                8000,
            )

    def _count_matches(self, text: str) -> None:
        self.find_bar.show_result(self.view.set_find_text(text))

    def _on_panes_filled(self) -> None:
        """The panes hold the whole comparison: a search typed meanwhile counts all of it."""
        if self.find_bar.text() and self.find_bar.isVisible():
            self._show_find_result(self.view.find_result())

    def _on_find_closed(self) -> None:
        self.view.clear_find()
        self.view.pane(0).setFocus()

    # View options -------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.view.zoom(1)

    def zoom_out(self) -> None:
        self.view.zoom(-1)

    def zoom_reset(self) -> None:
        self.view.set_font_size(OPTIONS["view/font_size"].default)

    def set_scroll_locked(self, locked: bool) -> None:
        self.view.set_scroll_locked(locked)

    def set_dark(self, dark: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_window_theme(app, dark=dark)
        self.view.set_dark(dark)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Only now does the window's palette hold the new theme's colours (set_dark runs
            # before they reach it): redraw the icons drawn in the text colour.
            refresh_icons(self, self.actions_by_id)

    def set_only_changes(self, only: bool) -> None:
        self.tree.set_only_changes(only)
        self.view.set_only_changes(only)

    def apply_diff_options(self, _on: bool) -> None:
        """One of the View menu's Ignore … items was toggled: re-mark with all of them."""
        actions = self.actions_by_id
        options = DiffOptions(**{name: actions[name].isChecked() for name in DIFF_OPTION_ACTIONS})
        self.view.set_diff_options(options)
        if self._comparison is not None:
            # The tree's changed words follow the marks; the row on screen stays current.
            self.tree.set_comparison(self._counted(self._comparison), options=options)
            self.review.refresh()
            self.tree.follow_pair(self.view.current_pair())
        self.statusBar().showMessage(self._ignored_note() or "Every change is marked.", 5000)

    def show_diff_options(self, options: DiffOptions) -> None:
        """Tick the View menu's Ignore … items as `options` say (a review's) and mark with them."""
        for action_id in DIFF_OPTION_ACTIONS:
            self._set_checked_quietly(action_id, getattr(options, action_id))
        self.apply_diff_options(True)

    def _ignored_note(self) -> str:
        """What the marks overlook, as a sentence ("" when nothing)."""
        ignored = self.view.diff_options().describe()
        return f"Changes in {ignored} are not marked." if ignored else ""

    def _counted(self, comparison: Comparison, *, options: DiffOptions | None = None) -> Comparison:
        """`comparison` with each pair's changed words counted as the panes mark them (or
        under `options`)."""
        options = self.view.diff_options() if options is None else options
        if not options.ignores_anything:
            return comparison
        return recounted(comparison, options=options)

    def set_tree_shown(self, shown: bool) -> None:
        self.tree_dock.setVisible(shown)
        if shown:
            self.tree.view.setFocus()

    def focus_tree_search(self) -> None:
        if self.tree_dock.isHidden():
            self.actions_by_id[ActionId.SHOW_TREE].setChecked(True)
        self.tree.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree.search_box.selectAll()

    def _on_tree_visibility(self, _visible: bool) -> None:
        # visibilityChanged also fires when the dock is merely covered; follow the real state.
        self._set_checked_quietly(ActionId.SHOW_TREE, not self.tree_dock.isHidden())

    def _set_checked_quietly(self, action_id: ActionId, checked: bool) -> None:
        """Tick or untick a menu item without running its handler."""
        action = self.actions_by_id[action_id]
        action.blockSignals(True)
        action.setChecked(checked)
        action.blockSignals(False)

    def _on_tree_search(self, text: str) -> None:
        if text and not self.tree.visible_pairs():
            where = "factor" if self.tree.filter.search_bodies() else "factor heading or category"
            self.statusBar().showMessage(f"No {where} contains “{text}”.")

    # A pair's context menu ------------------------------------------------------------------

    def pair_menu(self, index: int, *, side: int = 1, in_list: bool = False) -> QMenu | None:
        """The context menu of pair `index`, as opened on pane `side` or in the list."""
        comparison = self._comparison
        if comparison is None or not 0 <= index < len(comparison.pairs):
            return None
        pair = comparison.pairs[index]
        has_counterpart = bool(pair.old_indexes) and bool(pair.new_indexes)
        commands = PairCommands(
            copy_redline=lambda: copy_redline(
                redline(
                    moved_ops(
                        pair_diff(comparison, pair, options=self.view.diff_options()).joined_ops,
                        pair_spans(comparison, pair, old_side=True),
                        pair_spans(comparison, pair, old_side=False),
                    )
                )
            ),
            copy_heading=lambda: QApplication.clipboard().setText(
                pair_heading_text(comparison, pair, side)
            ),
            go_to_counterpart=(
                (lambda: self.go_to_counterpart(index, side)) if has_counterpart else None
            ),
            show_in_list=None if in_list else (lambda: self.show_in_list(index)),
            compare_alone=(lambda: self.compare_alone(index)) if in_list else None,
        )
        return pair_menu(self, comparison, index, commands)

    def _on_pane_menu(self, side: int, index: int, where: QPoint) -> None:
        menu = self.pair_menu(index, side=side)
        if menu is not None:
            self.corrections.add_to_menu(menu, index, side=side, where=where)
            menu.popup(where)

    def _on_tree_menu(self, index: int, where: QPoint) -> None:
        menu = self.pair_menu(index, in_list=True)
        if menu is not None:
            self.corrections.add_to_menu(menu, index)
            menu.popup(where)

    def go_to_counterpart(self, index: int, side: int) -> None:
        """Bring pair `index` to the top and put the keyboard in the other pane, on it."""
        self.view.go_to_pair(index)
        self.view.pane(1 - side).setFocus(Qt.FocusReason.OtherFocusReason)

    def show_in_list(self, index: int) -> None:
        """Show the factor list with pair `index`'s row chosen (filters that hide it cleared)."""
        if self.tree_dock.isHidden():
            self.actions_by_id[ActionId.SHOW_TREE].setChecked(True)
        if not self.tree.view_index_of_pair(index).isValid():
            self.tree.set_search("")
            self.summary.choose(None)
            self.tree.set_status_filter(None)
            self.actions_by_id[ActionId.ONLY_CHANGES].setChecked(False)
        self.tree.follow_pair(index)
        self.tree.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def compare_alone(self, index: int) -> None:
        """A window comparing pair `index` alone (its factors, nothing around them)."""
        comparison = self._comparison
        if comparison is None:
            return
        alone = single_pair(comparison, index)
        window = QMainWindow(self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        pair = comparison.pairs[index]
        heading = pair_heading_text(comparison, pair, 1).split("\n")[0]
        window.setWindowTitle(f"{pair_numbers(pair)} — {heading} — {APP_NAME}")
        view = CompareView(window)
        view.set_diff_options(self.view.diff_options())
        view.set_dark(self.actions_by_id[ActionId.DARK_THEME].isChecked())
        view.set_font_size(self.view.font_size())
        view.set_comparison(alone)
        window.setCentralWidget(view)
        window.resize(min(self.width(), 1200), min(self.height(), 800))
        window.show()
        self.pair_windows.append(window)
        window.destroyed.connect(lambda *_, gone=window: self._forget_pair_window(gone))

    def _forget_pair_window(self, gone: QMainWindow) -> None:
        self.pair_windows = [kept for kept in self.pair_windows if kept is not gone]

    # Files --------------------------------------------------------------------------------

    def open_old(self) -> None:
        self._choose_file(0)

    def open_new(self) -> None:
        self._choose_file(1)

    def open_filings(self) -> None:
        """File > Open Filings…: several filings of one company, as a timeline."""
        names, _filter = QFileDialog.getOpenFileNames(
            self, "Open the filings of one company", self.settings.last_folder, FILING_FILTER
        )
        if names:
            self.settings.remember_folder_of(names[0])
            self.open_timeline([Path(name) for name in names])

    def open_timeline(self, paths: list[Path]) -> QMainWindow:
        """A timeline window of `paths` (gui.timeline_window); its pairs of years open here."""
        from gui.timeline_window import TimelineWindow  # noqa: PLC0415 - it imports this module

        window = TimelineWindow(settings=self.settings, comparison_window=self)
        self.timeline_windows.append(window)
        window.show()
        window.open_files(paths)
        return window

    def _choose_file(self, side: int) -> None:
        path = ask_filing_path(self, self.settings, side, self._paths[side])
        if path is not None:
            self.replace_file(side, path)

    def get_from_edgar(self) -> None:
        """Show the Get from EDGAR dialog (one per window, kept with its list and cache)."""
        if self.edgar_dialog is None:
            self.edgar_dialog = EdgarDialog(self.settings, self)
            self.edgar_dialog.filings_ready.connect(self._compare_from_edgar)
        self.edgar_dialog.show()
        self.edgar_dialog.raise_()
        self.edgar_dialog.activateWindow()

    def _compare_from_edgar(self, paths: list[Path]) -> None:
        """Compare the filings the EDGAR dialog downloaded (oldest fiscal year first)."""
        if self.edgar_dialog is not None:
            self.edgar_dialog.hide()
        if len(paths) > 2:
            self.messages.info(
                f"{len(paths)} filings downloaded; comparing the oldest with the newest "
                f"({paths[0].name} and {paths[-1].name})."
            )
        self.compare(paths[0], paths[-1], by_year=True)

    def _save_as(self, title: str, suffix: str, filter_text: str, write: Writer) -> None:
        comparison = self._comparison
        if comparison is None:
            self.messages.warn("There is no comparison to save yet.")
            return
        path = ask_save_path(
            self, self.settings, comparison, title=title, suffix=suffix, filter_text=filter_text
        )
        if path is None:
            return
        try:
            write(comparison, path)
        except FactorDiffError as error:
            self.messages.error(error)
            return
        except OSError as error:
            self.messages.error(FactorDiffError(f"Could not write {path}: {error.strerror}"))
            return
        self.statusBar().showMessage(f"Saved {path}", 5000)

    def export_pdf(self) -> None:
        diff_options = self.view.diff_options()
        options = self._print_options()
        folded = self.view.fold_notes()
        review = self.review.for_outputs()

        def write(comparison: Comparison, path: Path) -> None:
            write_pdf(
                self._counted(comparison),
                path,
                diff_options=diff_options,
                note=self._ignored_note(),
                options=options,
                folded=folded,
                review=review,
            )

        self._save_as("Export PDF", ".pdf", "PDF files (*.pdf)", write)

    def export_html(self) -> None:
        self._export("Export HTML Report", ".html", "HTML files (*.html)", write_html_report)

    def export_csv(self) -> None:
        self._export("Export CSV", ".csv", "CSV files (*.csv)", write_csv_report)

    def export_json(self) -> None:
        self._export("Export JSON", ".json", "JSON files (*.json)", write_json_report)

    def _export(self, title: str, suffix: str, filter_text: str, report: ReportWriter) -> None:
        """Save the comparison as a report (gui.exports), with the review when there is one."""
        review = self.review.for_outputs()

        def write(comparison: Comparison, path: Path) -> None:
            report(comparison, path, review=review)

        self._save_as(title, suffix, filter_text, write)

    def print_comparison(self) -> None:
        comparison = self._comparison
        if comparison is None:
            self.messages.warn("There is no comparison to print yet.")
            return
        chosen = print_with_preview(
            self,
            self._counted(comparison),
            window_title(comparison),
            diff_options=self.view.diff_options(),
            note=self._ignored_note(),
            options=self._print_options(),
            folded=self.view.fold_notes(),
            review=self.review.for_outputs(),
        )
        self.settings.set("print/layout", chosen.layout.value)

    def _print_options(self) -> PrintOptions:
        """How to print or export: the layout chosen last in the print preview, and changes
        only while Only Changes is on (as the panes show them)."""
        layout = PrintLayout(self.settings.get("print/layout"))
        return PrintOptions(layout=layout, changes_only=self.view.only_changes())

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME}</h3>"
            "<p>Compares the Risk Factors sections of two annual reports (10-K Item 1A, "
            "20-F Item 3.D) side by side: which risks were added, removed, reworded, moved, "
            "split or merged, word by word.</p>"
            "<p>Keys: F8 / Shift+F8 next / previous change, Ctrl+F find, F9 factor list, "
            "Ctrl+L lock scrolling.</p>",
        )

    # Drag and drop onto the window ---------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802  Qt's name
        count = len(dropped_paths(event.mimeData().urls()))
        if count < 1:
            event.ignore()
            return
        event.acceptProposedAction()
        self.statusBar().showMessage(
            "Drop to follow each risk through these filings (a timeline)"
            if count > 2
            else "Drop to compare these two filings (the older year goes left)"
            if count == 2
            else "Drop on the left half to replace the old filing, on the right half the new one"
        )

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802  Qt's name
        self.statusBar().clearMessage()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802  Qt's name
        paths = dropped_paths(event.mimeData().urls())
        if len(paths) == 1 and is_review_file(paths[0]):
            event.acceptProposedAction()
            self.review.open_review(paths[0])
            return
        if not paths:
            event.ignore()
            self.messages.warn("Drop filing files: one or two to compare, more for a timeline.")
            return
        event.acceptProposedAction()
        if len(paths) > 2:
            self.open_timeline(paths)
            return
        if len(paths) == 2:
            self.compare(paths[0], paths[1], by_year=True)
            return
        # One file: the half of the window it was dropped on says which side it replaces.
        side = 0 if event.position().x() < self.width() / 2 else 1
        self.replace_file(side, paths[0])

    # Closing ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  Qt's name
        super().showEvent(event)
        if not self._dock_sized:
            self._dock_sized = True
            # After the first layout pass, which would otherwise undo it.
            QTimer.singleShot(0, self._size_dock)
        else:
            # A state saved from a much smaller window can leave the list too narrow to read,
            # one saved from a much wider window can leave the panes too narrow to read.
            QTimer.singleShot(0, self._fit_saved_dock)

    def _fit_saved_dock(self) -> None:
        width = self.tree_dock.width()
        too_wide = width > max(DOCK_MIN_WIDTH, int(self.width() * DOCK_MAX_SHARE))
        if self.tree_dock.isVisible() and (width < DOCK_MIN_WIDTH or too_wide):
            self._size_dock()

    def _size_dock(self) -> None:
        width = min(DOCK_MAX_WIDTH, max(DOCK_MIN_WIDTH, int(self.width() * DOCK_SHARE)))
        self.resizeDocks([self.tree_dock], [width], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  Qt's name
        if not self.review.may_drop_work("closing the window"):
            event.ignore()
            return
        self.review.close()
        self.loader.cancel()
        self.loader.wait(5000)
        if self.edgar_dialog is not None:
            self.edgar_dialog.shutdown()
        self._save_settings()
        super().closeEvent(event)
