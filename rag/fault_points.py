"""Named fault-injection points: hold the process at a chosen step of a write, on request.

`TROLY_FAULT_PAUSE="switch:3,publish:2"` makes the process announce each named point it reaches
on stderr ("troly-fault-point: switch") and wait there that many seconds. Unset (always, in
normal use) a point costs one dictionary look-up. The fault suite (tests/faults) uses it to kill
an ingest or to overlap two writers exactly where a crash or a race would hurt, instead of
hoping a random moment falls there. The points:

- `switch`: right after an ingest switched the index pointer to the generation it wrote, before
  older generations are deleted and before its views and tables are written (rag.index).
- `publish`: a complete copy of a views folder or table store is about to replace the old one
  (rag.lexical.atomic_directory, rag.tables.store.write_store).
"""

from __future__ import annotations

import os
import sys
import time

ENV = "TROLY_FAULT_PAUSE"
ANNOUNCE = "troly-fault-point:"


def _pauses(spec: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in spec.split(","):
        name, _, seconds = part.strip().partition(":")
        try:
            out[name.strip()] = float(seconds)
        except ValueError:
            continue
    return out


def reach(point: str) -> None:
    """Mark that this process reached `point`; waits there if TROLY_FAULT_PAUSE names it."""
    spec = os.environ.get(ENV, "")
    if not spec:
        return
    seconds = _pauses(spec).get(point)
    if seconds is None:
        return
    print(f"{ANNOUNCE} {point}", file=sys.stderr, flush=True)
    time.sleep(max(0.0, seconds))
