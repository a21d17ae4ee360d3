"""Fit the answer-or-refuse decision: same as `troly eval --fit` (extra args are passed on).

Usage: TROLY_DATA_DIR=data python scripts/fit_params.py [--dataset eval/dev.jsonl ...]
Writes rag/params/answer_decision.json. Never pass eval/holdout.jsonl (it is refused).
"""

from __future__ import annotations

import sys

from rag.cli import main

if __name__ == "__main__":
    sys.exit(main(["eval", "--fit", *sys.argv[1:]]))
