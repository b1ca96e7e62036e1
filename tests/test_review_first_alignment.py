"""Showing a comparison aligns its filings once: the loader keeps what that alignment found
(the scores and pair diffs) for the review, and the first correction reuses it instead of
aligning the filings a second time (no thread beside the UI thread while the panes fill)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from core import compare
from core.align import pairing
from core.review import apply
from gui import corrections
from gui.worker import ComparisonLoader
from tests.paths import SAMPLES
from tests.review_support import discard_unsaved_reviews
from tests.test_main_window import LOAD_TIMEOUT, compare_and_wait, make_window

pytestmark = pytest.mark.gui

OLD, NEW = SAMPLES / "iij-20f-fy2005.txt", SAMPLES / "iij-20f-fy2012.txt"


def test_shown_once_aligned_and_the_first_correction_reuses_its_scores(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The correction is unsaved work: closing the window discards it without asking.
    discard_unsaved_reviews(monkeypatch)
    calls: Counter[str] = Counter()

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return call

    # Every way into an alignment and to scoring (each module holds its own name).
    align, score = counted("align", pairing.align), counted("score", pairing.score)
    for module in (pairing, apply, compare):
        monkeypatch.setattr(module, "align", align)
    for module in (pairing, apply):
        monkeypatch.setattr(module, "score", score)

    window = make_window(qtbot, ComparisonLoader())
    comparison = compare_and_wait(qtbot, window, OLD, NEW)
    qtbot.waitUntil(lambda: window.review.session is not None, timeout=LOAD_TIMEOUT)
    qtbot.wait(200)  # anything still to come after the comparison is shown
    assert calls == {"align": 1, "score": 1}

    session = window.review.session
    assert session is not None
    loaded = window.loader.reviewed(comparison)
    assert loaded is not None and session.reviewed is loaded
    index = next(k for k, pair in enumerate(comparison.pairs) if pair.old and pair.new)
    unpair = corrections.unpairing(comparison, index)
    assert unpair is not None
    window.corrections.apply(unpair)
    # The correction aligned once more, on the scores and memo of the load: not scored again.
    assert calls == {"align": 2, "score": 1}
    assert session.reviewed.memo is loaded.memo
    unpaired = comparison.pairs[index]
    assert not any(
        pair.old_indexes == unpaired.old_indexes and pair.new_indexes == unpaired.new_indexes
        for pair in session.comparison.pairs
    )
