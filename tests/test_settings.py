"""The typed settings wrapper: values round-trip, bad stored values fall back to defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings

from gui.fonts import MAX_FONT_SIZE, MIN_FONT_SIZE
from gui.settings import MAX_RECENT_FILES, OPTIONS, Settings


def reopened(settings: Settings) -> Settings:
    """A fresh wrapper over the same store, as after restarting the application."""
    settings.sync()
    return Settings()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("view/font_size", 13.5),  # a fractional point size
        ("view/theme", "dark"),
        ("view/scroll_locked", False),  # a False must not come back as the default True
        ("filter/only_changes", True),
        ("files/last_folder", "/"),
        ("window/geometry", b"\x01\x02\x00\xff"),  # binary blobs survive the ini format
        ("files/recent", []),
    ],
)
def test_value_round_trips_through_the_store(key: str, value: object) -> None:
    Settings().set(key, value)
    assert reopened(Settings()).get(key) == value


@pytest.mark.parametrize(
    ("key", "stored"),
    [
        ("view/font_size", "huge"),  # not a number
        ("view/font_size", 500),  # a number out of range
        ("view/font_size", "nan"),  # parses as float but is not usable
        ("view/theme", "purple"),  # not one of the themes
        ("view/scroll_locked", "maybe"),  # not a boolean
        ("filter/only_changes", 3),  # a number where a boolean belongs
        ("files/recent", [f"/f{i}" for i in range(MAX_RECENT_FILES + 5)]),  # too many
        ("files/last_folder", "/no/such/folder/anywhere"),  # a folder that is gone
        ("window/state", "not bytes"),
    ],
)
def test_bad_stored_value_falls_back_to_the_default(key: str, stored: object) -> None:
    QSettings().setValue(key, stored)
    assert reopened(Settings()).get(key) == OPTIONS[key].default


def test_hand_edited_ini_file_falls_back(isolated_settings: Path) -> None:
    settings = Settings()
    settings.font_size = 14
    settings.sync()
    ini = next(isolated_settings.rglob("*.ini"))
    ini.write_text("[view]\nfont_size=twelve\ntheme=dark\n", encoding="utf-8")
    again = Settings()
    assert again.font_size == OPTIONS["view/font_size"].default
    assert again.dark


def test_setting_an_invalid_value_is_refused() -> None:
    with pytest.raises(ValueError, match="theme"):
        Settings().set("view/theme", "neon")


def test_font_size_is_clamped_to_a_readable_range() -> None:
    settings = Settings()
    settings.font_size = 200
    assert settings.font_size == MAX_FONT_SIZE
    settings.font_size = 1
    assert settings.font_size == MIN_FONT_SIZE


def test_recent_files_newest_first_unique_existing_only(tmp_path: Path) -> None:
    files = [tmp_path / f"filing{i}.htm" for i in range(MAX_RECENT_FILES + 3)]
    for path in files:
        path.write_text("x", encoding="utf-8")
    settings = Settings()
    for path in files:
        settings.add_recent_file(str(path))
    settings.add_recent_file(str(files[-3]))  # opened again: moves to the front, not duplicated
    recent = reopened(settings).recent_files()
    assert len(recent) == MAX_RECENT_FILES
    assert recent[0] == str(files[-3])
    assert len(set(recent)) == len(recent)
    files[-1].unlink()
    assert str(files[-1]) not in Settings().recent_files()


def test_one_recent_file_survives_the_ini_format(tmp_path: Path) -> None:
    # The ini backend stores a one-element list as a plain string.
    only = tmp_path / "only.htm"
    only.write_text("x", encoding="utf-8")
    settings = Settings()
    settings.add_recent_file(str(only))
    assert reopened(settings).recent_files() == [str(only)]


def test_returned_default_list_is_a_copy() -> None:
    Settings().get("files/recent").append("/mutated")
    assert Settings().get("files/recent") == []


# No deadline: on a machine shared by many jobs a settings write can take half a second.
@settings(deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_font_size_read_back_is_always_usable(points: float) -> None:
    QSettings().setValue("view/font_size", points)
    assert OPTIONS["view/font_size"].valid(Settings().font_size)


def test_remembered_folder_must_exist(tmp_path: Path) -> None:
    settings = Settings()
    settings.remember_folder_of(tmp_path / "gone" / "report.html")  # a folder that is not there
    assert settings.last_folder == ""
    settings.remember_folder_of(tmp_path / "report.html")
    assert settings.last_folder == str(tmp_path)
