"""Agency names: find them in a cell and map them to one canonical name per commune.

The mapping lives in corpus/agencies.yaml (reviewable data, not code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from rag.settings import BUNDLED_CORPUS
from rag.text import fold
from rag.understand.agency_words import starts_like_agency

DEFAULT_MAPPING = BUNDLED_CORPUS / "agencies.yaml"
_FILLER = {"xa", "va", "cac", "tinh", "cua", "voi", "chu", "tri", "phoi", "hop"}


@dataclass(frozen=True)
class Entity:
    """An agency named in a cell: key is None when the name is not in the mapping."""

    key: str | None
    name: str  # canonical name (per commune) or the verbatim text
    raw: str  # the text as written in the cell


def _tokens(text: str) -> list[str]:
    folded = fold(text).replace("&", " va ")
    return re.findall(r"[a-z0-9]+", folded)


def _pattern(variant: str) -> str:
    parts = []
    for tok in _tokens(variant):
        parts.append(r"(?:va|&)" if tok == "va" else re.escape(tok))
    return r"(?<![a-z0-9])" + r"[^a-z0-9]*".join(parts) + r"(?![a-z0-9])"


def clean_spaces(text: str) -> str:
    return " ".join(text.split())


class AgencyMap:
    """Finds agencies in free text; canonical names per commune."""

    def __init__(self, path: Path | None = None) -> None:
        path = Path(path or DEFAULT_MAPPING)
        if not path.is_file():
            raise FileNotFoundError(f"Không tìm thấy tệp tên cơ quan / mapping not found: {path}")
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = data.get("agencies") or []
        if not isinstance(entries, list):
            raise ValueError(f"{path.name}: 'agencies' phải là danh sách / must be a list")
        self.canonical: dict[str, str] = {}
        variants: list[tuple[str, str]] = []
        for entry in entries:
            key, canon = str(entry["key"]), str(entry["canonical"])
            self.canonical[key] = canon
            for v in [canon, *(entry.get("variants") or [])]:
                variants.append((str(v), key))
        # Longest variant first so "Trung tâm Phục vụ HCC tỉnh" beats "Trung tâm Phục vụ HCC".
        variants.sort(key=lambda kv: -len(_tokens(kv[0])))
        self._patterns = [(re.compile(_pattern(v)), key) for v, key in variants if _tokens(v)]
        self.per_commune: dict[str, dict[str, str]] = {
            fold(str(c)): {str(k): str(v) for k, v in (names or {}).items()}
            for c, names in (data.get("communes") or {}).items()
        }
        self.variants_by_key: dict[str, list[str]] = {}
        for v, key in variants:
            self.variants_by_key.setdefault(key, []).append(v)

    # ----------------------------------------------------------------- names
    def name(self, key: str, commune: str = "") -> str:
        own = self.per_commune.get(fold(commune), {})
        return own.get(key) or self.canonical.get(key, key)

    def resolve(self, text: str) -> str | None:
        """Key of the agency a user typed ("phong kt", "VP HĐND-UBND"), or None."""
        found = self.find(text)
        if len(found) == 1 and found[0].key:
            return found[0].key
        return None

    # --------------------------------------------------------------- finding
    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        folded = fold(text)
        if len(folded) != len(text):  # fold is length-preserving on collapsed NFC text
            folded = folded[: len(text)].ljust(len(text))
        taken = [False] * len(text)
        spans: list[tuple[int, int, str]] = []
        for pattern, key in self._patterns:
            for m in pattern.finditer(folded):
                if any(taken[m.start() : m.end()]):
                    continue
                for i in range(m.start(), m.end()):
                    taken[i] = True
                spans.append((m.start(), m.end(), key))
        return sorted(spans)

    def find(self, text: str, commune: str = "") -> list[Entity]:
        """Agencies in a cell, in order; unknown agency-like text is kept verbatim."""
        text = clean_spaces(text)
        if not text:
            return []
        spans = self._spans(text)
        out: list[tuple[int, Entity]] = []
        seen: set[str] = set()
        for start, end, key in spans:
            if key in seen:
                continue
            seen.add(key)
            out.append((start, Entity(key, self.name(key, commune), text[start:end])))
        # Residual text between the matches.
        pos = 0
        pieces: list[tuple[int, str]] = []
        for start, end, _ in [*spans, (len(text), len(text), "")]:
            if start > pos:
                pieces.append((pos, text[pos:start]))
            pos = max(pos, end)
        for start, piece in pieces:
            for part in re.split(r";", piece):
                stripped = part.strip(" ,.;:-–—()\u00a0")
                stripped = re.sub(r"^(?:\d+\s+|và\s+|,\s*)", "", stripped).strip()
                toks = [t for t in _tokens(stripped) if t not in _FILLER]
                if len(toks) < 2:
                    continue
                if spans and not starts_like_agency(stripped):
                    continue
                out.append((start + piece.find(part), Entity(None, stripped, stripped)))
        out.sort(key=lambda x: x[0])
        return [e for _, e in out]
