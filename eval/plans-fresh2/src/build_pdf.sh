#!/usr/bin/env bash
# Regenerate the PDF plan of eval/plans-fresh2 from its HTML source (run from the repository root).
set -euo pipefail
src=eval/plans-fresh2/src/phuoc-hung-nam-kh112-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh2/phuoc-hung-nam-kh112-2026.pdf "file://$PWD/$src"
