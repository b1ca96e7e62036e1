"""Time from starting FactorDiff to a painted comparison, the UI thread's stalls, scrolling,
and a reviewer's correction shown.

    python scripts/bench_gui.py [--corpus DIR] [--repeat N] [--only NAME]

Each measurement starts a fresh Python process (so imports, Qt start-up and fonts count, as for
a person launching the app) and stops when the new pane has painted the comparison's first
screen. Pairs: the IIJ 20-F FY2008/FY2009 samples (about 30 KB each), the Coca-Cola 10-K
2023/2024 filings (about 4 MB each) and the NVIDIA 10-K 2024/2025 filings (the most risk-factor
text of the corpus), from DIR (by default ../shared/corpus, else tests/fixtures/corpus/*.gz).
The baseline, measured in the same run, is an empty QMainWindow painted by a fresh process.

A watchdog timer ticks every 5 ms on the UI thread from the start of the load until the whole
comparison is painted and 400 ms more have passed; the longest gap between two ticks is the
longest time the window could not have answered a key or a click ("while loading": until the
worker thread finished the comparison; "showing it": after, while the window builds its panes,
factor list and summary). On a machine busy with other work a gap also holds the time the
system gave to other processes; "most UI-thread CPU between two ticks" counts only the
processor time of the UI thread itself (but not its waits for Python's lock). Set
FACTORDIFF_BENCH_WHERE=1 to print where the UI thread was during
the longest stalls. "First screen" and "whole comparison" are the times from the comparison
being ready to the new pane's first paint of it and to the paint of all of it.

The scroll measurements sweep the whole comparison a wheel step at a time (the new pane
scrolled, the old pane following it): the scroll-sync step alone; "screen updated" adds the
paint Qt does for it (the strips scrolled into view, the link map, the scroll bars); "both
panes repainted" forces a full repaint of both panes on top (median and worst step).

Every pair is measured twice: with Qt's offscreen platform (painting into memory), and on an
X11 server (xcb: each paint is sent to the server, as on a desktop): the one $DISPLAY names,
else an Xvfb this script starts and stops (skipped, with a note, when neither is there). Set
QT_QPA_PLATFORM to measure on that platform alone. Beside the stalls and the scroll step
stand the numbers recorded before the window's stall work of issue 16 (BEFORE).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"IIJ FY2008/FY2009": 1.5, "Coca-Cola 2023/2024": 3.0, "NVIDIA 2024/2025": 3.0}
# The corpus pairs measured: Coca-Cola has the largest files, NVIDIA the most risk-factor text
# (about 208,000 characters on the two sides).
CORPUS_PAIRS = {
    "Coca-Cola 2023/2024": ("cocacola_10-K_2023.html", "cocacola_10-K_2024.html"),
    "NVIDIA 2024/2025": ("nvidia_10-K_2024.html", "nvidia_10-K_2025.html"),
}
SCROLL_TARGET_MS = 5.0
CORRECTION_TARGET_MS = 100.0
CORRECTION_REPEAT = 5
# No stall of the UI thread longer than this while a comparison loads and shows: a person
# notices a window that takes longer to answer a key or a click.
STALL_TARGET_MS = 50.0
# The watchdog timer's interval: a gap between two of its ticks longer than this is a stall.
WATCHDOG_MS = 5
# After the whole comparison is painted, the watchdog keeps watching this long (work the
# window defers, timers that fire after the paint).
SETTLE_MS = 400
# Set to any value: print where the UI thread was during the longest stalls (stderr).
WHERE_VARIABLE = "FACTORDIFF_BENCH_WHERE"
# Qt's chatter about the offscreen platform is not part of the numbers.
QUIET = {"QT_LOGGING_RULES": "qt.qpa.*=false"}
PLATFORMS = ("offscreen", "xcb")
# The screen of an Xvfb started for the xcb measurements: room for the 1500x920 window.
XVFB_SCREEN = "1600x1000x24"


class Before(NamedTuple):
    """Medians (ms) measured before the window's stall work (issue 16): the longest UI
    stall while loading and while showing (with the worst of all runs), and the scroll step
    with both panes repainted."""

    loading: float
    showing: float
    showing_worst: float
    scroll: float


# main at 119750c, on the 2-core development machine, lightly loaded: one run of --repeat 3
# per platform (medians, and the worst of the three). A second run while other work ran on
# the machine measured more: showing 55-85 ms offscreen and 36-72 ms on xcb, worst 148 ms.
BEFORE: dict[tuple[str, str], Before] = {
    ("offscreen", "IIJ FY2008/FY2009"): Before(20, 38, 40, 4.71),
    ("offscreen", "Coca-Cola 2023/2024"): Before(18, 50, 72, 3.51),
    ("offscreen", "NVIDIA 2024/2025"): Before(14, 50, 67, 3.41),
    ("xcb", "IIJ FY2008/FY2009"): Before(23, 36, 38, 5.41),
    ("xcb", "Coca-Cola 2023/2024"): Before(18, 84, 88, 4.46),
    ("xcb", "NVIDIA 2024/2025"): Before(12, 71, 76, 4.67),
}


def corpus_pair(corpus: Path, *names: str) -> tuple[Path, Path]:
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
    # The parent stops its clock here, less the time since the first screen was painted.
    late = time.perf_counter() - numbers.pop("first_painted_at")
    print(json.dumps({"painted": True, "late_s": late}), flush=True)
    numbers.update(_scroll_steps(window))
    if hasattr(window, "corrections"):  # not in builds from before corrections existed
        numbers.update(_corrections(window))
    window.close()
    return numbers


def _open_until_painted(old: Path, new: Path) -> tuple[Any, dict[str, float]]:
    """The window, once its new pane painted the whole comparison, and the UI thread's
    stalls from the start of the load until the window is settled."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from gui.main_window import MainWindow  # noqa: PLC0415

    # A local loop: QApplication.quit() would close the window before the scroll measurement.
    loop = QEventLoop()
    window = MainWindow()
    window.resize(1500, 920)
    viewport = window.view.pane(1).viewport()
    moments: dict[str, float] = {}
    # Older builds wrote the panes in one go and had no `filled` signal: their first paint
    # of the comparison is the whole of it.
    filled = getattr(window.view, "filled", None)
    whole: list[bool] = [filled is None]

    def settle() -> None:
        moments["painted"] = time.perf_counter()
        # Whatever the window does just after (deferred work, timers) counts too.
        QTimer.singleShot(SETTLE_MS, loop.quit)

    class PaintWatch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and window.comparison() is not None:
                moments.setdefault("first_painted", time.perf_counter())
                if whole[0] and "painted" not in moments:
                    settle()
            return False

    def on_filled() -> None:
        whole[0] = True
        viewport.update()  # the whole comparison is painted next

    def fail(_request: object, error: BaseException) -> None:
        print(error, file=sys.stderr)
        loop.exit(1)

    watch = PaintWatch()
    viewport.installEventFilter(watch)
    window.loader.failed.connect(fail)
    if filled is not None:
        filled.connect(on_filled)
    # The last progress report (done == total) arrives as the worker finishes, before the
    # window's own finished handler builds the panes.
    window.loader.progress.connect(
        lambda done, total: done >= total and moments.setdefault("loaded", time.perf_counter())
    )
    window.show()
    for _ in range(3):
        QApplication.processEvents()  # the empty window shown: not part of the load
    watchdog = _Watchdog()
    sampler = _StallSampler(watchdog.ticks) if os.environ.get(WHERE_VARIABLE) else None
    moments["started"] = watchdog.start()
    window.compare(old, new)
    if loop.exec() != 0:
        raise SystemExit(1)
    watchdog.stop()
    viewport.removeEventFilter(watch)
    if sampler is not None:
        sampler.report()
    loaded = moments.get("loaded", moments["first_painted"])
    gaps = list(itertools.pairwise(watchdog.ticks))
    loading = [later - earlier for earlier, later in gaps if later <= loaded]
    showing = [later - earlier for earlier, later in gaps if later > loaded]
    busy = [later - earlier for earlier, later in itertools.pairwise(watchdog.cpu)]
    return window, {
        "busy_ms": max(busy, default=0.0) * 1000,
        "stall_loading_ms": max(loading, default=0.0) * 1000,
        "stall_showing_ms": max(showing, default=0.0) * 1000,
        "first_screen_ms": (moments["first_painted"] - loaded) * 1000,
        "showing_ms": (moments["painted"] - loaded) * 1000,
        "first_painted_at": moments["first_painted"],
    }


