"""Fill the two pane documents a slice at a time, the work that needs no Qt done off the UI thread.

Written at once, a large comparison holds the UI thread for a few hundred milliseconds: the
word marks of every pair, the figures of every paragraph, then two QTextDocuments written,
laid out and levelled. Instead:

- `plan_pairs` works out what each pair needs that is not Qt: its difference (core.diff.pair,
  remembered there) and the figures of its texts (core.diff.figures.find_figures, which
  remembers them for the writer). The window's loader runs it on its worker
  thread right after the comparison (`CompareView.prepare`); for a rebuild with other diff
  options, `PanePlanner` runs it on a thread of its own;
- `PaneFill` writes the planned pairs into the two documents on the UI thread, a few
  milliseconds at a time, and levels each slice as it is written (gui.alignment.level_appended:
  the filler in front of a pair depends only on the pairs before it, so a fill levelled slice
  by slice ends where levelling the whole comparison at once would).

The first slice is written at once, large enough for a first screen; gui.compare_view shows
it and writes the rest with the event loop running in between.

No slice is written while a planner thread runs: PySide lets go of Python's global lock in its
calls into Qt, and a Python thread busy beside the UI thread would then hold the UI thread up
to 5 ms (the interpreter's switch interval) after each of the thousands of calls a slice makes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.diff.figures import Figure, find_figures
from core.diff.options import DiffOptions
from core.diff.pair import PairDiff
from core.diff.sides import NEW, OLD, side_parts
from core.model import Comparison, Factor, Pair
from gui.alignment import AnchoredDocument, level_appended
from gui.pane_document import PaneBuilder, PaneDocument, level_points
from gui.theme import TextFormats

# Characters of each side written before the panes first show: more than a tall screen holds
# (about 45 lines of 90 characters), however long the first pairs are.
FIRST_SCREEN_CHARACTERS = 4_000
# How long one slice of the fill should hold the UI thread (writing, laying out, levelling):
# well under the 50 ms after which a person notices a window that does not answer. A slice
# often runs in the same turn of the event loop as the paint of the one before and whatever
# else the window does then (the factor list, its first paint): measured, slices of 10 ms ran
# to 14 ms on NVIDIA 2024/2025 (a long pair is written whole) and made 40 ms stalls with them.
SLICE_SECONDS = 0.006
# The characters (both sides) of the first slice; each later slice takes as many as the last
# one wrote in SLICE_SECONDS, within these bounds (text is laid out at about a microsecond a
# character on a laptop of 2020; a single pair may be longer).
FIRST_SLICE_CHARACTERS = 6_000
SLICE_CHARACTERS = (1_000, 40_000)

DiffOf = Callable[[Pair], PairDiff]
# The note a pair is folded up with under "only changes" ("" when shown whole).
FoldNote = Callable[[Pair, PairDiff], str]


@dataclass(frozen=True, slots=True)
class PairPlan:
    """What writing one pair needs besides Qt: its difference, and the figures of each of
    its texts (headings and paragraphs, of both sides), which core.diff.figures.find_figures
    remembers for the writer."""

    diff: PairDiff
    figures: tuple[tuple[Figure, ...], ...]


@dataclass(frozen=True, slots=True)
class PanePlans:
    """The plans of a comparison's pairs, marked under `options` (see CompareView.prepare)."""

    comparison: Comparison
    options: DiffOptions
    plans: tuple[PairPlan, ...]


def plan_pairs(comparison: Comparison, diff_of: DiffOf) -> tuple[PairPlan, ...]:
    """The plan of every pair of `comparison`, in reading order."""
    return tuple(plan_pair(comparison, pair, diff_of) for pair in comparison.pairs)


def plan_pair(comparison: Comparison, pair: Pair, diff_of: DiffOf) -> PairPlan:
    figures = tuple(
        find_figures(text)
        for side in (OLD, NEW)
        for part in side_parts(comparison, pair, side)
        for text in ((part.heading,) if isinstance(part, Factor) else ()) + part.paragraphs
    )
    return PairPlan(diff_of(pair), figures)


