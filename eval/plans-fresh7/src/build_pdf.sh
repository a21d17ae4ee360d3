#!/usr/bin/env bash
# Regenerate the PDF plan of eval/plans-fresh7 from its HTML source (run from the repository root).
set -euo pipefail
src=eval/plans-fresh7/src/luong-son-dong-kh26-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh7/luong-son-dong-kh26-2026.pdf "file://$PWD/$src"
