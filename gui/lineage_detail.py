"""One lineage in detail: its heading in each year, then each step with its word diff.

Filing text is inserted as plain text with character formats (struck-through red for deleted
words, underlined green for inserted ones), never parsed as markup.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from core.model import OpKind, Status
from core.report.change_share import share_text
from core.report.labels import status_word
from core.timeline.model import Lineage, Timeline
from core.timeline.steps import lineage_steps, step_diff
from gui.theme import LIGHT, text_formats

_FONT_POINTS = 10.0
PLACEHOLDER = "Select a risk to see its headings year by year and how its text changed."


class LineageDetail(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lineageDetail")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setPlaceholderText(PLACEHOLDER)
        self._formats = text_formats(LIGHT, _FONT_POINTS)
        self._lineage: Lineage | None = None

    def lineage(self) -> Lineage | None:
        return self._lineage

    def show_lineage(self, timeline: Timeline | None, lineage: Lineage | None) -> None:
        self._lineage = lineage
        self.clear()
        if timeline is None or lineage is None:
            return
        formats = self._formats
        cursor = QTextCursor(self.document())
        cursor.insertText(lineage.latest_heading(), formats.title)
        span = f"Risk {lineage.key}: FY{lineage.first_year} to FY{lineage.last_year}"
        gaps = ", ".join(f"FY{year}" for year in lineage.gaps)
        cursor.insertBlock()
        cursor.insertText(span + (f", absent in {gaps}" if gaps else ""), formats.caption)
        cursor.insertBlock()
        cursor.insertBlock()
        cursor.insertText("Heading by year", formats.heading)
        for cell, headings in zip(lineage.cells, lineage.headings, strict=True):
            cursor.insertBlock()
            cursor.insertText(f"FY{cell.fiscal_year}   ", _bold(formats.body))
            shown = " / ".join(headings) if headings else "(not disclosed)"
            cursor.insertText(shown, formats.body if headings else formats.caption)
        for step in lineage_steps(lineage):
            cursor.insertBlock()
            cursor.insertBlock()
            years = (
                f"FY{step.new_year}"
                if step.old_year == step.new_year
                else f"FY{step.old_year} → FY{step.new_year}"
            )
            change = status_word(step.status)
            if step.old and step.new and step.status is not Status.UNCHANGED:
                change += f", {share_text(step.changed_share, signs=True)} of words changed"
            cursor.insertText(f"{years}: {change}", formats.heading)
            if step.status is Status.UNCHANGED:
                continue
            cursor.insertBlock()
            for op in step_diff(timeline, step).redline_ops:
                if op.kind is OpKind.EQUAL or op.ignored:
                    text_format = formats.body
                elif op.kind is OpKind.DELETE:
                    text_format = _with_body_size(formats.deleted, formats.body)
                else:
                    text_format = _with_body_size(formats.inserted, formats.body)
                cursor.insertText(op.text, text_format)
        self.moveCursor(QTextCursor.MoveOperation.Start)


def _bold(base: QTextCharFormat) -> QTextCharFormat:
    bold = QTextCharFormat(base)
    bold.setFontWeight(QFont.Weight.Bold)
    return bold


def _with_body_size(mark: QTextCharFormat, body: QTextCharFormat) -> QTextCharFormat:
    merged = QTextCharFormat(body)
    merged.merge(mark)
    if not mark.foreground().color().isValid():
        merged.setForeground(QColor(LIGHT.text))
    return merged
