#!/usr/bin/env bash
# Real consumers of Sanad's exports: spaCy (Doc, char_span, DocBin), seqeval (CoNLL), and plain
# Python readers for brat, doccano, JSONL, Label Studio, W3C and the quotes table.
#
# Creates .venv at the repository root when missing and installs tests/python/requirements.txt into
# it (skipped when the pinned versions are already there), converts the fixture project with
# `sanad convert` into every format, and checks each export. Exits non-zero on any failure; the
# last line reads `consumers: N passed, M failed`.
#
# The page's own zip code (brat import and export in the browser, `sanad_core::formats::zip`; the
# CLI zips with the `zip` crate instead) is put against Python's zipfile by tests/python/brat_zip.py,
# which the e2e tests run on zips written at run time and on the zip the page downloads (the page's
# zip only exists in the browser).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
REQ="$ROOT/tests/python/requirements.txt"
FIXTURE="$ROOT/tests/fixtures/formats/fixture.json"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" - "$REQ" <<'PY'
import sys
from importlib import metadata
ok = True
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, _, version = line.partition("==")
    try:
        ok &= metadata.version(name) == version
    except metadata.PackageNotFoundError:
        ok = False
sys.exit(0 if ok else 1)
PY
then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQ"
fi

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# Runs the CLI; its stderr (including compiler warnings from the build) is shown only on failure.
sanad() {
  if ! cargo run -q -p sanad-cli -- "$@" 2>"$OUT/cli.err"; then
    cat "$OUT/cli.err" >&2
    echo "consumers: \`sanad $*\` failed" >&2
    exit 1
  fi
}
sanad convert --to jsonl "$FIXTURE" "$OUT/fixture.jsonl"
sanad convert --to jsonl --utf16 "$FIXTURE" "$OUT/fixture.utf16.jsonl"
sanad convert --to prodigy "$FIXTURE" "$OUT/prodigy.jsonl"
sanad convert --to doccano "$FIXTURE" "$OUT/doccano.jsonl"
sanad convert --to doccano-rel "$FIXTURE" "$OUT/doccano-rel.jsonl"
sanad convert --to label-studio "$FIXTURE" "$OUT/label-studio.json"
sanad convert --to brat "$FIXTURE" "$OUT/brat.zip"
sanad convert --to conll "$FIXTURE" "$OUT/fixture.conll"
sanad convert --to conll --split-clitics "$FIXTURE" "$OUT/fixture.split.conll"
sanad convert --to w3c "$FIXTURE" "$OUT/w3c.jsonld"
sanad convert --to quotes "$FIXTURE" "$OUT/quotes.jsonl"
# Round trip through a consumer format and back: the counts must survive.
sanad convert --from prodigy --to sanad "$OUT/prodigy.jsonl" "$OUT/back.json"
sanad stats "$OUT/back.json" > "$OUT/back.stats"

"$VENV/bin/python" "$ROOT/tests/python/agreement.py" "$OUT"
exec "$VENV/bin/python" "$ROOT/tests/python/consumers.py" "$OUT" "$FIXTURE"
