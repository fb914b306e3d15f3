# Sourced by the scripts in this folder: strict mode, repo root as cwd, tool paths.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# wasm-opt from npm binaryen (.tools) must come first: older wasm-opt builds cannot parse
# current rustc output. Then cargo's bin dir (wasm-pack, wasm-bindgen).
export PATH="$ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM CHROMEDRIVER
say() { printf '==> %s\n' "$*"; }
# The one release build, shared by run.sh and test.sh. --mode no-install: never download a tool.
build_bundle() {
  wasm-pack build --release --target web --out-dir www/pkg --no-typescript --mode no-install
}
