#!/usr/bin/env bash
# Installs what building, running and testing Rapport needs on Debian or
# Ubuntu: the C toolchain and X11/OpenGL/Wayland headers Fyne's cgo build
# uses, the colour emoji font newer emoji fall back to, Xvfb and friends
# for the end-to-end test, and Go itself if it is
# missing or too old. Safe to run again: it installs only what is missing.
#
#   scripts/deps.sh          build and run
#   scripts/deps.sh test     also the test tools (Xvfb, xdotool, imagemagick)
set -euo pipefail

want=(gcc pkg-config ca-certificates curl libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev fonts-noto-color-emoji)
if [[ "${1:-}" == "test" ]]; then
  want+=(xvfb xauth xdotool imagemagick x11-utils dbus-x11)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v go >/dev/null 2>&1; then
  missing+=(golang-go)
fi

if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Go: the version go.mod names is fetched by Go itself (GOTOOLCHAIN=auto)
# when the installed Go is at least 1.21; older ones cannot, so install a
# current Go from go.dev into ~/.local/go.
goversion() { go env GOVERSION 2>/dev/null | sed 's/^go//'; }
if ! printf '%s\n1.21\n' "$(goversion)" | sort -V -C -r 2>/dev/null; then
  v=$(sed -n 's/^go //p' "$(dirname "$0")/../go.mod")
  echo "Go $(goversion) is too old; installing Go $v into ~/.local/go" >&2
  mkdir -p "$HOME/.local"
  curl -fsSL "https://go.dev/dl/go$v.linux-$(dpkg --print-architecture).tar.gz" | tar -C "$HOME/.local" -xz
  echo "Add ~/.local/go/bin to your PATH (export PATH=\$HOME/.local/go/bin:\$PATH)." >&2
fi
