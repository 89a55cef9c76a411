#!/usr/bin/env bash
# Installs the packages in dist/ (make package) as a user would and checks
# them, as root on this machine:
#
#   deb      dpkg -i; rapport version, sample and stats; the app started
#            under Xvfb from the installed menu entry's Exec line on the
#            sample, screenshotted and checked not blank; its window-up time
#            (median of 5); dpkg -r leaves nothing behind but the user's data
#   fresh    the .deb on a fresh minimal Debian (debootstrap, chroot): no Go,
#            no compiler, no headers; apt pulls in what it depends on; it
#            runs, its menu entry opens the sample's inbox, and apt-get
#            remove takes away its files and nothing else
#   rpm      rpm -qpl lists the .deb's payload; its version is FyneApp.toml's
#   tarball  make install into a temporary prefix, run, make uninstall
#   windows  the installer run silently under Wine; rapport.exe version,
#            sample and stats; the window under Wine + Xvfb; silent
#            uninstall keeps the data folder, /DELETEDATA removes it
#   repro    the committed tree built twice, in two folders, the second
#            with an empty Go build cache: the Linux artifacts must be
#            byte-identical
#   lint     shellcheck on the packaging scripts, actionlint on the CI
#            workflow that builds on hosted macOS and Windows runners
#
#   scripts/package-test.sh [lint] [deb] [fresh] [rpm] [tarball] [windows] [repro]   (default: all)
#
# Screenshots and measurements go to build/package-test/. It refuses to run
# where Rapport is already installed from a package, since it removes it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packaging/apt.sh
export LC_ALL=C # one sort order for the file lists compared below

