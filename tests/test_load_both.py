"""compare_files opens (reads, decodes, parses) the new filing on a second thread while it
loads the old one: the same comparison as one after the other, a progress bar that only moves
forward, the old file's error first, and no thread left running after an error or a
cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from core import compare
from core.align.pairing import align
from core.compare import compare_files
from core.errors import Cancelled, FilingReadError
from core.pipeline import load_filing
from tests.paths import SAMPLES

OLD, NEW = SAMPLES / "iij-20f-fy2008.txt", SAMPLES / "iij-20f-fy2009.txt"


def _load_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("factordiff-open")]


def test_opening_the_new_filing_meanwhile_compares_as_one_after_the_other() -> None:
    sequential = align(load_filing(OLD), load_filing(NEW))
    assert compare_files(str(OLD), str(NEW)) == sequential


def test_the_bar_only_moves_forward_to_the_end() -> None:
    heard: list[tuple[int, int]] = []
    compare_files(str(OLD), str(NEW), progress=lambda done, total: heard.append((done, total)))
    dones = [done for done, _ in heard]
    assert dones == sorted(dones)
    assert dones[-1] == heard[-1][1]
    assert len(set(dones)) >= 4


@pytest.mark.parametrize("missing", ["old", "new", "both"])
def test_the_old_files_error_comes_first(missing: str, tmp_path: Path) -> None:
    old = tmp_path / "gone-old.txt" if missing in ("old", "both") else OLD
    new = tmp_path / "gone-new.txt" if missing in ("new", "both") else NEW
    expected = "gone-old" if missing in ("old", "both") else "gone-new"
    with pytest.raises(FilingReadError, match=expected):
        compare_files(str(old), str(new))
    assert not _load_threads()


def test_a_cancel_leaves_no_thread_running() -> None:
    def cancel(done: int, _total: int) -> None:
        if done > 0:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        compare_files(str(OLD), str(NEW), progress=cancel)
    assert not _load_threads()


def test_large_files_load_one_after_the_other(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(compare, "_AHEAD_MAX_BYTES", 0)
    monkeypatch.setattr(compare, "open_document", opened.append)
    assert compare_files(str(OLD), str(NEW)) == align(load_filing(OLD), load_filing(NEW))
    assert not opened
