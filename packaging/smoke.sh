#!/usr/bin/env bash
# Run the frozen app's self-test (offscreen, so it needs no display): exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/FactorDiff/FactorDiff
[ -x "$app" ] || { echo "smoke: $app is missing; run make package first" >&2; exit 1; }
# The offscreen platform warns once per window that it cannot propagate size hints: not news.
# stdout goes straight through (fd 3); stderr is filtered; pipefail keeps the app's exit status.
{ QT_QPA_PLATFORM=offscreen "$app" --selftest 2>&1 1>&3 \
  | { grep -v "does not support propagateSizeHints" || true; } >&2; } 3>&1
