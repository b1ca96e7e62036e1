"""The Review menu's corrections in the window: pair, unpair, split, merge, not moved, and the
segmentation ones, by key, by menu, from the context menus of the factor list and of the
panes, and by dragging one row of the list onto another.

Pairing commands act on the rows selected in the factor list (Ctrl+click adds a row); the
others on the current pair, and in a pane on the factor or paragraph clicked (or, by key, the
one at the pane's cursor). gui.corrections works out the corrections; each goes through the
review session as one undoable action, and the window shows the re-aligned comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from core.review.model import Side
from core.review.segmentation import CorrectionError, resegment
from gui import corrections
from gui.actions import ActionId, Handler
from gui.corrections import PanePlace, Proposal

if TYPE_CHECKING:
    from gui.main_window import MainWindow

CORRECTION_COMMANDS = (
    ActionId.PAIR_FACTORS,
    ActionId.UNPAIR,
    ActionId.DECLARE_SPLIT,
    ActionId.DECLARE_MERGE,
    ActionId.NOT_MOVED,
    ActionId.NOT_A_HEADING,
    ActionId.NEW_FACTOR_HERE,
    ActionId.CATEGORY_HEADING,
)
_SELECT_HINT = "Select one old and one new factor in the list (Ctrl+click the second row)"
_HINTS = {
    ActionId.PAIR_FACTORS: f"{_SELECT_HINT}, or drag one row onto the other, to pair them.",
    ActionId.DECLARE_SPLIT: "Select the old factor and the new factors it was split into "
    "(Ctrl+click each row) to declare a split.",
    ActionId.DECLARE_MERGE: "Select the old factors and the new factor they were merged into "
    "(Ctrl+click each row) to declare a merge.",
    ActionId.UNPAIR: "This pair has a factor on one side only: there is nothing to unpair.",
    ActionId.NOT_MOVED: "This pair is not marked moved.",
    ActionId.NEW_FACTOR_HERE: "Put the cursor in a body paragraph of a pane (click it), or "
    "right-click the paragraph, to start a new factor there.",
}
_STATUS_SECONDS = 8000


class CorrectionController(QObject):
    """What MainWindow holds as `window.corrections`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def handlers(self) -> dict[ActionId, Handler]:
        return {
            ActionId.PAIR_FACTORS: self.pair_selected,
            ActionId.UNPAIR: self.unpair,
            ActionId.DECLARE_SPLIT: self.declare_split,
            ActionId.DECLARE_MERGE: self.declare_merge,
            ActionId.NOT_MOVED: self.not_moved,
            ActionId.NOT_A_HEADING: self.not_a_heading,
            ActionId.NEW_FACTOR_HERE: self.new_factor_here,
            ActionId.CATEGORY_HEADING: self.category_heading,
        }

    def connect_signals(self) -> None:
        self.window.tree.pair_dropped.connect(self.pair_dropped)

    # Commands ---------------------------------------------------------------------------------

    def pair_selected(self) -> None:
        self._propose(ActionId.PAIR_FACTORS, corrections.pairing, self._selection())

    def declare_split(self) -> None:
        self._propose(ActionId.DECLARE_SPLIT, corrections.split, self._selection())

    def declare_merge(self) -> None:
        self._propose(ActionId.DECLARE_MERGE, corrections.merge, self._selection())

    def unpair(self, index: int | None = None) -> None:
        self._propose(ActionId.UNPAIR, corrections.unpairing, self._pair(index))

    def not_moved(self, index: int | None = None) -> None:
        self._propose(ActionId.NOT_MOVED, corrections.not_moved, self._pair(index))

    def not_a_heading(self, side: int | None = None, factor: int | None = None) -> None:
        self._heading_correction(corrections.not_a_heading, side, factor)

    def category_heading(self, side: int | None = None, factor: int | None = None) -> None:
        self._heading_correction(corrections.category_heading, side, factor)

    def new_factor_here(self, place: PanePlace | None = None) -> None:
        comparison = self.window.comparison()
        if comparison is None or self.window.review.session is None:
            return
        place = place or self._cursor_place()
        proposal = corrections.new_factor_at(comparison, place) if place is not None else None
        if proposal is None:
            self._hint(ActionId.NEW_FACTOR_HERE)
            return
        self.apply(proposal)

    def pair_dropped(self, source: int, target: int) -> None:
        """A row of the list dragged onto another: pair their factors across the sides."""
        comparison = self.window.comparison()
        if comparison is None or self.window.review.session is None:
            return
        proposal = corrections.dropped(comparison, source, target)
        if proposal is None:
            self.window.statusBar().showMessage(
                "Drop a row on one with a factor on the other side (not already its partner) "
                "to pair them.",
                _STATUS_SECONDS,
            )
            return
        self.apply(proposal)

    def apply(self, proposal: Proposal) -> bool:
        """Make the correction (one undoable action); a segmentation correction that cannot
        apply to the filing as it is now is refused with the reason."""
        session = self.window.review.session
        comparison = self.window.comparison()
        if session is None or comparison is None:
            return False
        for correction in proposal.corrections:
            if isinstance(correction, corrections.SEGMENTATION):
                filing = comparison.old if correction.side is Side.OLD else comparison.new
                try:
                    resegment(filing, [correction])
                except CorrectionError as error:
                    self.window.messages.warn(f"{proposal.text}: not possible, {error}.")
                    return False
        session.correct_all(proposal.corrections, proposal.text)
        self.window.statusBar().showMessage(f"{proposal.text} (Ctrl+Z undoes it)", _STATUS_SECONDS)
        return True

    # Context menus ----------------------------------------------------------------------------

    def add_to_menu(
        self, menu: QMenu, index: int, *, side: int | None = None, where: QPoint | None = None
    ) -> None:
        """The corrections that apply to pair `index`, added to its context menu: opened in
        the list (`side` None) or on pane `side` at the global point `where`."""
        comparison = self.window.comparison()
        if comparison is None or self.window.review.session is None:
            return
        place = self._place_at(side, where) if side is not None and where is not None else None
        menu.addSeparator()
        selection = self._selection()
        for action_id, proposal in (
            (ActionId.PAIR_FACTORS, corrections.pairing(comparison, selection)),
            (ActionId.DECLARE_SPLIT, corrections.split(comparison, selection)),
            (ActionId.DECLARE_MERGE, corrections.merge(comparison, selection)),
            (ActionId.UNPAIR, corrections.unpairing(comparison, index)),
            (ActionId.NOT_MOVED, corrections.not_moved(comparison, index)),
        ):
            if proposal is not None:
                self._menu_item(menu, action_id, proposal)
        menu.addSeparator()
        for shown_side in (0, 1) if side is None else (side,):
            factor = corrections.factor_of(comparison, index, shown_side, place)
            if factor < 0:
                continue
            for action_id, propose in (
                (ActionId.NOT_A_HEADING, corrections.not_a_heading),
                (ActionId.CATEGORY_HEADING, corrections.category_heading),
            ):
                self._menu_item(menu, action_id, propose(comparison, shown_side, factor))
        if place is not None:
            proposal = corrections.new_factor_at(comparison, place)
            if proposal is not None:
                self._menu_item(menu, ActionId.NEW_FACTOR_HERE, proposal)

    def _menu_item(self, menu: QMenu, action_id: ActionId, proposal: Proposal) -> None:
        """An item named for what it does, with the command's key beside it."""
        keys = self.window.actions_by_id[action_id].shortcut()
        key_text = keys.toString(QKeySequence.SequenceFormat.NativeText)
        action = menu.addAction(f"{proposal.text}\t{key_text}" if key_text else proposal.text)
        action.setObjectName(f"menu_{action_id.value}")
        action.triggered.connect(lambda _checked=False, chosen=proposal: self.apply(chosen))

    # What the commands act on -----------------------------------------------------------------

    def _selection(self) -> list[int]:
        """The pairs selected in the list; the current pair when none is."""
        selected = self.window.tree.selected_pairs()
        if selected:
            return selected
        current = self.window.review.current_pair()
        return [current] if current >= 0 else []

    def _pair(self, index: int | None) -> int:
        return self.window.review.current_pair() if index is None else index

    def _focused_side(self) -> int | None:
        for side in (0, 1):
            if self.window.view.pane(side).hasFocus():
                return side
        return None

    def _cursor_place(self) -> PanePlace | None:
        """The place of the text cursor of the pane that has the keyboard."""
        side = self._focused_side()
        comparison = self.window.comparison()
        if side is None or comparison is None:
            return None
        block = self.window.view.pane(side).textCursor().block().blockNumber()
        return corrections.pane_place(comparison, self.window.view.pair_blocks(side), side, block)

    def _place_at(self, side: int, where: QPoint) -> PanePlace | None:
        comparison = self.window.comparison()
        if comparison is None:
            return None
        pane = self.window.view.pane(side)
        cursor = pane.cursorForPosition(pane.viewport().mapFromGlobal(where))
        block = cursor.block().blockNumber()
        return corrections.pane_place(comparison, self.window.view.pair_blocks(side), side, block)

    def _heading_correction(
        self, propose: Callable[..., Proposal], side: int | None, factor: int | None
    ) -> None:
        """A heading correction on `factor` of `side`; by key, on the factor at the cursor of
        the pane that has the keyboard, else the current pair's new factor (old if none)."""
        comparison = self.window.comparison()
        if comparison is None or self.window.review.session is None:
            return
        if side is None or factor is None:
            place = self._cursor_place()
            index = self.window.review.current_pair()
            if place is not None and place.factor >= 0:
                side, factor = place.side, place.factor
            elif index >= 0:
                pair = comparison.pairs[index]
                side = self._focused_side()
                if side is None:
                    side = 1 if pair.new_indexes else 0
                factor = corrections.factor_of(comparison, index, side, None)
            if side is None or factor is None or factor < 0:
                self.window.statusBar().showMessage("Choose a factor first.", _STATUS_SECONDS)
                return
        self.apply(propose(comparison, side, factor))

    def _propose(
        self, action_id: ActionId, propose: Callable[..., Proposal | None], chosen: object
    ) -> None:
        comparison = self.window.comparison()
        if comparison is None or self.window.review.session is None:
            return
        if isinstance(chosen, int) and chosen < 0:
            return
        proposal = propose(comparison, chosen)
        if proposal is None:
            self._hint(action_id)
            return
        self.apply(proposal)

    def _hint(self, action_id: ActionId) -> None:
        self.window.statusBar().showMessage(_HINTS.get(action_id, ""), _STATUS_SECONDS)