class _Watchdog:
    """A timer that should tick every WATCHDOG_MS on the UI thread: the longest gap between its
    ticks is the longest time the window could not have reacted to a person. Beside each
    tick, the UI thread's own processor time: on a machine busy with other work a gap also
    counts the time the system gave to others; that counts only the UI thread's."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer  # noqa: PLC0415

        self.ticks: list[float] = []
        self.cpu: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(WATCHDOG_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def start(self) -> float:
        self._tick()
        self._timer.start()
        return self.ticks[0]

    def stop(self) -> None:
        self._timer.stop()
        self._tick()


class _StallSampler:
    """With FACTORDIFF_BENCH_WHERE set: a thread that notes what the UI thread is running
    whenever the watchdog is late, and prints the most frequent lines per stall (stderr)."""

    def __init__(self, ticks: list[float]) -> None:
        import threading  # noqa: PLC0415

        self._ticks = ticks
        self._main = threading.main_thread().ident or 0
        self._samples: list[tuple[float, str]] = []
        self._running = True
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import traceback  # noqa: PLC0415

        while self._running:
            time.sleep(0.004)
            now = time.perf_counter()
            if self._ticks and now - self._ticks[-1] > 0.02:
                frame = sys._current_frames().get(self._main)
                if frame is not None:
                    stack = traceback.extract_stack(frame)[-8:]
                    where = " < ".join(
                        f"{Path(line.filename).name}:{line.lineno}({line.name})"
                        for line in reversed(stack)
                    )
                    self._samples.append((self._ticks[-1], where))

    def report(self) -> None:
        self._running = False
        self._thread.join()
        by_stall: dict[float, list[str]] = {}
        for since, where in self._samples:
            by_stall.setdefault(since, []).append(where)
        for _since, wheres in sorted(by_stall.items(), key=lambda item: -len(item[1]))[:6]:
            print(f"stall of ~{len(wheres) * 4 + 20} ms:", file=sys.stderr)
            for where in sorted(set(wheres), key=wheres.count, reverse=True)[:4]:
                print(f"   {wheres.count(where):3} x {where}", file=sys.stderr)


def _scroll_steps(window: Any) -> dict[str, float]:
    """A scripted scroll through the whole comparison, a wheel step at a time, of the new
    pane with the old pane following it: each step alone, each step with the screen update Qt
    makes for it, and each step with both panes repainted in full."""
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
    updated = [seconds for seconds in _screen_updates(bar, step)]
    return {
        "scroll_update_ms": statistics.median(updated) * 1000,
        "scroll_ms": statistics.median(sync) * 1000,
        "scroll_paint_ms": statistics.median(painted_steps) * 1000,
        "scroll_paint_max_ms": max(painted_steps) * 1000,
        "scroll_steps": len(painted_steps),
        "followed": followed / len(painted_steps),
    }


def _sweep(bar: Any, step: int) -> Iterator[int]:
    """A step number for each wheel step from the top of the comparison to its end."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    bar.setValue(0)
    QApplication.processEvents()
    number = 0
    while bar.value() + step <= bar.maximum():
        yield number
        number += 1


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


