#!/usr/bin/env bash
# Regenerate the PDF plan of eval/plans-fresh9 from its HTML source (run from the repository root).
# DejaVu Serif on purpose: with Liberation Serif (what fontconfig gives for "Times New Roman") the text
# layer of the Chromium PDF splits Vietnamese letters ("S Ơ N Kim"), which would test the font, not the layout.
set -euo pipefail
src=eval/plans-fresh9/src/son-kim-dong-kh96-2026.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf=eval/plans-fresh9/son-kim-dong-kh96-2026.pdf "file://$PWD/$src"