tests=("$@")
((${#tests[@]})) || tests=(lint deb fresh rpm tarball windows repro)
ensure_debs xvfb xauth xdotool imagemagick x11-utils rpm xz-utils make git shellcheck
for t in "${tests[@]}"; do [[ $t == windows ]] && ensure_debs wine wine64 gcc-mingw-w64-x86-64; done
source scripts/env.sh
eval "$(go run ./scripts/appmeta FyneApp.toml)"
: "${APP_ID:?}" "${APP_VERSION:?}"
V=$APP_VERSION B=$APP_BUILD
DEB=dist/rapport_${V}-${B}_amd64.deb
RPM=dist/rapport-${V}-${B}.x86_64.rpm
TARBALL=dist/rapport-${V}-linux-amd64.tar.xz
SETUP=dist/Rapport-${V}-setup.exe
OUT=$PWD/build/package-test
rm -rf "$OUT"
mkdir -p "$OUT"
TMP=$(mktemp -d)
# A screenshot of the window with the inbox's rows filled in has over 2,000
# colours (light theme under Wine, 3,000 in the dark one); the window while
# its rows are still placeholders has about 1,000, a blank one 1.
FILLED=1500
passed=0 failed=0

cleanup() {
  set +e
  fresh_umount
  [[ -n ${APP_PID:-} ]] && kill "$APP_PID" 2>/dev/null
  [[ -n ${DEB_INSTALLED:-} ]] && dpkg -r rapport >/dev/null 2>&1 # a failed run leaves no package behind
  [[ -n ${XVFB_PID:-} ]] && kill "$XVFB_PID" 2>/dev/null
  [[ -n ${WINEPREFIX:-} ]] && wineserver -k 2>/dev/null
  # Never delete through a mount that is still there.
  if findmnt -rn -o TARGET | grep -q "^$TMP/"; then
    echo "left $TMP in place: something is still mounted in it" >&2
  else
    rm -rf "$TMP"
  fi
}
trap cleanup EXIT

ok() { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@" >"$TMP/check.log" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/     /' "$TMP/check.log" | tail -20; fi
}
need() { [[ -f $1 ]] || { echo "$1 is missing: run make package first" >&2; exit 1; }; }
note() { echo "$*" | tee -a "$OUT/measurements.txt"; }
load() { cut -d' ' -f1 /proc/loadavg; } # timings depend on what else the machine does

# One X server for the whole run, as CI has none.
start_x() {
  [[ -n ${XVFB_PID:-} ]] && return
  # -noreset: by default the server resets when its last client leaves, and
  # an app starting at that moment finds no display.
  Xvfb :87 -screen 0 1280x800x24 -nolisten tcp -noreset >"$OUT/xvfb.log" 2>&1 &
  XVFB_PID=$!
  export DISPLAY=:87
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && return; sleep 0.1; done
  echo "Xvfb did not start" >&2
  exit 1
}

colours() { convert "$1" -format %k info:; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# cpu_ms is the CPU time (user + system) process $1 has used: unlike the
# wall-clock time, it hardly depends on what else the machine is doing.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# launch starts "$@" in the background, waits for a visible window titled
# Rapport, and sets WIN_MS (command to window mapped, polled every 10 ms)
# and PAINT_MS (to the first screenshot of the filled inbox; a screenshot
# takes about 0.25 s, so this is an upper bound; 0 if it never filled within
# LIMIT s), and WIN_CPU and PAINT_CPU (the app's CPU time at those moments).
# The last screenshot is left in $TMP/shot.png.
launch() {
  local limit=${LIMIT:-60} t0 n=0
  t0=$(now_ms)
  "$@" >"$TMP/app.log" 2>&1 &
  APP_PID=$!
  WIN_MS=0 PAINT_MS=0 WIN_CPU=0 PAINT_CPU=0
  while ! xdotool search --onlyvisible --name '^Rapport$' >/dev/null 2>&1; do
    if (($(now_ms) - t0 > limit * 1000)) || ! kill -0 "$APP_PID" 2>/dev/null; then
      cat "$TMP/app.log" >&2
      return 1
    fi
    sleep 0.01
  done
  WIN_MS=$(($(now_ms) - t0))
  WIN_CPU=$(cpu_ms "$APP_PID")
  while (($(now_ms) - t0 < limit * 1000)); do
    import -window root "$TMP/shot.png"
    n=$(colours "$TMP/shot.png")
    if ((n >= FILLED)); then
      PAINT_MS=$(($(now_ms) - t0)) PAINT_CPU=$(cpu_ms "$APP_PID")
      return 0
    fi
    sleep 0.05
  done
  return 0
}
stop_app() { kill -TERM "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(((${#@} + 1) / 2))p"; }

# payload lists the files (not directories) a package installs.
deb_payload() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ {print substr($6, 2)}' | sort; }
rpm_payload() { rpm -qpl "$1" 2>/dev/null | sort; }
# snapshot lists every file under the places a package writes to.
snapshot() { find /usr /etc /opt -xdev \( -type f -o -type l \) 2>/dev/null | grep -v '^/usr/lib/python3' | sort; }

test_deb() {
  echo "== .deb"
  need "$DEB"
  if dpkg-query -W -f='${Status}' rapport 2>/dev/null | grep -q "ok installed"; then
    echo "Rapport is already installed from a package here; remove it first (dpkg -r rapport)" >&2
    exit 1
  fi
  local before=$TMP/before.txt after=$TMP/after.txt home=$TMP/home exec_line times=() paints=() cpus=() i
  snapshot >"$before"
  check "dpkg -i installs it" dpkg -i "$DEB"
  DEB_INSTALLED=1
  check "rapport version says $V" bash -c "rapport version | grep -q '^Rapport $V '"
  check "rapport --data DIR sample loads the sample" rapport --data "$TMP/data" sample
  check "rapport --data DIR stats counts the mentions" bash -c "rapport --data '$TMP/data' stats | grep -Eq '^mentions +[1-9]'"
  check "man rapport is installed" test -s /usr/share/man/man1/rapport.1.gz
  check "the installed files are the package's payload" diff <(dpkg -L rapport | while read -r f; do [[ -f $f ]] && echo "$f"; done | sort) <(deb_payload "$DEB")

  # The menu entry as a desktop starts it: its Exec line, with the user's
  # default data folder holding the sample.
  start_x
  mkdir -p "$home" "$TMP/xdg"
  chmod 0700 "$TMP/xdg"
  exec_line=$(sed -n 's/^Exec=//p' "/usr/share/applications/$APP_ID.desktop")
  check "the menu entry's Exec is '$exec_line'" test "$exec_line" = rapport
  HOME=$home rapport sample >/dev/null 2>&1
  for i in 1 2 3 4 5; do
    if ! launch env HOME="$home" XDG_RUNTIME_DIR="$TMP/xdg" sh -c "exec $exec_line"; then
      bad "the app from the menu entry opens a window (run $i)"
      return
    fi
    times+=("$WIN_MS")
    paints+=("$PAINT_MS")
    cpus+=("$WIN_CPU/$PAINT_CPU")
    if ((i == 1)); then
      cp "$TMP/shot.png" "$OUT/deb-app.png"
      check "the installed app shows the sample's inbox ($(colours "$OUT/deb-app.png") colours, screenshot build/package-test/deb-app.png)" \
        test "$(colours "$OUT/deb-app.png")" -ge "$FILLED"
    fi
    stop_app
  done
  note "window-up (launch to window mapped), deb, sample workspace, 5 runs: ${times[*]} ms; median $(median "${times[@]}") ms (load average $(load) on $(nproc) cores)"
  note "inbox filled (launch to the first screenshot with >= $FILLED colours, one every ~0.25 s), 5 runs: ${paints[*]} ms; median $(median "${paints[@]}") ms"
  note "the app's CPU time (user+system) at window mapped / inbox filled, 5 runs: ${cpus[*]} ms"
  local files
  mapfile -t files < <(deb_payload "$DEB")
  note "deb installed footprint: $(du -cb "${files[@]}" | tail -1 | cut -f1) bytes in ${#files[@]} files"

  check "dpkg -r removes it" dpkg -r rapport
  DEB_INSTALLED=
  snapshot >"$after"
  check "nothing is left behind under /usr /etc /opt" diff "$before" "$after"
  check "the user's data folder is kept" test -d "$home/.local/share/rapport/db"
}

FRESH=
fresh_umount() {
  [[ -n $FRESH ]] || return 0
  local m
  for m in "$FRESH/tmp/.X11-unix" "$FRESH/proc"; do
    if mountpoint -q "$m"; then umount "$m" || umount -l "$m"; fi
  done
}

test_fresh() {
  echo "== .deb on a fresh Debian (debootstrap; no Go, no compiler, no headers)"
  need "$DEB"
  ensure_debs debootstrap
  local r=$TMP/fresh exec_line codename payload=$TMP/payload.txt
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  check "debootstrap a minimal Debian ($codename)" debootstrap --variant=minbase "$codename" "$r"
  [[ -x $r/bin/sh ]] || return
  FRESH=$r
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  cp "$DEB" "$r/tmp/rapport.deb"
  mount -t proc proc "$r/proc"
  start_x
  mkdir -p "$r/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$r/tmp/.X11-unix"
  in_fresh() { chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive "$@"; }

  check "it has no Go, no C compiler, no X11 headers" \
    in_fresh sh -c '! command -v go && ! command -v cc && ! test -e /usr/include/X11'
  check "apt-get install ./rapport.deb (apt pulls in the libraries it names)" \
    in_fresh sh -c 'apt-get update -qq && apt-get install -y -qq /tmp/rapport.deb'
  check "rapport version says $V" in_fresh sh -c "rapport version | grep -q '^Rapport $V '"
  check "rapport sample loads the sample into the default data folder" in_fresh rapport sample
  exec_line=$(sed -n 's/^Exec=//p' "$r/usr/share/applications/$APP_ID.desktop")
  in_fresh mkdir -m 0700 -p /tmp/xdg
  if launch chroot "$r" env -i PATH=/usr/bin:/bin HOME=/root DISPLAY="$DISPLAY" XDG_RUNTIME_DIR=/tmp/xdg sh -c "exec $exec_line"; then
    cp "$TMP/shot.png" "$OUT/fresh-app.png"
    check "its menu entry opens the sample's inbox ($(colours "$OUT/fresh-app.png") colours, build/package-test/fresh-app.png)" \
      test "$(colours "$OUT/fresh-app.png")" -ge "$FILLED"
    note "window-up on the fresh Debian (one run): ${WIN_MS} ms to the window, ${PAINT_MS} ms to the filled inbox"
    stop_app
  else
    bad "its menu entry opens a window"
  fi

  snap() { in_fresh sh -c 'find / -xdev \( -type f -o -type l \) 2>/dev/null | grep -Ev "^/(proc|tmp|var/lib/dpkg|var/lib/apt|var/log|var/cache)/" | sort'; }
  snap >"$TMP/with.txt"
  deb_payload "$DEB" >"$payload"
  check "apt-get remove rapport" in_fresh apt-get remove -y -qq rapport
  snap >"$TMP/without.txt"
  check "exactly the package's files are gone" diff <(comm -23 "$TMP/with.txt" "$payload") "$TMP/without.txt"
  check "the user's data folder is kept" test -d "$r/root/.local/share/rapport/db"
  fresh_umount
}

test_rpm() {
  echo "== .rpm"
  need "$RPM"
  need "$DEB"
  check "rpm -qpl lists the .deb's payload" diff <(rpm_payload "$RPM") <(deb_payload "$DEB")
  check "the rpm's version is $V-$B" test "$(rpm -qp --qf '%{VERSION}-%{RELEASE}' "$RPM" 2>/dev/null)" = "$V-$B"
  check "the rpm's files carry the fixed time" bash -c "rpm -qp --qf '[%{FILEMTIMES}\n]' $RPM 2>/dev/null | sort -u | wc -l | grep -qx 1"
}

test_tarball() {
  echo "== tar.xz"
  need "$TARBALL"
  local x=$TMP/tarball prefix=$TMP/prefix dir
  mkdir -p "$x"
  tar -xJf "$TARBALL" -C "$x"
  dir=$x/rapport-$V-linux-amd64
  check "make install PREFIX=… installs it" make -C "$dir" install PREFIX="$prefix"
  check "PREFIX/bin/rapport version says $V" bash -c "'$prefix/bin/rapport' version | grep -q '^Rapport $V '"
  check "PREFIX/bin/rapport loads the sample" "$prefix/bin/rapport" --data "$TMP/tdata" sample
  check "the menu entry names PREFIX/bin/rapport" grep -qx "Exec=$prefix/bin/rapport" "$prefix/share/applications/$APP_ID.desktop"
  check "make uninstall removes every file" bash -c "make -C '$dir' uninstall PREFIX='$prefix' && test -z \"\$(find '$prefix' -type f)\""
}

test_windows() {
  echo "== Windows installer under Wine"
  need "$SETUP"
  start_x
  export WINEPREFIX=$TMP/wine WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  local c u progs exe data
  wineboot -i >/dev/null 2>&1
  wineserver -w
  # Debian 12's Wine (8.0) lacks ProcessPrng, which Go 1.24+ programs need
  # at start; Windows 10+ and Wine 8.13+ have it. The stand-in goes into
  # this test's own prefix only (scripts/packaging/wine/).
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/packaging/wine/bcryptprimitives.c -ladvapi32
  c=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)
  progs=$c/AppData/Local/Programs/Rapport
  exe="C:\\users\\$(basename "$c")\\AppData\\Local\\Programs\\Rapport\\rapport.exe"
  u="C:\\users\\$(basename "$c")\\AppData\\Local\\Programs\\Rapport\\uninstall.exe"
  data=$c/AppData/Local/Rapport
  local lnk="$c/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Rapport.lnk"
  local key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\app.rapport.desktop'

  check "the installer runs silently (/S) without admin rights" bash -c "wine '$SETUP' /S && wineserver -w"
  check "rapport.exe and uninstall.exe are in %LOCALAPPDATA%\\Programs\\Rapport" test -f "$progs/rapport.exe" -a -f "$progs/uninstall.exe"
  check "the Start-menu shortcut is there" test -f "$lnk"
  check "Apps & features lists Rapport $V" bash -c "wine reg query '$key' /v DisplayVersion | tr -d '\r' | grep -q 'REG_SZ *$V\$'"
  check "rapport.exe version says $V" bash -c "wine '$exe' version | tr -d '\r' | grep -q '^Rapport $V (.*windows/amd64)'"
  check "rapport.exe --data … sample loads the sample" wine "$exe" --data 'C:\rapport-sample' sample
  check "rapport.exe --data … stats counts the mentions" bash -c "wine '$exe' --data 'C:\rapport-sample' stats | tr -d '\r' | grep -Eq '^mentions +[1-9]'"
  check "rapport.exe sample fills the default data folder" wine "$exe" sample

  if LIMIT=120 launch wine "$exe"; then
    cp "$TMP/shot.png" "$OUT/wine-app.png"
    if (($(colours "$OUT/wine-app.png") >= FILLED)); then
      ok "the window renders under Wine + Xvfb (window after ${WIN_MS} ms, inbox after ${PAINT_MS} ms; build/package-test/wine-app.png)"
    else
      bad "the window under Wine shows only $(colours "$OUT/wine-app.png") colours (build/package-test/wine-app.png)"
    fi
    note "window-up under Wine (one run, not a benchmark): ${WIN_MS} ms to the window, ${PAINT_MS} ms to the painted inbox"
  else
    bad "the window opens under Wine + Xvfb"
  fi
  wineserver -k 2>/dev/null || true # Wine windows ignore SIGTERM from the Unix side
  wineserver -w
  note "Windows installed footprint: $(du -sb "$progs" | cut -f1) bytes in $(find "$progs" -type f | wc -l) files"

  check "the uninstaller runs silently (/S)" bash -c "wine '$u' /S && wineserver -w"
  check "the program folder is gone" test ! -e "$progs"
  check "the Start-menu shortcut is gone" test ! -e "$lnk"
  check "Apps & features no longer lists it" bash -c "! wine reg query '$key' >/dev/null 2>&1"
  check "the data folder is kept" test -d "$data/db"

  check "reinstall, then uninstall /S /DELETEDATA" bash -c "wine '$SETUP' /S && wineserver -w && wine '$u' /S /DELETEDATA && wineserver -w"
  check "the data folder is gone after /DELETEDATA" test ! -e "$data"
}

test_repro() {
  echo "== reproducible: the committed tree built twice"
  local a=$TMP/repro-a b=$TMP/repro-b sde
  sde=$(git log -1 --format=%ct)
  for d in "$a" "$b"; do mkdir -p "$d" && git archive HEAD | tar -x -C "$d"; done
  check "build A (warm Go cache)" env SOURCE_DATE_EPOCH="$sde" bash "$a/scripts/package.sh" linux
  check "build B (another folder, empty Go build cache)" env SOURCE_DATE_EPOCH="$sde" GOCACHE="$TMP/gocache" \
    bash "$b/scripts/package.sh" linux
  check "the Linux artifacts are byte-identical" diff "$a/dist/SHA256SUMS" "$b/dist/SHA256SUMS"
  cp "$a/dist/SHA256SUMS" "$OUT/repro-SHA256SUMS"
}

test_lint() {
  echo "== lint"
  check "shellcheck scripts/package.sh scripts/package-test.sh" \
    shellcheck -x scripts/package.sh scripts/package-test.sh scripts/packaging/apt.sh
  check "actionlint .github/workflows/package.yml (with shellcheck on its run: steps)" \
    go run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12 .github/workflows/package.yml
}

for t in "${tests[@]}"; do
  case $t in
    lint | deb | fresh | rpm | tarball | windows | repro) "test_$t" ;;
    *) echo "unknown test $t" >&2; exit 2 ;;
  esac
done
echo
echo "package-test: $passed passed, $failed failed"
((failed == 0))
