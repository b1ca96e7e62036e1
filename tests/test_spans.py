"""Finding the bands and links on screen without visiting every factor (gui.spans)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.spans import Spans, linked_around


def _overlaps(top: float, bottom: float, view: tuple[float, float]) -> bool:
    return not (bottom < view[0] or top > view[1])


@st.composite
def laid_out(draw: st.DrawFn, count: int | None = None) -> tuple[list[float], list[float]]:
    """Spans in order of their tops, of any height (a long factor may cover later ones)."""
    size = draw(st.integers(0, 30)) if count is None else count
    gaps = draw(st.lists(st.integers(0, 200), min_size=size, max_size=size))
    heights = draw(st.lists(st.integers(0, 600), min_size=size, max_size=size))
    tops: list[float] = []
    y = 0.0
    for gap in gaps:
        y += gap
        tops.append(y)
    return tops, [top + height for top, height in zip(tops, heights, strict=True)]


views = st.tuples(st.integers(-300, 4000), st.integers(0, 900)).map(
    lambda start_height: (float(start_height[0]), float(sum(start_height)))
)


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        # inside the second span only
        ((100, 200), [1]),
        # touching the first span's bottom edge counts
        ((50, 60), [0, 1]),
        # in the gap after the second span: nothing
        ((301, 309), []),
        # above everything
        ((-20, -1), []),
        # covering all
        ((-1, 1000), [0, 1, 2]),
    ],
)
def test_spans_around_a_view(view: tuple[float, float], expected: list[int]) -> None:
    spans = Spans([0, 40, 310], [50, 300, 320])
    tops, bottoms = [0, 40, 310], [50, 300, 320]
    found = [k for k in spans.around(*view) if _overlaps(tops[k], bottoms[k], view)]
    assert found == expected


def test_spans_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="order"):
        Spans([10, 5], [20, 30])


@given(layout=laid_out(), view=views)
def test_around_holds_every_span_that_meets_the_view(
    layout: tuple[list[float], list[float]], view: tuple[float, float]
) -> None:
    tops, bottoms = layout
    around = set(Spans(tops, bottoms).around(*view))
    meeting = {k for k in range(len(tops)) if _overlaps(tops[k], bottoms[k], view)}
    assert meeting <= around


@given(data=st.data(), old_view=views, new_view=views)
def test_linked_around_holds_every_link_that_shows(
    data: st.DataObject, old_view: tuple[float, float], new_view: tuple[float, float]
) -> None:
    old_tops, old_bottoms = data.draw(laid_out())
    new_tops, new_bottoms = data.draw(laid_out(len(old_tops)))
    found = set(
        linked_around(
            Spans(old_tops, old_bottoms), Spans(new_tops, new_bottoms), old_view, new_view
        )
    )
    for k in range(len(old_tops)):
        # A link shows unless both its ends are above their views or both below.
        above = old_bottoms[k] < old_view[0] and new_bottoms[k] < new_view[0]
        below = old_tops[k] > old_view[1] and new_tops[k] > new_view[1]
        if not (above or below):
            assert k in found, f"link {k} shows but is not painted"
