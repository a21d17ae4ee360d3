"""Regenerate eval/plans-fresh3/cam-lac-tay-kh52-2026.txt (run from the repository root).

Layout on purpose: text hard-wrapped at 70 columns as if copied out of a PDF (sentences broken
mid-line, page numbers between pages), tables kept as tab-separated lines; the budget table is in
"nghìn đồng".
"""

import textwrap
from pathlib import Path

SRC = Path("eval/plans-fresh3/src")
OUT = Path("eval/plans-fresh3/cam-lac-tay-kh52-2026.txt")

out: list[str] = []
for line in (SRC / "cam-lac-tay-kh52-2026.txt.in").read_text(encoding="utf-8").splitlines():
    if line == "<<TSV1>>":
        out.extend((SRC / "tsv1.tsv").read_text(encoding="utf-8").splitlines())
    elif line == "<<TSV2>>":
        out.extend((SRC / "tsv2.tsv").read_text(encoding="utf-8").splitlines())
    elif line.startswith("<<PAGE "):
        out.extend(["", f"{line[7:-2]}", ""])
    elif not line.strip():
        out.append("")
    else:
        out.extend(textwrap.wrap(line, width=70, break_long_words=False) or [""])
OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
print(OUT)
