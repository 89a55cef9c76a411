#!/usr/bin/env bash
# Runs the benchmarks and writes docs/benchmarks.md: every figure is given
# with its ratio to the baseline measured in the same run (see
# scripts/benchreport). BENCHTIME and PKGS may be overridden.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=${PKGS:-"./storage ./app/people/crm ./app/listening/feed ./app/listening/ingest ./app/interacting/inbox ./app/shared/query ./app/understanding/analyze ./app/interacting/compose ./app/interacting/search ./app/integrating/insights"}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# shellcheck disable=SC2086
go test -run '^$' -bench . -benchmem -benchtime "${BENCHTIME:-1s}" -tags migrated_fynedo $pkgs | tee "$out"
go run ./scripts/benchreport <"$out" >docs/benchmarks.md
echo "wrote docs/benchmarks.md" >&2
