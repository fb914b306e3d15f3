#!/usr/bin/env bash
# Build the release bundle and serve the playground on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
say "building the release bundle (www/pkg)"
build_bundle
port="${PORT:-8080}"
say "serving $ROOT (Ctrl-C to stop)"
echo "Open http://127.0.0.1:$port/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$ROOT"
