#!/usr/bin/env bash
# Build the one-folder app into dist/FactorDiff/ and pack it as dist/FactorDiff-<version>-linux-x86_64.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
version=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
started=$(date +%s)

QT_QPA_PLATFORM=offscreen "$PY" packaging/make_icons.py build/icons
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/factordiff.spec

archive="dist/FactorDiff-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" FactorDiff
echo "built dist/FactorDiff ($(du -sh dist/FactorDiff | cut -f1)) and $archive ($(du -h "$archive" | cut -f1)) in $(( $(date +%s) - started )) s"
