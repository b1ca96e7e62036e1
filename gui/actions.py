"""Every command of the window, declared as data; menus and the toolbar are built from it.

An `ActionSpec` names the window method that handles it (`handler`); checkable actions pass their
new state to it. Standard keys come from `QKeySequence.StandardKey`, so they follow the platform
(Ctrl+O, Ctrl+Q, Ctrl+F, F3, Ctrl++ ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QWidget

Key = QKeySequence.StandardKey
Pixmap = QStyle.StandardPixmap

RECENT_MENU = "@recent"  # where the Open Recent submenu goes in a menu layout
# The View menu's Ignore … items; each id is the core.diff.options.DiffOptions field it sets.
DIFF_OPTION_ACTIONS = ("ignore_case", "ignore_punctuation", "ignore_numbers")
SEPARATOR = "-"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    handler: str  # name of the window method called when triggered
    shortcuts: tuple[Key | str, ...] = ()
    theme_icon: str = ""  # freedesktop icon name, tried first
    style_icon: Pixmap | None = None  # Qt's own icon when the icon theme has none
    tip: str = ""
    checkable: bool = False
    arrow: str = ""  # "up"/"down": an arrow drawn in the text colour (readable on either theme)


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "open_old", "Open &Old Filing…", "open_old", (Key.Open,), "document-open",
        Pixmap.SP_DialogOpenButton, "Choose the older annual report (left pane)",
    ),
    ActionSpec(
        "open_new", "Open &New Filing…", "open_new", ("Ctrl+Shift+O",), "document-open",
        Pixmap.SP_DialogOpenButton, "Choose the newer annual report (right pane)",
    ),
    ActionSpec(
        "reload", "&Reload", "reload", (Key.Refresh,), "view-refresh",
        Pixmap.SP_BrowserReload, "Read both files again and compare them",
    ),
    ActionSpec(
        "print", "&Print…", "print_comparison", (Key.Print,), "document-print",
        None, "Print the comparison (with a preview)",
    ),
    ActionSpec(
        "export_pdf", "Export &PDF…", "export_pdf", ("Ctrl+E",), "document-export",
        None, "Save the comparison as a PDF file",
    ),
    ActionSpec(
        "export_html", "Export &HTML Report…", "export_html", ("Ctrl+Shift+E",), "text-html",
        None, "Save a self-contained HTML redline report",
    ),
    # Some desktops bind no Quit key; Ctrl+Q is what people try.
    ActionSpec("quit", "&Quit", "close", (Key.Quit, "Ctrl+Q"), "application-exit"),
    # View
    ActionSpec("zoom_in", "Zoom &In", "zoom_in", (Key.ZoomIn, "Ctrl+="), "zoom-in"),
    ActionSpec("zoom_out", "Zoom &Out", "zoom_out", (Key.ZoomOut,), "zoom-out"),
    ActionSpec("zoom_reset", "&Actual Size", "zoom_reset", ("Ctrl+0",), "zoom-original"),
    ActionSpec(
        "lock_scrolling", "&Lock Scrolling", "set_scroll_locked", ("Ctrl+L",), "object-locked",
        None, "Scroll both panes together, keeping paired factors level", checkable=True,
    ),
    ActionSpec(
        "dark_theme", "&Dark Theme", "set_dark", ("Ctrl+Shift+D",), checkable=True,
        tip="Switch between the light and the dark theme",
    ),
    ActionSpec(
        "ignore_case", "Ignore Ca&se", "apply_diff_options", ("Ctrl+Shift+I",), checkable=True,
        tip="Do not mark words that differ only in upper and lower case",
    ),
    ActionSpec(
        "ignore_punctuation", "Ignore &Punctuation", "apply_diff_options", ("Ctrl+Shift+P",),
        checkable=True, tip="Do not mark added, removed or changed punctuation marks",
    ),
    ActionSpec(
        "ignore_numbers", "Ignore &Numbers", "apply_diff_options", ("Ctrl+Shift+N",),
        checkable=True, tip="Do not mark numbers that changed (years, amounts, percentages)",
    ),
    ActionSpec(
        "only_changes", "Only &Changes", "set_only_changes", ("Ctrl+Shift+C",), "view-filter",
        None, "Show only factors that were added, removed or changed (unchanged ones fold up)",
        checkable=True,
    ),
    ActionSpec(
        "show_tree", "Factor &Tree", "set_tree_shown", ("F9",), checkable=True,
        tip="Show or hide the list of factors",
    ),
    # Go
    ActionSpec(
        "next_change", "&Next Change", "next_change", ("F8", "Alt+Down"),
        tip="Go to the next added, removed or changed factor", arrow="down",
    ),
    ActionSpec(
        "previous_change", "&Previous Change", "previous_change", ("Shift+F8", "Alt+Up"),
        tip="Go to the previous added, removed or changed factor", arrow="up",
    ),
    ActionSpec(
        "filter_factors", "Filter &Factors…", "focus_tree_search", ("Ctrl+Shift+F",),
        tip="Type to list only factors whose heading or category contains the text",
    ),
    ActionSpec("find", "&Find…", "open_find_bar", (Key.Find,), "edit-find"),
    ActionSpec("find_next", "Find Ne&xt", "find_next", (Key.FindNext,)),
    ActionSpec("find_previous", "Find Pre&vious", "find_previous", (Key.FindPrevious,)),
    # Help
    ActionSpec("about", "&About FactorDiff", "about", (), "help-about"),
)  # fmt: skip

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("&File", ("open_old", "open_new", RECENT_MENU, "reload", SEPARATOR, "print", "export_pdf",
               "export_html", SEPARATOR, "quit")),
    ("&View", ("zoom_in", "zoom_out", "zoom_reset", SEPARATOR, "lock_scrolling", "dark_theme",
               SEPARATOR, "ignore_case", "ignore_punctuation", "ignore_numbers", SEPARATOR,
               "only_changes", "show_tree")),
    ("&Go", ("next_change", "previous_change", SEPARATOR, "filter_factors", SEPARATOR, "find",
             "find_next", "find_previous")),
    ("&Help", ("about",)),
)  # fmt: skip

TOOLBAR: tuple[str, ...] = (
    "open_old", "open_new", "reload", SEPARATOR, "previous_change", "next_change", SEPARATOR,
    "lock_scrolling", "only_changes", SEPARATOR, "find",
)  # fmt: skip


def arrow_icon(direction: str, colour: QColor, size: int = 32) -> QIcon:
    """A solid triangle pointing up or down."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    top, bottom, left, right = size * 0.28, size * 0.72, size * 0.18, size * 0.82
    tip_y, base_y = (bottom, top) if direction == "down" else (top, bottom)
    painter.drawPolygon(
        QPolygonF([QPointF(left, base_y), QPointF(right, base_y), QPointF(size / 2, tip_y)])
    )
    painter.end()
    return QIcon(pixmap)


