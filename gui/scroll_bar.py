"""A scroll bar look that paints its groove from a cached image.

Every scroll step repaints both panes' scroll bars, and the Fusion style fills the whole
groove with a fresh gradient each time: measured, that was about half a millisecond per bar,
a third of the screen update of a scroll step. The groove does not depend on the scroll
value, so `GrooveCacheStyle` renders it once per size, palette and state and lets the style
draw only the handle and arrows on top, exactly as before.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionComplex, QStyleOptionSlider, QWidget

_CC = QStyle.ComplexControl
_GROOVE = QStyle.SubControl.SC_ScrollBarGroove

# size, device pixel ratio, palette, orientation, state, active parts, (first and last) value
_Key = tuple[int, int, float, int, int, int, int, bool, bool]


class GrooveCacheStyle(QProxyStyle):
    """The application's style, with scroll bar grooves drawn from a cache."""

    def __init__(self) -> None:
        super().__init__()
        self._grooves: dict[_Key, QPixmap] = {}

    def drawComplexControl(  # noqa: N802 - Qt override
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if (
            control != _CC.CC_ScrollBar
            or not isinstance(option, QStyleOptionSlider)
            or not option.subControls & _GROOVE
            or option.rect.isEmpty()
        ):
            super().drawComplexControl(control, option, painter, widget)
            return
        painter.drawPixmap(option.rect.topLeft(), self._groove(option, painter, widget))
        rest = QStyleOptionSlider(option)
        rest.subControls = option.subControls & ~_GROOVE
        super().drawComplexControl(control, rest, painter, widget)

    def _groove(
        self, option: QStyleOptionSlider, painter: QPainter, widget: QWidget | None
    ) -> QPixmap:
        ratio = painter.device().devicePixelRatioF()
        key: _Key = (
            option.rect.width(),
            option.rect.height(),
            ratio,
            int(option.palette.cacheKey()),
            option.orientation.value,
            option.state.value,
            option.activeSubControls.value,
            # Styles may shade the groove's ends differently at the first or last value.
            option.sliderPosition <= option.minimum,
            option.sliderPosition >= option.maximum,
        )
        groove = self._grooves.get(key)
        if groove is None:
            if len(self._grooves) > 32:
                self._grooves.clear()  # old sizes and palettes; a handful stay in use
            size = option.rect.size() * ratio
            groove = QPixmap(size.width(), size.height())
            groove.setDevicePixelRatio(ratio)
            # Opaque, like the window it is copied to: the groove covers it all, and its
            # edge lines then blend exactly as when the style paints on the window itself.
            groove.fill(option.palette.window().color())
            only = QStyleOptionSlider(option)
            only.subControls = _GROOVE
            only.rect = option.rect.translated(-option.rect.topLeft())
            groove_painter = QPainter(groove)
            super().drawComplexControl(_CC.CC_ScrollBar, only, groove_painter, widget)
            groove_painter.end()
            self._grooves[key] = groove
        return groove
