"""The pinned PySide6 must not over-release None from methods that return nothing.

PySide6 6.12.0 on CPython 3.11 drops one reference to None on every call of a void method
(QTextCursor.setPosition, QTextCharFormat.setBackground, QWidget.resize, ...); after a few
thousand calls the interpreter aborts with "deallocating None". The calls run in a subprocess
so such an abort fails this test instead of killing the test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import PySide6

CALLS = 10_000

# Prints how far None's reference count moved over CALLS rounds of void calls.
_PROBE = textwrap.dedent(
    f"""
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    document = QTextDocument("FactorDiff " * 50)
    cursor = QTextCursor(document)
    text_format = QTextCharFormat()
    widget = QWidget()
    colour = QColor("red")
    before = sys.getrefcount(None)
    for i in range({CALLS}):
        cursor.setPosition(i % 100)
        text_format.setBackground(colour)
        widget.resize(100 + i % 7, 80)
    print(sys.getrefcount(None) - before)
    """
)


def test_pinned_version_is_the_known_good_one() -> None:
    assert PySide6.__version__ == "6.11.3"


def test_void_methods_keep_none_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"interpreter died (code {result.returncode}): {result.stderr}"
    drift = int(result.stdout.strip().splitlines()[-1])
    # A leak of one reference per call would move it by about 3 * CALLS; allow noise.
    assert abs(drift) < CALLS // 10, f"None's reference count moved by {drift}"
