"""What the review tests share: copies of two samples to review (a test may move or change
them), and a window that closes with unsaved review work discarding it (no dialog waits)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from gui import review_actions
from tests.paths import SAMPLES

PAIR = ("iij-20f-fy2008.txt", "iij-20f-fy2009.txt")


def copy_samples(folder: Path) -> tuple[Path, Path]:
    """Copies of the IIJ FY2008 and FY2009 samples in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    old, new = (Path(shutil.copy(SAMPLES / name, folder)) for name in PAIR)
    return old, new


def discard_unsaved_reviews(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a window with unsaved review work discards it, as if the person chose so."""
    monkeypatch.setattr(
        review_actions, "ask_keep_review", lambda *_a: QMessageBox.StandardButton.Discard
    )
