# Sanad: two commands.
#   make serve   installs what is missing, builds the release, serves it on http://127.0.0.1:8080
#   make test    installs the same, runs every test (lint, native, wasm in Chromium, end-to-end)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := serve

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CARGO_TERM_COLOR ?= never

PORT ?= 8080
TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test setup setup-rust setup-node setup-browser build lint test-native test-python test-wasm test-e2e test-budget bench clean

serve: setup build
	node tests/e2e/serve.mjs dist $(PORT)

test: setup lint test-native test-sync test-python test-wasm build test-e2e test-budget
	@echo "make test: all suites passed"

# ---- set-up: each step is skipped when its tool is already there at the pinned version ----
setup: setup-rust setup-node setup-browser

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)" || cargo install trunk --version $(TRUNK_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@grep -q '^wasm_bindgen = "$(WASM_BINDGEN_VERSION)"' Trunk.toml || { echo "Trunk.toml [tools] wasm_bindgen must be $(WASM_BINDGEN_VERSION), as in Cargo.lock"; exit 1; }

setup-node: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium chromium-driver; fi

# ---- build ----
build:
	trunk build --release --offline

# ---- tests ----
lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p sanad-web --all-targets --target wasm32-unknown-unknown --locked -- -D warnings
	cargo clippy -p sanad-core --lib --target wasm32-unknown-unknown --locked -- -D warnings

# Tests that need ../shared (the team's data beside the repository) are `#[ignore = "needs ../shared/…"]`
# and named `shared_*`: the first line reports them ignored; tools/shared-tests.sh runs them when
# ../shared is there and otherwise prints `skipped (no ../shared): <names>`.
test-native:
	cargo test -p sanad-core -p sanad-cli --locked
	bash tools/shared-tests.sh -p sanad-core -p sanad-cli --locked
	cargo test -p sanad-web --lib --locked

# Real consumers of the exports (spaCy, seqeval) in a Python venv made from PyPI.
test-python:
	bash tests/python/run.sh

test-wasm:
	cargo test -p sanad-web --target wasm32-unknown-unknown --locked --tests

# Specs that need ../shared read it inside the test and skip themselves by name without it (the list
# reporter shows them with `-`); tests/e2e/shared.ts. The brat zip interop specs run python3
# (tests/python/brat_zip.py, standard library only).
test-e2e:
	playwright test

# The size budgets are deterministic, so every run checks them (timings are for `make bench`): page
# wasm + js <= 600 KB gzipped (the larger of the shipped Zopfli copies and gzip -6 on the fly),
# models <= 4 MB gzipped; docs/BENCHMARKS.md.
test-budget:
	playwright test --config tests/bench/playwright.bench.config.ts -g "bundle size"

bench: setup build
	CARGO_PROFILE_BENCH_OPT_LEVEL=3 cargo bench -p sanad-core
	playwright test --config tests/bench/playwright.bench.config.ts

clean:
	cargo clean
	rm -rf dist test-results node_modules/.installed

# ---- data pipeline and word clusters (issue 14; docs/DATA.md). Need ../shared/data. ----
# (The converters' test over the real data, `shared_*`, runs in test-native through tools/shared-tests.sh.)
DATA ?= ../shared/data
.PHONY: corpus clusters

# Converted training files, manifest and GMB text (measure-only/ never trains a shipped model).
corpus:
	cargo build --profile release-native -p sanad-cli
	target/release-native/sanad corpus build --data $(DATA) --out target/corpus

# Key text -> word2vec -> k-means and Ward paths -> crates/core/data/clusters-{ar,en}.tsv. HEAVY
# (about 15 minutes on 2 cores): run as `flock /work/heavy.lock nice make clusters` on a shared machine.
clusters: corpus
	@start=$$(date +%s); \
	DATA=$(DATA) bash tools/clusters/run.sh ar && DATA=$(DATA) bash tools/clusters/run.sh en; \
	echo "make clusters: $$(( $$(date +%s) - start )) s"

