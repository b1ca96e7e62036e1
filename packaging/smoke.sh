#!/usr/bin/env bash
# Check the frozen app: every bundled library finds the Qt/Python libraries it links, the
# per-user desktop install works, and the installed app passes its own self-test (offscreen,
# so it needs no display). Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/FactorDiff/FactorDiff
[ -x "$app" ] || { echo "smoke: $app is missing; run make package first" >&2; exit 1; }

# A Qt library the spec excluded but a kept plugin still needs shows up as "not found"; system
# libraries missing here (libGL, Wayland) are the machine's business, named but not fatal.
internal=$PWD/dist/FactorDiff/_internal
unresolved=$(find "$internal" -name '*.so*' -type f -print0 \
  | xargs -0 -n 40 env LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" ldd 2>/dev/null \
  | awk '/^\// {file=$1} /not found/ {print file, $1}' || true)
broken=$(echo "$unresolved" | grep -E ' lib(Qt6|pyside6|shiboken6|python3)' || true)
if [ -n "$broken" ]; then
  echo "smoke: bundled libraries link Qt/Python libraries the bundle lacks:" >&2
  echo "$broken" >&2
  exit 1
fi
system=$(echo "$unresolved" | awk 'NF {print $2}' | sort -u | tr '\n' ' ')
[ -z "$system" ] || echo "smoke: this machine lacks system libraries some plugins use: $system" >&2

# Install for a throwaway user, as `make install-desktop` does, and test that installed copy
# through its launcher: menu entry, icon and MIME cache in place, the entry valid.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_DATA_HOME=$home/.local/share bash packaging/install_desktop.sh >/dev/null
data=$home/.local/share
for file in "$data/applications/factordiff.desktop" "$data/icons/hicolor/48x48/apps/factordiff.png" \
  "$data/icons/hicolor/scalable/apps/factordiff.svg" "$home/.local/bin/FactorDiff"; do
  [ -e "$file" ] || { echo "smoke: install-desktop did not create $file" >&2; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$data/applications/factordiff.desktop"
fi
if command -v update-desktop-database >/dev/null; then
  grep -q "text/html=.*factordiff.desktop" "$data/applications/mimeinfo.cache" \
    || { echo "smoke: FactorDiff is not offered for HTML files" >&2; exit 1; }
  grep -q "application/x-factordiff-review=.*factordiff.desktop" "$data/applications/mimeinfo.cache" \
    || { echo "smoke: FactorDiff is not offered for its review files" >&2; exit 1; }
fi
[ -e "$data/mime/packages/factordiff.xml" ] \
  || { echo "smoke: install-desktop did not register the review file type" >&2; exit 1; }
if command -v update-mime-database >/dev/null; then
  grep -q "application/x-factordiff-review:\*.factordiff" "$data/mime/globs" \
    || { echo "smoke: *.factordiff is not known as a review file" >&2; exit 1; }
fi

# The offscreen platform warns once per window that it cannot propagate size hints: not news.
# stdout goes straight through (fd 3); stderr is filtered; pipefail keeps the app's exit status.
{ HOME=$home QT_QPA_PLATFORM=offscreen "$home/.local/bin/FactorDiff" --selftest 2>&1 1>&3 \
  | { grep -v "does not support propagateSizeHints" || true; } >&2; } 3>&1
