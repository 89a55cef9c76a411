#!/usr/bin/env bash
# CI's scale guard: the 100k run of `make bench-scale` (scripts/scalebench)
# — the real binary ingesting the generated corpus beside SQLite FTS5 and
# plain gofeed, searches, the command line and the window under Xvfb — and
# its ratio checks (scalebench's guards: growth of ingest cost per item,
# disk and search against FTS5 measured in the same run, stats against a
# bare `rapport version`). Never an absolute time. Takes about ten minutes
# on two cores; the report goes to $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
source scripts/env.sh
go build -tags migrated_fynedo -o bin/rapport .
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go run ./scripts/scalebench -bin bin/rapport -sizes 100000 -guard 100000 -reps 10 \
  -dir "$work" -out "${OUT:-$work/benchmarks-scale-100k.md}"
