#!/usr/bin/env bash
# Regenerate the HTML-printed PDF plan of eval/plans-fresh4 (run from the repository root).
set -euo pipefail
src=eval/plans-fresh4/src/tinh-phong-tay-kh96-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh4/tinh-phong-tay-kh96-2026.pdf "file://$PWD/$src"
