"""Screenshots of the window for the README, written to docs/screenshots/.

    xvfb-run -s "-screen 0 1600x1000x24" python scripts/screenshots.py [--corpus DIR] [--out DIR]

Shots: the IIJ 20-F sample pair (iij.png), its introduction, where FY2009 adds a word
(introduction.png), the Coca-Cola 10-K 2023/2024 pair when the corpus is
beside the repository (cocacola.png), a passage Mastercard moved from one factor to another in
2024 (moved_passage.png, from the corpus too), the dark theme (dark.png), the find bar
(find.png), IIJ's FY2005 against FY2012 at a paragraph added inside a kept factor, facing a
filler while the paragraphs around it stay level (paragraphs.png), the timeline of the four IIJ
years with the most reworded risk selected (timeline.png), a review in progress with its flag
and note signs beside the headings (review-notes.png), the first page of its printout
(review-printout.png, when pdftoppm is installed) and a review of IIJ FY2005 against FY2012
with a split the reviewer declared (old #9 into new #3 and #4) selected in the list
(review.png).
Settings and autosaved reviews are kept in a temporary folder, so the shots do not depend on (or
change) the user's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.diff.pair import pair_diff  # noqa: E402  (after the path set-up above)
from core.diff.sides import NEW, side_parts, side_pieces  # noqa: E402
from core.model import Status  # noqa: E402
from core.review.model import ReviewState  # noqa: E402
from gui import corrections  # noqa: E402
from gui.actions import ActionId  # noqa: E402
from gui.app import make_application  # noqa: E402
from gui.exports import write_pdf  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.paths import sample_filings, sample_timeline_filings  # noqa: E402
from gui.timeline_window import TimelineWindow  # noqa: E402

SIZE = (1600, 1000)
SAMPLES = ROOT / "resources" / "samples"


def settle(msecs: int = 300) -> None:
    """Let queued layout, realign and paint events run."""
    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


def compare(window: MainWindow, old: Path, new: Path) -> None:
    loop = QEventLoop()
    window.loader.finished.connect(loop.quit)

    def fail(_request: object, error: BaseException) -> None:
        print(f"could not compare {old.name} with {new.name}: {error}", file=sys.stderr)
        loop.quit()

    window.loader.failed.connect(fail)
    window.compare(old, new)
    loop.exec()
    settle()


def open_timeline(window: TimelineWindow, paths: tuple[Path, ...]) -> None:
    loop = QEventLoop()
    window.timeline_shown.connect(loop.quit)

    def fail(error: BaseException) -> None:
        print(f"could not make the timeline: {error}", file=sys.stderr)
        loop.quit()

    window.loader.failed.connect(fail)
    window.open_files(list(paths))
    loop.exec()
    settle()


def most_reworded(window: TimelineWindow) -> str:
    """The key of the risk whose heading took the most different wordings over the years."""
    timeline = window.timeline()
    assert timeline is not None
    return max(timeline.lineages, key=lambda row: len(set(row.headings) - {()})).key


def first_change_with_words(window: MainWindow) -> int:
    """The modified pair with the most inserted and deleted words, to show the word diff."""
    comparison = window.comparison()
    assert comparison is not None
    modified = [
        (pair.words_added + pair.words_removed, index)
        for index, pair in enumerate(comparison.pairs)
        if pair.status is Status.MODIFIED and pair.words_added and pair.words_removed
    ]
    return max(modified)[1] if modified else 0


def shoot_moved_passage(window: MainWindow, path: Path) -> None:
    """The first passage moved between factors, where it arrived (new pane, its caption
    naming where it came from), the old pane level with it."""
    comparison = window.comparison()
    if comparison is None or not comparison.moved_passages:
        print(f"no moved passage in this comparison; {path.name} not made")
        return
    window.tree.select_pair(comparison.moved_passages[0].to_pair)
    settle()
    window.view.go_to_passage(0, 1)
    shoot(window, path)


def review_in_progress(window: MainWindow) -> int:
    """Flag two changes (one with a note), review two more (one with a note) as a reviewer
    would; return the flagged pair with the note, which the panes then show at the top."""
    session = window.review.session
    assert session is not None
    session.reviewer = "ann"
    changes = [
        index
        for index, pair in enumerate(session.comparison.pairs)
        if pair.status is not Status.UNCHANGED
    ]
    flagged, reviewed, noted, second_flag = changes[1], changes[0], changes[2], changes[4]
    session.set_state(reviewed, ReviewState.REVIEWED)
    session.set_state(noted, ReviewState.REVIEWED)
    session.set_note(noted, "Reworded only; same risk as last year.")
    session.set_state(flagged, ReviewState.FLAGGED)
    session.set_note(flagged, "New competitors named: ask the CFO whether the guidance changed.")
    session.set_state(second_flag, ReviewState.FLAGGED)
    return flagged


def shoot_first_page(window: MainWindow, path: Path) -> None:
    """The first page of the window's printout with its review, as a PNG (via pdftoppm)."""
    comparison = window.comparison()
    if comparison is None or shutil.which("pdftoppm") is None:
        print(f"no pdftoppm (poppler-utils); {path.name} not made")
        return
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "printout.pdf"
        write_pdf(comparison, pdf, review=window.review.for_outputs())
        stem = Path(folder) / "page"
        command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*command, str(pdf), str(stem)], check=True)
        shutil.copy(stem.with_suffix(".png"), path)
    print(f"wrote {path}")


