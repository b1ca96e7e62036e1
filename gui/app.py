"""Start the desktop application.

python main.py              the bundled sample filings (IIJ 20-F FY2005, 2008, 2009, 2012) as a
                            timeline, with FY2008 vs FY2009 side by side beside it
python main.py A B          compare two filings, the older fiscal year on the left
python main.py A B C …      the timeline of three or more filings of one company
python main.py FILE         open FILE as the newer filing and wait for the older one
                            (File > Open Old Filing…, or drop it on the left pane)
python main.py --quit-after-paint [OLD NEW]
                            quit once the comparison is painted (startup benchmarks)
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from gui.autosave_dialog import offer_left_behind
from gui.fonts import register_bundled_fonts
from gui.main_window import APP_NAME, MainWindow
from gui.paths import resource_path, sample_filings, sample_timeline_filings
from gui.review_files import is_review_file
from gui.ui_thread_gc import collect_on_ui_thread

log = logging.getLogger("factordiff")


def make_application(argv: list[str]) -> QApplication:
    """The QApplication with FactorDiff's names, icon and bundled fonts (or the existing one)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("factordiff")
    icon = resource_path("icons", "factordiff.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyle("Fusion")  # the same look on every desktop, and a dark palette that works
    register_bundled_fonts()
    collect_on_ui_thread(app)
    return app


def start_paths(args: list[str]) -> list[Path]:
    """The files named on the command line (Qt's own options already removed)."""
    return [Path(arg) for arg in args if not arg.startswith("-")]


def open_window(args: list[str], *, offer_restore: bool = True) -> MainWindow:
    """Create and show the window and start the comparison the arguments ask for; first,
    when `offer_restore`, offer the reviews a crash left unsaved (gui.autosave_dialog): one
    restored is the comparison opened."""
    window = MainWindow()
    paths = start_paths(args)
    if len(paths) > 2:
        # The comparison window stays hidden until a pair of years is opened from the timeline.
        window.open_timeline(paths)
        return window
    if not paths:
        # Placed before it is shown, so the factor list is sized for the window's real width.
        place_beside(window.open_timeline(list(sample_timeline_filings())), window)
    window.show()
    if offer_restore and offer_left_behind(window):
        return window
    if not paths:
        window.compare(*sample_filings())
    elif len(paths) == 1 and is_review_file(paths[0]):
        window.review.open_review(paths[0])
    elif len(paths) == 1:
        window.open_one(paths[0])
    else:
        window.compare(paths[0], paths[1], by_year=True)  # "Open With" passes any order
    return window


# The timeline's share of the screen's width when it opens beside the two-pane window.
TIMELINE_SHARE = 0.45


def place_beside(timeline: QWidget, window: QWidget) -> None:
    """The timeline on the left of the screen, the two-pane window on the right."""
    screen = window.screen().availableGeometry()
    width = int(screen.width() * TIMELINE_SHARE)
    timeline.setGeometry(screen.x(), screen.y(), width, screen.height())
    window.setGeometry(screen.x() + width, screen.y(), screen.width() - width, screen.height())


def route_unexpected_errors(window: MainWindow) -> None:
    """Send exceptions escaping a slot (which would only reach stderr) to the window's error
    dialog, logged with their traceback."""

    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        log.error("unexpected error", exc_info=(kind, error, trace))
        window.messages.unexpected(error.with_traceback(trace))

    sys.excepthook = report


QUIT_AFTER_PAINT = "--quit-after-paint"


def quit_after_paint(app: QApplication, window: MainWindow) -> None:
    """Quit as soon as the window's new pane has painted a comparison; exit 1 if it fails."""
    PaintWatch(window, lambda: QTimer.singleShot(0, app.quit))
    window.loader.failed.connect(lambda *_: app.exit(1))


class PaintWatch(QObject):
    """Calls `painted` whenever the window's new pane paints with a comparison on screen: the
    moment a person first sees a result (start-up benchmarks and the self-test wait for it)."""

    def __init__(self, window: MainWindow, painted: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._painted = painted
        self._viewport = window.view.pane(1).viewport()
        self._viewport.installEventFilter(self)

    def stop(self) -> None:
        self._viewport.removeEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._window.comparison() is not None:
            self._painted()
        return False


def run_gui(args: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = make_application(args)
    # A start-up benchmark must not stop at a question.
    window = open_window(app.arguments()[1:], offer_restore=QUIT_AFTER_PAINT not in args)
    if QUIT_AFTER_PAINT in args:
        quit_after_paint(app, window)
    route_unexpected_errors(window)
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