def _corrections(window: Any) -> dict[str, float]:
    """Milliseconds from a reviewer's correction to the window showing its result where the
    reader is (re-aligned, the panes written down to the pair on top, a reworded pair halfway
    down the comparison, and the new pane painted; captions and counts updated), with the
    processor time the process spent on it (what a busy machine does not stretch), and to
    the whole of it shown (the panes filled in behind, the factor list and its marks):
    unpairing that pair (the pairs re-aligned under the new constraint) and its undo, and
    "not a factor heading" (the new filing re-segmented, then re-aligned). Each is the median
    of CORRECTION_REPEAT, after one correction not timed (the first one takes over the scores
    the review worked out beside the UI thread)."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from core.model import Status  # noqa: PLC0415
    from gui import corrections  # noqa: PLC0415

    def settle() -> None:
        while window.showing():
            QApplication.processEvents()

    settle()
    session = window.review.session
    viewport = window.view.pane(1).viewport()

    def shown(act: Any) -> tuple[float, float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        act()
        viewport.repaint()
        first = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
        settle()
        return (*first, (time.perf_counter() - start) * 1000)

    first_pair = next(k for k, p in enumerate(window.comparison().pairs) if p.old and p.new)
    window.corrections.apply(corrections.unpairing(window.comparison(), first_pair))
    session.undo_stack.undo()
    settle()

    pairing: list[tuple[float, float, float]] = []
    undoing: list[tuple[float, float, float]] = []
    segmenting: list[tuple[float, float, float]] = []
    for _ in range(CORRECTION_REPEAT):
        comparison = window.comparison()
        # A reworded pair halfway down, brought to the top, as a reviewer reading it would:
        # the panes write what comes before the reader's place first.
        reworded = [k for k, p in enumerate(comparison.pairs) if p.status is Status.MODIFIED]
        index = reworded[len(reworded) // 2]
        window.view.go_to_pair(index)
        unpair = corrections.unpairing(comparison, index)
        pairing.append(shown(lambda chosen=unpair: window.corrections.apply(chosen)))
        undoing.append(shown(session.undo_stack.undo))
        heading = corrections.not_a_heading(comparison, 1, len(comparison.new.factors) // 2)
        segmenting.append(shown(lambda chosen=heading: window.corrections.apply(chosen)))
        session.undo_stack.undo()
        settle()
    numbers: dict[str, float] = {}
    for name, times in (("pairing", pairing), ("undo", undoing), ("segment", segmenting)):
        numbers[f"correction_{name}_ms"] = statistics.median(wall for wall, _, _ in times)
        numbers[f"correction_{name}_cpu_ms"] = statistics.median(cpu for _, cpu, _ in times)
        numbers[f"correction_{name}_whole_ms"] = statistics.median(whole for _, _, whole in times)
    return numbers


# The parent: starts children and times them. --------------------------------------------------


def run_child(args: list[str], platform: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Seconds from starting the process to its "painted" line, and its final numbers.
    `platform`: the environment that chooses Qt's platform (and X display)."""
    env = {**os.environ, **QUIET, **platform}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        stderr=None if os.environ.get(WHERE_VARIABLE) else subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    painted = time.perf_counter() - start
    if first.startswith("{"):
        painted -= json.loads(first).get("late_s", 0.0)
    rest = child.stdout.read()
    if child.wait() != 0 or not first:
        raise SystemExit(f"child {args} failed: {first}{rest}")
    lines = [line for line in rest.splitlines() if line.startswith("{")]
    return painted, json.loads(lines[-1]) if lines else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="measure only the pairs whose name contains this")
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
        **{name: corpus_pair(args.corpus, *files) for name, files in CORPUS_PAIRS.items()},
    }
    if args.only:
        pairs = {name: paths for name, paths in pairs.items() if args.only.lower() in name.lower()}
    chosen = os.environ.get("QT_QPA_PLATFORM")
    for platform in (chosen,) if chosen else PLATFORMS:
        with _platform(platform) as environment:
            if environment is None:
                print(f"platform: {platform}: skipped (no X display, and no Xvfb to start one)")
                continue
            display = f" on {environment['DISPLAY']}" if "DISPLAY" in environment else ""
            print(f"platform: {platform}{display}, repeat {args.repeat}")
            runs = [run_child(["empty"], environment)[0] for _ in range(args.repeat)]
            empty = statistics.median(runs)
            print(f"{'baseline: empty QMainWindow painted':44} {empty:6.2f} s")
            for name, (old, new) in pairs.items():
                runs_of_pair = [
                    run_child(["pair", str(old), str(new)], environment) for _ in range(args.repeat)
                ]
                _report(name, runs_of_pair, empty, BEFORE.get((platform, name)))


