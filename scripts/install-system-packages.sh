#!/usr/bin/env bash
# Debian/Ubuntu libraries that Qt's platform plugins and QtWebEngine link,
# plus what the tests and screenshots use (Xvfb, poppler's pdftoppm).
# A desktop Linux has nearly all of them; a server or CI image may not.
set -euo pipefail
packages=(
    libegl1 libgl1 libopengl0 libgbm1 libdrm2
    libxkbcommon0 libxkbcommon-x11-0 libxkbfile1 libfontconfig1 fonts-dejavu-core
    libnss3 libasound2 libdbus-1-3 libglib2.0-0
    libx11-xcb1 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxshmfence1
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-shape0 libxcb-xkb1 libxcb-randr0
    xvfb poppler-utils
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: all present"
    exit 0
fi
echo "system packages: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
