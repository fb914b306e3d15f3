.PHONY: run test setup

# Build the release bundle and serve it on http://127.0.0.1:8080/
run:
	bash scripts/run.sh

# Every test layer: native, browser (wasm), end-to-end, plus a gzip size report.
test:
	bash scripts/test.sh

# Install/verify the toolchain (idempotent).
setup:
	bash scripts/setup.sh
