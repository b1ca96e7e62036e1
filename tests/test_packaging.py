"""The packaging files agree with the project: names, version, resources, desktop entry."""

from __future__ import annotations

import configparser
import shutil
import subprocess
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
