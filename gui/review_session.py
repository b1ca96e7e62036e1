"""The review of the comparison on screen: marks, notes and corrections, with undo and redo.

A `ReviewSession` holds the two filings as the program read them and the `Review` the person is
making. Every action replaces the Review with a new value through the undo stack, so Undo and
Redo are exact; the comparison shown is always `apply_review(old, new, review)`.

Marks and notes are cheap (re-attached to the pairs); a correction aligns the filings again,
reusing what the last alignment read (`apply_review`'s `before`): a pairing correction re-uses
the scores of every factor pair and diffs only the pairs it made (tens of milliseconds on the
largest corpus pair); a segmentation correction scores the filings again.

Signals:
    comparison_changed(Reviewed): a correction changed the pairs (or they were set anew).
    marks_changed(Reviewed): only states or notes changed; the pairs are the same.
    dirty_changed(bool): whether there is review work not saved to the review file.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.diff.options import DiffOptions
from core.model import Comparison, Filing, Pair
from core.report.labels import listed_headings
from core.review.apply import Reviewed, apply_review, attach_marks
from core.review.file import filing_record, save_review
from core.review.model import Correction, FilingRecord, Mark, Review, ReviewState


def default_reviewer() -> str:
    """The login name, the reviewer a fresh installation signs with."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _ReplaceReview(QUndoCommand):
    """One review action: the Review before and after it (values, so undo is exact)."""

    def __init__(self, session: ReviewSession, before: Review, after: Review, text: str) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._session._show(self._with_options_now(self._after))

    def undo(self) -> None:
        self._session._show(self._with_options_now(self._before))

    def _with_options_now(self, review: Review) -> Review:
        """The diff options are the View menu's, not an action's: undo keeps them."""
        return replace(review, options=self._session.review.options)