def _icon(widget: QWidget, spec: ActionSpec) -> QIcon:
    if spec.arrow:
        return arrow_icon(spec.arrow, widget.palette().color(QPalette.ColorRole.ButtonText))
    if spec.theme_icon and QIcon.hasThemeIcon(spec.theme_icon):
        return QIcon.fromTheme(spec.theme_icon)
    if spec.style_icon is not None:
        return widget.style().standardIcon(spec.style_icon)
    return QIcon()


def _key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for shortcut in spec.shortcuts:
        if isinstance(shortcut, str):
            sequences.append(QKeySequence(shortcut))
        else:
            sequences.extend(QKeySequence.keyBindings(shortcut))
    # Keep the order, drop duplicates (ZoomIn already includes Ctrl+= on some platforms).
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


def _tooltip(spec: ActionSpec, sequences: list[QKeySequence]) -> str:
    tip = spec.tip or spec.text.replace("&", "").rstrip("…")
    if sequences:  # the main key only; the rest are alternatives and media keys
        tip = f"{tip} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    return tip


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """One QAction per spec, owned by `window`, triggering `window.<handler>`."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(_icon(window, spec), spec.text, window)
        action.setObjectName(spec.id)
        sequences = _key_sequences(spec)
        action.setShortcuts(sequences)
        action.setToolTip(_tooltip(spec, sequences))
        action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        handler: Callable[..., object] = getattr(window, spec.handler)
        if spec.checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, run=handler: run())
        window.addAction(action)  # shortcuts work even while the menu bar is hidden
        actions[spec.id] = action
    return actions


def refresh_icons(window: QMainWindow, actions: dict[str, QAction]) -> None:
    """Redraw the icons drawn in the text colour, after the palette changed."""
    for spec in ACTIONS:
        if spec.arrow:
            actions[spec.id].setIcon(_icon(window, spec))


def build_menus(window: QMainWindow, actions: dict[str, QAction], recent: QMenu) -> None:
    """The menu bar from MENUS; `recent` is placed where RECENT_MENU stands."""
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        for entry in entries:
            if entry == SEPARATOR:
                menu.addSeparator()
            elif entry == RECENT_MENU:
                menu.addMenu(recent)
            else:
                menu.addAction(actions[entry])


def build_toolbar(window: QMainWindow, actions: dict[str, QAction]) -> QToolBar:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")  # saveState() needs a name
    toolbar.setMovable(False)
    for entry in TOOLBAR:
        if entry == SEPARATOR:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[entry])
    window.addToolBar(toolbar)
    return toolbar
