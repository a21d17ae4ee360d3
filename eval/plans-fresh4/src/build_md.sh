#!/usr/bin/env bash
# Regenerate eval/plans-fresh4/thach-ban-bac-kh15-2026.md (run from the repository root).
set -euo pipefail
cp eval/plans-fresh4/src/thach-ban-bac-kh15-2026.md.in eval/plans-fresh4/thach-ban-bac-kh15-2026.md
