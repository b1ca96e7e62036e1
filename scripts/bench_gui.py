"""Time from starting FactorDiff to a painted window with a pair compared, one scroll step,
and a reviewer's correction shown.

    python scripts/bench_gui.py [--corpus DIR] [--repeat N]

Each measurement starts a fresh Python process (so imports, Qt start-up and fonts count, as for
a person launching the app) and stops when the new pane has painted the comparison. Pairs: the
IIJ 20-F FY2008/FY2009 samples (about 30 KB each) and the Coca-Cola 10-K 2023/2024 filings
(about 4 MB each; from DIR, by default ../shared/corpus, else tests/fixtures/corpus/*.gz).
The baseline, measured in the same run, is an empty QMainWindow painted by a fresh process.

The longest UI stall is the longest time the UI thread did not run a 10 ms timer while the
comparison loaded on the worker thread; "busy showing" is the time from the comparison being
ready to the new pane painted (tree, summary and pane documents are built on the UI thread).
The scroll-sync step is the time for one wheel-sized scroll of the new pane with the old pane
following it; "screen updated" adds the paint Qt does for it (the strips scrolled into view, the
link map, the scroll bars); "both panes repainted" forces a full repaint of both panes on top
(an upper bound). Each is the median over a sweep through the document.
Qt runs offscreen unless QT_QPA_PLATFORM says otherwise (e.g. under xvfb-run: xcb).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"IIJ FY2008/FY2009": 1.5, "Coca-Cola 2023/2024": 3.0}
SCROLL_TARGET_MS = 5.0
SCROLL_STEPS = 120
CORRECTION_TARGET_MS = 100.0
CORRECTION_REPEAT = 5
# Qt's chatter about the offscreen platform is not part of the numbers.
QUIET = {"QT_LOGGING_RULES": "qt.qpa.*=false"}


def corpus_pair(corpus: Path) -> tuple[Path, Path]:
    names = ("cocacola_10-K_2023.html", "cocacola_10-K_2024.html")
    if all((corpus / name).is_file() for name in names):
        return corpus / names[0], corpus / names[1]
    fixtures = ROOT / "tests" / "fixtures" / "corpus"
    return fixtures / f"{names[0]}.gz", fixtures / f"{names[1]}.gz"


# The child: runs in a fresh process, prints one JSON line when painted. -----------------------


def child_empty() -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject  # noqa: PLC0415  timed: imports count
    from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: PLC0415

    app = QApplication([])
    window = QMainWindow()
    window.resize(1500, 920)

    class PaintWatch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                app.quit()
            return False

    watch = PaintWatch()
    window.installEventFilter(watch)
    window.show()
    app.exec()
    return {}


def child_pair(old: Path, new: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings  # noqa: PLC0415  timed: imports count

    from gui.app import make_application  # noqa: PLC0415

    # The benchmark's window must not save its size and layout over the person's own.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="fd-bench-")
    )
    make_application([])
    window, numbers = _open_until_painted(old, new)
    print(json.dumps({"painted": True}), flush=True)  # the parent stops its clock here
    numbers.update(_scroll_steps(window))
    numbers.update(_corrections(window))
    window.close()
    return numbers


def _open_until_painted(old: Path, new: Path) -> tuple[Any, dict[str, float]]:
    """The window, once its new pane painted the comparison, and the UI thread's stalls."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: PLC0415

    from gui.main_window import MainWindow  # noqa: PLC0415

    # A local loop: QApplication.quit() would close the window before the scroll measurement.
    loop = QEventLoop()
    window = MainWindow()
    window.resize(1500, 920)
    viewport = window.view.pane(1).viewport()
    moments: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and window.comparison() is not None:
                moments["painted"] = time.perf_counter()
                loop.quit()
            return False

    def fail(_request: object, error: BaseException) -> None:
        print(error, file=sys.stderr)
        loop.exit(1)

    watch = PaintWatch()
    viewport.installEventFilter(watch)
    window.loader.failed.connect(fail)
    # The last progress report (done == total) arrives as the worker finishes, before the
    # window's own finished handler builds the panes.
    window.loader.progress.connect(
        lambda done, total: done >= total and moments.setdefault("loaded", time.perf_counter())
    )
    window.show()
    # A 10 ms timer that cannot fire on time means the window could not react to a person
    # either: the longest gap between its ticks is the UI thread's longest stall.
    ticks: list[float] = [time.perf_counter()]
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    window.compare(old, new)
    if loop.exec() != 0:
        raise SystemExit(1)
    ticker.stop()
    viewport.removeEventFilter(watch)
    loading = [tick for tick in ticks if tick <= moments["loaded"]] + [moments["loaded"]]
    showing = [loading[-2] if len(loading) > 1 else loading[0], moments["painted"]]
    return window, {
        "stall_loading_ms": _longest_gap(loading) * 1000,
        "stall_showing_ms": _longest_gap(showing) * 1000,
    }