@contextlib.contextmanager
def _platform(platform: str) -> Iterator[dict[str, str] | None]:
    """The environment that runs Qt on `platform`: for xcb, the X display $DISPLAY names,
    else an Xvfb started for the measurements (stopped after them); None if there is none."""
    if platform != "xcb" or os.environ.get("DISPLAY"):
        yield {"QT_QPA_PLATFORM": platform}
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield None
        return
    # Xvfb picks a free display number and writes it to the pipe it is given.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", XVFB_SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()
        yield {"QT_QPA_PLATFORM": platform, "DISPLAY": f":{number}"} if number else None
    finally:
        server.terminate()
        server.wait()


def _report(
    name: str, runs: list[tuple[float, dict[str, float]]], empty: float, before: Before | None
) -> None:
    def median(key: str) -> float:
        return statistics.median(numbers[key] for _, numbers in runs)

    painted = statistics.median(seconds for seconds, _ in runs)
    target = TARGETS.get(name, TARGETS["Coca-Cola 2023/2024"])
    verdict = "ok" if painted < target else "SLOW"
    print(
        f"{name + ': painted with comparison':44} {painted:6.2f} s  "
        f"(target < {target} s, {verdict}; {painted - empty:+.2f} s over baseline)"
    )
    print(f"{name + ': first screen painted after':44} {median('first_screen_ms'):6.0f} ms")
    print(f"{name + ': whole comparison painted after':44} {median('showing_ms'):6.0f} ms")
    loading, showing = median("stall_loading_ms"), median("stall_showing_ms")
    worst_stall = max(max(n["stall_loading_ms"], n["stall_showing_ms"]) for _, n in runs)
    stall_verdict = "ok" if worst_stall <= STALL_TARGET_MS else "OVER TARGET"
    was_loading = "" if before is None else f" (before: {before.loading:.0f} ms)"
    print(f"{name + ': longest UI stall while loading':44} {loading:6.0f} ms{was_loading}")
    print(f"{name + ': most UI-thread CPU between two ticks':44} {median('busy_ms'):6.0f} ms")
    was_showing = (
        ""
        if before is None
        else f"before: {before.showing:.0f} ms, worst {before.showing_worst:.0f} ms; "
    )
    print(
        f"{name + ': longest UI stall showing it':44} {showing:6.0f} ms "
        f"({was_showing}target <= {STALL_TARGET_MS:.0f} ms; worst of all runs "
        f"{worst_stall:.0f} ms, {stall_verdict})"
    )
    scroll = median("scroll_ms")
    followed = min(numbers["followed"] for _, numbers in runs)
    print(
        f"{name + ': scroll-sync step':44} {scroll:6.2f} ms "
        f"(other pane followed {followed:.0%} of steps)"
    )
    print(f"{name + ': same step, screen updated':44} {median('scroll_update_ms'):6.2f} ms")
    with_paint = median("scroll_paint_ms")
    worst = max(numbers["scroll_paint_max_ms"] for _, numbers in runs)
    scroll_verdict = "ok" if with_paint < SCROLL_TARGET_MS else "SLOW"
    was_scroll = "" if before is None else f"before: {before.scroll:.2f} ms; "
    print(
        f"{name + ': same step, both panes repainted':44} {with_paint:6.2f} ms "
        f"({was_scroll}target < {SCROLL_TARGET_MS} ms, {scroll_verdict}; worst {worst:.1f} ms; "
        f"{median('scroll_steps'):.0f} steps)"
    )
    for key, what in (
        ()
        if "correction_pairing_ms" not in runs[0][1]
        else (
            ("pairing", "unpair a pair, shown"),
            ("undo", "undo it, shown"),
            ("segment", "not a factor heading, shown"),
        )
    ):
        taken, cpu = median(f"correction_{key}_ms"), median(f"correction_{key}_cpu_ms")
        verdict = "ok" if taken < CORRECTION_TARGET_MS else "SLOW"
        print(
            f"{name + ': ' + what:44} {taken:6.0f} ms "
            f"(CPU {cpu:.0f} ms; target < {CORRECTION_TARGET_MS:.0f} ms, {verdict}; "
            f"all shown {median(f'correction_{key}_whole_ms'):.0f} ms)"
        )


if __name__ == "__main__":
    main()
