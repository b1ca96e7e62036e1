"""The context menu of a pair (right-click on a pane or on a row of the factor list).

Copy the factor as a redline (rich text with the marks for a word processor, and plain text
with [deleted] and {inserted} runs for anywhere else), copy its heading, go to its counterpart
in the other pane, show it in the list; in the list also "Compare Only This Pair", a window
with that pair alone.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from core.model import (
    Comparison,
    DiffOp,
    Factor,
    Filing,
    OpKind,
    Pair,
    Similarity,
    Status,
    Summary,
)
from core.report.labels import (
    listed_headings,
    pair_factors,
    pair_numbers,
    pair_passages,
    status_word,
)

_BREAK = "\n\n"


def redline_text(ops: Iterable[DiffOp]) -> str:
    """The redline as plain text: deleted runs in [brackets], inserted ones in {braces}, a
    passage moved between factors marked "moved:" inside them.

    >>> redline_text([DiffOp(OpKind.EQUAL, "Our "), DiffOp(OpKind.DELETE, "old"),
    ...               DiffOp(OpKind.INSERT, "new"), DiffOp(OpKind.EQUAL, " risk")])
    'Our [old]{new} risk'
    """
    # Touching runs of one kind (a changed figure is a run of its own) read as one.
    runs: list[tuple[OpKind, bool, str]] = []
    for op in ops:
        if runs and runs[-1][:2] == (op.kind, op.moved) and op.kind is not OpKind.EQUAL:
            runs[-1] = (op.kind, op.moved, runs[-1][2] + op.text)
        else:
            runs.append((op.kind, op.moved, op.text))
    parts = []
    for kind, moved, text in runs:
        said = "moved: " if moved else ""
        if kind is OpKind.DELETE:
            parts.append(f"[{said}{text}]")
        elif kind is OpKind.INSERT:
            parts.append(f"{{{said}{text}}}")
        else:
            parts.append(text)
    return "".join(parts)


def redline_html(ops: Iterable[DiffOp]) -> str:
    """The redline as HTML a word processor keeps: struck red deletions, underlined green
    insertions, moved passages violet and dashed, a paragraph per blank line; the first
    paragraph (the heading) bold."""
    paragraphs: list[list[str]] = [[]]
    for op in ops:
        for number, piece in enumerate(op.text.split(_BREAK)):
            if number:
                paragraphs.append([])
            if not piece:
                continue
            text = html.escape(piece)
            if op.moved:  # a passage moved between factors: violet, dashed, struck where it left
                struck = "line-through " if op.kind is OpKind.DELETE else ""
                text = (
                    f'<span style="color:#3f1d8c;text-decoration:{struck}underline dashed">'
                    f"{text}</span>"
                )
            elif op.kind is OpKind.DELETE:
                text = f'<s style="color:#a4161a">{text}</s>'
            elif op.kind is OpKind.INSERT:
                text = f'<u style="color:#1b6e20">{text}</u>'
            paragraphs[-1].append(text)
    blocks = []
    for number, runs in enumerate(paragraphs):
        body = "".join(runs)
        blocks.append(f"<p><b>{body}</b></p>" if number == 0 else f"<p>{body}</p>")
    return "".join(blocks)


def copy_redline(ops: tuple[DiffOp, ...]) -> QMimeData:
    """Put the redline of `ops` on the clipboard, as rich and as plain text."""
    mime = QMimeData()
    mime.setHtml(redline_html(ops))
    mime.setText(redline_text(ops))
    QApplication.clipboard().setMimeData(mime)
    return mime


def pair_heading_text(comparison: Comparison, pair: Pair, side: int) -> str:
    """The heading(s) of the pair's factors on `side`, else on the other side; a passage
    pair's label ("Introduction")."""
    if pair.passage:
        return listed_headings(comparison, pair)
    factors = pair_factors(comparison, pair)
    chosen = factors[side] or factors[1 - side]
    return "\n".join(factor.heading for factor in chosen)


def single_pair(comparison: Comparison, index: int) -> Comparison:
    """A comparison of one pair alone: its factors, numbered from 1 in each filing (its
    passages, for a passage pair)."""
    pair = comparison.pairs[index]
    if pair.passage:
        return _single_passage_pair(comparison, pair)
    old, new = pair_factors(comparison, pair)

    def indexes(count: int) -> int | tuple[int, ...] | None:
        if count == 0:
            return None
        return 0 if count == 1 else tuple(range(count))

    alone = Pair(
        indexes(len(old)),
        indexes(len(new)),
        pair.status,
        similarity=pair.similarity,
        heading_similarity=pair.heading_similarity,
        words_added=pair.words_added,
        words_removed=pair.words_removed,
    )
    return Comparison(
        old=_with_factors(comparison.old, old),
        new=_with_factors(comparison.new, new),
        pairs=(alone,),
        summary=Summary({pair.status: 1}, Similarity(pair.similarity, 0.0, 0.0)),
    )


def _with_factors(filing: Filing, factors: Iterable[Factor]) -> Filing:
    return replace(filing, factors=tuple(factors), passages=())


def _single_passage_pair(comparison: Comparison, pair: Pair) -> Comparison:
    old, new = pair_passages(comparison, pair)
    alone = replace(
        pair, old=0 if old else None, new=0 if new else None, corrected=False, passage=True
    )
    return Comparison(
        old=replace(comparison.old, factors=(), passages=tuple(replace(p, before=0) for p in old)),
        new=replace(comparison.new, factors=(), passages=tuple(replace(p, before=0) for p in new)),
        pairs=(alone,),
        summary=Summary({}, Similarity(pair.similarity, 0.0, 0.0), passages={pair.status: 1}),
    )


@dataclass(frozen=True, slots=True)
class PairCommands:
    """What the menu's items do, for one pair (the window supplies them)."""

    copy_redline: Callable[[], object]
    copy_heading: Callable[[], object]
    go_to_counterpart: Callable[[], object] | None  # None when the other side has no factor
    show_in_list: Callable[[], object] | None  # None when already in the list
    compare_alone: Callable[[], object] | None = None  # only from the list


def _item(menu: QMenu, text: str, command: Callable[[], object] | None) -> None:
    """A menu item running `command` (the `checked` argument of triggered is not passed on);
    greyed out when there is no command."""
    action = menu.addAction(text)
    if command is None:
        action.setEnabled(False)
        return
    action.triggered.connect(lambda _checked=False, run=command: run())


def pair_menu(parent: QWidget, comparison: Comparison, index: int, commands: PairCommands) -> QMenu:
    """The menu for pair `index`, titled with its status and numbers."""
    pair = comparison.pairs[index]
    menu = QMenu(parent)
    unchanged = " (no change)" if pair.status is Status.UNCHANGED else ""
    title = menu.addAction(f"{status_word(pair.status)} · {pair_numbers(pair)}{unchanged}")
    title.setEnabled(False)
    menu.addSeparator()
    _item(menu, "Copy Factor as &Redline", commands.copy_redline)
    _item(menu, "Copy &Heading", commands.copy_heading)
    menu.addSeparator()
    _item(menu, "&Go to Counterpart", commands.go_to_counterpart)
    if commands.show_in_list is not None:
        _item(menu, "Show in &List", commands.show_in_list)
    if commands.compare_alone is not None:
        menu.addSeparator()
        _item(menu, "Compare &Only This Pair", commands.compare_alone)
    return menu
