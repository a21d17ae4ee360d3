"""Which years a plan covers: the years it mentions outside the titles of the documents it cites.

"Căn cứ Quyết định số 749/QĐ-TTg … Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng
đến năm 2030" names 2030 inside a national document's title: it sets no target of the commune
for 2030. A year counts as covered by a plan only where the plan itself speaks of it — unless the
question is about the cited documents themselves ("căn cứ Quyết định nào … đến năm 2030?").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text import fold, nfc

# A line that only cites documents: "Căn cứ …", "Thực hiện Nghị quyết số …".
_CITING_LINE_RE = re.compile(
    r"^\s*[-–•+*]?\s*(?:căn cứ|thực hiện|triển khai|theo)\s+(?:các\s+)?"
    r"(?:luật|bộ luật|nghị quyết|nghị định|quyết định|thông tư|chỉ thị|kế hoạch|công văn|"
    r"chương trình|đề án|chiến lược|hướng dẫn|văn bản)\b[^\n]*",
    re.IGNORECASE | re.MULTILINE,
)
# A cited document inside a sentence: its type, a number or code ("số 06/QĐ-TTg", "57-NQ/TW"),
# then its title up to the end of the clause.
_DOC_TYPES = (
    r"(?:Luật|Bộ luật|Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Kế hoạch|Công văn|"
    r"Chương trình|Đề án|Chiến lược|Hướng dẫn|Văn bản)"
)
_CITED_DOC_RE = re.compile(
    _DOC_TYPES + r"\s+(?:số\s+)?[0-9][0-9A-Za-zĐđ/\-.]*[/-][^\s,;]*[^\n;]*",
    re.IGNORECASE,
)
# A quoted title after a document type: Đề án “Chuyển đổi số tỉnh … đến năm 2030”.
_QUOTED_TITLE_RE = re.compile(
    _DOC_TYPES + r"[^“\"\n;]{0,40}[“\"][^”\"\n]{1,300}[”\"]", re.IGNORECASE
)
# A quoted title that starts with a document type: ban hành “Đề án chuyển đổi số … đến năm 2030”.
_QUOTED_DOC_RE = re.compile(r"[“\"]\s*" + _DOC_TYPES + r"[^”\"\n]{1,300}[”\"]", re.IGNORECASE)
# A heading: markdown, a roman numeral or a capital letter with a dot, or a line in capitals.
_HEADING_RE = re.compile(r"^\s*(?:#+|[IVXLC]+[.)]|[A-Z][.)]|\*\*)")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# The question itself is about cited documents: their titles are what it asks.
_ABOUT_DOCUMENTS_RE = re.compile(
    r"\b(can cu|dua vao|dua tren|trien khai theo|thuc hien theo|luat|nghi quyet|nghi dinh|"
    r"quyet dinh|thong tu|chi thi|cong van|qd|nq|van ban|chien luoc|nhiem ky)\b"
)


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(_HEADING_RE.match(line)) or (len(letters) > 3 and line.upper() == line)


def _without_basis_sections(text: str) -> str:
    """Drop the section under a "Căn cứ …" heading: its items are cited documents."""
    out: list[str] = []
    inside = False
    for line in text.split("\n"):
        stripped = line.strip()
        # a section path "A › B": the passage lies in its deepest heading B
        stripped = stripped.split(" › ")[-1].strip()
        if stripped and _is_heading(stripped):
            words = fold(re.sub(r"[^\w\s]", " ", stripped)).split()
            inside = "can cu" in " ".join(words[:4]) and len(words) <= 12
            if inside:
                continue
        if not inside:
            out.append(line)
    return "\n".join(out)


def without_cited_titles(text: str) -> str:
    """The text with citing lines and cited documents' titles removed."""
    text = _without_basis_sections(nfc(text))
    text = _CITING_LINE_RE.sub(" ", text)
    text = _QUOTED_DOC_RE.sub(" ", text)
    text = _QUOTED_TITLE_RE.sub(" ", text)
    return _CITED_DOC_RE.sub(" ", text)


@lru_cache(maxsize=4096)
def own_years(text: str) -> frozenset[str]:
    """The years a plan mentions outside the titles of the documents it cites."""
    return frozenset(_YEAR_RE.findall(without_cited_titles(text)))


def all_years(text: str) -> frozenset[str]:
    return frozenset(_YEAR_RE.findall(text))


def asks_about_documents(question: str) -> bool:
    """The question asks about cited documents ("căn cứ QĐ nào…", "nhiệm kỳ 2025-2030")."""
    return bool(_ABOUT_DOCUMENTS_RE.search(fold(question)))


class PlanYears:
    """The years each commune's plan mentions, precomputed at ingest (rag.chunk_store):
    `lookup(commune)` -> [(own years, all years)] of that commune, `lookup(None)` of every one."""

    def __init__(self, lookup) -> None:
        if not callable(lookup):
            raise TypeError("lookup must be callable")
        self._lookup = lookup
        self._every: list[tuple[frozenset[str], frozenset[str]]] | None = None

    def sets(self, communes: list[str], about_documents: bool) -> list[frozenset[str]]:
        if communes:
            pairs = [p for c in communes for p in (self._lookup(c) or [(frozenset(), frozenset())])]
        else:
            if self._every is None:
                self._every = self._lookup(None)
            pairs = self._every
        return [every if about_documents else own for own, every in pairs]
