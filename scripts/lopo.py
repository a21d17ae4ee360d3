"""Leave-one-plan-out table: same as `troly eval --lopo` (extra args are passed on)."""

from __future__ import annotations

import sys

from rag.cli import main

if __name__ == "__main__":
    sys.exit(main(["eval", "--lopo", *sys.argv[1:]]))
