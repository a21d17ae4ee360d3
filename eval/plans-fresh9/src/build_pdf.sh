#!/usr/bin/env bash
# Regenerate the PDF plan of eval/plans-fresh9 from its HTML source (run from the repository root).
set -euo pipefail
src=eval/plans-fresh9/src/son-kim-dong-kh96-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh9/son-kim-dong-kh96-2026.pdf "file://$PWD/$src"
