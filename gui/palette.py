"""The window's own colours (menus, tree, dialogs) for the light and the dark theme.

The comparison panes take their colours from gui.theme; this module themes everything around
them so a dark comparison does not sit inside a white window.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gui.theme import DARK

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK_ROLES = {
    Role.Window: "#2b2d31",
    Role.WindowText: DARK.text,
    Role.Base: DARK.background,
    Role.AlternateBase: "#26272b",
    Role.ToolTipBase: "#3a3c42",
    Role.ToolTipText: DARK.text,
    Role.PlaceholderText: DARK.muted,
    Role.Text: DARK.text,
    Role.Button: "#35373c",
    Role.ButtonText: DARK.text,
    Role.BrightText: "#ffffff",
    Role.Highlight: "#3d6fb4",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8fc1ff",
    Role.Mid: "#44464c",
    Role.Dark: "#1a1b1e",
    Role.Light: "#45474d",
}
_DARK_DISABLED = "#7a7a82"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_ROLES.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(_DARK_DISABLED))
    return palette


def apply_window_theme(app: QApplication, *, dark: bool) -> None:
    """Give the whole application the light (the style's own) or the dark palette."""
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
