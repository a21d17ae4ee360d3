#!/usr/bin/env bash
# Rebuild the binary plans of eval/plans-fresh11 (run from the repository root).
set -euo pipefail
d=eval/plans-fresh11
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=$d/ea-kiet-nam-kh134-2026.pdf "file://$PWD/$d/src/ea-kiet-nam-kh134-2026.html"
(cd $d/src && /work/main/.venv/bin/python build_loc_thanh_tay_docx.py ../loc-thanh-tay-kh52-2026.docx)
