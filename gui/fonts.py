"""The font FactorDiff ships, so text renders on a machine that has no fonts installed.

A frozen PySide6 app on a bare Linux (fontconfig present, no font packages) draws every glyph
as a box. `register_bundled_fonts()` adds the DejaVu Sans files from `resources/fonts/` to Qt's
font database and, when the system's default font cannot draw plain Latin text, makes DejaVu
Sans the application's default font. Where the system has a working font, the native one stays.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication

from gui.paths import resource_path

# The panes' text size in points: the one range zooming, settings and printing keep to. Below
# 6 pt text is unreadable on screen; above 36 pt a pane holds a handful of words per line.
DEFAULT_FONT_SIZE = 11.0
MIN_FONT_SIZE = 6.0
MAX_FONT_SIZE = 36.0

BUNDLED_FONT_SUFFIXES = (".ttf", ".otf")
# Letters any usable default font has; on a machine without fonts Qt resolves to no font at all.
PROBE_TEXT = "Aa0"


def register_bundled_fonts() -> list[str]:
    """Register every bundled font file with Qt; return the families they provide (sorted).

    Call once after the QApplication exists. Raises RuntimeError when a bundled file cannot be
    loaded, since a broken bundle would otherwise show up only as boxes on a bare machine.
    """
    families: set[str] = set()
    for font_file in sorted(resource_path("fonts").iterdir()):
        if font_file.suffix.lower() not in BUNDLED_FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load the bundled font {font_file}")
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if families and not font_draws_text(QGuiApplication.font()):
        default = QFont(sorted(families)[0])
        default.setPointSizeF(QGuiApplication.font().pointSizeF())
        QGuiApplication.setFont(default)
    return sorted(families)


def font_draws_text(font: QFont) -> bool:
    """True when `font` resolves to a real font that has glyphs for plain Latin letters."""
    metrics = QFontMetrics(font)
    return all(metrics.inFont(char) for char in PROBE_TEXT)


def clamp_font_size(points: float) -> float:
    """`points` brought into the panes' range (MIN_FONT_SIZE to MAX_FONT_SIZE)."""
    return min(max(points, MIN_FONT_SIZE), MAX_FONT_SIZE)
