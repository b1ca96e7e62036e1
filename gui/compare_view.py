"""The comparison itself: old pane · link map · new pane, kept level and scrolled together.

`CompareView` turns a `Comparison` into two pane documents (gui.pane_document), levels the
pairs (gui.alignment) whenever wrapping may have changed (resize, zoom, theme), keeps the
panes scrolled together (gui.scroll_sync) and paints the link map between them. Two view
options re-render the panes in place: the diff options (what the word marks overlook) and
"only changes" (unchanged pairs fold up to their headings; with diff options on, so do
reworded pairs whose every difference is overlooked, and next/previous change skip those).

A comparison the window loads is shown gradually (`set_comparison(..., gradual=True)`, see
gui.pane_builder): the marks and figures are worked out off the UI thread, the first screen of
both panes is written and shown at once, the rest a slice at a time with the event loop
running in between (`filling()` meanwhile, `filled` after). While the panes fill, scrolling
works on what is written; going to a pair not written yet, a next/previous change or a find
that reaches past what is written wait for the rest and happen then.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QWidget

from core.diff.options import EXACT, DiffOptions
from core.diff.pair import PairDiff, pair_diff
from core.diff.sides import NEW, OLD
from core.model import Comparison, Filing, Pair, Similarity, Status, Summary
from core.review.model import Mark, ReviewState
from gui.alignment import AnchoredDocument, realign
from gui.change_map import Tick
from gui.factor_tree_model import review_tooltip
from gui.fonts import DEFAULT_FONT_SIZE, clamp_font_size
from gui.link_map import Link, LinkMap
from gui.pane import Band, FactorNumber, Pane
from gui.pane_builder import PairPlan, PaneFill, PanePlanner, PanePlans, plan_pairs
from gui.pane_document import (
    UNCHANGED_NOTE,
    PairBlocks,
    PaneDocument,
    build_pane_document,
    pair_look,
    title_look,
)
from gui.pane_find import FindResult, PaneFinder
from gui.passage_links import block_at, parse_passage_address, passage_place
from gui.review_markers import ReviewMarker, needs_marker
from gui.scroll_sync import ScrollSync
from gui.theme import Theme, text_formats, theme_for

SIDES = (OLD, NEW)
_TOP_PAD = 6  # pixels kept above a pair brought to the top
# How often a fill waiting for its planner thread looks again: often enough not to keep the
# panes waiting, rarely enough to leave the planner the interpreter.
_PLANNER_POLL_MS = 10


@dataclass(slots=True)
class _Geometry:
    """Where each pair is, in document coordinates, after the last realign."""

    tops: list[float]  # shared by both panes: the higher of the two first lines of each pair
    side_tops: tuple[list[float], list[float]]
    bottoms: tuple[list[float], list[float]]  # last line of each pair's own text, per side
    heights: tuple[float, float]
    # The tops of the blocks kept level, per side: each pair's first line and heading, each
    # paragraph facing its counterpart (gui.pane_document.level_points); empty: the pairs'.
    levels: tuple[list[float], list[float]] = field(default_factory=lambda: ([], []))
    # The scroll sync's anchors per side: the top, each level, the end. Kept here so a
    # scroll step does not rebuild them.
    anchors: tuple[list[float], list[float]] = field(init=False)

    def __post_init__(self) -> None:
        levels = self.levels if self.levels[0] else self.side_tops
        self.anchors = (
            [0.0, *levels[0], self.heights[0]],
            [0.0, *levels[1], self.heights[1]],
        )


def _show_document(pane: Pane, document: QTextDocument) -> None:
    """Show `document` in `pane` and free the one it replaces: a pane never deletes a
    document it was given, and every rebuild (zoom step, theme, diff options, new comparison)
    makes two new ones, which kept the old ones alive (a leak of ~13 MB a zoom step on a
    large pair)."""
    previous = pane.document()
    document.setParent(pane)
    pane.setDocument(document)
    # The pane's own first document is deleted by the pane itself as it is replaced.
    if previous is not document and shiboken6.isValid(previous) and previous.parent() is pane:
        previous.deleteLater()


class CompareView(QWidget):
    """Signals: current_pair_changed(int) — the pair at the top of the (old) pane changed by
    scrolling or navigation; file_dropped(int, str) — a file was dropped on pane 0 (old) or
    1 (new); pair_menu_requested(int, int, QPoint) — a right-click on pane `side` over pair
    `index`, at a global position; note_requested(int) — the flag or note sign beside pair
    `index` was clicked; filled() — the panes hold the whole comparison (after the last
    slice of a gradual fill, or at once)."""

    current_pair_changed = Signal(int)
    file_dropped = Signal(int, str)
    pair_menu_requested = Signal(int, int, QPoint)  # side, pair, where (global)
    note_requested = Signal(int)
    filled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diff_options = EXACT
        self._only_changes = False
        self._comparison: Comparison | None = None
        self._alone: int | None = None
        self._diffs: list[PairDiff] = []  # of the pairs written so far
        self._documents: list[PaneDocument] = []
        self._anchored: list[AnchoredDocument] = []
        self._geometry = _Geometry([], ([], []), ([], []), (0.0, 0.0))
        self._font_size = DEFAULT_FONT_SIZE
        self._theme: Theme = theme_for(False)
        self._current = -1
        self._navigating = False
        self._review_marks: tuple[Mark, ...] = ()
        self._planner: PanePlanner | None = None
        self._fill: PaneFill | None = None
        # The fill whose documents the panes show, and the looks it was written with (theme,
        # font size, "only changes", diff options): a new comparison may keep its first pairs.
        self._written: tuple[PaneFill, tuple[object, ...]] | None = None
        self._gradual = False
        # What waits for the panes to be whole (a pair not written yet was asked for).
        self._when_filled: list[Callable[[], object]] = []

        self._panes = (Pane(self), Pane(self))
        self._link_map = LinkMap(self._scrolls, self._theme_color, self)
        self._finder = PaneFinder(self._panes)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._panes[OLD], 1)
        layout.addWidget(self._link_map)
        layout.addWidget(self._panes[NEW], 1)

        self._sync = ScrollSync(
            (self._panes[OLD].verticalScrollBar(), self._panes[NEW].verticalScrollBar()),
            self._sync_anchors,
            self,
        )
        self._realign_timer = QTimer(self)
        self._realign_timer.setSingleShot(True)
        self._realign_timer.setInterval(0)
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._apply_palette()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._realign_timer.timeout.connect(self.realign)
        self._fill_timer.timeout.connect(self._fill_slice)
        for side, pane in enumerate(self._panes):
            pane.file_dropped.connect(lambda path, side=side: self.file_dropped.emit(side, path))
            pane.marker_clicked.connect(self.note_requested)
            pane.resized.connect(self._realign_timer.start)
            pane.verticalScrollBar().valueChanged.connect(self._link_map.update)
            pane.change_map().tick_clicked.connect(self.go_to_pair)
            pane.link_clicked.connect(self._follow_link)
            pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.customContextMenuRequested.connect(
                lambda position, side=side: self._on_context_menu(side, position)
            )
        self._panes[OLD].verticalScrollBar().valueChanged.connect(self._on_old_scrolled)

    # Public interface -----------------------------------------------------------------------

    def pane(self, side: int) -> Pane:
        return self._panes[side]

    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_comparison(
        self,
        comparison: Comparison | None,
        *,
        gradual: bool = False,
        prepared: PanePlans | None = None,
        place: tuple[int, float] | None = None,
    ) -> None:
        """Show `comparison`; with `gradual`, the panes show their first screen at once and
        fill in behind it (see the module docstring), as they do for every later rebuild
        (zoom, theme, view options) until the next comparison. `prepared`: what `prepare`
        worked out for it (used if the diff options are still the same). `place`: where
        to show it (a pair and how far into it, as `reading_place` gives), else its top; a
        gradual fill writes up to there first (a reviewer's correction keeps the place)."""
        self._alone = None
        self._comparison = comparison
        self._current = -1
        self._gradual = gradual
        self._when_filled = []
        self._plan(prepared)
        self._rebuild(keep_place=False, place=place, keep_alike=True)
        if comparison is not None and comparison.pairs:
            self._set_current(0)

    def filling(self) -> bool:
        """Whether the panes are still being filled (see set_comparison's `gradual`)."""
        return self._fill is not None

    def show_filing(self, side: int, filing: Filing, hint: str) -> None:
        """Show one filing alone on `side` (no comparison yet) and, in the other pane, `hint`:
        what to do to compare it."""
        from core.align.passages import place_passages  # noqa: PLC0415 - diff engine off start-up

        self.set_comparison(None)
        alone = Comparison(
            old=filing,
            new=filing,
            pairs=tuple(
                place_passages(
                    [Pair(i, i, Status.UNCHANGED) for i in range(len(filing.factors))],
                    [
                        Pair(k, k, Status.UNCHANGED, passage=True)
                        for k in range(len(filing.passages))
                    ],
                    filing,
                    filing,
                )
            ),
            summary=Summary({}, Similarity(1.0, 1.0, 1.0)),
        )
        formats = text_formats(self._theme, self._font_size)
        built = build_pane_document(alone, side, [], formats, self._font_size)
        _show_document(self._panes[side], built.document)
        note = QTextDocument()
        note.setDocumentMargin(self._font_size * 1.6)
        cursor = QTextCursor(note)
        cursor.insertText(hint, formats.caption)
        _show_document(self._panes[1 - side], note)
        self._alone = side

    def shown_alone(self) -> int | None:
        """The side showing a filing alone (see show_filing), else None."""
        return self._alone

    def set_diff_options(self, options: DiffOptions) -> None:
        """Mark only the differences `options` do not overlook; the pair at the top stays."""
        if options == self._diff_options:
            return
        self._diff_options = options
        self._plan()
        self._rebuild(keep_place=True)

    def diff_options(self) -> DiffOptions:
        return self._diff_options

    def set_only_changes(self, only: bool) -> None:
        """Collapse unchanged pairs to their headings (or show them whole again)."""
        if only == self._only_changes:
            return
        self._only_changes = only
        self._rebuild(keep_place=True)

    def only_changes(self) -> bool:
        return self._only_changes

    def go_to_pair(self, index: int) -> None:
        tops = self._geometry.tops
        if self._fill is not None and len(tops) <= index < len(self._fill.comparison.pairs):
            self._when_filled.append(lambda: self.go_to_pair(index))
            return
        if not 0 <= index < len(tops):
            return
        value = max(0, round(tops[index]) - _TOP_PAD)
        self._navigating = True
        try:
            with self._sync.scroll_lock():
                for side, pane in enumerate(self._panes):
                    # The cursor goes along, so the keys that follow (PageDown, Down, find)
                    # continue from the pair now on screen.
                    block = self._documents[side].pairs[index].first
                    cursor = QTextCursor(pane.document().findBlockByNumber(block))
                    pane.place_cursor_quietly(cursor)
                    pane.verticalScrollBar().setValue(value)
        finally:
            self._navigating = False
        self._link_map.update()
        self._set_current(index)

    def go_to_passage(self, passage: int, side: int) -> None:
        """Bring moved passage `passage` into view on `side` (where it left on the old side,
        where it arrived on the new), the other pane following, the text cursor at its start
        (so the keys go on from there; a selection would hide the passage's colour)."""
        comparison = self._comparison
        if comparison is None or not 0 <= passage < len(comparison.moved_passages):
            return
        place = passage_place(comparison, passage, side)
        tops = self._geometry.tops
        if self._fill is not None and len(tops) <= place.pair < len(self._fill.comparison.pairs):
            # Not written yet: go there once the panes are filled that far.
            self._when_filled.append(lambda: self.go_to_passage(passage, side))
            return
        if not 0 <= place.pair < len(self._documents[side].pairs):
            return
        self.go_to_pair(place.pair)
        pane = self._panes[side]
        found = block_at(self._documents[side].pairs[place.pair].starts, place.start)
        if found is None:  # the pair is folded to its headings: its top is the place
            return
        block_number, block_start = found
        block = pane.document().findBlockByNumber(block_number)
        cursor = QTextCursor(block)
        length = max(0, block.length() - 1)
        cursor.setPosition(block.position() + min(place.start - block_start, length))
        # From the block before: the passage's caption, or the text that leads into it.
        shown = block.previous() if block.previous().isValid() else block
        top = pane.document().documentLayout().blockBoundingRect(shown).top()
        # The pane scrolls; the scroll sync brings the other pane to the matching place.
        pane.verticalScrollBar().setValue(max(0, round(top) - _TOP_PAD))
        pane.place_cursor_quietly(cursor)
        self._link_map.update()

    def _follow_link(self, address: str) -> None:
        target = parse_passage_address(address)
        if target is not None:
            self.go_to_passage(*target)

    def reading_place(self) -> tuple[int, float]:
        """Where the reader is: the pair at the top and how far into it (a fraction of its
        height); (-1, 0.0) with nothing shown."""
        return self._place()

    def go_to_place(self, place: tuple[int, float]) -> None:
        """Scroll back to a place `reading_place` gave (after a rebuild or a reload)."""
        if self._fill is not None and place[0] + 1 >= len(self._geometry.tops):
            self._when_filled.append(lambda: self.go_to_place(place))
            return
        self._restore_place(place)
        self._link_map.update()
        index = self.top_pair(OLD)
        if index >= 0:
            self._set_current(index)

    def pair_at(self, side: int, y: float) -> int:
        """The pair whose text is at height `y` of pane `side`'s viewport, or -1."""
        tops = self._geometry.side_tops[side] if self._geometry.tops else []
        if not tops:
            return -1
        value = self._panes[side].verticalScrollBar().value()
        return max(0, bisect.bisect_right(tops, y + value) - 1)

    def pair_blocks(self, side: int) -> list[PairBlocks]:
        """Where each pair is in pane `side`'s document (empty before a comparison)."""
        return self._documents[side].pairs[: self._written_pairs()]

    def _written_pairs(self) -> int:
        """How many pairs both panes hold (while they fill, the old pane may hold the old
        side of one more)."""
        if len(self._documents) != len(SIDES):
            return 0
        return min(len(built.pairs) for built in self._documents)

    def _on_context_menu(self, side: int, position: QPoint) -> None:
        index = self.pair_at(side, position.y())
        if index >= 0:
            pane = self._panes[side]
            self.pair_menu_requested.emit(side, index, pane.viewport().mapToGlobal(position))

    def top_pair(self, side: int) -> int:
        tops = self._geometry.tops
        if not tops:
            return -1
        value = self._panes[side].verticalScrollBar().value()
        return max(0, bisect.bisect_right(tops, value + _TOP_PAD + 1) - 1)

    def current_pair(self) -> int:
        return self._current

    def next_change(self) -> bool:
        return self._step_change(1)

    def previous_change(self) -> bool:
        return self._step_change(-1)

    def set_scroll_locked(self, locked: bool) -> None:
        self._sync.set_locked(locked)

    def scroll_locked(self) -> bool:
        return self._sync.locked()

    def set_find_text(self, text: str) -> FindResult:
        """Highlight every match of `text` in both panes and count them (none chosen yet)."""
        return self._finder.search(text, dark=self._theme.dark)

    # QWidget.find(window_id) is a static lookup that no caller reaches through a view.
    def find(self, text: str, *, backward: bool = False) -> FindResult:  # type: ignore[override]
        """Go to the next match of `text` (the previous with `backward`) in either pane,
        from the current match when it is on screen, else from the top of the screen; the
        match is selected, scrolled into view and the other pane follows."""
        if self._fill is not None:
            # The next match may be in what is not written yet: count what is, step later.
            self._finder.search(text, dark=self._theme.dark)
            self._when_filled.append(lambda: self._find_now(backward=backward))
            return self._finder.result()
        if text != self._finder.needle():
            self._finder.search(text, dark=self._theme.dark)
        return self._find_now(backward=backward)

    def _find_now(self, *, backward: bool) -> FindResult:
        result = self._finder.step(backward=backward)
        match = self._finder.current()
        if match is not None:
            self._sync.follow(match.side)
        return result

    def find_result(self) -> FindResult:
        """The last search's count and current match (after the panes filled, the whole)."""
        return self._finder.result()

    def clear_find(self) -> None:
        self._finder.clear()

    def zoom(self, steps: int) -> None:
        self.set_font_size(self._font_size + steps)

    def set_font_size(self, points: float) -> None:
        points = clamp_font_size(points)
        if points == self._font_size:
            return
        self._font_size = points
        self._rebuild(keep_place=True)

    def font_size(self) -> float:
        return self._font_size

    def set_dark(self, dark: bool) -> None:
        if self._theme.dark == dark:
            return
        self._theme = theme_for(dark)
        self._apply_palette()
        self._rebuild(keep_place=True)

    def pair_range(self, side: int, index: int) -> tuple[float, float]:
        """The y-range (document coordinates) of pair `index`'s own text in pane `side`."""
        return self._geometry.side_tops[side][index], self._geometry.bottoms[side][index]

    # Building and levelling -----------------------------------------------------------------

    def fold_notes(self) -> dict[int, str]:
        """The pairs "only changes" folds up (whether or not it is on), with the note each
        gets: what a printout of changes only folds too."""
        if self._comparison is None or self._planner is None:
            return {}
        diffs = self._planner.diffs()
        notes = (
            (index, self._fold_note(pair, diffs[index], only=True))
            for index, pair in enumerate(self._comparison.pairs)
        )
        return {index: note for index, note in notes if note}

    def _fold_note(self, _pair: Pair, diff: PairDiff, *, only: bool = False) -> str:
        """The note a pair folds up with under "only changes" (one that is no change,
        core.diff.pair), or "" when shown whole."""
        if not (only or self._only_changes) or diff.is_change:
            return ""
        ignored = self._diff_options.describe()
        return (
            f"{UNCHANGED_NOTE} but for {ignored}" if diff.overlooked and ignored else UNCHANGED_NOTE
        )

    def prepare(self, comparison: Comparison) -> PanePlans:
        """The differences and figures of every pair of `comparison` under the diff options
        set now: what showing it needs that is not Qt. Safe to run on a worker thread (the
        window's loader does, right after the comparison)."""
        options = self._diff_options
        plans = plan_pairs(comparison, lambda pair: pair_diff(comparison, pair, options=options))
        return PanePlans(comparison, options, plans)

    def _plan(self, prepared: PanePlans | None = None) -> None:
        """Start working out the differences and figures of the comparison's pairs (off the
        UI thread), for the diff options set now, unless `prepared` holds them. A pair of the
        same factors and status as one shown before finds its difference remembered
        (core.diff.pair): a reviewer's correction changes a few pairs and must not diff the
        others again."""
        previous = self._planner
        if previous is not None:
            previous.cancel()
        comparison = self._comparison
        if comparison is None:
            self._planner = None
            return
        options = self._diff_options
        planned: tuple[PairPlan, ...] = ()
        if (
            prepared is not None
            and prepared.comparison is comparison
            and prepared.options == options
        ):
            planned = prepared.plans

        def diff_of(pair: Pair) -> PairDiff:  # on the planner's thread: reads only
            return pair_diff(comparison, pair, options=options)

        self._planner = PanePlanner(comparison, diff_of, planned=planned)

    def _rebuild(
        self,
        *,
        keep_place: bool,
        place: tuple[int, float] | None = None,
        keep_alike: bool = False,
    ) -> None:
        # Swapping documents scrolls the panes to 0 on the way; that is not the reader moving.
        navigating, self._navigating = self._navigating, True
        try:
            self._build(keep_place=keep_place, place=place, keep_alike=keep_alike)
        finally:
            self._navigating = navigating

    def _build(
        self, *, keep_place: bool, place: tuple[int, float] | None = None, keep_alike: bool
    ) -> None:
        """Write the panes anew; with `keep_alike`, keep the blocks of the first pairs that
        look exactly as those shown (see `_kept_pairs`)."""
        place = self._place() if keep_place else place
        self._fill_timer.stop()
        self._fill = None
        written, self._written = self._written, None
        comparison = self._comparison
        if comparison is None or self._planner is None:
            self._diffs = []
            self._documents = []
            self._anchored = []
            for pane in self._panes:
                _show_document(pane, QTextDocument())
                pane.set_bands([])
                pane.change_map().set_ticks([], 0.0)
            self._geometry = _Geometry([], ([], []), ([], []), (0.0, 0.0))
            self._link_map.set_links([])
            return
        formats = text_formats(self._theme, self._font_size)
        looks = (self._theme, self._font_size, self._only_changes, self._diff_options)
        kept = 0
        if keep_alike and written is not None and written[1] == looks:
            kept = self._kept_pairs(written[0], self._planner)
        fill = PaneFill(
            self._planner,
            formats,
            self._font_size,
            self._fold_note,
            keep=(written[0], kept) if written is not None and kept > 0 else None,
        )
        self._written = fill, looks
        self._diffs = fill.diffs
        self._documents = fill.documents
        self._anchored = fill.anchored
        # Shown before they are written: the text wraps at the panes' widths as it is levelled.
        for pane, built in zip(self._panes, self._documents, strict=True):
            if pane.document() is not built.document:
                _show_document(pane, built.document)
        if self._gradual:
            # A rebuild keeps the reader's place: what comes before it is written first.
            fill.write_first_screen(through=0 if place is None else place[0] + 2)
        else:
            fill.write_all()
        # The previous comparison's geometry must not position the new one.
        self._geometry = _Geometry([], ([], []), ([], []), (0.0, 0.0))
        self._show_geometry()
        if place is None:
            with self._sync.scroll_lock():
                for pane in self._panes:
                    pane.verticalScrollBar().setValue(0)
        else:
            self._restore_place(place)
        if fill.complete:
            self._filled()
            return
        self._fill = fill
        self._fill_timer.start()

    def _kept_pairs(self, written: PaneFill, planner: PanePlanner) -> int:
        """How many of the first pairs `written` shows (whole) look exactly as those of the
        planner's comparison (gui.pane_document.pair_look): their blocks can stay. A
        reviewer's correction changes a few pairs; rewriting all those before the reader's
        place held the window for over 100 ms on a large comparison."""
        shown, coming = written.comparison, planner.comparison
        titles = [title_look(filing) for filing in (shown.old, shown.new, coming.old, coming.new)]
        if not written.complete or titles[:2] != titles[2:]:
            return 0
        count = 0
        for index in range(min(len(shown.pairs), len(coming.pairs))):
            planner.wait(index + 1)
            before, after = shown.pairs[index], coming.pairs[index]
            diff_before, diff_after = written.diffs[index], planner.plans[index].diff
            if pair_look(shown, before, diff_before, self._fold_note(before, diff_before)) != (
                pair_look(coming, after, diff_after, self._fold_note(after, diff_after))
            ):
                break
            count += 1
        return count

    def _fill_slice(self) -> None:
        """One slice of a gradual fill: a few milliseconds of pairs, or the ending."""
        fill = self._fill
        if fill is None:
            return
        fill.write_slice()
        self._show_geometry()
        if not fill.complete:
            # While a planner thread works, look again a little later (see gui.pane_builder).
            self._fill_timer.start(_PLANNER_POLL_MS if fill.waiting() else 0)
            return
        self._fill = None
        self._filled()

    def _filled(self) -> None:
        """The panes hold the whole comparison: what waited for it happens now."""
        if self._finder.needle():
            self._finder.search(self._finder.needle(), dark=self._theme.dark)
        waiting, self._when_filled = self._when_filled, []
        for action in waiting:
            action()
        self.filled.emit()

    def _show_geometry(self) -> None:
        """Measure what is written and show its bands, numbers, ticks and links."""
        self._measure()
        self._update_bands()
        self._link_map.set_links(self._links())

    def realign(self) -> None:
        """Level the pairs of both panes for the current widths and font, keeping the
        reader's place."""
        if len(self._anchored) != len(SIDES):
            return
        place = self._place() if self._geometry.tops else None
        realign(self._anchored[OLD], self._anchored[NEW])
        self._measure()
        self._update_bands()
        if place is not None:
            self._restore_place(place)
        self._link_map.set_links(self._links())
        if self._finder.needle() and self._fill is None:
            # New documents or new heights: the matches are found and placed again.
            self._finder.search(self._finder.needle(), dark=self._theme.dark)

    def _measure(self) -> None:
        side_tops: tuple[list[float], list[float]] = ([], [])
        bottoms: tuple[list[float], list[float]] = ([], [])
        written = self._written_pairs()
        for side, built in enumerate(self._documents):
            document = built.document
            layout = document.documentLayout()
            for blocks in built.pairs[:written]:
                first = layout.blockBoundingRect(document.findBlockByNumber(blocks.first))
                last = layout.blockBoundingRect(document.findBlockByNumber(blocks.last))
                side_tops[side].append(first.top())
                bottoms[side].append(last.bottom())
        tops = [min(old, new) for old, new in zip(*side_tops, strict=True)]
        heights = (
            self._documents[OLD].document.size().height(),
            self._documents[NEW].document.size().height(),
        )
        # Anchored per paragraph, the other pane follows a long pair paragraph by paragraph.
        levels = (self._anchored[OLD].anchor_tops(), self._anchored[NEW].anchor_tops())
        self._geometry = _Geometry(tops, side_tops, bottoms, heights, levels)

    def _update_bands(self) -> None:
        comparison = self._comparison
        if comparison is None:
            return
        geometry = self._geometry
        pad = self._font_size * 0.5
        muted = QColor(self._theme.muted)
        for side, built in enumerate(self._documents):
            layout = built.document.documentLayout()
            bands = []
            numbers = []
            for index, blocks in enumerate(built.pairs[: len(geometry.tops)]):
                pair = comparison.pairs[index]
                color = self._theme.status_color(pair.status)
                top = geometry.side_tops[side][index]
                if blocks.placeholder:
                    bottom = max(geometry.bottoms[OLD][index], geometry.bottoms[NEW][index])
                    bands.append(Band(top - pad, bottom + pad, color, True))
                elif pair.status is not Status.UNCHANGED:
                    bands.append(Band(top, geometry.bottoms[side][index], color, False))
                for number, block_number in blocks.headings:
                    block = built.document.findBlockByNumber(block_number)
                    numbers.append(
                        FactorNumber(layout.blockBoundingRect(block).top(), f"#{number}")
                    )
            self._panes[side].set_bands(bands, numbers, muted)
            self._panes[side].change_map().set_ticks(self._ticks(side), geometry.heights[side])
        self._update_review_markers()

    def set_review_marks(self, marks: Sequence[Mark]) -> None:
        """The review's mark of each pair (in the comparison's order): flagged and annotated
        pairs get a sign beside their heading in both panes."""
        self._review_marks = tuple(marks)
        self._update_review_markers()

    def _update_review_markers(self) -> None:
        comparison = self._comparison
        marks = self._review_marks
        if comparison is None or len(marks) != len(comparison.pairs) or not self._documents:
            for pane in self._panes:
                pane.set_review_markers([])
            return
        for side, built in enumerate(self._documents):
            layout = built.document.documentLayout()
            markers = []
            # While the panes fill in, only the pairs written so far have blocks.
            written = built.pairs[: self._written_pairs()]
            for index, (mark, blocks) in enumerate(zip(marks, written, strict=False)):
                if not needs_marker(mark):
                    continue
                first = blocks.headings[0][1] if blocks.headings else blocks.anchor
                top = layout.blockBoundingRect(built.document.findBlockByNumber(first)).top()
                flagged = mark.state is ReviewState.FLAGGED
                tooltip = f"{review_tooltip(mark)}\n(Click to read or edit the note.)"
                markers.append(ReviewMarker(top, index, flagged, bool(mark.note), tooltip))
            self._panes[side].set_review_markers(markers)

    def _ticks(self, side: int) -> list[Tick]:
        """The change map of pane `side`: a tick per changed pair, in its status colour."""
        comparison = self._comparison
        if comparison is None:
            return []
        geometry = self._geometry
        ticks = []
        for index, pair in enumerate(comparison.pairs[: len(geometry.tops)]):
            if not self._diffs[index].is_change:
                continue
            top = geometry.side_tops[side][index]
            bottom = max(geometry.bottoms[OLD][index], geometry.bottoms[NEW][index])
            if pair.old_indexes and pair.new_indexes:
                bottom = geometry.bottoms[side][index]
            ticks.append(Tick(top, bottom, self._theme.status_color(pair.status), index))
        return ticks

    def _place(self) -> tuple[int, float]:
        index = self.top_pair(OLD)
        if index < 0:
            return -1, 0.0
        value = self._panes[OLD].verticalScrollBar().value()
        top = self._geometry.tops[index]
        span = self._pair_span(index)
        # Measured from where go_to_pair puts a pair, so a pair at the top stays there.
        return index, (value + _TOP_PAD - top) / span if span > 0 else 0.0

    def _restore_place(self, place: tuple[int, float]) -> None:
        index, fraction = place
        if not 0 <= index < len(self._geometry.tops):
            return
        value = round(self._geometry.tops[index] + fraction * self._pair_span(index)) - _TOP_PAD
        navigating, self._navigating = self._navigating, True
        try:
            with self._sync.scroll_lock():
                for pane in self._panes:
                    pane.verticalScrollBar().setValue(max(0, value))
        finally:
            self._navigating = navigating

    def _pair_span(self, index: int) -> float:
        tops = self._geometry.tops
        if index + 1 < len(tops):
            return tops[index + 1] - tops[index]
        return max(self._geometry.heights) - tops[index]

    # Scrolling and navigation ---------------------------------------------------------------

    def _sync_anchors(self) -> tuple[list[float], list[float]]:
        return self._geometry.anchors

    def _on_old_scrolled(self, _value: int) -> None:
        if self._navigating:
            return
        index = self.top_pair(OLD)
        if index >= 0:
            self._set_current(index)

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.current_pair_changed.emit(index)

    def _step_change(self, step: int) -> bool:
        comparison = self._comparison
        if comparison is None or not comparison.pairs:
            return False
        index = self._current if self._current >= 0 else self.top_pair(OLD)
        index += step
        while 0 <= index < len(comparison.pairs):
            if index >= len(self._geometry.tops) and self._fill is not None:
                # The next change may be in what is not written yet.
                self._when_filled.append(lambda: self._step_change(step))
                return True
            if self._diffs[index].is_change:
                self.go_to_pair(index)
                return True
            index += step
        return False

    # Link map and theme ---------------------------------------------------------------------

    def _scrolls(self) -> tuple[int, int]:
        return self._panes[OLD].verticalScrollBar().value(), self._panes[
            NEW
        ].verticalScrollBar().value()

    def _links(self) -> list[Link]:
        """Each pair's band on the link map, measured once per realign."""
        comparison = self._comparison
        if comparison is None or not self._geometry.tops:
            return []
        geometry = self._geometry
        links = []
        for index, pair in enumerate(comparison.pairs[: len(geometry.tops)]):
            old_top, new_top = geometry.side_tops[OLD][index], geometry.side_tops[NEW][index]
            old_bottom, new_bottom = geometry.bottoms[OLD][index], geometry.bottoms[NEW][index]
            if not pair.old_indexes or not pair.new_indexes:
                # The placeholder band spans the counterpart's height.
                old_bottom = new_bottom = max(old_bottom, new_bottom)
            links.append(Link(old_top, old_bottom, new_top, new_bottom, pair.status))
        return links

    def _theme_color(self, status: Status, alpha: int) -> QColor:
        return self._theme.status_color(status, alpha)

    def _apply_palette(self) -> None:
        for pane in self._panes:
            palette = pane.palette()
            palette.setColor(QPalette.ColorRole.Base, QColor(self._theme.background))
            palette.setColor(QPalette.ColorRole.Text, QColor(self._theme.text))
            pane.setPalette(palette)
        palette = self._link_map.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(self._theme.filler))
        self._link_map.setPalette(palette)
        self._link_map.setAutoFillBackground(True)
