#!/usr/bin/env bash
# Real consumers of Sanad's exports: spaCy (Doc, char_span, DocBin), seqeval (CoNLL), and plain
# Python readers for brat, doccano, JSONL, Label Studio, W3C and the quotes table.
#
# Creates .venv at the repository root when missing and installs tests/python/requirements.txt into
# it (skipped when the pinned versions are already there), converts the fixture project with
# `sanad convert` into every format, and checks each export. Exits non-zero on any failure; the
# last line reads `consumers: N passed, M failed`.
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

convert() {
  cargo run -q -p sanad-cli -- convert "$@"
}
convert --to jsonl "$FIXTURE" "$OUT/fixture.jsonl" 2>/dev/null
convert --to jsonl --utf16 "$FIXTURE" "$OUT/fixture.utf16.jsonl" 2>/dev/null
convert --to prodigy "$FIXTURE" "$OUT/prodigy.jsonl" 2>/dev/null
convert --to doccano "$FIXTURE" "$OUT/doccano.jsonl" 2>/dev/null
convert --to doccano-rel "$FIXTURE" "$OUT/doccano-rel.jsonl" 2>/dev/null
convert --to label-studio "$FIXTURE" "$OUT/label-studio.json" 2>/dev/null
convert --to brat "$FIXTURE" "$OUT/brat.zip" 2>/dev/null
convert --to conll "$FIXTURE" "$OUT/fixture.conll" 2>/dev/null
convert --to conll --split-clitics "$FIXTURE" "$OUT/fixture.split.conll" 2>/dev/null
convert --to w3c "$FIXTURE" "$OUT/w3c.jsonld" 2>/dev/null
convert --to quotes "$FIXTURE" "$OUT/quotes.jsonl" 2>/dev/null
# Round trip through a consumer format and back: the counts must survive.
convert --from prodigy --to sanad "$OUT/prodigy.jsonl" "$OUT/back.json" 2>/dev/null
cargo run -q -p sanad-cli -- stats "$OUT/back.json" > "$OUT/back.stats"
cargo run -q -p sanad-cli -- stats "$FIXTURE" > "$OUT/fixture.stats"

exec "$VENV/bin/python" "$ROOT/tests/python/consumers.py" "$OUT" "$FIXTURE"
