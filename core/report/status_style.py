"""How a pair's status is told apart wherever FactorDiff shows it: a letter and a colour.

The window (stripes, links, badges), the printout, the HTML report and the command line all
take the status letters and colours from here, so a reader who moves from one to the other
sees the same mark for the same status. Colours are "#rrggbb" strings, one set for a light
background and one for a dark one; the letter carries the status without colour vision.

>>> STATUS_LETTERS[Status.MOVED], LIGHT_STATUS_COLOURS[Status.ADDED], ink_on("#2da44e")
('↕', '#2da44e', '#ffffff')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from core.model import Status

STATUS_LETTERS: Mapping[Status, str] = MappingProxyType(
    {
        Status.ADDED: "+",
        Status.REMOVED: "-",
        Status.MODIFIED: "~",
        Status.MOVED: "↕",
        Status.SPLIT: "<",  # one old fans out to many new
        Status.MERGED: ">",  # many old meet in one new
        Status.UNCHANGED: "=",
    }
)

LIGHT_STATUS_COLOURS: Mapping[Status, str] = MappingProxyType(
    {
        Status.UNCHANGED: "#b8b8c0",
        Status.MODIFIED: "#3b7dd8",
        Status.MOVED: "#8e5bd1",
        Status.ADDED: "#2da44e",
        Status.REMOVED: "#cf222e",
        Status.SPLIT: "#d4762c",
        Status.MERGED: "#1f9aa5",
    }
)

DARK_STATUS_COLOURS: Mapping[Status, str] = MappingProxyType(
    {
        Status.UNCHANGED: "#5a5a63",
        Status.MODIFIED: "#5b9cf0",
        Status.MOVED: "#b18cf0",
        Status.ADDED: "#48c36b",
        Status.REMOVED: "#f0565f",
        Status.SPLIT: "#f09a4f",
        Status.MERGED: "#43c2cc",
    }
)

_DARK_INK = "#1d1d1f"
_LIGHT_INK = "#ffffff"


def status_colours(*, dark: bool) -> Mapping[Status, str]:
    """The status colours for a dark or a light background."""
    return DARK_STATUS_COLOURS if dark else LIGHT_STATUS_COLOURS


def ink_on(colour: str) -> str:
    """The colour of a letter written on `colour` ("#rrggbb"): white on a deep colour, near
    black on a pale one (HSL lightness 0.7 and above)."""
    channels = [int(colour[at : at + 2], 16) / 255 for at in (1, 3, 5)]
    lightness = (max(channels) + min(channels)) / 2
    return _DARK_INK if lightness >= 0.7 else _LIGHT_INK
