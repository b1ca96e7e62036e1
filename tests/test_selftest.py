"""`python main.py --selftest`: the check the packaged app runs in CI, run from source here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.gui
def test_selftest_passes_and_says_what_it_checked(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    environment["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--selftest"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith("selftest ok: 18 vs 18 factors, 18 pairs"), line
    assert "PDF" in line
    assert "font DejaVu Sans" in line
    assert "diff fast_diff_match_patch" in line
    # The user's settings are not touched: the self-test keeps its own in a temporary folder.
    assert not (tmp_path / "config" / "FactorDiff").exists()


@pytest.mark.gui
def test_selftest_fails_loudly_when_a_sample_is_missing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qapp: object,
) -> None:
    from gui import selftest

    missing = tmp_path / "nowhere.txt"
    monkeypatch.setattr(selftest, "sample_filings", lambda: (missing, missing))
    assert selftest.run_selftest() == 1
    reason = capsys.readouterr().err
    assert reason.startswith("selftest FAILED")
    assert "nowhere.txt" in reason


@pytest.mark.gui
def test_selftest_fails_when_the_compiled_word_diff_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    # A frozen build once dropped fast_diff_match_patch and silently ran 2-3x slower.
    from core.diff import words as worddiff
    from gui import selftest

    monkeypatch.setattr(worddiff, "ENGINE_NAME", "diff_match_patch")
    assert selftest.run_selftest() == 1
    assert "fast_diff_match_patch" in capsys.readouterr().err
