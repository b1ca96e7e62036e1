"""core/ is pure Python: importing every module below it and running a comparison through
every report never loads Qt. Checked in a fresh interpreter, where nothing else (pytest-qt,
this suite's GUI tests) has loaded it already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PROGRAM = """
import importlib, json, pkgutil, sys
import core
from core.compare import compare_files
from core.diff.options import DiffOptions
from core.diff.words import word_diff
from core.report.to_csv import comparison_to_csv
from core.report.to_html import comparison_to_html
from core.report.to_json import comparison_to_json

names = sorted(module.name for module in pkgutil.walk_packages(core.__path__, "core."))
for name in names:
    importlib.import_module(name)
comparison = compare_files(sys.argv[1], sys.argv[2])
comparison_to_json(comparison), comparison_to_csv(comparison), comparison_to_html(comparison)
old, new = comparison.old.factors[0], comparison.new.factors[0]
word_diff(old.body, new.body, options=DiffOptions(True, True, True))
qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"modules": names, "pairs": len(comparison.pairs), "qt": qt}))
"""


def test_core_and_a_comparison_never_import_qt() -> None:
    samples = ROOT / "resources" / "samples"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROGRAM,
            str(samples / "iij-20f-fy2008.txt"),
            str(samples / "iij-20f-fy2009.txt"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report["qt"] == []
    assert report["pairs"] > 0
    # Every stage of the pipeline was imported, not just what the comparison needed.
    for stage in ("core.read", "core.segment", "core.align", "core.diff", "core.report"):
        assert any(name.startswith(f"{stage}.") for name in report["modules"]), stage
