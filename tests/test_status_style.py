"""A status looks the same wherever it is shown: the window's theme and badges, the HTML
report and the command-line summary take its letter and colours from core.report.status_style."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli import run_command
from core.model import STATUS_ORDER, Status
from core.report.status_style import (
    DARK_STATUS_COLOURS,
    LIGHT_STATUS_COLOURS,
    STATUS_LETTERS,
    ink_on,
    status_colours,
)
from core.report.to_html import comparison_to_html
from gui.theme import DARK, LIGHT
from tests.built_comparison import make_comparison
from tests.paths import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
OLD = str(SAMPLES / "iij-20f-fy2005.txt")
NEW = str(SAMPLES / "iij-20f-fy2012.txt")  # added, removed and moved factors


def test_every_status_has_its_own_letter_and_colours() -> None:
    assert set(STATUS_LETTERS) == set(Status)
    assert len(set(STATUS_LETTERS.values())) == len(Status)
    for colours in (LIGHT_STATUS_COLOURS, DARK_STATUS_COLOURS):
        assert set(colours) == set(Status)
        assert len(set(colours.values())) == len(Status)
        assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in colours.values())


@pytest.mark.parametrize(
    ("colour", "ink"),
    [
        ("#ffffff", "#1d1d1f"),  # white: dark letter
        ("#000000", "#ffffff"),  # black: white letter
        ("#b8b8c0", "#1d1d1f"),  # the pale grey of unchanged pairs: dark letter
        ("#2da44e", "#ffffff"),  # the green of added pairs: white letter
        ("#5a5a63", "#ffffff"),  # the dark theme's grey: white letter
    ],
)
def test_letter_ink_on_a_colour(colour: str, ink: str) -> None:
    assert ink_on(colour) == ink


def test_the_window_themes_use_the_shared_colours() -> None:
    assert LIGHT.status == dict(status_colours(dark=False))
    assert DARK.status == dict(status_colours(dark=True))


def test_report_badges_and_stripes_use_the_window_letters_and_colours() -> None:
    html = comparison_to_html(make_comparison())
    style = html[html.index("<style>") : html.index("</style>")]
    dark = style[style.index("@media (prefers-color-scheme: dark) { .status-") :]
    for status in STATUS_ORDER:
        assert f".status-{status.value} {{ --status: {LIGHT_STATUS_COLOURS[status]};" in style
        assert f".status-{status.value} {{ --status: {DARK_STATUS_COLOURS[status]}; }}" in dark
        letter = STATUS_LETTERS[status].replace("<", "&lt;").replace(">", "&gt;")
        badge = (
            f'<span class="badge status-{status.value}">'
            f'<span class="letter" aria-hidden="true">{letter}</span>{status.value}</span>'
        )
        assert badge in html


def test_cli_summary_marks_each_listed_pair_with_its_status_letter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_command(["compare", OLD, NEW]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    statuses = {line.split()[1] for line in listed}
    assert {"added", "removed", "moved"} <= statuses
    for line in listed:
        letter, word = line.split()[:2]
        assert letter == STATUS_LETTERS[Status(word)]


def test_cli_summary_on_a_console_without_the_letters() -> None:
    """A Windows code page has no "↕": the summary shows "?" instead of failing."""
    done = subprocess.run(
        [sys.executable, "main.py", "compare", OLD, NEW],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"  ? moved" in done.stdout
