#!/usr/bin/env bash
# Runs every test: go vet, then unit, UI and storage tests with the race
# detector, and the end-to-end test that starts the real app under Xvfb.
# Installs what it needs first (scripts/deps.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
source scripts/env.sh
go vet -tags migrated_fynedo ./...
xvfb-run -a -s "-screen 0 1280x800x24" go test -race -tags migrated_fynedo -timeout 30m "$@" ./...