def _longest_gap(moments: list[float]) -> float:
    return max((later - earlier for earlier, later in itertools.pairwise(moments)), default=0.0)


def _scroll_steps(window: Any) -> dict[str, float]:
    """One wheel step of the new pane with the old pane following it, then the same step with
    both panes repainted in full (an upper bound of what a screen update costs)."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    bar = window.view.pane(1).verticalScrollBar()
    other = window.view.pane(0).verticalScrollBar()
    viewports = (window.view.pane(0).viewport(), window.view.pane(1).viewport())
    step = max(1, bar.singleStep() * 3)
    sync: list[float] = []
    painted_steps: list[float] = []
    followed = 0
    for _ in _sweep(bar, step):
        before = other.value()
        start = time.perf_counter()
        bar.setValue(bar.value() + step)
        synced = time.perf_counter()
        for viewport in viewports:
            viewport.repaint()
        QApplication.processEvents()
        sync.append(synced - start)
        painted_steps.append(time.perf_counter() - start)
        followed += other.value() != before
    updated = _screen_updates(bar, step)
    return {
        "scroll_update_ms": statistics.median(updated) * 1000,
        "scroll_ms": statistics.median(sync) * 1000,
        "scroll_paint_ms": statistics.median(painted_steps) * 1000,
        "scroll_paint_max_ms": max(painted_steps) * 1000,
        "followed": followed / SCROLL_STEPS,
    }


def _corrections(window: Any) -> dict[str, float]:
    """Milliseconds from a reviewer's correction to the window showing its result (panes,
    list, captions and counts rebuilt, the new pane painted): unpairing a reworded pair (the
    pairs re-aligned under the new constraint) and its undo, and "not a factor heading" (the
    new filing re-segmented, then re-aligned). Each is the median of CORRECTION_REPEAT, with
    the processor time the process spent on it (what a busy machine does not stretch)."""
    from core.model import Status  # noqa: PLC0415
    from gui import corrections  # noqa: PLC0415

    session = window.review.session
    viewport = window.view.pane(1).viewport()

    def shown(act: Any) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        act()
        viewport.repaint()
        return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000

    pairing: list[tuple[float, float]] = []
    undoing: list[tuple[float, float]] = []
    segmenting: list[tuple[float, float]] = []
    for _ in range(CORRECTION_REPEAT):
        comparison = window.comparison()
        index = next(k for k, p in enumerate(comparison.pairs) if p.status is Status.MODIFIED)
        unpair = corrections.unpairing(comparison, index)
        pairing.append(shown(lambda chosen=unpair: window.corrections.apply(chosen)))
        undoing.append(shown(session.undo_stack.undo))
        heading = corrections.not_a_heading(comparison, 1, len(comparison.new.factors) // 2)
        segmenting.append(shown(lambda chosen=heading: window.corrections.apply(chosen)))
        session.undo_stack.undo()
    numbers: dict[str, float] = {}
    for name, times in (("pairing", pairing), ("undo", undoing), ("segment", segmenting)):
        numbers[f"correction_{name}_ms"] = statistics.median(wall for wall, _ in times)
        numbers[f"correction_{name}_cpu_ms"] = statistics.median(cpu for _, cpu in times)
    return numbers


def _sweep(bar: Any, step: int) -> Iterator[int]:
    """SCROLL_STEPS step numbers; before each, the bar goes back to the top if a step would
    run past the end, so every step really scrolls."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    bar.setValue(0)
    QApplication.processEvents()
    for number in range(SCROLL_STEPS):
        if bar.value() + step > bar.maximum():
            bar.setValue(0)
            QApplication.processEvents()
        yield number


