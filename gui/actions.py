"""Every command of the window, declared as data; menus and the toolbar are built from it.

Each command has a typed id (`ActionId`); an `ActionSpec` holds how it looks (text, keys, icon,
tip). The window hands `build_actions` one handler callable per id, so a renamed or missing
handler is caught when the window is built, not when the command is first used. Checkable
actions pass their new state to their handler. Standard keys come from
`QKeySequence.StandardKey`, so they follow the platform (Ctrl+O, Ctrl+Q, Ctrl+F, F3, Ctrl++ ...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

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


class ActionId(StrEnum):
    """Every command of the window. The values name the command in settings-free places
    (object names, tests); a StrEnum, so `actions["find"]` still finds `ActionId.FIND`."""

    OPEN_OLD = "open_old"
    OPEN_NEW = "open_new"
    GET_FROM_EDGAR = "get_from_edgar"
    OPEN_FILINGS = "open_filings"
    RELOAD = "reload"
    PRINT = "print"
    EXPORT_PDF = "export_pdf"
    EXPORT_HTML = "export_html"
    EXPORT_CSV = "export_csv"
    EXPORT_JSON = "export_json"
    OPEN_REVIEW = "open_review"
    SAVE_REVIEW = "save_review"
    SAVE_REVIEW_AS = "save_review_as"
    QUIT = "quit"
    UNDO = "undo"
    REDO = "redo"
    ZOOM_IN = "zoom_in"
    ZOOM_OUT = "zoom_out"
    ZOOM_RESET = "zoom_reset"
    LOCK_SCROLLING = "lock_scrolling"
    DARK_THEME = "dark_theme"
    # The three Ignore … items: each value is the core.diff.options.DiffOptions field it sets.
    IGNORE_CASE = "ignore_case"
    IGNORE_PUNCTUATION = "ignore_punctuation"
    IGNORE_NUMBERS = "ignore_numbers"
    ONLY_CHANGES = "only_changes"
    SHOW_TREE = "show_tree"
    NEXT_CHANGE = "next_change"
    PREVIOUS_CHANGE = "previous_change"
    FILTER_FACTORS = "filter_factors"
    FIND = "find"
    FIND_NEXT = "find_next"
    FIND_PREVIOUS = "find_previous"
    MARK_REVIEWED = "mark_reviewed"
    FLAG = "flag"
    NOTE = "note"
    MARK_UNREVIEWED = "mark_unreviewed"
    # Corrections (gui.correction_actions)
    PAIR_FACTORS = "pair_factors"
    UNPAIR = "unpair"
    DECLARE_SPLIT = "declare_split"
    DECLARE_MERGE = "declare_merge"
    NOT_MOVED = "not_moved"
    NOT_A_HEADING = "not_a_heading"
    NEW_FACTOR_HERE = "new_factor_here"
    CATEGORY_HEADING = "category_heading"
    ABOUT = "about"


RECENT_MENU = "@recent"  # where the Open Recent submenu goes in a menu layout
DIFF_OPTION_ACTIONS = (ActionId.IGNORE_CASE, ActionId.IGNORE_PUNCTUATION, ActionId.IGNORE_NUMBERS)
SEPARATOR = "-"
MenuEntry = ActionId | str  # an action, SEPARATOR or RECENT_MENU
# What runs when an action is used: no argument, or the new state of a checkable action.
Handler = Callable[[], object] | Callable[[bool], object]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: ActionId
    text: str
    shortcuts: tuple[Key | str, ...] = ()
    theme_icon: str = ""  # freedesktop icon name, tried first
    style_icon: Pixmap | None = None  # Qt's own icon when the icon theme has none
    tip: str = ""
    checkable: bool = False
    arrow: str = ""  # "up"/"down": an arrow drawn in the text colour (readable on either theme)


A = ActionId
ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        A.OPEN_OLD, "Open &Old Filing…", (Key.Open,), "document-open",
        Pixmap.SP_DialogOpenButton, "Choose the older annual report (left pane)",
    ),
    ActionSpec(
        A.OPEN_NEW, "Open &New Filing…", ("Ctrl+Shift+O",), "document-open",
        Pixmap.SP_DialogOpenButton, "Choose the newer annual report (right pane)",
    ),
    ActionSpec(
        A.GET_FROM_EDGAR, "Get from &EDGAR…", ("Ctrl+Shift+G",), "network-server",
        None, "Find a company's annual reports on SEC EDGAR by ticker, name or CIK, and compare",
    ),
    ActionSpec(
        A.OPEN_FILINGS, "Open &Filings…", ("Ctrl+Alt+O",), "document-open",
        Pixmap.SP_DialogOpenButton,
        "Choose several filings of one company to follow each risk through the years",
    ),
    ActionSpec(
        A.RELOAD, "&Reload", (Key.Refresh,), "view-refresh",
        Pixmap.SP_BrowserReload, "Read both files again and compare them",
    ),
    ActionSpec(
        A.PRINT, "&Print…", (Key.Print,), "document-print",
        None, "Print the comparison (with a preview)",
    ),
    ActionSpec(
        A.EXPORT_PDF, "Export &PDF…", ("Ctrl+E",), "document-export",
        None, "Save the comparison as a PDF file",
    ),
    ActionSpec(
        A.EXPORT_HTML, "Export &HTML Report…", ("Ctrl+Shift+E",), "text-html",
        None, "Save a self-contained HTML redline report",
    ),
    ActionSpec(
        A.EXPORT_CSV, "Export C&SV…", (), "x-office-spreadsheet",
        None, "Save one row per pair (status, headings, words changed, review) for a spreadsheet",
    ),
    ActionSpec(
        A.EXPORT_JSON, "Export &JSON…", (), "text-x-generic",
        None, "Save the whole comparison as JSON, as the compare command writes it",
    ),
    ActionSpec(
        A.OPEN_REVIEW, "Open Re&view…", ("Ctrl+Shift+R",), "document-open",
        None, "Open a review file (.factordiff) and the two filings it reviews",
    ),
    ActionSpec(
        A.SAVE_REVIEW, "&Save Review", (Key.Save, "Ctrl+S"), "document-save",
        None, "Save the marks, notes and corrections in the review file",
    ),
    ActionSpec(
        A.SAVE_REVIEW_AS, "Save Review &As…", ("Ctrl+Shift+S",), "document-save-as",
        None, "Save the review in a new review file (.factordiff)",
    ),
    # Some desktops bind no Quit key; Ctrl+Q is what people try.
    ActionSpec(A.QUIT, "&Quit", (Key.Quit, "Ctrl+Q"), "application-exit"),
    # Edit (the review's undo stack)
    ActionSpec(A.UNDO, "&Undo", ("Ctrl+Z",), "edit-undo", tip="Undo the last review action"),
    ActionSpec(
        A.REDO, "&Redo", ("Ctrl+Shift+Z",), "edit-redo", tip="Redo the review action undone"
    ),
    # View
    ActionSpec(A.ZOOM_IN, "Zoom &In", (Key.ZoomIn, "Ctrl+="), "zoom-in"),
    ActionSpec(A.ZOOM_OUT, "Zoom &Out", (Key.ZoomOut,), "zoom-out"),
    ActionSpec(A.ZOOM_RESET, "&Actual Size", ("Ctrl+0",), "zoom-original"),
    ActionSpec(
        A.LOCK_SCROLLING, "&Lock Scrolling", ("Ctrl+L",), "object-locked",
        None, "Scroll both panes together, keeping paired factors level", checkable=True,
    ),
    ActionSpec(
        A.DARK_THEME, "&Dark Theme", ("Ctrl+Shift+D",), checkable=True,
        tip="Switch between the light and the dark theme",
    ),
    ActionSpec(
        A.IGNORE_CASE, "Ignore Ca&se", ("Ctrl+Shift+I",), checkable=True,
        tip="Do not mark words that differ only in upper and lower case",
    ),
    ActionSpec(
        A.IGNORE_PUNCTUATION, "Ignore &Punctuation", ("Ctrl+Shift+P",),
        checkable=True, tip="Do not mark added, removed or changed punctuation marks",
    ),
    ActionSpec(
        A.IGNORE_NUMBERS, "Ignore &Numbers", ("Ctrl+Shift+N",),
        checkable=True, tip="Do not mark numbers that changed (years, amounts, percentages)",
    ),
    ActionSpec(
        A.ONLY_CHANGES, "Only &Changes", ("Ctrl+Shift+C",), "view-filter",
        None, "Show only factors that were added, removed or changed (unchanged ones fold up)",
        checkable=True,
    ),
    ActionSpec(
        A.SHOW_TREE, "Factor &Tree", ("F9",), checkable=True,
        tip="Show or hide the list of factors",
    ),
    # Go
    ActionSpec(
        A.NEXT_CHANGE, "&Next Change", ("F8", "Alt+Down"),
        tip="Go to the next added, removed or changed factor", arrow="down",
    ),
    ActionSpec(
        A.PREVIOUS_CHANGE, "&Previous Change", ("Shift+F8", "Alt+Up"),
        tip="Go to the previous added, removed or changed factor", arrow="up",
    ),
    ActionSpec(
        A.FILTER_FACTORS, "Filter &Factors…", ("Ctrl+Shift+F",),
        tip="Type to list only factors whose heading or category contains the text",
    ),
    ActionSpec(A.FIND, "&Find…", (Key.Find,), "edit-find"),
    ActionSpec(A.FIND_NEXT, "Find Ne&xt", (Key.FindNext,)),
    # Shift+F3 too: on macOS the platform's only Find Previous key is Get from EDGAR's.
    ActionSpec(A.FIND_PREVIOUS, "Find Pre&vious", (Key.FindPrevious, "Shift+F3")),
    # Review (single keys: a line edit with the keyboard keeps its letters)
    ActionSpec(
        A.MARK_REVIEWED, "Mark &Reviewed and Go to Next", ("R",),
        tip="Mark the current pair reviewed and go to the next change not yet reviewed",
    ),
    ActionSpec(A.FLAG, "&Flag", ("F",), tip="Flag the current pair, or take its flag off"),
    ActionSpec(A.NOTE, "&Note…", ("N",), tip="Write a note on the current pair"),
    ActionSpec(
        A.MARK_UNREVIEWED, "Mark &Unreviewed", ("U",),
        tip="Take the current pair's review mark off",
    ),
    # Corrections: the factor list's selection (Ctrl+click a second row), or the current pair
    ActionSpec(
        A.PAIR_FACTORS, "&Pair Selected Factors", ("P",),
        tip="Pair the old and the new factor selected in the list (Ctrl+click the second row)",
    ),
    ActionSpec(
        A.UNPAIR, "Unpa&ir", ("Shift+P",),
        tip="The current pair's factors are not the same risk: removed and added instead",
    ),
    ActionSpec(
        A.DECLARE_SPLIT, "Declare &Split", ("S",),
        tip="The old factor selected was split into the new factors selected with it",
    ),
    ActionSpec(
        A.DECLARE_MERGE, "Declare M&erge", ("M",),
        tip="The old factors selected were merged into the new factor selected with them",
    ),
    ActionSpec(
        A.NOT_MOVED, "Not &Moved", ("Shift+M",),
        tip="The current pair's factor did not move (the reordering does not matter)",
    ),
    ActionSpec(
        A.NOT_A_HEADING, "Not a Factor &Heading", ("H",),
        tip="The heading is body text: it joins the factor before it",
    ),
    ActionSpec(
        A.NEW_FACTOR_HERE, "Start a New Fac&tor Here", ("Shift+H",),
        tip="The paragraph at the cursor in a pane is a factor heading",
    ),
    ActionSpec(
        A.CATEGORY_HEADING, "This Is a &Category Heading", ("C",),
        tip="The heading names a category: the factors after it fall under it",
    ),
    # Help
    ActionSpec(A.ABOUT, "&About FactorDiff", (), "help-about"),
)  # fmt: skip

MENUS: tuple[tuple[str, tuple[MenuEntry, ...]], ...] = (
    ("&File", (A.OPEN_OLD, A.OPEN_NEW, A.OPEN_FILINGS, A.GET_FROM_EDGAR, RECENT_MENU,
               A.RELOAD, SEPARATOR, A.OPEN_REVIEW, A.SAVE_REVIEW, A.SAVE_REVIEW_AS, SEPARATOR,
               A.PRINT, A.EXPORT_PDF, A.EXPORT_HTML, A.EXPORT_CSV, A.EXPORT_JSON, SEPARATOR,
               A.QUIT)),
    ("&Edit", (A.UNDO, A.REDO)),
    ("&View", (A.ZOOM_IN, A.ZOOM_OUT, A.ZOOM_RESET, SEPARATOR, A.LOCK_SCROLLING, A.DARK_THEME,
               SEPARATOR, A.IGNORE_CASE, A.IGNORE_PUNCTUATION, A.IGNORE_NUMBERS, SEPARATOR,
               A.ONLY_CHANGES, A.SHOW_TREE)),
    ("&Go", (A.NEXT_CHANGE, A.PREVIOUS_CHANGE, SEPARATOR, A.FILTER_FACTORS, SEPARATOR, A.FIND,
             A.FIND_NEXT, A.FIND_PREVIOUS)),
    ("&Review", (A.MARK_REVIEWED, A.FLAG, A.NOTE, A.MARK_UNREVIEWED, SEPARATOR,
                 A.PAIR_FACTORS, A.UNPAIR, A.DECLARE_SPLIT, A.DECLARE_MERGE, A.NOT_MOVED,
                 SEPARATOR, A.NOT_A_HEADING, A.NEW_FACTOR_HERE, A.CATEGORY_HEADING)),
    ("&Help", (A.ABOUT,)),
)  # fmt: skip

TOOLBAR: tuple[MenuEntry, ...] = (
    A.OPEN_OLD, A.OPEN_NEW, A.RELOAD, SEPARATOR, A.PREVIOUS_CHANGE, A.NEXT_CHANGE, SEPARATOR,
    A.LOCK_SCROLLING, A.ONLY_CHANGES, SEPARATOR, A.FIND,
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


def _named_keys() -> set[str]:
    """Every key an action names itself ("Ctrl+Shift+G"), as opposed to a platform binding."""
    return {key for spec in ACTIONS for key in spec.shortcuts if isinstance(key, str)}


def _key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    named = _named_keys()
    sequences: list[QKeySequence] = []
    for shortcut in spec.shortcuts:
        if isinstance(shortcut, str):
            sequences.append(QKeySequence(shortcut))
        else:
            # A key another action names wins over a platform's extra binding (Find Previous
            # is also Ctrl+Shift+G on Linux desktops; Get from EDGAR asks for that key).
            sequences.extend(
                sequence
                for sequence in QKeySequence.keyBindings(shortcut)
                if sequence.toString() not in named - set(spec.shortcuts)
            )
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


def build_actions(
    window: QMainWindow, handlers: Mapping[ActionId, Handler]
) -> dict[ActionId, QAction]:
    """One QAction per spec, owned by `window`, running `handlers[spec.id]` when used: with
    no argument, or with the new state of a checkable action. Raises KeyError naming the
    commands that have no handler."""
    missing = [spec.id.value for spec in ACTIONS if spec.id not in handlers]
    if missing:
        raise KeyError(f"no handler for {', '.join(missing)}")
    actions: dict[ActionId, QAction] = {}
    for spec in ACTIONS:
        action = QAction(_icon(window, spec), spec.text, window)
        action.setObjectName(spec.id.value)
        sequences = _key_sequences(spec)
        action.setShortcuts(sequences)
        action.setToolTip(_tooltip(spec, sequences))
        action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        handler = handlers[spec.id]
        if spec.checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, run=handler: run())
        window.addAction(action)  # shortcuts work even while the menu bar is hidden
        actions[spec.id] = action
    return actions


def refresh_icons(window: QMainWindow, actions: Mapping[ActionId, QAction]) -> None:
    """Redraw the icons drawn in the text colour, after the palette changed."""
    for spec in ACTIONS:
        if spec.arrow:
            actions[spec.id].setIcon(_icon(window, spec))


def build_menus(
    window: QMainWindow, actions: Mapping[ActionId, QAction], recent: QMenu
) -> dict[str, QMenu]:
    """The menu bar from MENUS, `recent` placed where RECENT_MENU stands; the menus by
    title without its '&' ("File", "View" ...), for entries added later."""
    menus: dict[str, QMenu] = {}
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        menus[title.replace("&", "")] = menu
        for entry in entries:
            if isinstance(entry, ActionId):
                menu.addAction(actions[entry])
            elif entry == RECENT_MENU:
                menu.addMenu(recent)
            else:
                menu.addSeparator()
    return menus


def build_toolbar(window: QMainWindow, actions: Mapping[ActionId, QAction]) -> QToolBar:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")  # saveState() needs a name
    toolbar.setMovable(False)
    for entry in TOOLBAR:
        if isinstance(entry, ActionId):
            toolbar.addAction(actions[entry])
        else:
            toolbar.addSeparator()
    window.addToolBar(toolbar)
    return toolbar
