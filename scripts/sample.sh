#!/usr/bin/env bash
# Starts Rapport on the offline sample workspace (Ember & Oak, a coffee
# roaster), installing what it needs first. The sample lives in its own data
# folder, so your own data is never touched:
#   RAPPORT_SAMPLE_DIR (default ~/.local/share/rapport-sample)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
source scripts/env.sh
dir="${RAPPORT_SAMPLE_DIR:-$HOME/.local/share/rapport-sample}"
echo "Building Rapport (the first build compiles the UI toolkit and takes a few minutes)…" >&2
go build -tags migrated_fynedo -o bin/rapport .
if [[ ! -d "$dir/db" ]]; then
  bin/rapport --data "$dir" sample
fi
exec bin/rapport --data "$dir"
