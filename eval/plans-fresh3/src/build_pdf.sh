#!/usr/bin/env bash
# Regenerate the landscape PDF plan of eval/plans-fresh3 from its HTML source (run from the repository root).
set -euo pipefail
src=eval/plans-fresh3/src/my-loi-bac-kh128-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh3/my-loi-bac-kh128-2026.pdf "file://$PWD/$src"