class PanePlanner:
    """The plans of every pair of `comparison`: those `planned` already, the rest worked out
    on a thread of its own, in reading order.

    `plans` grows as pairs are planned (appending to a list is safe across threads); `wait`
    blocks until a number of them are ready. A planning error is raised again by `wait` and
    `ready`, on the thread that asks.
    """

    def __init__(
        self, comparison: Comparison, diff_of: DiffOf, *, planned: Sequence[PairPlan] = ()
    ) -> None:
        self.comparison = comparison
        self.plans: list[PairPlan] = list(planned)
        self._diff_of = diff_of
        self._error: BaseException | None = None
        self._cancelled = threading.Event()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        if len(self.plans) < len(comparison.pairs):
            self._thread = threading.Thread(target=self._run, name="pane-planner", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            for pair in self.comparison.pairs[len(self.plans) :]:
                if self._cancelled.is_set():
                    return
                plan = plan_pair(self.comparison, pair, self._diff_of)
                with self._changed:
                    self.plans.append(plan)
                    self._changed.notify_all()
        except Exception as error:  # a bug: raised again where the plans are asked for
            with self._changed:
                self._error = error
                self._changed.notify_all()

    def ready(self) -> int:
        """How many pairs are planned."""
        self._raise()
        return len(self.plans)

    def done(self) -> bool:
        """Whether every pair is planned (no planner thread runs any more)."""
        return self.ready() >= len(self.comparison.pairs)

    def wait(self, count: int) -> None:
        """Block until the first `count` pairs are planned (or all of them are)."""
        count = min(count, len(self.comparison.pairs))
        with self._changed:
            self._changed.wait_for(lambda: len(self.plans) >= count or self._error is not None)
        self._raise()

    def diffs(self) -> list[PairDiff]:
        """The difference of every pair (waits for the planning to end)."""
        self.wait(len(self.comparison.pairs))
        return [plan.diff for plan in self.plans]

    def cancel(self) -> None:
        """Stop planning after the pair in hand (the plans so far stay)."""
        self._cancelled.set()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error


class PaneFill:
    """The two pane documents of a comparison, written and levelled a slice at a time.

    `documents` and `anchored` describe what is written so far (their pair lists grow);
    `diffs` holds the differences of the pairs written. `complete` once the last pair and the
    ending block are written.
    """

    def __init__(
        self,
        planner: PanePlanner,
        formats: TextFormats,
        font_size: float,
        fold_note: FoldNote,
        *,
        keep: tuple[PaneFill, int] | None = None,
    ) -> None:
        """`keep`: a fill written with the same formats, font size and fold notes, and how
        many of its first pairs look exactly as this comparison's (gui.pane_document.
        pair_look): its documents are kept down to there, levelled already, and written on
        from there (see `kept_pairs`)."""
        comparison = planner.comparison
        self.comparison = comparison
        self._planner = planner
        self._fold_note = fold_note
        self.diffs: list[PairDiff] = []
        # How many anchors each side has after each pair written.
        self._anchor_ends: list[int] = []
        self._builders: tuple[PaneBuilder, PaneBuilder]
        if keep is None:
            self._builders = (
                PaneBuilder(comparison, OLD, formats, font_size),
                PaneBuilder(comparison, NEW, formats, font_size),
            )
            anchors: list[list[int]] = [[], []]
            fillers: list[list[float]] = [[], []]
        else:
            kept, count = keep
            self._builders = kept._builders
            for builder in self._builders:
                builder.keep_pairs(count, comparison)
            self.diffs = kept.diffs[:count]
            self._anchor_ends = kept._anchor_ends[:count]
            end = self._anchor_ends[-1] if count else 0
            anchors = [list(document.anchors[:end]) for document in kept.anchored]
            fillers = [list(document.fillers[:end]) for document in kept.anchored]
        self.documents: list[PaneDocument] = [
            PaneDocument(builder.document, builder.pairs, -1, builder.writer.base_margins)
            for builder in self._builders
        ]
        self.anchored: list[AnchoredDocument] = [
            AnchoredDocument(builder.document, anchors[side], builder.writer.base_margins)
            for side, builder in enumerate(self._builders)
        ]
        for side, document in enumerate(self.anchored):
            document.fillers = fillers[side]
        self.complete = False
        self._slice_characters = FIRST_SLICE_CHARACTERS

    def waiting(self) -> bool:
        """Whether the next slice waits for a planner thread (see the module docstring)."""
        return not self._planner.done()

    def written(self) -> int:
        """How many pairs are written (and levelled) on both sides (the old side may hold
        one more, its new side to come in the next slice)."""
        return len(self.diffs)

    def write_first_screen(self, *, through: int = 0) -> None:
        """Write (waiting for their plans) the pairs before pair `through` (where a reader was
        before a rebuild), then enough for a screen."""
        if through > 0:
            self._write(through=through)
        old, new = self._builders
        written = min(old.document.characterCount(), new.document.characterCount())
        self._write(characters=written + FIRST_SCREEN_CHARACTERS)

    def write_slice(self) -> None:
        """Write, lay out and level about SLICE_SECONDS' worth of pairs (at least one), or
        the ending."""
        started = time.perf_counter()
        before = self._characters()
        self._write(budget=self._slice_characters)
        seconds = time.perf_counter() - started
        written = self._characters() - before
        if written > 0 and seconds > 0:
            low, high = SLICE_CHARACTERS
            pace = written / seconds
            # At most twice the last slice: a pace measured on a short slice is rough.
            wanted = min(pace * SLICE_SECONDS, 2 * self._slice_characters)
            self._slice_characters = round(min(high, max(low, wanted)))

    def _characters(self) -> int:
        old, new = self._builders
        return old.document.characterCount() + new.document.characterCount()

    def write_all(self) -> None:
        """Write the rest now (waiting for the planner)."""
        self._write()

    def _write(
        self, *, characters: int | None = None, budget: int | None = None, through: int = 0
    ) -> None:
        """Write pairs until each side holds `characters`, or both sides together `budget`
        more characters (waiting for a planner thread only without a budget), or pair
        `through` is written, or to the end; level them; write the ending after the last
        pair, unless the budget is spent."""
        if self.complete:
            return
        total = len(self.comparison.pairs)
        first = self.written()
        old, new = self._builders
        until = None if budget is None else self._characters() + budget
        if budget is None and characters is None:
            # All the plans needed first: written while a planner thread still runs, each
            # pair would wait for the interpreter (see the module docstring).
            self._planner.wait(through or total)
        with old.editing(), new.editing():
            while self.written() < total and not 0 < through <= self.written():
                index = self.written()
                if budget is None:
                    self._planner.wait(index + 1)
                elif not self._planner.done():
                    break  # see the module docstring: the next slice looks again
                if not self._write_pair(
                    self.comparison.pairs[index], self._planner.plans[index], until=until
                ):
                    break  # the budget went on the old side: the new side comes next
                sides = old.document.characterCount(), new.document.characterCount()
                if characters is not None and min(sides) >= characters:
                    break
                if until is not None and sum(sides) >= until:
                    break
        self._level(first)
        if self.written() == total and (until is None or self._characters() < until):
            self._finish()

    def _write_pair(self, pair: Pair, plan: PairPlan, *, until: int | None) -> bool:
        """Write the pair on both sides, or (with a budget that its old side spends) on the
        old side only: a long pair (NVIDIA's longest holds 46,000 characters) written whole
        held the window for 20 ms and more. Whether the pair is written whole."""
        note = self._fold_note(pair, plan.diff)
        old, new = self._builders
        if len(old.pairs) == len(new.pairs):
            old.write_pair(plan.diff, folded=note)
            if until is not None and self._characters() >= until:
                return False
        new.write_pair(plan.diff, folded=note)
        self.diffs.append(plan.diff)
        return True

    def _level(self, first: int) -> None:
        """Anchor and level the pairs from `first` on."""
        old, new = self.anchored
        start = len(old.anchors)
        for index in range(first, self.written()):
            old_points, new_points = level_points(
                self.documents[OLD].pairs[index],
                self.documents[NEW].pairs[index],
                self.diffs[index],
            )
            old.anchors.extend(old_points)
            new.anchors.extend(new_points)
            self._anchor_ends.append(len(old.anchors))
        if len(old.anchors) > start:
            level_appended(old, new, start)

    def _finish(self) -> None:
        """The ending block of each side, level with the other's."""
        finished = [builder.finish() for builder in self._builders]
        start = len(self.anchored[OLD].anchors)
        for side, document in enumerate(finished):
            self.documents[side].end_block = document.end_block
            self.anchored[side].anchors.append(document.end_block)
        level_appended(self.anchored[OLD], self.anchored[NEW], start)
        self.complete = True