class ReviewSession(QObject):
    comparison_changed = Signal(object)  # Reviewed
    marks_changed = Signal(object)  # Reviewed
    dirty_changed = Signal(bool)

    def __init__(
        self,
        comparison: Comparison,
        *,
        reviewed: Reviewed | None = None,
        reviewer: str = "",
        parent: QObject | None = None,
    ) -> None:
        """A review of `comparison`; `reviewed`, the same comparison under no review with the
        scores and pair diffs its alignment made (core.review.apply.unreviewed, worked out
        by the loader), makes the first correction as quick as the next ones (without it,
        the first correction aligns the filings itself)."""
        super().__init__(parent)
        self.old: Filing = comparison.old
        self.new: Filing = comparison.new
        self.reviewer = reviewer or default_reviewer()
        self.path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._review = Review(old=_record(self.old), new=_record(self.new))
        if reviewed is not None and reviewed.comparison is comparison:
            self._reviewed = reviewed
        else:
            self._reviewed = Reviewed(comparison, attach_marks(comparison, ())[0])

    # What is shown --------------------------------------------------------------------------

    @property
    def review(self) -> Review:
        return self._review

    @property
    def reviewed(self) -> Reviewed:
        return self._reviewed

    @property
    def comparison(self) -> Comparison:
        return self._reviewed.comparison

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_of(self, pair_index: int) -> Mark:
        return self._reviewed.marks[pair_index]

    # Actions (each one undoable) ------------------------------------------------------------

    def set_state(self, pair_index: int, state: ReviewState) -> None:
        mark = self.mark_of(pair_index)
        if mark.state is state:
            return
        words = {
            ReviewState.REVIEWED: "Mark reviewed",
            ReviewState.FLAGGED: "Flag",
            ReviewState.UNREVIEWED: "Mark unreviewed",
        }
        self._mark(
            pair_index, replace(mark, state=state), f"{words[state]} {self._name(pair_index)}"
        )

    def set_note(self, pair_index: int, note: str) -> None:
        mark = self.mark_of(pair_index)
        if mark.note == note:
            return
        verb = "Edit note on" if note else "Remove note from"
        self._mark(pair_index, replace(mark, note=note), f"{verb} {self._name(pair_index)}")

    def correct(self, correction: Correction, text: str) -> None:
        """Apply a pairing or segmentation correction (`text` names it in Edit > Undo)."""
        self.correct_all((correction,), text)

    def correct_all(self, corrections: Sequence[Correction], text: str) -> None:
        """Several corrections as one action (one Undo takes them all back)."""
        after = replace(self._review, corrections=(*self._review.corrections, *corrections))
        self.undo_stack.push(_ReplaceReview(self, self._review, after, text))

    def set_filings(self, comparison: Comparison, *, reviewed: Reviewed | None = None) -> None:
        """The filings were read again (File > Reload): the review applies to them as it
        is, its undo history and unsaved state kept (reusing the scores and pair diffs of
        `reviewed`, the loader's alignment of them, see __init__)."""
        self.old, self.new = comparison.old, comparison.new
        self._reviewed = apply_review(self.old, self.new, self._review, before=reviewed)
        self.comparison_changed.emit(self._reviewed)

    def load(self, review: Review, path: Path | None) -> None:
        """Show a review read from a file: it becomes the saved state (nothing to undo)."""
        self.undo_stack.clear()
        self.path = path
        self._show(review)
        self.undo_stack.setClean()

    def restore(self, review: Review, path: Path | None) -> None:
        """Show a review recovered from an autosave as unsaved work (one undoable step on
        top of the review file at `path`, if it had one)."""
        self.undo_stack.clear()
        self.path = path
        self.undo_stack.setClean()
        self.undo_stack.push(_ReplaceReview(self, self._review, review, "Restore Autosaved Review"))

    def set_options(self, options: DiffOptions) -> None:
        """The diff options the comparison is read under, kept with the review (saved and
        autosaved with it; not an action to undo, nor work to save)."""
        self._review = replace(self._review, options=options)

    def save(self, path: Path, *, options: DiffOptions | None = None) -> None:
        """Write the review file atomically (raises OSError; the previous file stays), with
        the diff `options` the comparison is read under (kept when None)."""
        if options is not None:
            self.set_options(options)
        save_review(path, self._review)
        self.path = path
        self.undo_stack.setClean()

    # Inside ---------------------------------------------------------------------------------

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    def _mark(self, pair_index: int, mark: Mark, text: str) -> None:
        signed = replace(mark, reviewer=self.reviewer, when=now_utc())
        key = self._reviewed.marks[pair_index].pair
        kept = tuple(m for m in self._review.marks if m.pair != key)
        after = replace(self._review, marks=(*kept, signed))
        self.undo_stack.push(_ReplaceReview(self, self._review, after, text))

    def _name(self, pair_index: int) -> str:
        pair: Pair = self.comparison.pairs[pair_index]
        if pair.passage:
            return listed_headings(self.comparison, pair)  # "Introduction"
        sides = [
            *(f"old #{i + 1}" for i in pair.old_indexes),
            *(f"new #{j + 1}" for j in pair.new_indexes),
        ]
        return " / ".join(sides)

    def _show(self, review: Review) -> None:
        before = self._review
        self._review = review
        if review.corrections != before.corrections:
            self._reviewed = apply_review(self.old, self.new, review, before=self._reviewed)
            self.comparison_changed.emit(self._reviewed)
            return
        marks, orphans = attach_marks(self.comparison, review.marks)
        self._reviewed = replace(self._reviewed, marks=marks, orphans=orphans)
        self.marks_changed.emit(self._reviewed)


def _record(filing: Filing) -> FilingRecord:
    """The filing's record; one whose file is gone since it was read gets no size or hash
    (opening the review later then asks where the filing is)."""
    try:
        return filing_record(filing)
    except OSError:
        return FilingRecord(filing.path, 0, "", filing.company, filing.form, filing.fiscal_year)
