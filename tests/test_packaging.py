"""The packaging files agree with the project: names, version, resources, desktop entry."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(ROOT / "resources" / "factordiff.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_filings_with_the_app() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "FactorDiff"
    assert entry["Icon"] == "factordiff"  # looked up by name in the hicolor theme
    assert entry["Exec"] == "FactorDiff %F"  # one or two files, as main.py takes them
    assert {"text/html", "text/plain"} <= set(entry["MimeType"].strip(";").split(";"))


def test_review_files_have_a_type_the_desktop_opens_with_the_app() -> None:
    types = set(desktop_entry()["MimeType"].strip(";").split(";"))
    assert "application/x-factordiff-review" in types
    mime = (ROOT / "resources" / "factordiff-mime.xml").read_text(encoding="utf-8")
    assert 'type="application/x-factordiff-review"' in mime
    assert '<glob pattern="*.factordiff"/>' in mime


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_is_valid() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(ROOT / "resources" / "factordiff.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_spec_reads_name_and_version_from_pyproject() -> None:
    spec = (ROOT / "packaging" / "factordiff.spec").read_text(encoding="utf-8")
    assert 'tomllib.loads((ROOT / "pyproject.toml")' in spec
    assert "console=False" in spec
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert version["version"]


@pytest.mark.parametrize("folder", ["samples", "fonts", "icons"])
def test_spec_bundles_the_resources_the_app_loads(folder: str) -> None:
    spec = (ROOT / "packaging" / "factordiff.spec").read_text(encoding="utf-8")
    assert f'"resources/{folder}"' in spec
    assert any((ROOT / "resources" / folder).iterdir())


def test_bundled_font_comes_with_its_licence() -> None:
    fonts = ROOT / "resources" / "fonts"
    assert list(fonts.glob("*.ttf"))
    assert "Bitstream" in (fonts / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.gui
def test_icons_render_into_containers_each_platform_reads(tmp_path: Path, qapp: object) -> None:
    # packaging/ is no package (its name would shadow the PyPI "packaging"): load the script.
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "packaging" / "make_icons.py"
    )
    assert spec is not None and spec.loader is not None
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    from PySide6.QtGui import QImage

    make_icons.make_icons(tmp_path)

    for size in make_icons.LINUX_SIZES:
        image = QImage(str(tmp_path / "png" / f"{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        # The rounded background fills the middle: no blank icon at any size.
        assert image.pixelColor(size // 2, size // 8).alpha() == 255

    ico = (tmp_path / "factordiff.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for index in range(count):
        _w, _h, _c, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", ico, 6 + 16 * index
        )
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico)

    icns = (tmp_path / "factordiff.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack_from(">I", icns, 4)[0] == len(icns)
    kinds, position = [], 8
    while position < len(icns):
        kinds.append(icns[position : position + 4])
        position += struct.unpack_from(">I", icns, position + 4)[0]
    assert position == len(icns)
    assert {b"icp4", b"ic07", b"ic10"} <= set(kinds)  # 16, 128 and 1024 px


NO_FONTS_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""
FONT_PROBE = """
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.fonts import font_draws_text, register_bundled_fonts
before = font_draws_text(app.font())
families = register_bundled_fonts()
print(before, families, QFontInfo(app.font()).family(), font_draws_text(app.font()))
"""


def no_fonts_environment(tmp_path: Path) -> dict[str, str]:
    """Offscreen Qt whose fontconfig knows no font at all, as on a bare machine."""
    config = tmp_path / "fonts.conf"
    config.write_text(NO_FONTS_CONFIG.format(cache=tmp_path / "cache"), encoding="utf-8")
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(config)}


@pytest.mark.gui
def test_bundled_font_becomes_the_default_on_a_machine_without_fonts(tmp_path: Path) -> None:
    environment = no_fonts_environment(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", FONT_PROBE],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Without fonts Qt's default draws boxes; after registering, DejaVu Sans draws the text.
    assert result.stdout.split() == ["False", "['DejaVu", "Sans']", "DejaVu", "Sans", "True"]


@pytest.mark.gui
def test_headless_pdf_has_text_on_a_machine_without_fonts(tmp_path: Path) -> None:
    environment = no_fonts_environment(tmp_path)
    samples = ROOT / "resources" / "samples"
    pdf = tmp_path / "out.pdf"
    old, new = samples / "iij-20f-fy2008.txt", samples / "iij-20f-fy2009.txt"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compare", str(old), str(new), "--pdf", str(pdf)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Before the CLI registered the bundled font, this PDF had pages but no font and no text.
    assert b"/FontFile" in pdf.read_bytes()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Risk Factors" in text
