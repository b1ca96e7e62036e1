"""The review file: saved whole or not at all, read back exactly, refused clearly when bad;
and the headless commands that apply and summarise it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli import run_command
from core.align.pairing import align
from core.diff.options import DiffOptions
from core.model import Status
from core.pipeline import load_filing
from core.review.anchors import anchor_of
from core.review.apply import pair_key
from core.review.file import (
    SCHEMA_VERSION,
    FilingCheck,
    ReviewFileError,
    check_filing,
    filing_record,
    load_review,
    save_review,
)
from core.review.model import (
    Link,
    Mark,
    NewFactorAt,
    NotAHeading,
    NotMoved,
    Review,
    ReviewState,
    Side,
    Unlink,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture
def filings(tmp_path: Path) -> tuple[str, str]:
    old = tmp_path / "iij-20f-fy2008.txt"
    new = tmp_path / "iij-20f-fy2009.txt"
    shutil.copy(SAMPLES / old.name, old)
    shutil.copy(SAMPLES / new.name, new)
    return str(old), str(new)


def _a_review(old_path: str, new_path: str) -> Review:
    old, new = load_filing(old_path), load_filing(new_path)
    comparison = align(old, new)
    modified = [p for p in comparison.pairs if p.status is Status.MODIFIED][-1]
    first = comparison.pairs[0]
    assert first != modified
    return Review(
        old=filing_record(old),
        new=filing_record(new),
        options=DiffOptions(ignore_case=True),
        corrections=(
            Link((anchor_of(old.factors[0]),), (anchor_of(new.factors[0]),)),
            Unlink(anchor_of(old.factors[2]), anchor_of(new.factors[5])),
            NotMoved(anchor_of(old.factors[3])),
            NotAHeading(Side.NEW, anchor_of(new.factors[7])),
            NewFactorAt(Side.OLD, anchor_of(old.factors[4]), 0, "Über"),
        ),
        marks=(
            Mark(
                pair_key(comparison, modified),
                ReviewState.FLAGGED,
                "new cyber risk — ask the CFO",
                "ann",
                "2026-12-03T14:05:00Z",
            ),
            Mark(
                pair_key(comparison, first), ReviewState.REVIEWED, "", "bob", "2026-12-03T14:06:00Z"
            ),
        ),
    )


def test_a_saved_review_reads_back_as_it_was(filings: tuple[str, str], tmp_path: Path) -> None:
    review = _a_review(*filings)
    path = tmp_path / "annual.factordiff"
    save_review(path, review)
    assert load_review(path) == review
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # cut off half way (a crash of another program, a partial copy)
        (lambda text: text[: len(text) // 2], "damaged or incomplete"),
        # valid JSON, but not ours
        (lambda text: '{"pairs": []}', "not a FactorDiff review"),
        # from a FactorDiff that writes a newer format
        (
            lambda text: text.replace('"schema_version": 1', '"schema_version": 99'),
            "newer FactorDiff",
        ),
        # a state this version does not know
        (lambda text: text.replace('"flagged"', '"maybe"'), "damaged"),
        # binary garbage
        (lambda text: "\udcff", "cannot be read"),
    ],
)
def test_a_bad_review_file_gets_a_clear_message_and_is_left_alone(
    filings: tuple[str, str], tmp_path: Path, content, message: str
) -> None:
    path = tmp_path / "bad.factordiff"
    save_review(path, _a_review(*filings))
    text = content(path.read_text(encoding="utf-8"))
    data = text.encode("utf-8", errors="surrogateescape")
    path.write_bytes(data)
    with pytest.raises(ReviewFileError, match=message):
        load_review(path)
    assert path.read_bytes() == data


def test_a_filing_changed_or_missing_since_the_review_is_told_apart(
    filings: tuple[str, str], tmp_path: Path
) -> None:
    review = _a_review(*filings)
    assert check_filing(review.old) is FilingCheck.SAME
    Path(filings[1]).write_text(Path(filings[1]).read_text() + "\nOne more line.\n")
    assert check_filing(review.new) is FilingCheck.CHANGED
    os.remove(filings[0])
    assert check_filing(review.old) is FilingCheck.MISSING
    assert check_filing(review.old, SAMPLES / "iij-20f-fy2008.txt") is FilingCheck.SAME


_SAVE_FOREVER = """
import sys
from dataclasses import replace
from core.review.file import load_review, save_review
review = load_review(sys.argv[1])
marks = review.marks * 4000
print("saving", flush=True)
while True:
    save_review(sys.argv[1], replace(review, marks=marks))
