"""Checks that every expect_fact of eval/unseen-sealed occurs in its plan's text (PDF as the engine
reads it) or, for comparisons, in the bundled plan of the other commune; uses eval.scoring.fact_present.

Run: PYTHONPATH=. python eval/plans-sealed/src/verify_facts.py   (exit 1 when a fact is missing)
"""

import json
import sys
from pathlib import Path

import yaml

from eval.scoring import fact_present
from rag.documents import read_pdf

SEALED = Path("eval/plans-sealed")
QUESTIONS = Path("eval/unseen-sealed")
BUNDLED = Path("corpus/plans")


def plan_text(path: Path) -> str:
    return str(read_pdf(path)) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")


def main() -> int:
    plans = {p.stem: plan_text(p) for p in SEALED.iterdir() if p.suffix in (".pdf", ".md", ".txt")}
    manifest = yaml.safe_load((BUNDLED / "manifest.yaml").read_text(encoding="utf-8"))["documents"]
    bundled = {d["commune"]: (BUNDLED / d["file"]).read_text(encoding="utf-8") for d in manifest}
    missing = 0
    for qfile in sorted(QUESTIONS.glob("*.jsonl")):
        text = plans[qfile.stem]
        for line in qfile.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            others = [bundled[c] for c in item.get("expect_communes", []) if c in bundled]
            for fact in item["expect_facts"]:
                if not any(fact_present(fact, t) for t in [text, *others]):
                    missing += 1
                    print("MISSING", item["id"], fact)
    print(f"missing facts: {missing}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