def _screen_updates(bar: Any, step: int) -> list[float]:
    """Seconds for one wheel step and the screen update Qt makes for it, over a sweep."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    updated: list[float] = []
    for _ in _sweep(bar, step):
        start = time.perf_counter()
        bar.setValue(bar.value() + step)
        QApplication.processEvents()
        updated.append(time.perf_counter() - start)
    return updated


# The parent: starts children and times them. --------------------------------------------------


def run_child(args: list[str]) -> tuple[float, dict[str, float]]:
    """Seconds from starting the process to its "painted" line, and its final numbers."""
    env = {**os.environ, **QUIET}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    painted = time.perf_counter() - start
    rest = child.stdout.read()
    if child.wait() != 0 or not first:
        raise SystemExit(f"child {args} failed: {first}{rest}")
    lines = [line for line in rest.splitlines() if line.startswith("{")]
    return painted, json.loads(lines[-1]) if lines else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        kind, *paths = args.child
        numbers = child_empty() if kind == "empty" else child_pair(Path(paths[0]), Path(paths[1]))
        if kind == "empty":
            print(json.dumps({"painted": True}), flush=True)
        print(json.dumps(numbers), flush=True)
        return

    samples = ROOT / "resources" / "samples"
    pairs = {
        "IIJ FY2008/FY2009": (samples / "iij-20f-fy2008.txt", samples / "iij-20f-fy2009.txt"),
        "Coca-Cola 2023/2024": corpus_pair(args.corpus),
    }
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, repeat {args.repeat}")
    empty = statistics.median(run_child(["empty"])[0] for _ in range(args.repeat))
    print(f"{'baseline: empty QMainWindow painted':42} {empty:6.2f} s")
    for name, (old, new) in pairs.items():
        runs = [run_child(["pair", str(old), str(new)]) for _ in range(args.repeat)]
        painted = statistics.median(seconds for seconds, _ in runs)
        scroll = statistics.median(numbers["scroll_ms"] for _, numbers in runs)
        updated = statistics.median(numbers["scroll_update_ms"] for _, numbers in runs)
        with_paint = statistics.median(numbers["scroll_paint_ms"] for _, numbers in runs)
        worst = max(numbers["scroll_paint_max_ms"] for _, numbers in runs)
        followed = min(numbers["followed"] for _, numbers in runs)
        loading = statistics.median(numbers["stall_loading_ms"] for _, numbers in runs)
        showing = statistics.median(numbers["stall_showing_ms"] for _, numbers in runs)
        target = TARGETS[name]
        verdict = "ok" if painted < target else "SLOW"
        print(
            f"{name + ': painted with comparison':42} {painted:6.2f} s  "
            f"(target < {target} s, {verdict}; {painted - empty:+.2f} s over baseline)"
        )
        print(f"{name + ': longest UI stall while loading':42} {loading:6.0f} ms")
        print(f"{name + ': UI busy showing the comparison':42} {showing:6.0f} ms")
        scroll_verdict = "ok" if scroll < SCROLL_TARGET_MS else "SLOW"
        print(
            f"{name + ': scroll-sync step':42} {scroll:6.2f} ms "
            f"(target < {SCROLL_TARGET_MS} ms, {scroll_verdict}; "
            f"other pane followed {followed:.0%} of steps)"
        )
        print(f"{name + ': same step, screen updated':42} {updated:6.2f} ms")
        print(
            f"{name + ': same step, both panes repainted':42} {with_paint:6.2f} ms "
            f"(max {worst:.1f} ms)"
        )
        for key, what in (
            ("pairing", "unpair a pair, shown"),
            ("undo", "undo it, shown"),
            ("segment", "not a factor heading, shown"),
        ):
            taken = statistics.median(numbers[f"correction_{key}_ms"] for _, numbers in runs)
            cpu = statistics.median(numbers[f"correction_{key}_cpu_ms"] for _, numbers in runs)
            verdict = "ok" if taken < CORRECTION_TARGET_MS else "SLOW"
            print(
                f"{name + ': ' + what:42} {taken:6.0f} ms "
                f"(CPU {cpu:.0f} ms; target < {CORRECTION_TARGET_MS:.0f} ms, {verdict})"
            )


if __name__ == "__main__":
    main()
