#!/usr/bin/env bash
# Idempotent installer for everything the build and tests need; quick when all is present.
# Uses only package registries (Debian, rustup, crates.io, npm): no browser or binary downloads.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "$0")/env.sh"

# Pinned tool versions (wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.toml).
WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Chromium + its WebDriver (browser tests and end-to-end tests).
if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
  say "chromium + chromedriver: present"
else
  say "chromium + chromedriver: installing with apt (~1 min)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 2. Rust wasm target.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "rust target wasm32-unknown-unknown: installing"
  rustup target add wasm32-unknown-unknown
fi

# 3. wasm-pack and wasm-bindgen-cli, exact versions.
if [ "$(wasm-pack --version 2>/dev/null || true)" = "wasm-pack $WASM_PACK_VERSION" ]; then
  say "wasm-pack $WASM_PACK_VERSION: present"
else
  say "wasm-pack $WASM_PACK_VERSION: cargo install (~2 min)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
   && command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  # Not --locked: its lockfile pins a crate version that crates.io no longer serves.
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: cargo install (~2-3 min)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 4. wasm-opt from npm's binaryen, into .tools/ (gitignored).
if .tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "wasm-opt (binaryen $BINARYEN_VERSION): present"
else
  say "wasm-opt (binaryen $BINARYEN_VERSION): npm install into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi

# 5. The project's node deps (playwright-core, axe-core), when missing or stale vs the lockfile.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f node_modules/.lock-hash ] && [ "$(cat node_modules/.lock-hash)" = "$lock_hash" ]; then
  say "node_modules: up to date"
else
  say "node_modules: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.lock-hash
fi