"""


def test_killing_the_program_while_it_saves_leaves_the_previous_review_intact(
    filings: tuple[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "annual.factordiff"
    review = _a_review(*filings)
    save_review(path, review)
    for delay in (0.05, 0.2, 0.4):
        process = subprocess.Popen(
            [sys.executable, "-c", _SAVE_FOREVER, str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "saving"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        loaded = load_review(path)  # whole: the old review or a complete new one
        assert loaded.corrections == review.corrections
        assert set(loaded.marks) == set(review.marks)


def test_compare_with_a_review_writes_states_notes_and_corrections(
    filings: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review_path = tmp_path / "annual.factordiff"
    save_review(review_path, _a_review(*filings))
    out = tmp_path / "out.json"
    assert run_command(["compare", *filings, "--review", str(review_path), "--json", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    # The first pair is IIJ's introduction: its review state is among the passage pairs.
    states = [pair["review"]["state"] for pair in document["pairs"] + document["passage_pairs"]]
    assert states.count("flagged") == 1 and states.count("reviewed") == 1
    assert document["passage_pairs"][0]["review"]["state"] == "reviewed"
    flagged = next(p for p in document["pairs"] if p["review"]["state"] == "flagged")
    assert flagged["review"]["note"] == "new cyber risk — ask the CFO"
    assert flagged["review"]["reviewer"] == "ann"
    assert any(pair["corrected"] for pair in document["pairs"])
    assert document["review"]["flagged"] == 1
    # The new filing lost a heading to the correction: one factor fewer than the program reads.
    assert len(document["new"]["factors"]) == len(load_filing(filings[1]).factors) - 1
    assert capsys.readouterr().err == ""


def test_review_command_prints_progress_and_flagged_notes(
    filings: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review_path = tmp_path / "annual.factordiff"
    save_review(review_path, _a_review(*filings))
    assert run_command(["review", str(review_path)]) == 0
    out = capsys.readouterr().out
    assert "changes reviewed, 1 flagged" in out
    assert "Flagged by ann on 2026-12-03 14:05 UTC: new cyber risk — ask the CFO" in out
    assert "set by the reviewer" in out
    # The correction made for a paragraph the filing does not have is listed, not dropped.
    assert "NewFactorAt: the paragraph 'Über'… is no longer in" in out


def test_review_command_with_a_missing_filing_still_shows_the_notes(
    filings: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review_path = tmp_path / "annual.factordiff"
    save_review(review_path, _a_review(*filings))
    os.remove(filings[1])
    assert run_command(["review", str(review_path)]) == 0
    out = capsys.readouterr().out
    assert "MISSING: give it with --new" in out
    assert "new cyber risk — ask the CFO" in out


def test_compare_warns_when_a_filing_is_not_the_one_reviewed(
    filings: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review_path = tmp_path / "annual.factordiff"
    save_review(review_path, _a_review(*filings))
    other = tmp_path / "iij-20f-fy2012.txt"
    shutil.copy(SAMPLES / other.name, other)
    assert run_command(["compare", filings[0], str(other), "--review", str(review_path)]) == 0
    assert "is not the file the review was made on" in capsys.readouterr().err


def test_a_review_file_is_never_an_output(filings: tuple[str, str], tmp_path: Path) -> None:
    review_path = tmp_path / "annual.factordiff"
    save_review(review_path, _a_review(*filings))
    before = review_path.read_bytes()
    args = ["compare", *filings, "--review", str(review_path), "--json", str(review_path)]
    assert run_command(args) == 2
    assert review_path.read_bytes() == before