def shoot_review(window: MainWindow, out: Path) -> None:
    """review-notes.png and review-printout.png, then the shots' review is let go."""
    window.tree.select_pair(review_in_progress(window))
    shoot(window, out / "review-notes.png")
    shoot_first_page(window, out / "review-printout.png")
    if window.review.session is not None:
        window.review.session.undo_stack.setClean()


def review_with_a_correction(window: MainWindow) -> None:
    """IIJ FY2005 against FY2012 under review: the first changes reviewed, one flagged with a
    note, and old #9 declared split into new #3 and #4 (the program saw new #3 as added)."""
    compare(window, SAMPLES / "iij-20f-fy2005.txt", SAMPLES / "iij-20f-fy2012.txt")
    session = window.review.session
    comparison = window.comparison()
    assert session is not None and comparison is not None
    for index in (0, 1):
        session.set_state(index, ReviewState.REVIEWED)
    ntt = next(
        k
        for k, pair in enumerate(comparison.pairs)
        if not pair.passage
        and pair.new_indexes
        and comparison.new.factors[pair.new_indexes[0]].heading[:3] == "NTT"
    )
    session.set_state(ntt, ReviewState.FLAGGED)
    session.set_note(ntt, "NTT's influence reworded: ask legal whether the 2012 wording is final")
    window.corrections.apply(corrections.link(comparison, [8], [2, 3]))
    shown = window.comparison()
    assert shown is not None
    split = next(k for k, pair in enumerate(shown.pairs) if pair.corrected)
    window.tree.select_pair(split)


def shoot_corrected_review(window: MainWindow, path: Path) -> None:
    """review.png, then the shot's review is let go."""
    review_with_a_correction(window)
    shoot(window, path)
    if window.review.session is not None:
        window.review.session.undo_stack.setClean()


def first_changed_passage(window: MainWindow) -> int:
    """The first pair of text outside the factors (an introduction, a category's text) that
    changed."""
    comparison = window.comparison()
    assert comparison is not None
    return next(
        index
        for index, pair in enumerate(comparison.pairs)
        if pair.passage and pair.status is not Status.UNCHANGED
    )


def added_paragraph(window: MainWindow) -> tuple[int, str]:
    """The reworded pair whose paragraphs line up around a single added one (the one with
    the most paragraphs facing their counterparts), and that paragraph's text."""
    comparison = window.comparison()
    assert comparison is not None
    found: list[tuple[int, int, str]] = []
    for index, pair in enumerate(comparison.pairs):
        if pair.status is not Status.MODIFIED:
            continue
        rows = pair_diff(comparison, pair).paragraph_rows
        paired = [k for k, row in enumerate(rows) if row.old is not None and row.new is not None]
        inside = [row for k, row in enumerate(rows) if paired and paired[0] < k < paired[-1]]
        added = [row.new for row in inside if row.old is None and row.new is not None]
        if len(added) == 1 and len(inside) == len(paired) - 1:
            text = side_pieces(side_parts(comparison, pair, NEW))[added[0]].text
            found.append((len(paired), -index, text))
    if not found:
        return 0, ""
    _count, index, text = max(found)
    return -index, text


