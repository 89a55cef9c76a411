#!/usr/bin/env bash
# Builds Rapport's packages into dist/, from Linux (docs/packaging.md says
# what each one holds, how it is made and how big it is):
#
#   rapport_V-B_amd64.deb, rapport-V-B.x86_64.rpm   nfpm, from scripts/packaging/nfpm.yaml
#   rapport-V-linux-amd64.tar.xz                    portable: binary, icons, menu entry, install Makefile
#   rapport-V-windows-amd64.exe                     the program alone, cross-compiled with mingw-w64
#   Rapport-V-setup.exe                             the Windows installer (NSIS)
#   SHA256SUMS
#
#   scripts/package.sh [linux] [windows]    (default: both)
#
# V and B are FyneApp.toml's [Details] Version and Build, the one place
# they are written. It installs what it needs first (Debian or Ubuntu, as
# root or with sudo). Builds are reproducible: -trimpath, no build ID or VCS
# stamp, and every file time and package header set from SOURCE_DATE_EPOCH
# (by default the commit's date), so two builds of one commit give
# byte-identical Linux artifacts (scripts/package-test.sh checks it).
#
# On a Windows CI runner (.github/workflows/package.yml) it runs in MSYS2's
# bash with PACKAGE_DEPS=0 (the workflow installs the tools), WINDRES,
# WIN_CC and MAGICK naming MSYS2's own tools and NSIS_TARGET=x86-unicode.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packaging/apt.sh
shopt -u patsub_replacement 2>/dev/null || true # '&' in a value stays '&' in fill

# nfpm is pinned here rather than in go.mod's tool block: it is a build tool
# with a large dependency tree of its own that the app must not inherit.
NFPM=github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.48.0
ICON_SIZES=(16 22 24 32 48 64 128 256 512) # nfpm.yaml lists the same
WIN_ICON_SIZES=(16 24 32 48 64 128 256)
DIST=${DIST:-dist}
BUILD=${BUILD:-build/package}
PKG=scripts/packaging
WINDRES=${WINDRES:-x86_64-w64-mingw32-windres}
WIN_CC=${WIN_CC:-x86_64-w64-mingw32-gcc}
MAGICK=${MAGICK:-convert}
SYSO=rapport_windows_amd64.syso # the Windows resources, beside main.go only while rapport.exe builds

targets=("$@")
((${#targets[@]})) || targets=(linux windows)
debs=(git xz-utils librsvg2-bin)
for t in "${targets[@]}"; do
  case $t in
    linux) debs+=(help2man appstream desktop-file-utils) ;;
    windows) debs+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis imagemagick) ;;
    *) echo "usage: scripts/package.sh [linux] [windows]" >&2; exit 2 ;;
  esac
done
if [[ ${PACKAGE_DEPS:-1} != 0 ]]; then
  scripts/deps.sh # Go, the C toolchain and the X11/OpenGL headers
  ensure_debs "${debs[@]}"
fi
source scripts/env.sh

# Everything that could differ between two builds of one commit is pinned.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export TZ=UTC LC_ALL=C.UTF-8
umask 022
eval "$(go run ./scripts/appmeta FyneApp.toml)"
export APP_NAME APP_ID APP_VERSION APP_BUILD APP_WEBSITE
# shellcheck disable=SC2034 # read by fill
RELEASE_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)

rm -rf "$DIST" "$BUILD"
mkdir -p "$DIST" "$BUILD"
DIST=$(realpath "$DIST")
BUILD=$(realpath "$BUILD")

step() { printf '\n== %s\n' "$*" >&2; }

# native is a path as a Windows program (go, windres, makensis) reads it
# under MSYS2, and the path itself elsewhere.
native() { if command -v cygpath >/dev/null; then cygpath -m "$1"; else printf '%s\n' "$1"; fi; }

# gobuild builds the app for release: the fyneDo migration tag, no paths of
# this machine, no build ID, no VCS stamp, no symbol tables.
gobuild() {
  local out=$1 ldextra=${2:-}
  go build -tags migrated_fynedo -trimpath -buildvcs=false \
    -ldflags "-s -w -buildid= $ldextra" -o "$(native "$out")" .
}

