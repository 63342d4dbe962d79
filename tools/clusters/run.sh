#!/usr/bin/env bash
# The whole chain for one language: converted corpus -> key text -> word2vec -> clusters table.
#
#   tools/clusters/run.sh ar|en [TOP]
#
# Needs `target/release-native/sanad` (cargo build --profile release-native -p sanad-cli) and the
# shared data at $DATA (default ../shared/data). Makes a venv at target/clusters-venv from the pinned
# tools/clusters/requirements.txt when missing, writes the key text to target/corpus/text/ and the
# table to crates/core/data/clusters-LANG.tsv. Single-threaded and seeded: a rerun gives the same bytes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LANG_="${1:?usage: tools/clusters/run.sh ar|en [TOP]}"
TOP="${2:-$([ "$LANG_" = ar ] && echo 100000 || echo 50000)}"
DATA="${DATA:-../shared/data}"
SANAD="${SANAD:-target/release-native/sanad}"
VENV="$ROOT/target/clusters-venv"
REQ="$ROOT/tools/clusters/requirements.txt"
CORPUS="$ROOT/target/corpus"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/pip" freeze --disable-pip-version-check 2>/dev/null | sort | diff -q - <(grep -v '^#' "$REQ" | sort) >/dev/null; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQ"
fi

start=$(date +%s)
[ -f "$CORPUS/MANIFEST.tsv" ] || "$SANAD" corpus build --data "$DATA" --out "$CORPUS"
"$SANAD" corpus text --lang "$LANG_" --data "$DATA" --corpus "$CORPUS" --out "$CORPUS/text/$LANG_-keys.txt"
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$VENV/bin/python" tools/clusters/learn.py --text "$CORPUS/text/$LANG_-keys.txt" \
  --out "crates/core/data/clusters-$LANG_.tsv" --top "$TOP"
echo "clusters-$LANG_: $(( $(date +%s) - start )) s"
