"""The window's review: one ReviewSession per comparison loaded, the Review menu's commands,
Edit > Undo / Redo, the review column and progress, and review files (save, open, unsaved work).

`ReviewController` is what MainWindow holds as `window.review`. A comparison the loader
finishes starts a new session (`start`); a correction's re-aligned comparison is shown through
the window's `set_comparison` and keeps the session. The "current pair" is the one at the top of
the panes, whose row the factor list follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMessageBox

from core.errors import FactorDiffError
from core.model import Comparison
from core.review.apply import Reviewed
from core.review.file import FilingCheck, ReviewFileError, check_filing, load_review
from core.review.model import FilingRecord, Review, ReviewState
from core.review.progress import is_change, review_progress
from gui.actions import ActionId
from gui.autosave import Autosaver, LeftBehind
from gui.correction_actions import CORRECTION_COMMANDS
from gui.note_dialog import ask_note
from gui.pair_menu import pair_heading_text
from gui.review_files import (
    ask_keep_review,
    ask_review_open_path,
    ask_review_save_path,
    ask_where_filing_is,
    suggested_review_path,
)
from gui.review_session import ReviewSession
from gui.worker import Request

if TYPE_CHECKING:
    from gui.main_window import MainWindow


@dataclass(slots=True)
class _Opening:
    """A review file (or an autosave) being opened: the comparison it waits for, the review,
    its file, what to tell the person once it is shown, and the autosave it restores."""

    request: Request
    review: Review
    path: Path | None
    notes: list[str] = field(default_factory=list)
    restored: LeftBehind | None = None


REVIEW_COMMANDS = (ActionId.MARK_REVIEWED, ActionId.FLAG, ActionId.NOTE, ActionId.MARK_UNREVIEWED)
Button = QMessageBox.StandardButton


class ReviewController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: ReviewSession | None = None
        self.progress_label = QLabel()
        self.progress_label.setObjectName("reviewProgress")
        self.progress_label.setToolTip("Changes reviewed (R) and flagged (F) in this comparison")
        self._pending: _Opening | None = None
        self.autosave = Autosaver(self)
        # A reload under way: its comparison keeps the session (File > Reload).
        self._kept_for: Request | None = None

    # Sessions -------------------------------------------------------------------------------

    def keep_for(self, request: Request) -> None:
        """`request` reads the filings again: its comparison keeps the review as it is."""
        self._kept_for = request

    def start(self, comparison: Comparison, request: Request) -> None:
        """A comparison finished loading: a new review of it (or the review file being opened);
        for a reload, the same review applied to the filings as read again."""
        kept, self._kept_for = self._kept_for, None
        # The loader's alignment, with its scores and pair diffs, for the first correction.
        reviewed = self.window.loader.reviewed(comparison)
        if self.session is not None and kept == request:
            self.session.set_filings(comparison, reviewed=reviewed)
            self._enable()
            self.update_title()
            return
        if self.session is not None:
            self.session.deleteLater()
        session = ReviewSession(comparison, reviewed=reviewed, parent=self)
        self.session = session
        session.comparison_changed.connect(self._on_comparison_changed)
        session.marks_changed.connect(self._show_marks)
        session.dirty_changed.connect(self._on_dirty_changed)
        stack = session.undo_stack
        actions = self.window.actions_by_id
        stack.canUndoChanged.connect(actions[ActionId.UNDO].setEnabled)
        stack.canRedoChanged.connect(actions[ActionId.REDO].setEnabled)
        stack.undoTextChanged.connect(lambda text: self._name_undo(ActionId.UNDO, "Undo", text))
        stack.redoTextChanged.connect(lambda text: self._name_undo(ActionId.REDO, "Redo", text))
        pending, self._pending = self._pending, None
        opening = pending if pending is not None and pending.request == request else None
        self.autosave.follow(session, adopt=opening.restored if opening else None)
        self._show_marks(session.reviewed)
        if opening is not None:
            self.window.show_diff_options(opening.review.options)
            if opening.restored is not None:
                session.restore(opening.review, opening.path)
            else:
                session.load(opening.review, opening.path)
            self._say_what_did_not_fit(session.reviewed, opening.notes)
        self._enable()
        self.update_title()

    def stop(self) -> None:
        """No comparison is shown any more (one filing alone)."""
        if self.session is not None:
            self.session.deleteLater()
        self.session = None
        self.autosave.follow(None)
        self.window.view.set_review_marks(())
        self.progress_label.clear()
        self._enable()

    def _enable(self) -> None:
        actions = self.window.actions_by_id
        session = self.session
        commands = (*REVIEW_COMMANDS, *CORRECTION_COMMANDS)
        for action_id in (*commands, ActionId.SAVE_REVIEW, ActionId.SAVE_REVIEW_AS):
            actions[action_id].setEnabled(session is not None)
        actions[ActionId.UNDO].setEnabled(session is not None and session.undo_stack.canUndo())
        actions[ActionId.REDO].setEnabled(session is not None and session.undo_stack.canRedo())
        self._name_undo(ActionId.UNDO, "Undo", session.undo_stack.undoText() if session else "")
        self._name_undo(ActionId.REDO, "Redo", session.undo_stack.redoText() if session else "")

    def _name_undo(self, action_id: ActionId, verb: str, text: str) -> None:
        self.window.actions_by_id[action_id].setText(f"&{verb} {text}" if text else f"&{verb}")

    def _on_comparison_changed(self, reviewed: Reviewed) -> None:
        """A correction re-aligned the filings: the panes show the pair that was on top at
        once and fill in behind it; the factor list follows in the next turn of the event
        loop, with the marks (`list_marks`)."""
        index = min(self.window.view.reading_place()[0], len(reviewed.comparison.pairs) - 1)
        self.window.set_comparison(reviewed.comparison, gradual=True, place=(index, 0.0))
        self.window.view.set_review_marks(reviewed.marks)
        self._show_progress(reviewed)
        self.update_title()

    def list_marks(self) -> None:
        """The factor list was filled anew: its review column shows the marks of the
        session's comparison, if that is the one listed."""
        session = self.session
        if session is not None and session.comparison is self.window.comparison():
            self.window.tree.set_marks(session.reviewed.marks)

    def _show_marks(self, reviewed: Reviewed) -> None:
        self.window.tree.set_marks(reviewed.marks)
        self.window.view.set_review_marks(reviewed.marks)
        self._show_progress(reviewed)

    def _show_progress(self, reviewed: Reviewed) -> None:
        progress = review_progress(reviewed.comparison, reviewed.marks)
        self.progress_label.setText(progress.describe())

    def refresh(self) -> None:
        """The tree was filled anew (other diff options): show the marks again, and keep
        the options with the review."""
        if self.session is not None:
            self.session.set_options(self.window.view.diff_options())
            self._show_marks(self.session.reviewed)

    def for_outputs(self) -> Reviewed | None:
        """The review the printout and exports carry: None until someone has marked, noted
        or corrected something (or opened a review file), so a comparison nobody reviewed
        prints as it always did."""
        session = self.session
        if session is None:
            return None
        review = session.review
        if review.marks or review.corrections or session.path is not None:
            return session.reviewed
        return None

    def _on_dirty_changed(self, _dirty: bool) -> None:
        self.update_title()

    def update_title(self) -> None:
        """The window's title, with '*' in front while the review has unsaved work."""
        from gui.main_window import window_title  # noqa: PLC0415 - the window imports us

        dirty = self.session is not None and self.session.is_dirty()
        title = window_title(self.window.comparison())
        self.window.setWindowTitle(f"*{title}" if dirty else title)

    # The Review menu ------------------------------------------------------------------------

    def current_pair(self) -> int:
        """The pair the commands act on: the one at the top of the panes (-1 for none)."""
        if self.session is None:
            return -1
        index = self.window.view.current_pair()
        if index < 0:
            index = self.window.view.top_pair(0)
        return index if 0 <= index < len(self.session.comparison.pairs) else -1

    def mark_reviewed_and_next(self) -> None:
        index = self.current_pair()
        if self.session is None or index < 0:
            return
        self.session.set_state(index, ReviewState.REVIEWED)
        following = self.next_unreviewed(index)
        if following < 0:
            self.window.statusBar().showMessage("Every change is reviewed or flagged.", 5000)
            return
        self.window.view.go_to_pair(following)

    def next_unreviewed(self, after: int) -> int:
        """The first change below pair `after` not yet reviewed or flagged, wrapping round to
        the top; -1 when there is none."""
        if self.session is None:
            return -1
        reviewed = self.session.reviewed
        count = len(reviewed.comparison.pairs)
        for step in range(1, count + 1):
            index = (after + step) % count
            unreviewed = reviewed.marks[index].state is ReviewState.UNREVIEWED
            if unreviewed and is_change(reviewed.comparison, reviewed.comparison.pairs[index]):
                return index
        return -1

    def toggle_flag(self) -> None:
        index = self.current_pair()
        if self.session is None or index < 0:
            return
        flagged = self.session.mark_of(index).state is ReviewState.FLAGGED
        self.session.set_state(index, ReviewState.UNREVIEWED if flagged else ReviewState.FLAGGED)

    def mark_unreviewed(self) -> None:
        index = self.current_pair()
        if self.session is not None and index >= 0:
            self.session.set_state(index, ReviewState.UNREVIEWED)

    def edit_note(self) -> None:
        self.edit_note_of(self.current_pair())

    def edit_note_of(self, index: int) -> None:
        """Read or edit the note on pair `index` (from its sign in the panes, or N)."""
        session = self.session
        if session is None or not 0 <= index < len(session.comparison.pairs):
            return
        comparison = session.comparison
        heading = pair_heading_text(comparison, comparison.pairs[index], 1)
        note = ask_note(self.window, heading, session.mark_of(index).note)
        if note is not None:
            session.set_note(index, note)

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.redo()

    # Review files ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the review's file (asking where the first time); True when saved."""
        session = self.session
        if session is None:
            return False
        if session.path is None:
            return self.save_as()
        return self._write(session.path)

    def save_as(self) -> bool:
        session = self.session
        if session is None:
            return False
        suggested = session.path or suggested_review_path(self.window.settings, session.comparison)
        path = ask_review_save_path(self.window, self.window.settings, suggested)
        return path is not None and self._write(path)

    def _write(self, path: Path) -> bool:
        assert self.session is not None
        try:
            self.session.save(path, options=self.window.view.diff_options())
        except OSError as error:
            reason = error.strerror or str(error)
            self.window.messages.error(
                FactorDiffError(f"Could not save the review {path}: {reason}")
            )
            return False
        self.update_title()
        self.window.statusBar().showMessage(f"Saved the review in {path}", 5000)
        return True

    def may_drop_work(self, doing: str) -> bool:
        """True when the review has no unsaved work, or the person saved or discarded it."""
        session = self.session
        if session is None or not session.is_dirty():
            return True
        answer = ask_keep_review(self.window, doing)
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def open_review(self, path: Path | None = None) -> None:
        """Open a review file: compare the filings it names, then show its marks on them."""
        if not self.may_drop_work("opening another review"):
            return
        if path is None:
            path = ask_review_open_path(self.window, self.window.settings)
            if path is None:
                return
        try:
            review = load_review(path)
        except ReviewFileError as error:
            self.window.messages.error(error, doing=f"Opening the review {path.name}")
            return
        except OSError as error:
            reason = error.strerror or str(error)
            self.window.messages.error(FactorDiffError(f"Could not read {path}: {reason}"))
            return
        notes: list[str] = []
        old = self._locate(0, review.old, notes)
        new = self._locate(1, review.new, notes) if old is not None else None
        if old is None or new is None:
            self.window.messages.warn(
                f"The review {path.name} was not opened: a filing it reviews was not found."
            )
            return
        review = replace(review, old=old, new=new)
        # Straight to the loader: the unsaved work was settled above.
        request = self.window.loader.start(Path(old.path), Path(new.path))
        self._pending = _Opening(request, review, path, notes)

    def restore(self, left: LeftBehind) -> bool:
        """Open an autosave a crash left behind: its comparison, with its review as unsaved
        work, autosaved on to the same copy. False (the copy kept for later) when a filing
        it reviews cannot be found."""
        review = left.review
        if review is None or not self.may_drop_work("restoring an autosaved review"):
            left.keep()
            return False
        notes: list[str] = []
        old = self._locate(0, review.old, notes)
        new = self._locate(1, review.new, notes) if old is not None else None
        if old is None or new is None:
            left.keep()
            self.window.messages.warn(
                "The autosaved review was not restored: a filing it reviews was not found. "
                "It is offered again at the next start."
            )
            return False
        request = self.window.loader.start(Path(old.path), Path(new.path))
        self._pending = _Opening(
            request, replace(review, old=old, new=new), left.review_path, notes, left
        )
        return True

    def close(self) -> None:
        """The window closes, its work saved or discarded: the autosave goes too."""
        self.autosave.close()

    def _locate(self, side: int, record: FilingRecord, notes: list[str]) -> FilingRecord | None:
        """The filing's record, its path where the filing is now (asked for when it is not
        where the review says); a filing that changed since is noted, and compared anyway."""
        check = check_filing(record)
        if check is FilingCheck.MISSING:
            located = ask_where_filing_is(self.window, side, record.path)
            if located is None:
                return None
            check = check_filing(record, located)
            record = replace(record, path=str(located))
        if check is FilingCheck.CHANGED:
            notes.append(
                f"{Path(record.path).name} changed since the review was saved; compared "
                "anyway (marks on factors that changed may no longer find their pair)."
            )
        return record

    def _say_what_did_not_fit(self, reviewed: Reviewed, notes: list[str]) -> None:
        if reviewed.orphans:
            count = len(reviewed.orphans)
            notes.append(
                f"{count} mark{'s' if count != 1 else ''} found no factor to attach to "
                "(kept in the review file)."
            )
        if reviewed.unapplied:
            reasons = "; ".join(reason for _correction, reason in reviewed.unapplied)
            notes.append(f"{len(reviewed.unapplied)} correction(s) could not be applied: {reasons}")
        if notes:  # the comparison's own warnings stay said
            self.window.messages.warn("\n".join([*reviewed.comparison.warnings, *notes]))
