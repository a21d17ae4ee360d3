#!/usr/bin/env bash
# Regenerate the PDF plan of eval/plans-fresh8 from its HTML source (run from the repository root).
set -euo pipefail
src=eval/plans-fresh8/src/kim-bang-dong-kh203-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh8/kim-bang-dong-kh203-2026.pdf "file://$PWD/$src"
