"""Colours and text formats of the comparison, for a light and a dark theme.

Changes are never told by colour alone: deleted words are struck through, inserted words
underlined, a passage moved between factors underlined with dashes (and captioned), and
changed figures bold on top of that, so a printout in grey or a reader who
cannot tell red from green still sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from core.model import Status
from core.report.status_style import DARK_STATUS_COLOURS, LIGHT_STATUS_COLOURS


@dataclass(frozen=True, slots=True)
class Theme:
    """What a comparison looks like. Colours are "#rrggbb" strings."""

    dark: bool
    text: str
    background: str
    muted: str  # captions, placeholder labels, factor numbers
    category: str
    deleted_background: str
    deleted_text: str
    inserted_background: str
    inserted_text: str
    # A passage moved from one factor to another (core.diff.passages), on both sides: violet,
    # apart from the red and green of words deleted and inserted and the yellow of figures.
    moved_background: str
    moved_text: str
    figure_text: str  # any figure (amount, percent, date), changed or not
    changed_figure_background: str
    filler: str  # the empty space that keeps pairs level
    status: dict[Status, str] = field(hash=False)  # core.report.status_style

    def status_color(self, status: Status, alpha: int = 255) -> QColor:
        color = QColor(self.status[status])
        color.setAlpha(alpha)
        return color


LIGHT = Theme(
    dark=False,
    text="#1d1d1f",
    background="#ffffff",
    muted="#6b6b73",
    category="#10305a",
    deleted_background="#ffd7d5",
    deleted_text="#82071e",
    inserted_background="#ccf0d4",
    inserted_text="#0b4f1d",
    moved_background="#e6dcff",
    moved_text="#3f1d8c",
    figure_text="#1a4b8c",
    changed_figure_background="#ffe08a",
    filler="#f3f3f5",
    status=dict(LIGHT_STATUS_COLOURS),
)

DARK = Theme(
    dark=True,
    text="#e6e6ea",
    background="#1e1f22",
    muted="#9a9aa4",
    category="#9cc4ff",
    deleted_background="#5c1f24",
    deleted_text="#ffb3ad",
    inserted_background="#1d4a2a",
    inserted_text="#a6f0b8",
    moved_background="#3b2a66",
    moved_text="#d4c2ff",
    figure_text="#8fc1ff",
    changed_figure_background="#6b5210",
    filler="#26272b",
    status=dict(DARK_STATUS_COLOURS),
)


def theme_for(dark: bool) -> Theme:
    return DARK if dark else LIGHT


@dataclass(frozen=True, slots=True)
class TextFormats:
    """The character formats one pane document is written with, at one base font size."""

    body: QTextCharFormat
    heading: QTextCharFormat
    run_in_heading: QTextCharFormat
    category: QTextCharFormat
    subcategory: QTextCharFormat
    title: QTextCharFormat
    caption: QTextCharFormat
    deleted: QTextCharFormat
    inserted: QTextCharFormat
    moved: QTextCharFormat
    moved_caption: QTextCharFormat
    figure: QTextCharFormat
    changed_figure: QTextCharFormat


def text_formats(theme: Theme, font_size: float) -> TextFormats:
    """Formats for `theme` with body text at `font_size` points (headings scale with it)."""

    def char(
        *,
        size: float = font_size,
        bold: bool = False,
        italic: bool = False,
        color: str = theme.text,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        fmt.setForeground(QColor(color))
        return fmt

    deleted = QTextCharFormat()
    deleted.setFontStrikeOut(True)
    deleted.setBackground(QColor(theme.deleted_background))
    deleted.setForeground(QColor(theme.deleted_text))

    inserted = QTextCharFormat()
    inserted.setFontUnderline(True)
    inserted.setBackground(QColor(theme.inserted_background))
    inserted.setForeground(QColor(theme.inserted_text))

    # Not told by colour alone either: a moved passage has a dashed underline on both sides.
    moved = QTextCharFormat()
    moved.setFontStrikeOut(False)
    moved.setFontUnderline(True)
    moved.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    moved.setBackground(QColor(theme.moved_background))
    moved.setForeground(QColor(theme.moved_text))

    figure = QTextCharFormat()
    figure.setForeground(QColor(theme.figure_text))

    changed_figure = QTextCharFormat()
    changed_figure.setFontWeight(QFont.Weight.Bold)
    changed_figure.setBackground(QColor(theme.changed_figure_background))

    return TextFormats(
        body=char(),
        heading=char(size=font_size * 1.08, bold=True),
        run_in_heading=char(bold=True, italic=True),
        category=char(size=font_size * 1.3, bold=True, color=theme.category),
        subcategory=char(size=font_size * 1.15, bold=True, color=theme.category),
        title=char(size=font_size * 1.45, bold=True),
        caption=char(size=font_size * 0.85, italic=True, color=theme.muted),
        deleted=deleted,
        inserted=inserted,
        moved=moved,
        moved_caption=char(size=font_size * 0.85, italic=True, color=theme.moved_text),
        figure=figure,
        changed_figure=changed_figure,
    )
