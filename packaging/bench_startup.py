"""Time from launching FactorDiff to a painted window with the bundled samples compared.

    python packaging/bench_startup.py [--repeat N] [--cold]

Runs the frozen app (dist/FactorDiff/FactorDiff, built by `make package`) and `python main.py`
in the same run, each with `--quit-after-paint`: the window opens, compares the IIJ samples,
quits as soon as the new pane has painted them. The time is from launch to exit (so it includes
the short teardown). Qt runs offscreen unless QT_QPA_PLATFORM says otherwise (e.g. xcb under
xvfb-run). Target for the frozen app on the 2-core dev machine: under 3 s.

Warm (default): one untimed launch first, as a second double-click would find the files cached.
`--cold`: before every launch, the files the program loads from its own folders (the frozen
app's folder; for `python main.py` the project, the venv's packages and the standard library)
are dropped from the page cache with posix_fadvise, as after a reboot. System libraries
(libGL, fontconfig, X11) stay cached in both cases.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
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


def drop_from_page_cache(folders: list[Path]) -> None:
    """Ask the kernel to forget the cached pages of every file under `folders`."""
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file() or path.is_symlink():
                continue
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="drop the program's files from cache")
    args = parser.parse_args()
    python_folders = [
        ROOT / "core",
        ROOT / "gui",
        Path(sysconfig.get_paths()["purelib"]),
        Path(sysconfig.get_paths()["stdlib"]),
    ]
    commands = {
        "python main.py": (
            [sys.executable, str(ROOT / "main.py"), "--quit-after-paint"],
            python_folders,
        ),
    }
    if FROZEN.is_file():
        commands["frozen FactorDiff"] = ([str(FROZEN), "--quit-after-paint"], [FROZEN.parent])
    else:
        print(f"({FROZEN} not built: run make package to time the frozen app)")
    mode = "cold" if args.cold else "warm"
    print(f"{'launch to painted window, ' + mode:<32}{'median':>9}{'min':>9}{'max':>9}   target")
    for label, (command, folders) in commands.items():
        times = []
        if not args.cold:
            launch_seconds(command)
        for _ in range(args.repeat):
            if args.cold:
                drop_from_page_cache(folders)
            times.append(launch_seconds(command))
        target = f"< {TARGET_SECONDS:.0f} s" if label.startswith("frozen") else "baseline"
        print(
            f"{label:<32}{statistics.median(times):>8.2f}s{min(times):>8.2f}s"
            f"{max(times):>8.2f}s   {target}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
