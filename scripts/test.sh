#!/usr/bin/env bash
# All tests, failing fast: native core tests, browser (wasm) tests, release build,
# end-to-end page test, size report. Exits non-zero if any layer ran no test.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "$0")/env.sh"

LOGS="$ROOT/target/test-logs"
started=$SECONDS
step_name="setup"
server_pid=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "$rc" != 0 ]; then echo "FAILED during: $step_name (exit $rc; logs in target/test-logs/)" >&2; fi
}
trap cleanup EXIT
step() { step_name="$1"; step_start=$SECONDS; say "$1"; }
step_done() { say "$step_name: done in $((SECONDS - step_start)) s"; }

# Sum "N passed" / "N failed" over every "test result:" line of a cargo or wasm-bindgen log.
sum_results() { # $1 = log, $2 = passed|failed
  { grep -Eo "test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed" "$1" || true; } \
    | awk -v what="$2" '{ n += (what == "passed") ? $4 : $6 } END { print n + 0 }'
}
require_tests() { # $1 = layer, $2 = count
  if [ "$2" -le 0 ]; then echo "ERROR: layer '$1' ran no test" >&2; exit 1; fi
}

step "setup"
"$ROOT/scripts/setup.sh"
mkdir -p "$LOGS"
step_done

# (a) Native tests: the pure simulation core (and anything else that is not browser-only).
step "native tests: cargo test"
cargo test 2>&1 | tee "$LOGS/native.log"
native_passed=$(sum_results "$LOGS/native.log" passed)
native_failed=$(sum_results "$LOGS/native.log" failed)
require_tests native "$native_passed"
step_done

# (b) Browser tests: tests/web*.rs, compiled to wasm32 and run in headless Chromium by
#     wasm-bindgen-test-runner through the system chromedriver (nothing is downloaded).
step "browser tests: wasm-pack test --headless --chrome"
web_targets=()
for f in tests/web*.rs; do web_targets+=(--test "$(basename "$f" .rs)"); done
wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" --mode no-install -- "${web_targets[@]}" \
  2>&1 | tee "$LOGS/browser.log"
browser_passed=$(sum_results "$LOGS/browser.log" passed)
browser_failed=$(sum_results "$LOGS/browser.log" failed)
require_tests browser "$browser_passed"
step_done

# (c) The release bundle, exactly as scripts/run.sh builds it.
step "release build: wasm-pack build --release"
build_bundle 2>&1 | tee "$LOGS/build.log"
step_done

# (d) End to end: serve the repo root, drive the system Chromium with playwright-core.
step "end-to-end: node --test tests/e2e/"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$ROOT" >"$LOGS/server.log" 2>&1 &
server_pid=$!
base_url="http://127.0.0.1:$port/"
for _ in $(seq 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$base_url" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
BASE_URL="$base_url" node --test --test-reporter=tap tests/e2e/ 2>&1 | tee "$LOGS/e2e.log"
e2e_passed=$(grep -Eo '^# pass [0-9]+' "$LOGS/e2e.log" | awk '{ n += $3 } END { print n + 0 }')
e2e_failed=$(grep -Eo '^# fail [0-9]+' "$LOGS/e2e.log" | awk '{ n += $3 } END { print n + 0 }')
require_tests e2e "$e2e_passed"
kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""
step_done

# (e) What a visitor downloads, gzip -9.
step "size report"
gz() { local n=0 f; for f in "$@"; do [ -f "$f" ] && n=$((n + $(gzip -9 -c "$f" | wc -c))); done; echo "$n"; }
shopt -s nullglob
html=$(gz index.html); js=$(gz www/pkg/*.js www/*.js sw.js); wasm=$(gz www/pkg/*_bg.wasm); css=$(gz www/*.css)
shopt -u nullglob
size_line="size: html $html + js $js + wasm $wasm + css $css = $((html + js + wasm + css)) bytes gzipped"
echo "$size_line" | tee "$LOGS/size.txt"
# Budgets are goals, not tests: the end-to-end run prints its measurements as `budget: ...`.
total_kb=$(( (html + js + wasm + css + 1023) / 1024 ))
{
  grep -Eo 'budget: .*' "$LOGS/e2e.log" | sort -u || true
  echo "budget: total transfer ${total_kb} KB gzipped (goal ≤ 170 KB)"
} > "$LOGS/budgets.txt"

# (f) Summary.
total_passed=$((native_passed + browser_passed + e2e_passed))
total_failed=$((native_failed + browser_failed + e2e_failed))
step_name="summary"
echo
echo "== summary ($((SECONDS - started)) s) =="
echo "native (cargo test):          $native_passed passed"
echo "browser (wasm-pack test):     $browser_passed passed"
echo "end-to-end (node --test):     $e2e_passed passed"
echo "$size_line"
cat "$LOGS/budgets.txt"
echo "screenshots: target/e2e/*.png"
echo "summary: $total_passed passed, $total_failed failed"
