"""Time from launching FactorDiff to a painted window with the bundled samples compared.

    python packaging/bench_startup.py [--repeat N]

Runs the frozen app (dist/FactorDiff/FactorDiff, built by `make package`) and `python main.py`
in the same run, each with `--quit-after-paint`: the window opens, compares the IIJ samples,
quits as soon as the new pane has painted them. The time is from launch to exit (so it includes
the short teardown). Qt runs offscreen unless QT_QPA_PLATFORM says otherwise (e.g. xcb under
xvfb-run). Target for the frozen app on the 2-core dev machine: under 3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "FactorDiff" / "FactorDiff"
TARGET_SECONDS = 3.0


def launch_seconds(command: list[str]) -> float:
    """Seconds from starting `command` until it exits; raises if it fails."""
    environment = {**os.environ, "QT_LOGGING_RULES": "qt.qpa.*=false"}
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    commands = {
        "python main.py": [sys.executable, str(ROOT / "main.py"), "--quit-after-paint"],
    }
    if FROZEN.is_file():
        commands["frozen FactorDiff"] = [str(FROZEN), "--quit-after-paint"]
    else:
        print(f"({FROZEN} not built: run make package to time the frozen app)")
    print(f"{'launch to painted window':<28}{'median':>9}{'min':>9}{'max':>9}   target")
    for label, command in commands.items():
        launch_seconds(command)  # warm the file cache, as a second double-click would find it
        times = [launch_seconds(command) for _ in range(args.repeat)]
        target = f"< {TARGET_SECONDS:.0f} s" if label.startswith("frozen") else "baseline"
        print(
            f"{label:<28}{statistics.median(times):>8.2f}s{min(times):>8.2f}s"
            f"{max(times):>8.2f}s   {target}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
