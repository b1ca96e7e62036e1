"""Comparisons that are no year-over-year reading (other company, other form, little wording
in common) are called out in the window, the command line and every report (issue 9.5)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cli import run_command
from core.align.mismatch import LOW_WORDING_KEPT, mismatch_warnings
from core.align.pairing import align
from core.model import Filing, Similarity
from core.pipeline import load_filing
from tests.shown import comparison_shown

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
IIJ_2008 = SAMPLES / "iij-20f-fy2008.txt"
IIJ_2009 = SAMPLES / "iij-20f-fy2009.txt"
DISNEY_2016 = FIXTURES / "corpus" / "disney_10-K_2016.txt.gz"
SAME = Similarity(0.98, 0.8, 0.8)


@cache
def _filing(path: Path) -> Filing:
    return load_filing(path)


def test_consecutive_years_of_one_company_get_no_notice() -> None:
    comparison = align(_filing(IIJ_2008), _filing(IIJ_2009))
    assert comparison.notices == ()
    assert comparison.warnings == ()


def test_two_companies_two_forms_and_little_common_wording_are_each_said() -> None:
    comparison = align(_filing(IIJ_2009), _filing(DISNEY_2016))
    notices = comparison.notices
    assert len(notices) == 3
    assert notices[0].startswith("These filings are from different companies: IIJ")
    assert "different forms: 20-F and 10-K" in notices[1]
    assert notices[2].startswith("Only ") and "of the wording is kept" in notices[2]
    assert comparison.summary.similarity.simple < LOW_WORDING_KEPT


@pytest.mark.parametrize(
    ("old", "new", "different"),
    [
        # the same CIK: a company renamed between the years is still one company
        (("PhyMatrix Corp", "0000934409"), ("Innovative Clinical Solutions Ltd", "934409"), False),
        # two CIKs: different companies, whatever their names
        (("Acme Corp", "0000000001"), ("Acme Corp", "0000000002"), True),
        # no CIK: the names decide; an abbreviation made of initials is the same company
        (("IIJ", ""), ("Internet Initiative Japan Inc.", ""), False),
        (("International Business Machines Corp", ""), ("IBM", ""), False),
        # no CIK, a shared distinguishing word (suffixes and 'The' say nothing)
        (("The Walt Disney Company", ""), ("Disney", ""), False),
        # no CIK, nothing in common
        (("Tesla, Inc.", ""), ("NVIDIA Corporation", ""), True),
        # a name unknown on one side: nothing to go on, no notice
        (("", ""), ("NVIDIA Corporation", ""), False),
    ],
)
def test_which_pairs_are_different_companies(
    old: tuple[str, str], new: tuple[str, str], different: bool
) -> None:
    base = _filing(IIJ_2008)
    warnings = mismatch_warnings(
        replace(base, company=old[0], cik=old[1]), replace(base, company=new[0], cik=new[1]), SAME
    )
    assert any("different companies" in w for w in warnings) is different


@pytest.mark.parametrize(
    ("old", "new", "different"),
    [
        ("10-K", "10-K/A", False),  # an amendment of the same report
        ("10-K405", "10-K", False),  # a variant of the annual report
        ("10-KSB", "10-K", False),
        ("20-F", "20-F/A", False),
        ("10-K", "20-F", True),
        ("10-K", "", False),  # unknown: nothing to say
    ],
)
def test_which_forms_differ(old: str, new: str, different: bool) -> None:
    base = _filing(IIJ_2008)
    warnings = mismatch_warnings(replace(base, form=old), replace(base, form=new), SAME)
    assert any("different forms" in w for w in warnings) is different


def test_the_cli_and_the_reports_carry_the_notices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    html = tmp_path / "out.html"
    args = ["compare", str(IIJ_2009), str(DISNEY_2016), "--json", str(out), "--html", str(html)]
    assert run_command(args) == 0
    err = capsys.readouterr().err
    assert "factordiff: warning: These filings are from different companies" in err
    warnings = json.loads(out.read_text(encoding="utf-8"))["warnings"]
    assert any("different forms" in w for w in warnings)
    assert "of the wording is kept" in html.read_text(encoding="utf-8")


@pytest.mark.gui
def test_the_window_shows_the_notice(qtbot: QtBot) -> None:
    from gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    window.show()
    with comparison_shown(qtbot, window, timeout=60_000):
        window.compare(IIJ_2009, DISNEY_2016)
    assert window.messages_bar.isVisible()
    assert "different companies" in window.messages_bar.text()
    with comparison_shown(qtbot, window, timeout=60_000):
        window.compare(IIJ_2008, IIJ_2009)
    assert not window.messages_bar.isVisible()