# ---- learning from the editor (issue 15; docs/EVALUATION.md "Learning from the editor"). Needs
# ../shared/data; not part of `make test`. HEAVY (a release build, then about a minute): run as
# `flock /work/heavy.lock nice make learn-curve` on a shared machine.
.PHONY: learn-curve
LEARN_SPLIT ?= report
learn-curve:
	cargo build --profile release-native -p sanad-cli --locked
	xz -dc $(DATA)/ner/ar-aqmar/AQMAR_Arabic_NER_corpus-1.0.txt.xz | target/release-native/sanad learn-curve \
	  --lang ar --corpus - --format aqmar --split $(LEARN_SPLIT) --dev $(DATA)/ner/anercorp-dev.conll
	cat $(DATA)/ner/en-extra/btc/{a,b,e,f,g,h}.conll | target/release-native/sanad learn-curve \
	  --lang en --corpus - --format btc --split $(LEARN_SPLIT) --dev $(DATA)/ner/en-dev.conll

# The same simulated editor on news streams (docs/EVALUATION.md "A news stream"): the GMB table of
# Voice of America news (MEASURE ONLY: the learned delta is thrown away), first without its first
# 10,000 sentences (the slice that tuned the English model's choices), then whole as a check; and
# BTC section g (tweets of news outlets; 86 documents to learn from, so its last point is 86).
# Needs ../shared/data; not part of `make test`. HEAVY: `flock /work/heavy.lock nice make learn-curve-news`.
.PHONY: learn-curve-news
learn-curve-news:
	cargo build --profile release-native -p sanad-cli --locked
	target/release-native/sanad corpus build --data $(DATA) --out target/corpus
	target/release-native/sanad learn-curve --lang en --corpus target/corpus/measure-only/en-gmb-voa.conll \
	  --format conll --skip-sentences 10000 --split $(LEARN_SPLIT) --dev $(DATA)/ner/en-dev.conll
	target/release-native/sanad learn-curve --lang en --corpus target/corpus/measure-only/en-gmb-voa.conll \
	  --format conll --split $(LEARN_SPLIT) --dev $(DATA)/ner/en-dev.conll
	target/release-native/sanad learn-curve --lang en --corpus $(DATA)/ner/en-extra/btc/g.conll \
	  --format btc --split $(LEARN_SPLIT) --at 0,10,25,50,86 --dev $(DATA)/ner/en-dev.conll

# ---- sync server (issue 17). One block, kept apart from the rest of this file. ----
# `make sync-server` installs the server's packages (npm ci, pinned by sync-server/package-lock.json)
# and starts it on loopback, keeping rooms and project secrets in $(SYNC_DATA) (see sync-server/server.mjs).
SYNC_PORT ?= 1234
SYNC_DATA ?= sync-server/data

.PHONY: sync-server sync-server-deps test-sync bench-sync-soak clean-sync

sync-server-deps: sync-server/node_modules/.installed
sync-server/node_modules/.installed: sync-server/package.json sync-server/package-lock.json
	cd sync-server && npm ci --no-audit --no-fund
	@touch $@

sync-server: sync-server-deps
	HOST=127.0.0.1 PORT=$(SYNC_PORT) YPERSISTENCE=$(abspath $(SYNC_DATA)) node sync-server/server.mjs

# The sync crate (yrs; the spike's automerge engine was removed, its figures are in ARCHITECTURE.md),
# the wasm build, and the tests through the real server (ignored in a plain `cargo test`: they need
# the packages above).
test-sync: setup-rust sync-server-deps
	cargo clippy -p sanad-sync --all-targets --locked -- -D warnings
	cargo clippy -p sanad-sync --lib --target wasm32-unknown-unknown --locked -- -D warnings
	cargo test -p sanad-sync --locked
	cargo test -p sanad-sync --locked --test server -- --ignored

# Soak benchmark through the real server (10 clients x 500 edits, random disconnects; bounded in
# time): figures in docs/BENCHMARKS.md. Heavy: run under the shared lock.
bench-sync-soak: setup-rust sync-server-deps
	CARGO_PROFILE_BENCH_OPT_LEVEL=3 cargo bench -p sanad-sync --locked --bench soak

clean: clean-sync
clean-sync:
	rm -f sync-server/node_modules/.installed
