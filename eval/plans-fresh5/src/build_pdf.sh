#!/usr/bin/env bash
# Regenerate the two PDF plans of eval/plans-fresh5 from their HTML sources (run from the repository root).
# dong-tam-ha: tasks assigned BY AGENCY; ea-tan-bac: two-column (CSS columns) newsletter-like layout.
set -euo pipefail
for stem in dong-tam-ha-kh62-2026 ea-tan-bac-kh80-2026; do
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf=eval/plans-fresh5/$stem.pdf "file://$PWD/eval/plans-fresh5/src/$stem.html"
done
