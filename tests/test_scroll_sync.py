"""Scroll sync geometry (pure tables, invariants) and the controller's behaviour."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar
from pytestqt.qtbot import QtBot

from gui.scroll_sync import Extent, ScrollSync, calc_syncpoint, map_y, synced_value


@pytest.mark.parametrize(
    ("value", "page", "maximum", "expected"),
    [
        (0, 100, 1000, 0.0),  # at the top the top edges meet
        (25, 100, 1000, 0.25),  # sliding down through the first half screen
        (50, 100, 1000, 0.5),  # then the middle of the screen
        (500, 100, 1000, 0.5),
        (975, 100, 1000, 0.75),  # sliding on through the last half screen
        (1000, 100, 1000, 1.0),  # at the end the bottom edges meet
        (0, 100, 0, 0.0),  # a document shorter than the viewport
        (10, 0, 1000, 0.0),  # a pane with no height yet
    ],
)
def test_calc_syncpoint(value: float, page: float, maximum: float, expected: float) -> None:
    assert calc_syncpoint(value, page, maximum) == pytest.approx(expected)


ANCHORS_OLD = [0.0, 100.0, 300.0, 300.0, 600.0]
ANCHORS_NEW = [0.0, 200.0, 250.0, 400.0, 500.0]


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        (0, 0),  # an anchor maps to its counterpart
        (100, 200),
        (50, 100),  # halfway between anchors stays halfway
        (200, 225),
        (300, 400),  # a zero-height anchor span maps to the far anchor, never divides by 0
        (450, 450),
        (600, 500),
        (650, 550),  # past the last anchor the distance to it is kept
        (-20, -20),  # and before the first
    ],
)
def test_map_y(y: float, expected: float) -> None:
    assert map_y(y, ANCHORS_OLD, ANCHORS_NEW) == pytest.approx(expected)


def test_map_y_without_anchors_is_identity() -> None:
    assert map_y(123.0, [], []) == 123.0


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (0, Extent(100, 1000), Extent(100, 1000), 0),  # tops meet
        (1000, Extent(100, 1000), Extent(100, 600), 600),  # ends meet, documents differ
        (500, Extent(100, 1000), Extent(100, 1000), 500),  # same geometry: same place
        (500, Extent(100, 1000), Extent(300, 1000), 400),  # a taller target centres the point
        (900, Extent(100, 1000), Extent(100, 100), 100),  # clamped to the target's reach
    ],
)
def test_synced_value(value: int, source: Extent, target: Extent, expected: int) -> None:
    identity = [0.0, 5000.0]
    assert synced_value(value, source, target, identity, identity) == expected


def test_synced_value_follows_anchors() -> None:
    # The new document is twice as tall: the middle of the old maps to the middle of the new.
    assert synced_value(500, Extent(100, 1000), Extent(100, 2100), [0, 1100], [0, 2200]) == 1050


increasing = st.lists(st.floats(0, 10_000), min_size=2, max_size=30).map(sorted)


@given(increasing, st.floats(-100, 11_000))
def test_map_y_is_monotonic_and_exact_on_anchors(anchors: list[float], y: float) -> None:
    shifted = [anchor * 1.5 + 10 for anchor in anchors]
    for anchor, counterpart in zip(anchors, shifted, strict=True):
        if anchors.count(anchor) == 1:
            assert map_y(anchor, anchors, shifted) == pytest.approx(counterpart)
    assert map_y(y, anchors, shifted) <= map_y(y + 1, anchors, shifted) + 1e-6


@pytest.fixture
def bars(qtbot: QtBot) -> tuple[QScrollBar, QScrollBar]:
    pair = (QScrollBar(Qt.Orientation.Vertical), QScrollBar(Qt.Orientation.Vertical))
    for bar, maximum in zip(pair, (1000, 2000), strict=True):
        qtbot.addWidget(bar)
        bar.setRange(0, maximum)
        bar.setPageStep(100)
    return pair


@pytest.mark.gui
def test_sync_moves_the_other_bar_once_without_feedback(
    bars: tuple[QScrollBar, QScrollBar],
) -> None:
    seen: list[tuple[int, int]] = []
    for side, bar in enumerate(bars):
        bar.valueChanged.connect(lambda value, side=side: seen.append((side, value)))
    sync = ScrollSync(bars, lambda: ([0.0, 1100.0], [0.0, 2100.0]), bars[0])
    bars[0].setValue(500)
    assert bars[1].value() == 1000
    assert seen == [(0, 500), (1, 1000)]  # the follower did not push the leader back
    bars[1].setValue(2000)
    assert bars[0].value() == 1000
    assert sync.locked()


@pytest.mark.gui
def test_unlocked_sync_leaves_the_other_bar_alone(bars: tuple[QScrollBar, QScrollBar]) -> None:
    sync = ScrollSync(bars, lambda: ([0.0, 1100.0], [0.0, 2100.0]), bars[0])
    sync.set_locked(False)
    bars[0].setValue(500)
    assert bars[1].value() == 0
    sync.set_locked(True)  # locking again catches the other pane up
    assert bars[1].value() == 1000


@pytest.mark.gui
def test_scroll_lock_suspends_sync(bars: tuple[QScrollBar, QScrollBar]) -> None:
    sync = ScrollSync(bars, lambda: ([0.0, 1100.0], [0.0, 2100.0]), bars[0])
    with sync.scroll_lock():
        bars[0].setValue(300)
    assert bars[1].value() == 0
