#!/usr/bin/env bash
# Regenerate eval/plans-fresh6/my-le-dong-kh233-2026.pdf (run from the repository root).
set -euo pipefail
src=eval/plans-fresh6/src/my-le-dong-kh233-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh6/my-le-dong-kh233-2026.pdf "file://$PWD/$src"
