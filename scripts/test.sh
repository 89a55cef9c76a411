#!/usr/bin/env bash
# Runs every test: lint (gofumpt, go vet, staticcheck; any finding fails
# the run), then unit, UI and storage tests with the race detector, and the
# end-to-end tests that start the real app under Xvfb. Installs what it
# needs first (scripts/deps.sh test).
#
# Tests build without migrated_fynedo (and with no_metadata), so Fyne's
# thread checker is live: a widget touched off the UI goroutine prints
# "Error in Fyne call thread", which the end-to-end tests fail on. Release
# builds use migrated_fynedo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
source scripts/env.sh
tags=no_metadata

echo "lint: gofumpt, go vet, staticcheck" >&2
unformatted=$(go run mvdan.cc/gofumpt@v0.9.2 -l .)
if [[ -n "$unformatted" ]]; then
  echo "gofumpt would change these files (run: go run mvdan.cc/gofumpt@v0.9.2 -w .):" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet -tags "$tags" ./...
go vet -tags migrated_fynedo ./...
go run honnef.co/go/tools/cmd/staticcheck@v0.6.1 -tags "$tags" ./...

# The hostile-input suite first, on its own, so that its result is plain
# (docs/reliability.md): every test named TestHostile…, none skipped. The
# kill -9 rounds run 24 rounds here (RAPPORT_KILL_ROUNDS overrides; the
# 100-round run and its result are in docs/reliability.md).
echo "hostile-input suite: go test -race -run Hostile ./..." >&2
hostile_log=$(mktemp)
xvfb-run -a -s "-screen 0 1280x800x24" go test -race -tags "$tags" -timeout 30m -count=1 -run Hostile -v "$@" ./... >"$hostile_log" 2>&1 || { grep -E -- "^(--- FAIL|FAIL|ok|panic)|_test.go" "$hostile_log" >&2; exit 1; }
grep -E -- "^(ok|FAIL)" "$hostile_log" >&2
if grep -E -- "--- SKIP: TestHostile" "$hostile_log" >&2; then
  echo "hostile-input tests were skipped; the suite must run whole" >&2
  exit 1
fi
echo "hostile-input suite: $(grep -c -- '^--- PASS: TestHostile' "$hostile_log") tests passed" >&2
rm -f "$hostile_log"

xvfb-run -a -s "-screen 0 1280x800x24" go test -race -tags "$tags" -timeout 40m -skip Hostile "$@" ./...
