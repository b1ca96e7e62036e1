"""The settings file is opened only when safe: a FIFO, a device, a huge file or a symlink to
something that is not a regular file never hangs, slows or breaks the start, and a save never
writes through such a link; only known keys are written back (issue 8)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gui.settings import OPTIONS, Settings
from gui.settings_store import MAX_SETTINGS_BYTES, settings_path

ROOT = Path(__file__).resolve().parent.parent
# A blocked open would hang for ever; the runs below take about a second.
HANG = 60


def _in_fresh_process(folder: Path, code: str) -> str:
    """Run `code` with the settings kept in `folder` (as the test setup does) and return
    what it prints; a hang fails the test instead of hanging the suite."""
    script = textwrap.dedent(
        f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QCoreApplication, QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(folder)!r})
        QCoreApplication.setOrganizationName("FactorDiffTest")
        QCoreApplication.setApplicationName("FactorDiff")
        from gui.settings import Settings
        from gui.settings_store import settings_path
        path = settings_path()
        """
    ) + textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_fifo_as_settings_file_starts_with_defaults_and_says_so(tmp_path: Path) -> None:
    fifo = tmp_path / "FactorDiffTest" / "FactorDiff.ini"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    printed = _in_fresh_process(
        tmp_path,
        """
        from pathlib import Path
        from gui.main_window import MainWindow
        window = MainWindow()
        print(window.settings.font_size)
        print(window.messages_bar.text())
        samples = Path("resources/samples")
        window.compare(samples / "iij-20f-fy2008.txt", samples / "iij-20f-fy2009.txt")
        while window.loader.busy():
            app.processEvents()
        print(window.messages_bar.text())  # still said once the first comparison is shown
        window.close()
        """,
    )
    font_size, message, after_loading = printed.splitlines()[:3]
    assert float(font_size) == OPTIONS["view/font_size"].default
    assert "not a regular file" in message and str(fifo) in message
    assert after_loading == message


def test_a_save_never_writes_through_a_symlink_to_a_fifo(tmp_path: Path) -> None:
    folder = tmp_path / "FactorDiffTest"
    folder.mkdir()
    real = tmp_path / "real.ini"
    real.write_text("[view]\ntheme=dark\n")
    (folder / "FactorDiff.ini").symlink_to(real)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    printed = _in_fresh_process(
        tmp_path,
        f"""
        settings = Settings()
        print(settings.dark)  # read through a link to a regular file: fine
        settings.font_size = 14
        settings.sync()  # saved while the link leads to a regular file
        os.remove(path)
        os.symlink({str(fifo)!r}, path)  # the link now points at a FIFO (a device, ...)
        settings.font_size = 16
        print(settings.sync())
        print(settings.font_size)
        """,
    )
    dark, problem, font_size = printed.splitlines()[:3]
    assert dark == "True" and "not a regular file" in problem
    assert float(font_size) == 16  # kept for the session
    assert "font_size=14" in real.read_text()
    link = folder / "FactorDiff.ini"
    assert link.is_symlink() and os.readlink(link) == str(fifo)
    assert fifo.is_fifo()


def test_a_huge_settings_file_is_not_read_nor_written_back(isolated_settings: Path) -> None:
    path = Path(settings_path())
    path.parent.mkdir(parents=True)
    line = b"junk/key%d=" + b"x" * 200 + b"\n"
    with path.open("wb") as garbage:
        garbage.write(b"[view]\ntheme=dark\n[junk]\n")
        for number in range(MAX_SETTINGS_BYTES // 200 + 10):
            garbage.write(line.replace(b"%d", str(number).encode()))
    size = path.stat().st_size
    settings = Settings()
    assert "MB" in settings.warning and str(path) in settings.warning
    assert not settings.dark  # the defaults, not what the file says
    settings.font_size = 15
    settings.sync()
    assert path.stat().st_size == size


def test_unknown_keys_are_dropped_when_saving(isolated_settings: Path) -> None:
    path = Path(settings_path())
    path.parent.mkdir(parents=True)
    path.write_text("[view]\ntheme=dark\n\n[plugins]\nblob=" + "y" * 5000 + "\n")
    settings = Settings()
    assert settings.warning == "" and settings.dark
    settings.font_size = 13
    assert settings.sync() == ""
    saved = path.read_text()
    assert "plugins" not in saved and "blob" not in saved
    assert "theme=dark" in saved and "font_size=13" in saved


@pytest.mark.parametrize("kind", ["folder", "fifo", "link to a fifo"])
def test_a_settings_path_that_is_no_regular_file_gives_defaults(
    isolated_settings: Path, kind: str
) -> None:
    path = Path(settings_path())
    path.parent.mkdir(parents=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        os.mkfifo(isolated_settings / "fifo")
        path.symlink_to(isolated_settings / "fifo")
    settings = Settings()
    assert "not a regular file" in settings.warning
    settings.font_size = 20
    assert settings.font_size == 20  # kept for this session
    assert settings.sync() == settings.warning  # not saved, and why
    assert path.is_dir() if kind == "folder" else path.is_fifo()
    assert kind != "link to a fifo" or path.is_symlink()
