#!/usr/bin/env bash
# The Rust tests that need the team's shared data beside the repository (../shared: the seed
# article, the NER dev sets). Such a test is marked `#[ignore = "needs ../shared/<file>"]` and its
# name starts with `shared_`, so that a clone without ../shared passes `cargo test` and reports it
# as ignored, with its reason. Run by `make test-native` after the ordinary tests:
#
# - with ../shared: runs exactly those tests (`-- --ignored --exact <names>`);
# - without: prints `skipped (no ../shared): <names>`.
#
# Usage: tools/shared-tests.sh [cargo test arguments before `--`, e.g. -p sanad-core -p sanad-cli]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="$ROOT/../shared"

# `name: test` lines of every ignored test in the given packages; keep those whose own name (the
# last path segment) starts with shared_. Only test targets (`--tests`: the libraries, binaries and
# integration tests), so that doc tests are not compiled again for nothing.
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
if ! list="$(cargo test --tests "$@" -- --list --ignored 2>"$err")"; then
  cat "$err" >&2
  exit 1
fi
mapfile -t names < <(sed -n 's/^\(\([A-Za-z0-9_]*::\)*shared_[A-Za-z0-9_]*\): test$/\1/p' <<<"$list" | sort -u)
# Ignored tests without the prefix are not run here: say so, so that a misnamed one is seen.
mapfile -t others < <(sed -n 's/^\([A-Za-z0-9_:]*\): test$/\1/p' <<<"$list" | grep -Ev '(^|::)shared_' | sort -u || true)
if [ "${#others[@]}" -gt 0 ]; then
  echo "ignored, not named shared_*, not run here: ${others[*]}"
fi

if [ "${#names[@]}" -eq 0 ]; then
  echo "shared-data tests: none (no ignored test named shared_*)"
  exit 0
fi
if [ -d "$SHARED" ]; then
  echo "shared-data tests (../shared is here): ${names[*]}"
  cargo test --tests "$@" -- --ignored --exact "${names[@]}"
else
  echo "skipped (no ../shared): ${names[*]}"
fi
