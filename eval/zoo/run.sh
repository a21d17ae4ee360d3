#!/usr/bin/env bash
# Layout zoo: generate plans in many layouts, ingest them (flagless, next to the bundled corpus) into a
# fresh data dir, ask the generated questions and print pass/total by layout dimension.
#
#   eval/zoo/run.sh [--seed N] [--plans N]        (defaults: seed 1, 16 plans)
#
# Env: TROLY (default .venv/bin/troly, else `troly` on PATH), PYTHON (default .venv/bin/python, else python3),
# ZOO_WORK (default /tmp/troly-zoo: gen/ = generated plans+questions, data/ = data dir, out/ = eval output),
# ZOO_EMBED_CACHE (an embed_cache.sqlite copied into a new data dir to skip re-embedding the bundled corpus).
# Mirrors scripts/eval_unseen.sh: the data dir is rebuilt each run (embedding/OCR caches kept), only if it is
# new/empty or was created by this script (marker file).
set -euo pipefail
cd "$(dirname "$0")/../.."

seed=1
plans=16
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --plans) plans="$2"; shift 2 ;;
    *) echo "usage: $0 [--seed N] [--plans N]" >&2; exit 2 ;;
  esac
done

if [[ -z "${TROLY:-}" ]]; then
  if [[ -x .venv/bin/troly ]]; then TROLY=.venv/bin/troly; else TROLY=$(command -v troly || true); fi
fi
[[ -n "$TROLY" ]] || { echo "troly not found: set TROLY or run make install" >&2; exit 2; }
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

work="${ZOO_WORK:-/tmp/troly-zoo}"
gen="$work/gen"
out="$work/out"
export TROLY_DATA_DIR="$work/data"
marker="$TROLY_DATA_DIR/.eval-zoo"

echo "== generate seed=$seed plans=$plans -> $gen"
"$PYTHON" eval/zoo/generate.py --out "$gen" --seed "$seed" --plans "$plans"

if [[ -d "$TROLY_DATA_DIR" ]]; then
  if [[ -f "$marker" ]]; then
    find "$TROLY_DATA_DIR" -mindepth 1 -maxdepth 1 ! -name embed_cache.sqlite ! -name ocr_cache ! -name .eval-zoo \
      -exec rm -rf {} +
  elif [[ -n "$(ls -A "$TROLY_DATA_DIR")" ]]; then
    echo "$TROLY_DATA_DIR is not empty and was not created by $0; refusing to reuse it" >&2
    exit 2
  fi
fi
mkdir -p "$TROLY_DATA_DIR"
touch "$marker"
cache="${ZOO_EMBED_CACHE:-}"
if [[ -n "$cache" && -f "$cache" && ! -f "$TROLY_DATA_DIR/embed_cache.sqlite" ]]; then
  cp "$cache" "$TROLY_DATA_DIR/embed_cache.sqlite"
fi

echo "== troly ingest (bundled corpus) -> $TROLY_DATA_DIR"
"$TROLY" ingest --quiet
echo "== troly ingest $gen/plans (no metadata flags)"
"$TROLY" ingest "$gen/plans" --quiet

datasets=()
for f in "$gen"/questions/*.jsonl; do
  datasets+=(--dataset "$f")
done
echo "== troly eval (${#datasets[@]} args) -> $out"
"$TROLY" eval "${datasets[@]}" --out "$out" --llm off > "$work/eval.log"
tail -n 3 "$work/eval.log"

"$PYTHON" eval/zoo/report.py --questions "$gen/questions" --results "$out/results.jsonl" \
  --failures "${ZOO_FAILURES:-0}"
