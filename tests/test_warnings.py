"""What a reader must know before trusting a comparison reaches them: a filing cut off inside
its Risk Factors, an encoding that was guessed (issue 8)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cli import run_command
from core.compare import compare_files
from core.pipeline import load_filing
from core.read.document import read_document
from tests.paths import FIXTURES, SAMPLES
from tests.shown import comparison_shown

OLD = FIXTURES / "corpus" / "nvidia_10-K_2023.html.gz"
NEW = FIXTURES / "corpus" / "nvidia_10-K_2024.html.gz"
# A heading in the middle of the NVIDIA 10-K 2024 risk factors (its 13th of 24).
MIDDLE_HEADING = "If we are unable to attract, retain and motivate our executives"


def _cut_download(tmp_path: Path) -> Path:
    """The NVIDIA 10-K 2024 as an interrupted download: cut mid-tag, inside its risks."""
    html = gzip.decompress(NEW.read_bytes())
    cut = html.index(MIDDLE_HEADING.encode()) + 3000
    while html[cut : cut + 1] != b"<":
        cut += 1
    path = tmp_path / "nvidia-2024-partial.htm"
    path.write_bytes(html[: cut + 6])  # "<span " and nothing after
    return path


def test_a_filing_cut_inside_its_risk_factors_is_flagged(tmp_path: Path) -> None:
    partial = load_filing(_cut_download(tmp_path))
    assert 10 <= len(partial.factors) < 24
    assert len(partial.warnings) == 1
    assert "nvidia-2024-partial.htm ends abruptly" in partial.warnings[0]
    assert "missing, not removed" in partial.warnings[0]


@pytest.mark.parametrize(
    "path",
    [
        NEW,  # a complete iXBRL filing
        SAMPLES / "iij-20f-fy2008.txt",  # a text extract whose section runs to its end
        FIXTURES / "corpus" / "disney_10-K_2016.txt.gz",  # a full text filing
    ],
)
def test_complete_filings_carry_no_warning(path: Path) -> None:
    assert load_filing(path).warnings == ()


def test_the_truncation_warning_reaches_every_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = _cut_download(tmp_path)
    outputs = {kind: tmp_path / f"report.{kind}" for kind in ("json", "html", "csv")}
    args = ["compare", str(OLD), str(partial)]
    for kind, out in outputs.items():
        args += [f"--{kind}", str(out)]
    assert run_command(args) == 0
    warning_lines = capsys.readouterr().err.splitlines()
    assert len(warning_lines) == 1
    assert warning_lines[0].startswith("factordiff: warning: nvidia-2024-partial.htm ends")

    report = json.loads(outputs["json"].read_text(encoding="utf-8"))
    assert len(report["warnings"]) == 1 and "ends abruptly" in report["warnings"][0]
    assert report["new"]["warnings"] == report["warnings"] and report["old"]["warnings"] == []
    assert "ends abruptly" in outputs["html"].read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(outputs["csv"].read_text(encoding="utf-8"))))
    assert rows[0][0] == "status"
    assert [row[0] for row in rows].count("warning") == 1
    assert "ends abruptly" in next(row for row in rows if row[0] == "warning")[3]


def test_segment_names_the_truncation_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command(["segment", str(_cut_download(tmp_path))]) == 0
    assert "factordiff: warning:" in capsys.readouterr().err


@pytest.mark.gui
def test_the_window_shows_the_truncation_warning(qtbot: QtBot, tmp_path: Path) -> None:
    from gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.loader.wait(10_000))
    window.show()
    with comparison_shown(qtbot, window, timeout=60_000):
        window.compare(OLD, _cut_download(tmp_path))
    assert window.messages_bar.isVisible()
    assert "ends abruptly" in window.messages_bar.text()
    with comparison_shown(qtbot, window, timeout=60_000):
        window.compare(OLD, NEW)
    assert not window.messages_bar.isVisible()


# --- encodings ----------------------------------------------------------------------------

# The company's name in Japanese, with fullwidth brackets and letters as Japanese text has them.
JAPANESE = "インターネットイニシアティブ\uff08\uff29\uff29\uff2a\uff09"


def _shift_jis_filing(tmp_path: Path) -> Path:
    """The IIJ 20-F extract with the company's Japanese name in two places, in Shift-JIS."""
    text = (SAMPLES / "iij-20f-fy2008.txt").read_text(encoding="utf-8")
    text = text.replace("We may not maintain", f"We ({JAPANESE}) may not maintain", 1)
    text = text.replace("principally conducted in Japan", f"conducted in Japan by {JAPANESE}", 1)
    # What Shift-JIS writes for the yen sign and the dashes.
    text = text.translate({0xA5: 0xFFE5, 0x2013: "-", 0x2014: 0x2015})
    path = tmp_path / "iij-sjis.txt"
    path.write_bytes(text.encode("cp932"))
    return path


def test_shift_jis_with_a_little_japanese_is_read_as_shift_jis(tmp_path: Path) -> None:
    path = _shift_jis_filing(tmp_path)
    document = read_document(path)
    assert document.encoding == "cp932"
    assert document.text.count(JAPANESE) == 2 and "\ufffd" not in document.text
    filing = load_filing(path)
    assert filing.factors[0].heading.startswith(f"We ({JAPANESE})")
    assert len(filing.warnings) == 1 and "Shift-JIS" in filing.warnings[0]
    assert "not declared" in filing.warnings[0]


def test_western_filings_are_read_as_windows_1252_without_a_warning(tmp_path: Path) -> None:
    text = (SAMPLES / "iij-20f-fy2008.txt").read_text(encoding="utf-8")
    western = "We \u201cmay\u201d not maintain \u2014 Soci\xe9t\xe9"
    text = text.replace("We may not maintain", western)
    path = tmp_path / "iij-cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    filing = load_filing(path)
    assert filing.warnings == ()
    assert filing.factors[0].heading.startswith(western)


def test_comparing_with_a_guessed_encoding_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _shift_jis_filing(tmp_path)
    comparison = compare_files(str(SAMPLES / "iij-20f-fy2008.txt"), str(path))
    assert len(comparison.warnings) == 1
    assert run_command(["compare", str(SAMPLES / "iij-20f-fy2008.txt"), str(path)]) == 0
    assert "Shift-JIS" in capsys.readouterr().err


# --- file names that are not UTF-8 --------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_written_with_replacement_characters(
    tmp_path: Path,
) -> None:
    folder = bytes(tmp_path)
    odd = folder + b"/iij-\xff\xfe-2009.txt"  # Latin-1 bytes, not UTF-8, in the file name
    Path(odd.decode("utf-8", "surrogateescape")).write_bytes(
        (SAMPLES / "iij-20f-fy2009.txt").read_bytes()
    )
    name = odd.decode("utf-8", "surrogateescape")
    out_json, out_html = tmp_path / "out.json", tmp_path / "out.html"
    old = str(SAMPLES / "iij-20f-fy2008.txt")
    args = ["compare", old, name, "--json", str(out_json), "--html", str(out_html)]
    assert run_command(args) == 0
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert report["new"]["path"].endswith("iij-\ufffd\ufffd-2009.txt")
    assert len(report["pairs"]) > 10
    assert "iij-\ufffd\ufffd-2009.txt" in out_html.read_text(encoding="utf-8")
    assert run_command(["segment", name, "--json", str(out_json)]) == 0
    assert json.loads(out_json.read_text(encoding="utf-8"))["path"].endswith("\ufffd-2009.txt")
