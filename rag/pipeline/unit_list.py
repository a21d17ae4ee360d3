"""The units a plan assigns work to ("giao nhiệm vụ cho những đơn vị nào?").

Plans often write their assignments one unit per item, the unit first and its duties after a
colon ("1. Công an xã: chủ trì …; phối hợp …"). The units are the labels of those items, read
from the items written under one heading; nothing here knows a unit's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.index import StoredChunk
from rag.text import fold

# "những đơn vị nào", "các cơ quan nào", "đơn vị nào được giao": a list of units asked.
_ASKS_UNITS_RE = re.compile(
    r"\b(?:nhung|cac) (?:don vi|co quan|phong ban|bo phan|to chuc)(?: [a-z]+){0,2} nao\b"
)
# … and that they are assigned work ("giao", "phân công", "tham gia", "thực hiện").
_ASSIGNS_RE = re.compile(r"\b(?:giao|phan cong|tham gia|thuc hien|trach nhiem|dam nhan)\b")
# One task's lead or partners asked ("những đơn vị nào phối hợp số hóa …"): not the units list.
_ONE_TASK_RE = re.compile(r"\b(?:chu tri|phoi hop)\b")
# "1. Công an xã: chủ trì …", "- Phòng Kinh tế: …": the unit before the colon.
_LABELLED_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-+•–]|[a-zđ]\))\s+([^:;.()]{3,80}?)\s*:\s+(\S.*)$")
# A label that names a kind of content, not a unit ("Nhiệm vụ chung:", "Kinh phí:").
_NOT_UNIT_RE = re.compile(
    r"^(?:nhiem vu|muc tieu|chi tieu|kinh phi|thoi gian|noi dung|giai phap|yeu cau|ket qua)\b"
)
# Duties follow the colon ("chủ trì …", "phối hợp …", "tham mưu …").
_DUTY_RE = re.compile(
    r"\b(?:chu tri|phoi hop|tham muu|tham gia|theo doi|huong dan|to chuc|trien khai|thuc hien|dau tu)\b"
)
MIN_UNITS = 3


@dataclass(frozen=True)
class Unit:
    name: str  # as printed before the colon
    chunk: StoredChunk


def asks_units(question: str) -> bool:
    """True for a question asking which units the plan assigns work to."""
    f = " ".join(re.findall(r"[a-z0-9]+", fold(question)))
    return bool(_ASKS_UNITS_RE.search(f) and _ASSIGNS_RE.search(f) and not _ONE_TASK_RE.search(f))


def assigned_units(items: dict[str, list[tuple[str, StoredChunk]]]) -> tuple[str, list[Unit]]:
    """(heading, units) of the heading whose items assign duties unit by unit (the most such
    items; at least MIN_UNITS); ("", []) when no heading does."""
    best: tuple[str, list[Unit]] = ("", [])
    for heading, found in items.items():
        units: list[Unit] = []
        for text, chunk in found:
            m = _LABELLED_RE.match(text)
            if m is None:
                continue
            # "Đề nghị VNPT tỉnh: …": a request to a unit outside the commune names that unit
            name = re.sub(r"^(?:Đề nghị|Giao|Yêu cầu)\s+", "", " ".join(m.group(1).split()))
            if (
                not name[:1].isupper()
                or len(name.split()) > 12
                or _NOT_UNIT_RE.match(fold(name))
                or not _DUTY_RE.search(fold(m.group(2)))
            ):
                continue
            if all(u.name != name for u in units):
                units.append(Unit(name, chunk))
        if len(units) >= MIN_UNITS and len(units) > len(best[1]):
            best = (heading, units)
    return best
