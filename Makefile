# Trợ lý ảo — two commands: `make demo` (install, ingest, answer) and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export TROLY_DATA_DIR ?= $(CURDIR)/data

.PHONY: install demo ingest serve test lint eval eval-unseen eval-sealed eval-fresh eval-zoo bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

ingest: install
	$(BIN)/troly ingest

demo: ingest
	$(BIN)/troly ask "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?"
	$(BIN)/troly ask "lam sao dang ky tai khoan dinh danh dien tu muc 2"

serve: ingest
	$(BIN)/troly serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two workers, one test file per worker at a time (the suite is parallel-safe: own data dirs,
# free ports, per-test file names); a single file still runs with plain `pytest FILE`.
test: lint
	$(BIN)/python -m pytest -ra -n 2 --dist loadfile tests

eval: ingest
	$(BIN)/troly eval --dataset eval/dev.jsonl --dataset eval/dev_howto.jsonl --out eval/out
	$(BIN)/troly eval --dataset eval/dev_legal.jsonl --out eval/out-legal

# Unseen plans (eval/plans, not in the default corpus) in their own data dir, ingested without flags.
eval-unseen: install
	TROLY=$(BIN)/troly TROLY_DATA_DIR=/tmp/troly-unseen scripts/eval_unseen.sh

# Sealed generalisation set (eval/plans-sealed, eval/unseen-sealed): score only, never tune on it.
eval-sealed: install
	TROLY=$(BIN)/troly TROLY_DATA_DIR=/tmp/troly-unseen-sealed scripts/eval_unseen.sh --sealed

# Fresh sealed set (eval/plans-fresh, eval/unseen-fresh), then the fresh questions on the five
# bundled plans (eval/bundled-fresh.jsonl, default data dir): score only, never tune on them.
eval-fresh: ingest
	TROLY=$(BIN)/troly TROLY_DATA_DIR=/tmp/troly-unseen-fresh scripts/eval_unseen.sh --fresh
	$(BIN)/troly eval --dataset eval/bundled-fresh.jsonl --out eval/out-bundled-fresh --llm off

# Later sealed sets (eval/plans-freshN, eval/unseen-freshN), then eval/bundled-freshN.jsonl on the
# five bundled plans: score only, never tune on them. `make eval-fresh2` … `make eval-fresh11`.
eval-fresh%: ingest
	TROLY=$(BIN)/troly TROLY_DATA_DIR=/tmp/troly-unseen-fresh$* scripts/eval_unseen.sh --set fresh$*
	$(BIN)/troly eval --dataset eval/bundled-fresh$*.jsonl --out eval/out-bundled-fresh$* --llm off

# Layout zoo: the same kinds of facts in many generated plan layouts; pass/total by layout dimension.
# `make eval-zoo ZOO_ARGS="--seed 2 --plans 8"`.
eval-zoo: install
	TROLY=$(BIN)/troly PYTHON=$(BIN)/python eval/zoo/run.sh $(ZOO_ARGS)

bench: ingest
	TROLY_RATE_LIMIT_PER_MINUTE=0 $(BIN)/python scripts/bench_latency.py --rounds 2

clean:
	rm -rf data eval/out eval/out-legal eval/out-unseen eval/out-unseen-flags eval/out-unseen-sealed eval/out-unseen-fresh eval/out-bundled-fresh eval/out-unseen-fresh2 eval/out-bundled-fresh2 eval/out-unseen-fresh3 eval/out-bundled-fresh3 eval/out-unseen-fresh4 eval/out-bundled-fresh4 eval/out-unseen-fresh5 eval/out-bundled-fresh5 eval/out-unseen-fresh6 eval/out-bundled-fresh6 eval/out-unseen-fresh7 eval/out-bundled-fresh7 eval/out-unseen-fresh8 eval/out-bundled-fresh8 eval/out-unseen-fresh9 eval/out-bundled-fresh9 eval/out-unseen-fresh10 eval/out-bundled-fresh10 eval/out-unseen-fresh11 eval/out-bundled-fresh11 test-artifacts .pytest_cache