# fill copies a template, replacing each @NAME@ with $NAME.
fill() {
  local s v
  s=$(<"$1")
  for v in APP_NAME APP_ID APP_VERSION APP_BUILD APP_WEBSITE APP_GENERIC_NAME APP_COMMENT \
    APP_CATEGORIES APP_KEYWORDS RELEASE_DATE "${@:3}"; do
    s=${s//@$v@/${!v}}
  done
  if [[ $s =~ @[A-Z_]+@ ]]; then
    echo "fill $1: ${BASH_REMATCH[0]} has no value" >&2
    return 1
  fi
  printf '%s\n' "$s" >"$2"
}

# icon renders assets/icon.svg as a square PNG of the given size.
icon() { rsvg-convert -w "$1" -h "$1" -o "$2" assets/icon.svg; }

# manpage writes rapport.1.gz from `rapport help` and each command's help,
# with help2man (the GNU tool Debian uses for this) and
# scripts/packaging/rapport.h2m for the sections help does not print.
manpage() {
  local bin=$1 out=$2 inc=$BUILD/rapport.h2m cmd
  cp "$PKG/rapport.h2m" "$inc"
  {
    printf '\n[COMMAND DETAILS]\n'
    "$bin" help | sed -n '/^Commands:/,/^$/p' | sed -E '1d;$d;s/^  //;s/  .*//' |
      awk '{n=""; for (i=1;i<=NF;i++) { if ($i !~ /^[a-z]+$/) break; n=n (n?" ":"") $i }; print n}' |
      while read -r cmd; do
        printf '.SS "rapport %s"\n.nf\n' "$cmd"
        # shellcheck disable=SC2086 # a command may be two words
        "$bin" help $cmd | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
        printf '.fi\n'
      done
  } >>"$inc"
  help2man --locale=C.UTF-8 --no-info --section 1 --include "$inc" --version-string "$APP_VERSION" \
    --source "$APP_NAME $APP_VERSION" --manual "User Commands" --output "$BUILD/rapport.1" "$bin"
  gzip -9n <"$BUILD/rapport.1" >"$out"
}

linux() {
  local root=$BUILD/linux/root share tar=$BUILD/linux/tar base s
  share=$root/usr/share
  step "Linux binary"
  gobuild "$root/usr/bin/rapport"
  "$root/usr/bin/rapport" version | grep -q "^Rapport $APP_VERSION " ||
    { echo "the binary does not say version $APP_VERSION" >&2; exit 1; }

  step "Menu entry, AppStream metainfo, icons, man page"
  mkdir -p "$share/applications" "$share/metainfo" "$share/man/man1" "$share/icons/hicolor/scalable/apps"
  fill "$PKG/rapport.desktop.in" "$share/applications/$APP_ID.desktop"
  desktop-file-validate "$share/applications/$APP_ID.desktop"
  fill "$PKG/metainfo.xml.in" "$share/metainfo/$APP_ID.metainfo.xml"
  appstreamcli validate --no-net --pedantic "$share/metainfo/$APP_ID.metainfo.xml" >&2
  for s in "${ICON_SIZES[@]}"; do
    mkdir -p "$share/icons/hicolor/${s}x$s/apps"
    icon "$s" "$share/icons/hicolor/${s}x$s/apps/$APP_ID.png"
  done
  cp assets/icon.svg "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  manpage "$root/usr/bin/rapport" "$share/man/man1/rapport.1.gz"
  chmod -R u=rwX,go=rX "$root"
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

  step ".deb and .rpm (nfpm)"
  STAGE=$root go run "$NFPM" package --config "$PKG/nfpm.yaml" --packager deb \
    --target "$DIST/rapport_${APP_VERSION}-${APP_BUILD}_amd64.deb"
  STAGE=$root go run "$NFPM" package --config "$PKG/nfpm.yaml" --packager rpm \
    --target "$DIST/rapport-${APP_VERSION}-${APP_BUILD}.x86_64.rpm"

  # The portable tarball is laid out as `fyne package -os linux` lays it out
  # (a folder with usr/ and an install Makefile), but made with GNU tar's
  # reproducible-build options, which the Fyne CLI's own `tar -Jcf` lacks.
  step "Portable tar.xz"
  base=rapport-$APP_VERSION-linux-amd64
  mkdir -p "$tar/$base"
  cp -a "$root/usr" "$tar/$base/"
  fill "$PKG/tarball.mk" "$tar/$base/Makefile"
  chmod 0644 "$tar/$base/Makefile"
  touch -d "@$SOURCE_DATE_EPOCH" "$tar/$base/Makefile" "$tar/$base"
  tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$tar" -cf - "$base" | xz -9 -T1 >"$DIST/$base.tar.xz"
}

windows() {
  local w=$BUILD/windows pngs=() s
  mkdir -p "$w"
  step "Windows icon and version resource (windres)"
  for s in "${WIN_ICON_SIZES[@]}"; do
    icon "$s" "$w/icon-$s.png"
    pngs+=("$w/icon-$s.png")
  done
  "$MAGICK" "${pngs[@]}" "$w/rapport.ico"
  # shellcheck disable=SC2034 # MANIFEST and VERSION_COMMAS are read by fill
  local ICON MANIFEST VERSION_COMMAS=${APP_VERSION//./,},$APP_BUILD
  ICON=$(native "$w/rapport.ico")
  # shellcheck disable=SC2034
  MANIFEST=$(native "$PWD/$PKG/rapport.exe.manifest")
  fill "$PKG/rapport.rc.in" "$w/rapport.rc" ICON MANIFEST VERSION_COMMAS
  # The .syso must sit beside main.go for the Go linker to take it; it is
  # named for windows/amd64 only, and removed as soon as the build is done.
  trap 'rm -f "$SYSO"' EXIT
  "$WINDRES" -O coff -i "$(native "$w/rapport.rc")" -o "$SYSO"

  step "rapport.exe (cgo with mingw-w64)"
  CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$WIN_CC \
    gobuild "$w/rapport.exe" "-H windowsgui"
  rm -f "$SYSO"
  cp "$w/rapport.exe" "$DIST/rapport-$APP_VERSION-windows-amd64.exe"

  step "Installer (NSIS)"
  makensis -V2 -DTARGET="${NSIS_TARGET:-amd64-unicode}" -DVERSION="$APP_VERSION" -DVERSION4="$APP_VERSION.$APP_BUILD" \
    -DEXE="$(native "$w/rapport.exe")" -DICON="$ICON" \
    -DOUTFILE="$(native "$DIST/Rapport-$APP_VERSION-setup.exe")" "$(native "$PKG/rapport.nsi")"
}

for t in "${targets[@]}"; do "$t"; done
sums=$(cd "$DIST" && find . -maxdepth 1 -type f -printf '%P\n' | LC_ALL=C sort | xargs sha256sum)
printf '%s\n' "$sums" >"$DIST/SHA256SUMS"
step "dist/ (bytes, file)"
find "$DIST" -maxdepth 1 -type f -printf '%10s  %P\n' | LC_ALL=C sort -k2 >&2
