"""Where bundled resources live, both from a source checkout and inside a PyInstaller build."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding `resources/`: the checkout, or the frozen app's unpack folder."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """`resource_path("samples", "a.txt")` -> <app root>/resources/samples/a.txt"""
    return app_root().joinpath("resources", *parts)


def sample_filings() -> tuple[Path, Path]:
    """The two bundled filings the app opens when it is given none (older first)."""
    samples = resource_path("samples")
    return samples / "iij-20f-fy2008.txt", samples / "iij-20f-fy2009.txt"


def sample_timeline_filings() -> tuple[Path, ...]:
    """Every bundled filing (the sample company's years), for the timeline opened with none."""
    return tuple(sorted(resource_path("samples").glob("*.txt")))
