#!/bin/sh
# Screenshots of the window for the README (docs/screenshots/*.png), on a virtual X display.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
exec xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb "$PYTHON" scripts/screenshots.py "$@"
