#!/usr/bin/env bash
# Install the built app for the current user: the app folder, a launcher on PATH, the menu
# entry and the icon, so FactorDiff appears in the desktop's menu and in "Open With" for
# HTML and text filings. Undo with: packaging/install_desktop.sh --uninstall
set -euo pipefail
cd "$(dirname "$0")/.."
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/FactorDiff
bin=$HOME/.local/bin
icons=build/icons/png

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$bin/FactorDiff" "$data/applications/factordiff.desktop"
  rm -f "$data"/icons/hicolor/*/apps/factordiff.png "$data"/icons/hicolor/*/apps/factordiff.svg
  rm -f "$data/mime/packages/factordiff.xml"
  command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
  echo "FactorDiff removed for ${USER:-$(id -un)}"
  exit 0
fi

[ -x dist/FactorDiff/FactorDiff ] || { echo "install: run make package first" >&2; exit 1; }
mkdir -p "$opt" "$bin" "$data/applications"
rm -rf "$opt"
cp -a dist/FactorDiff "$opt"
ln -sf "$opt/FactorDiff" "$bin/FactorDiff"
for png in "$icons"/*.png; do
  size=$(basename "$png" .png)
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$data/icons/hicolor/${size}x${size}/apps/factordiff.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp resources/icons/factordiff.svg "$data/icons/hicolor/scalable/apps/factordiff.svg"
# Exec names the launcher by its full path: ~/.local/bin is not on every desktop session's PATH.
sed -e "s|^Exec=FactorDiff|Exec=$bin/FactorDiff|" -e "s|^TryExec=FactorDiff|TryExec=$bin/FactorDiff|" \
  resources/factordiff.desktop > "$data/applications/factordiff.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
# The review file's type (*.factordiff), so the desktop opens it with FactorDiff.
mkdir -p "$data/mime/packages"
cp resources/factordiff-mime.xml "$data/mime/packages/factordiff.xml"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
# Refresh an icon cache only where one exists; otherwise a newer folder time is enough for
# desktops to rescan (a cache written here would go stale when other apps add icons).
if [ -f "$data/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
  gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
else
  touch "$data/icons/hicolor"
fi
echo "FactorDiff installed for ${USER:-$(id -un)}: $opt, $bin/FactorDiff, $data/applications/factordiff.desktop"
