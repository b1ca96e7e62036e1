#!/usr/bin/env bash
# Installs the few Debian libraries Qt's xcb/offscreen plugins load, when they are missing.
# As root it installs them with apt-get; otherwise it names them and carries on.
set -euo pipefail

# library file -> Debian package
declare -A needed=(
  [libGL.so.1]=libgl1
  [libEGL.so.1]=libegl1
  [libxkbcommon.so.0]=libxkbcommon0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libfontconfig.so.1]=libfontconfig1
  [libdbus-1.so.3]=libdbus-1-3
  [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-image.so.0]=libxcb-image0
  [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-randr.so.0]=libxcb-randr0
  [libxcb-xkb.so.1]=libxcb-xkb1
  [libxcb-xinerama.so.0]=libxcb-xinerama0
  [libglib-2.0.so.0]=libglib2.0-0
)
missing=()
for lib in "${!needed[@]}"; do
  ldconfig -p | grep -q "$lib" || missing+=("${needed[$lib]}")
done
# Tools the tests and screenshots use: pdftotext/pdftoppm, a font.
command -v pdftotext >/dev/null || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# The desktop entry and review file type are checked by the tests and the packaging smoke test.
command -v desktop-file-validate >/dev/null || missing+=(desktop-file-utils)
command -v update-mime-database >/dev/null || missing+=(shared-mime-info)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages Qt needs: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "FactorDiff needs these Debian packages; install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
fi
