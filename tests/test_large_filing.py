"""A very large filing: the window's bar moves while it is read, and Cancel stops it at once."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.paths import FIXTURES, SAMPLES
from tests.shown import comparison_shown

pytestmark = [pytest.mark.gui, pytest.mark.slow]

FY2008 = SAMPLES / "iij-20f-fy2008.txt"
FY2009 = SAMPLES / "iij-20f-fy2009.txt"
LOAD_TIMEOUT = 30_000  # ms
CANCEL_LANDS = 0.5  # s from the click to the worker thread having stopped (~0.05 s measured)


def _large_filing(folder: Path, megabytes: int) -> Path:
    """Real inline XBRL padded to `megabytes`: the IBM 10-K's body repeated in one <body>."""
    markup = gzip.decompress((FIXTURES / "corpus" / "ibm_10-K_2024.html.gz").read_bytes()).decode()
    open_end = markup.index(">", markup.lower().index("<body")) + 1
    close = markup.lower().rindex("</body>")
    body = markup[open_end:close]
    copies = max(1, megabytes * 2**20 // len(body))
    path = folder / "large-10-K.htm"
    path.write_text(markup[:open_end] + body * copies + markup[close:], encoding="utf-8")
    return path


def test_cancelling_a_large_read_lands_quickly_and_keeps_the_comparison(
    qtbot: QtBot, tmp_path: Path
) -> None:
    large = _large_filing(tmp_path, 24)
    window = MainWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    window.show()
    qtbot.waitExposed(window)
    with comparison_shown(qtbot, window, timeout=LOAD_TIMEOUT):
        window.compare(FY2008, FY2009)
    before = window.comparison()

    seen: list[int] = []
    window.loader.progress.connect(lambda done, _total: seen.append(done))
    window.compare(large, FY2009)
    # The bar moves while the large file is still being read (its first 40% of the bar),
    # not only between stages.
    qtbot.waitUntil(lambda: len({done for done in seen if done > 0}) >= 3, timeout=LOAD_TIMEOUT)
    assert window.progress.isVisible()
    assert 0 < window.progress.value() < 0.4 * window.progress.maximum()

    started = time.perf_counter()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert window.loader.wait(LOAD_TIMEOUT)
    stopped_after = time.perf_counter() - started
    assert stopped_after < CANCEL_LANDS, f"reading went on {stopped_after:.2f} s after Cancel"
    assert window.comparison() is before
    assert not window.progress.isVisible()
