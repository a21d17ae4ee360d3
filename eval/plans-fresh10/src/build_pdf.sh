#!/usr/bin/env bash
# Regenerate the PDF plan of eval/plans-fresh10 from its HTML source (run from the repository root).
set -euo pipefail
src=eval/plans-fresh10/src/dong-thanh-phu-kh156-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh10/dong-thanh-phu-kh156-2026.pdf "file://$PWD/$src"
