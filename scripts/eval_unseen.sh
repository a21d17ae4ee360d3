#!/usr/bin/env bash
# Generalisation benchmark: plans the engine was never tuned on (eval/plans) and their questions
# (eval/unseen/*.jsonl). The plans are ingested WITHOUT metadata flags: the engine must read the
# commune, province and title from the document itself.
#
#   scripts/eval_unseen.sh               # flagless ingest (the real test)
#   scripts/eval_unseen.sh --with-flags  # "before" baseline: each plan ingested with explicit
#                                        # --commune/--province/--title (the old way)
#   scripts/eval_unseen.sh --set NAME    # any set: eval/plans-NAME + eval/unseen-NAME/*.jsonl, flagless
#                                        # (e.g. --set fresh2); data dir /tmp/troly-unseen-NAME,
#                                        # out eval/out-unseen-NAME
#   scripts/eval_unseen.sh --sealed      # = --set sealed (score-only set, never tune on it)
#   scripts/eval_unseen.sh --fresh       # = --set fresh
#
# Env: TROLY (default .venv/bin/troly, else `troly` from PATH), TROLY_DATA_DIR (default
# /tmp/troly-unseen, /tmp/troly-unseen-flags with --with-flags, /tmp/troly-unseen-NAME with
# --set NAME), OUT (default eval/out-unseen, eval/out-unseen-flags, eval/out-unseen-NAME).
# The data dir is rebuilt from scratch each run (its embedding and OCR caches are kept), but only if it is
# empty/new or was created by this script (marker file), so a real data dir is never wiped.
set -euo pipefail

cd "$(dirname "$0")/.."

with_flags=0
set_name=""
usage="usage: $0 [--with-flags | --sealed | --fresh | --set NAME]"
case "${1:-}" in
  "") ;;
  --with-flags) with_flags=1 ;;
  --sealed | --fresh) set_name="${1#--}" ;;
  --set) set_name="${2:-}" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
expected=$(( $# == 0 ? 0 : 1 ))
[[ "${1:-}" == "--set" ]] && expected=2
if [[ $# -ne $expected || ( -n "$set_name" && ! "$set_name" =~ ^[A-Za-z0-9_-]+$ ) ]]; then
  echo "$usage" >&2
  exit 2
fi
if [[ -n "$set_name" && ( ! -d "eval/plans-$set_name" || ! -d "eval/unseen-$set_name" ) ]]; then
  echo "eval/plans-$set_name or eval/unseen-$set_name not found" >&2
  exit 2
fi

if [[ -z "${TROLY:-}" ]]; then
  if [[ -x .venv/bin/troly ]]; then
    TROLY=.venv/bin/troly
  else
    TROLY=$(command -v troly || true)
  fi
fi
if [[ -z "$TROLY" ]]; then
  echo "troly not found: set TROLY or run make install" >&2
  exit 2
fi

plans_dir=eval/plans
questions_dir=eval/unseen
if [[ $with_flags -eq 1 ]]; then
  default_dir=/tmp/troly-unseen-flags
  default_out=eval/out-unseen-flags
elif [[ -n "$set_name" ]]; then
  plans_dir="eval/plans-$set_name"
  questions_dir="eval/unseen-$set_name"
  default_dir="/tmp/troly-unseen-$set_name"
  default_out="eval/out-unseen-$set_name"
else
  default_dir=/tmp/troly-unseen
  default_out=eval/out-unseen
fi
export TROLY_DATA_DIR="${TROLY_DATA_DIR:-$default_dir}"
OUT="${OUT:-$default_out}"
marker="$TROLY_DATA_DIR/.eval-unseen"

# Fresh index each run: a plan ingested earlier with other metadata must not linger.
if [[ -d "$TROLY_DATA_DIR" ]]; then
  if [[ -f "$marker" ]]; then
    find "$TROLY_DATA_DIR" -mindepth 1 -maxdepth 1 ! -name embed_cache.sqlite ! -name ocr_cache ! -name .eval-unseen \
      -exec rm -rf {} +
  elif [[ -n "$(ls -A "$TROLY_DATA_DIR")" ]]; then
    echo "$TROLY_DATA_DIR is not empty and was not created by $0; refusing to reuse it" >&2
    exit 2
  fi
fi
mkdir -p "$TROLY_DATA_DIR"
touch "$marker"

echo "== troly ingest (bundled corpus) -> $TROLY_DATA_DIR"
"$TROLY" ingest --quiet

if [[ $with_flags -eq 0 ]]; then
  echo "== troly ingest $plans_dir (no metadata flags)"
  "$TROLY" ingest "$plans_dir" --quiet
else
  # Baseline only: the metadata a human would have typed on the command line.
  ingest_with() {
    local file=$1 commune=$2 province=$3 title=$4
    echo "== troly ingest $file --commune '$commune'"
    "$TROLY" ingest "$file" --quiet --commune "$commune" --province "$province" --title "$title"
  }
  ingest_with eval/plans/tan-hoa-dong-kh45-2026.txt "Tân Hòa Đông" "tỉnh Quảng Trị" \
    "Kế hoạch Chuyển đổi số, phát triển dữ liệu số và thực hiện Đề án 06 trên địa bàn xã Tân Hòa Đông năm 2026, định hướng năm 2027"
  ingest_with eval/plans/binh-son-thuong-kh112-2026.pdf "Bình Sơn Thượng" "tỉnh Lâm Đồng" \
    "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và phát triển chính quyền số trên địa bàn xã Bình Sơn Thượng năm 2026"
  ingest_with eval/plans/nam-cat-de-an-06-2026.md "Nam Cát" "tỉnh Hưng Yên" \
    "Kế hoạch triển khai Đề án 06 và chuyển đổi số năm 2026 của xã Nam Cát"
  ingest_with eval/plans/suoi-ngoc-nq57-2026.txt "Suối Ngọc" "tỉnh Gia Lai" \
    "Kế hoạch hành động về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số của xã Suối Ngọc năm 2026"
fi

datasets=()
for f in "$questions_dir"/*.jsonl; do
  datasets+=(--dataset "$f")
done

echo "== troly eval (${#datasets[@]} args) -> $OUT"
"$TROLY" eval "${datasets[@]}" --out "$OUT" --llm off
