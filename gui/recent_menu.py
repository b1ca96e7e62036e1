"""File > Open Recent: the comparisons opened lately (both files in one step), then the files
compared lately, each openable as the old or the new filing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from gui.plain_text import menu_text, tooltip_text
from gui.settings import Settings

SIDE_LABELS = ("Open as &Old Filing", "Open as &New Filing")


class RecentMenu(QMenu):
    """Rebuilt from the settings each time it opens, so it never lists a file that is gone.

    Signals:
        open_requested(int, str): open the file on side 0 (old) or 1 (new).
        compare_requested(str, str): compare these old and new files again.
    """

    open_requested = Signal(int, str)
    compare_requested = Signal(str, str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self._settings = settings
        self.aboutToShow.connect(self.refill)

    def refill(self) -> None:
        self.clear()
        recent = self._settings.recent_files()
        pairs = self._settings.recent_pairs()
        if not recent and not pairs:
            self.addAction("No recent files").setEnabled(False)
            return
        for pair in pairs:
            action = self.addAction(menu_text(pair.label))
            action.setToolTip(tooltip_text(f"{pair.old}\n{pair.new}"))
            action.triggered.connect(
                lambda _checked=False, pair=pair: self.compare_requested.emit(pair.old, pair.new)
            )
        if pairs and recent:
            self.addSeparator()
        for path in recent:
            submenu = self.addMenu(menu_text(Path(path).name))
            submenu.setToolTip(tooltip_text(path))
            for side, label in enumerate(SIDE_LABELS):
                action = submenu.addAction(label)
                action.triggered.connect(
                    lambda _checked=False, side=side, path=path: self.open_requested.emit(
                        side, path
                    )
                )
        self.addSeparator()
        self.addAction("&Clear Recent Files").triggered.connect(self._settings.clear_recent_files)
