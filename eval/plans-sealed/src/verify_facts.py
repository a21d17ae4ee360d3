"""Checks that every expect_fact of eval/unseen-sealed occurs in its plan text (or, for comparisons,
in the bundled plan of the other commune), with eval.scoring.fact_present.
Run: PYTHONPATH=. python eval/plans-sealed/src/verify_facts.py"""

import json, yaml
from pathlib import Path
from eval.scoring import fact_present
from rag.documents import read_pdf
plans = {
 "thanh-luong-ha-kh36-2026": str(read_pdf(Path("eval/plans-sealed/thanh-luong-ha-kh36-2026.pdf"))),
 "vinh-xuan-giang-kh58-2026": Path("eval/plans-sealed/vinh-xuan-giang-kh58-2026.md").read_text(),
 "long-phuoc-dien-kh14-2026": Path("eval/plans-sealed/long-phuoc-dien-kh14-2026.txt").read_text(),
}
man = yaml.safe_load(open("corpus/plans/manifest.yaml"))["documents"]
bundled = {d["commune"]: Path("corpus/plans", d["file"]).read_text() for d in man}
bad = 0
for stem, text in plans.items():
    for line in open(f"eval/unseen-sealed/{stem}.jsonl"):
        it = json.loads(line)
        for f in it["expect_facts"]:
            ok = fact_present(f, text)
            if not ok and it["category"] == "comparison":
                other = [c for c in it["expect_communes"] if c in bundled]
                ok = any(fact_present(f, bundled[c]) for c in other)
            if not ok:
                bad += 1; print("MISSING", it["id"], f)
        # refusal personal-data sanity: nothing to check
print("bad", bad)
