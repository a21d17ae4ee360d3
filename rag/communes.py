"""Commune identity: a commune is its name *and* its province, with a stable id.

Names repeat across provinces (Tân Phú, Phú Thành…): after the 2025 reorganisation a country-wide
index holds 3,321 communes, so a name alone does not say which plan is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.index import StoredChunk
from rag.text import fold

_PREFIX_RE = re.compile(r"^(xa|phuong|thi tran|dac khu)\s+")
_PROVINCE_PREFIX_RE = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def commune_id(commune: str, province: str) -> str:
    """Stable id of a commune: "tan-phu-dong-nai" (commune slug, then province slug)."""
    return "-".join(p for p in (slug(commune), slug(province)) if p)


def name_key(name: str) -> str:
    """A commune name as typed ("xa Tan Phu", "Tân Phú") reduced to compare names."""
    return _padded(_PREFIX_RE.sub("", fold(name).strip())).strip()


def province_key(name: str) -> str:
    return _padded(_PROVINCE_PREFIX_RE.sub("", fold(name).strip())).strip()


def _padded(text: str) -> str:
    """Folded words of the text joined by single spaces, with a space at each end."""
    return f" {' '.join(re.findall(r'[a-z0-9]+', fold(text)))} "


@dataclass(frozen=True)
class CommuneRef:
    commune_id: str
    name: str
    province: str


class CommuneDirectory:
    """Every commune of the index, by id and by name."""

    def __init__(self, refs: list[CommuneRef]) -> None:
        self.refs = sorted(set(refs), key=lambda r: (r.name, r.province))
        self._by_id = {r.commune_id: r for r in self.refs}
        self._by_name: dict[str, list[CommuneRef]] = {}
        for r in self.refs:
            self._by_name.setdefault(name_key(r.name), []).append(r)
        # A name is shared when two provinces have it; a document without a province is taken to
        # be of the commune of that name that has one.
        self._shared = {
            key: refs
            for key, refs in self._by_name.items()
            if len({province_key(r.province) for r in refs if r.province}) > 1
        }

    @classmethod
    def from_chunks(cls, chunks: list[StoredChunk]) -> CommuneDirectory:
        refs = set()
        for c in chunks:
            name = c.meta.get("commune") or ""
            if name:
                province = c.meta.get("province") or ""
                refs.add(
                    CommuneRef(
                        c.meta.get("commune_id") or commune_id(name, province), name, province
                    )
                )
        return cls(list(refs))

    @property
    def has_shared_names(self) -> bool:
        """True if some commune name exists in more than one province."""
        return bool(self._shared)

    def shared_names_in(self, text: str) -> list[str]:
        """The shared names (several provinces) that the text mentions, longest first."""
        padded = _padded(text)
        found = [refs[0].name for key, refs in self._shared.items() if f" {key} " in padded]
        return sorted(found, key=len, reverse=True)

    def __len__(self) -> int:
        return len(self.refs)

    def by_id(self, cid: str) -> CommuneRef | None:
        return self._by_id.get((cid or "").strip().lower())

    def named(self, name: str) -> list[CommuneRef]:
        """The communes with this name, one per province."""
        return list(self._by_name.get(name_key(name), []))

    def ambiguous(self, name: str, text: str) -> list[CommuneRef]:
        """The communes a mention of `name` may mean when `text` names none of their provinces
        (empty when the name is unique or the province is given)."""
        refs = [r for r in self._shared.get(name_key(name), []) if r.province]
        if not refs:
            return []
        padded = _padded(text)
        if any(r.province and f" {province_key(r.province)} " in padded for r in refs):
            return []
        return refs

    def resolve(self, name: str, text: str) -> CommuneRef | None:
        """The one commune a mention of `name` means: the only one of that name, or the one
        whose province the text names; None when that does not decide."""
        refs = self.named(name)
        if len(refs) == 1:
            return refs[0]
        padded = _padded(text)
        named = [r for r in refs if r.province and f" {province_key(r.province)} " in padded]
        return named[0] if len(named) == 1 else None

    def page(
        self, q: str = "", province: str = "", limit: int = 50, offset: int = 0
    ) -> tuple[int, list[CommuneRef]]:
        """(number of matches, one page of them): `q` matches inside a name, `province` a province."""
        key, pkey = name_key(q) if q else "", province_key(province) if province else ""
        found = [
            r
            for r in self.refs
            if (not key or key in fold(r.name)) and (not pkey or province_key(r.province) == pkey)
        ]
        return len(found), found[offset : offset + limit]


def which_province(name: str, refs: list[CommuneRef]) -> str:
    """The short question asked back when a commune name exists in several provinces."""
    listed = "; ".join(
        f"xã {r.name}, {r.province or 'chưa rõ tỉnh'} (mã {r.commune_id})" for r in refs
    )
    return (
        f"Có {len(refs)} xã tên «{name}» trong dữ liệu của trợ lý. Bạn hỏi xã {name} của tỉnh nào? "
        f"{listed}. Bạn vui lòng hỏi lại kèm tên tỉnh, hoặc chọn xã theo mã."
    )
