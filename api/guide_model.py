"""A how-to guide as shown by the API and its HTML pages (shared by api/routes/guides.py and
api/guide_page.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.text import fold

STEP_RE = re.compile(r"^\s*\d{1,3}[.)]\s+")


@dataclass
class Section:
    title: str
    lines: list[str]


@dataclass
class Guide:
    slug: str
    title: str
    audience: list[str]
    last_reviewed: str
    sources: list[str]
    caveats: list[str]
    sections: list[Section] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"/guides/{self.slug}"

    @property
    def steps_section(self) -> Section | None:
        """The section titled '... bước ...', else the first one with numbered lines."""
        for sec in self.sections:
            if "buoc" in fold(sec.title).split():
                return sec
        return next((s for s in self.sections if any(STEP_RE.match(x) for x in s.lines)), None)

    @property
    def steps(self) -> list[str]:
        """The numbered steps, in order, without their numbers."""
        sec = self.steps_section
        if sec is None:
            return []
        numbered = [STEP_RE.sub("", x) for x in sec.lines if STEP_RE.match(x)]
        return numbered or [re.sub(r"^\s*[-*+]\s+", "", x) for x in sec.lines]
