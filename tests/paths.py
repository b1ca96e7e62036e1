"""Where the tests' inputs are: gzipped real filings and gold labels (tests/fixtures), and the
sample filings the app ships (resources/samples)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "resources" / "samples"
