#!/usr/bin/env bash
# Run the frozen app's self-test (offscreen, so it needs no display): exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/FactorDiff/FactorDiff
[ -x "$app" ] || { echo "smoke: $app is missing; run make package first" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="qt.qpa.*=false" "$app" --selftest