def scroll_to_paragraph(window: MainWindow, text: str) -> None:
    """Scroll the new pane (the old one follows) so the paragraph starting with `text` sits
    a third of the way down."""
    pane = window.view.pane(NEW)
    block = pane.document().begin()
    while block.isValid() and not block.text().startswith(text[:40]):
        block = block.next()
    if block.isValid():
        top = pane.document().documentLayout().blockBoundingRect(block).top()
        pane.verticalScrollBar().setValue(round(top - pane.viewport().height() / 3))
    settle()


def shoot_paragraphs(window: MainWindow, out: Path) -> None:
    """IIJ's first and last sample years, at a paragraph added inside a kept factor."""
    years = sample_timeline_filings()
    compare(window, years[0], years[-1])
    index, text = added_paragraph(window)
    window.tree.select_pair(index)
    scroll_to_paragraph(window, text)
    shoot(window, out / "paragraphs.png")


def shoot(window: QWidget, path: Path) -> None:
    settle()
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def shoot_samples(window: MainWindow, out: Path) -> None:
    """iij.png, introduction.png, find.png and dark.png: the IIJ sample pair."""
    compare(window, *sample_filings())
    window.tree.select_pair(first_change_with_words(window))
    shoot(window, out / "iij.png")

    window.tree.select_pair(first_changed_passage(window))
    shoot(window, out / "introduction.png")

    window.actions_by_id[ActionId.FIND].trigger()
    window.find_bar.text_box.setText("backbone")
    window.find_bar.find_next()
    shoot(window, out / "find.png")
    window.find_bar.close_bar()

    window.actions_by_id[ActionId.DARK_THEME].setChecked(True)
    shoot(window, out / "dark.png")
    window.actions_by_id[ActionId.DARK_THEME].setChecked(False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as settings_folder:
        # The review shots leave unsaved work: its autosaved copy goes with the settings, not
        # to the user's folder, where their next start would offer it for restoring.
        os.environ["FACTORDIFF_AUTOSAVE_DIR"] = str(Path(settings_folder) / "autosave")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_folder)
        app = make_application([])
        window = MainWindow()
        window.resize(*SIZE)
        window.show()

        shoot_samples(window, args.out)
        shoot_review(window, args.out)

        shoot_paragraphs(window, args.out)

        coke = [args.corpus / f"cocacola_10-K_{year}.html" for year in (2023, 2024)]
        if all(path.is_file() for path in coke):
            compare(window, coke[0], coke[1])
            window.actions_by_id[ActionId.ONLY_CHANGES].setChecked(True)
            window.tree.select_pair(first_change_with_words(window))
            shoot(window, args.out / "cocacola.png")
        else:
            print(f"no Coca-Cola filings in {args.corpus}; cocacola.png not made")
        mastercard = [args.corpus / f"mastercard_10-K_{year}.html" for year in (2023, 2024)]
        if all(path.is_file() for path in mastercard):
            window.actions_by_id[ActionId.ONLY_CHANGES].setChecked(False)
            compare(window, mastercard[0], mastercard[1])
            shoot_moved_passage(window, args.out / "moved_passage.png")
        else:
            print(f"no Mastercard filings in {args.corpus}; moved_passage.png not made")
        timeline = TimelineWindow()
        timeline.resize(*SIZE)
        timeline.show()
        open_timeline(timeline, sample_timeline_filings())
        timeline.select_lineage(most_reworded(timeline))
        shoot(timeline, args.out / "timeline.png")
        timeline.close()

        shoot_corrected_review(window, args.out / "review.png")
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()
