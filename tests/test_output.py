"""Outputs never overwrite an input and are written whole or not at all (issue 8)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from cli import run_command
from core.output import OutputError, atomic_path, refuse_overwriting_inputs, write_atomically
from tests.paths import SAMPLES
from tests.shown import comparison_shown

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "filings"
    folder.mkdir()
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_bytes((SAMPLES / "iij-20f-fy2008.txt").read_bytes())
    new.write_bytes((SAMPLES / "iij-20f-fy2009.txt").read_bytes())
    return old, new


def _spellings(path: Path) -> list[str]:
    """Ways to name `path`: as given, through '..' and '.', relative, through a symlink."""
    link = path.parent.parent / "link.txt"
    link.symlink_to(path)
    folder = path.parent
    return [
        str(path),
        f"{folder}/../{folder.name}/./{path.name}",
        os.path.relpath(path),
        str(link),
    ]


@pytest.mark.parametrize("option", ["--json", "--html", "--csv", "--pdf"])
@pytest.mark.parametrize("side", [0, 1])
def test_compare_refuses_to_write_over_an_input(
    option: str,
    side: int,
    inputs: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = [path.read_bytes() for path in inputs]

    def must_not_read(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an input was read before the output was checked")

    monkeypatch.setattr(cli, "compare_files", must_not_read)
    for spelling in _spellings(inputs[side]):
        assert run_command(["compare", str(inputs[0]), str(inputs[1]), option, spelling]) == 2
        error = capsys.readouterr().err
        assert error.startswith("factordiff: error: will not write") and "input" in error
    assert [path.read_bytes() for path in inputs] == before


def test_segment_refuses_to_write_over_its_input(
    inputs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = inputs[0].read_bytes()
    for spelling in _spellings(inputs[0]):
        assert run_command(["segment", str(inputs[0]), "--json", spelling]) == 2
        assert "will not write" in capsys.readouterr().err
    assert inputs[0].read_bytes() == before


def test_a_hard_link_to_an_input_is_the_input(inputs: tuple[Path, Path]) -> None:
    twin = inputs[0].parent / "twin.txt"
    os.link(inputs[0], twin)
    with pytest.raises(OutputError):
        refuse_overwriting_inputs([twin], inputs)


def test_two_outputs_naming_one_file_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="twice"):
        refuse_overwriting_inputs([out, f"{tmp_path}/./out"], ["a.txt"])
    refuse_overwriting_inputs(["-", "-", out], [out.with_suffix(".txt")])  # stdout is no file


def test_outputs_next_to_the_inputs_are_written(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    out = inputs[0].parent / "report.json"
    assert run_command(["compare", str(inputs[0]), str(inputs[1]), "--json", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    # The temporary file is gone and the report has the permissions open() would give.
    assert sorted(p.name for p in out.parent.iterdir()) == ["new.txt", "old.txt", "report.json"]
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def test_an_error_while_writing_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("the good report")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half of a new rep")
        raise RuntimeError("the renderer failed")
    assert target.read_text() == "the good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    write_atomically(target, "the new report")
    assert target.read_text() == "the new report"


def _limit_file_size() -> None:
    # A full disk, simulated: writes past 20 KB fail with EFBIG instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.parametrize("option", ["--html", "--json", "--pdf"])
def test_a_full_disk_keeps_the_previous_report(
    option: str, inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / f"report{option.replace('--', '.')}"
    out.write_text("the good report of yesterday")
    done = subprocess.run(
        [sys.executable, "main.py", "compare", str(inputs[0]), str(inputs[1]), option, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_file_size,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode != 0
    assert out.read_text() == "the good report of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filings", out.name]


@pytest.mark.gui
@pytest.mark.parametrize("action_id", ["export_html", "export_pdf", "export_csv", "export_json"])
def test_the_window_exports_never_over_a_filing_nor_in_halves(
    qtbot: object,
    inputs: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    action_id: str,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    import gui.printing
    from core.report import to_html
    from gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))  # type: ignore[attr-defined]
    with comparison_shown(qtbot, window, timeout=30_000):  # type: ignore[attr-defined]
        window.compare(*inputs)
    before = inputs[1].read_bytes()
    chosen = [f"{inputs[1].parent}/../{inputs[1].parent.name}/{inputs[1].name}"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (chosen[0], ""))
    window.actions_by_id[action_id].trigger()
    assert inputs[1].read_bytes() == before
    assert "will not write" in window.messages_bar.text()

    # A writer failing half-way leaves yesterday's export as it was.
    def fail_half_way(_comparison: object, path: object, **_options: object) -> str:
        Path(str(path)).write_text("half of a")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gui.printing, "export_pdf", fail_half_way)
    monkeypatch.setattr(to_html, "comparison_to_html", lambda _c: "x" * 10_000_000)
    monkeypatch.setattr("core.output.os.fsync", lambda _fd: fail_half_way(None, os.devnull))
    chosen[0] = str(tmp_path / "export.out")
    Path(chosen[0]).write_text("yesterday's export")
    window.actions_by_id[action_id].trigger()
    assert Path(chosen[0]).read_text() == "yesterday's export"
    assert "No space left" in window.messages_bar.text()
