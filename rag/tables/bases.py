"""A plan's legal bases: the documents its "Căn cứ …" / "Thực hiện …" opening cites.

Found in three places, whatever the layout (plain text, markdown, HTML left-overs):
- lines that open with "Căn cứ" and name a document ("Căn cứ Nghị quyết số 57-NQ/TW …;");
- the opening paragraphs before the first body heading that open with "Thực hiện" /
  "Triển khai thực hiện" / "Căn cứ" and list documents separated by ";" or ". ";
- every line under a heading that names the bases ("I. Căn cứ lập Kế hoạch",
  "CĂN CỨ PHÁP LÝ", "## Căn cứ xây dựng kế hoạch"), numbered or bulleted.

One basis per clause: the first document of a clause is the basis, documents named inside its
subject ("… về thực hiện Nghị quyết số 57-NQ/TW …") are kept as `nested`.
Each basis carries the fields read from its own line, so an answer quoting that line is grounded.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from rag.tables.legal import NATIONAL_SUFFIXES, find_mentions, merge_key
from rag.text import fold

RANK_FILE = Path(__file__).with_name("legal_rank.json")

_TAG_RE = re.compile(r"<[^>]+>")
_MARK_RE = re.compile(r"^[\s#>*_\-–•+]+|[\s*_]+$")
_LIST_RE = re.compile(r"^(?:\(?\d{1,2}[.)]|[a-zđ][.)])\s+")
_OPENER_RE = re.compile(r"^(can cu|thuc hien|trien khai thuc hien|trien khai)\b")
_BASIS_HEADING_RE = re.compile(r"\bcan cu\b|\bco so phap ly\b|\bvan ban phap ly\b")
_BODY_HEADING_RE = re.compile(
    r"^(?:phan\s+(?:[ivx]+|thu|mot|\d)|[ivx]{1,5}[.)]\s|[a-d][.)]\s|chuong\s+[ivx\d]|"
    r"muc dich|dac diem|tinh hinh|danh gia)"
)
_LAW_RE = re.compile(
    r"\b(Luật|Bộ luật|Pháp lệnh|Hiến pháp)\s+([^;,\n]{3,90}?)(?=\s+(?:số\s*\d|ngày\b|năm\b)|[;,.\n]|$)"
)
_LAW_DATE_RE = re.compile(r"ngày\s+(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})")
# where a subject runs on into the plan's own sentence ("…, Ủy ban nhân dân xã X ban hành …")
_TITLE_END_RE = re.compile(r",\s*(?:Ủy ban nhân dân|UBND|Đảng ủy|Ban Chấp hành)\b")
_TYPE_BEFORE_RE = re.compile(
    r"(?:Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư|Thông báo|Công văn|Chương trình"
    r"(?: hành động)?|Kế hoạch(?: hành động)?|Luật[^;,]{0,40}?|NQ|QĐ|KH|CT)\s*(?:số\s*)?$"
)
_CLAUSE_SPLIT = re.compile(r";|\.\s+(?=[A-ZĐ])")


@dataclass
class LegalBasis:
    """One document a plan is based on, as its own line states it."""

    key: str  # merge key (rag.tables.legal.merge_key), "" for an unnumbered law
    number: str
    type: str
    issuer: str
    date: str
    title: str
    quote: str  # the clause it was read from
    line: int  # 1-based line of the clause in the plan text
    order: int  # position among the plan's bases
    level: int  # 0 national, 1 province/city, 2 commune
    nested: bool = False  # named inside another basis' subject
    text: str = ""  # the words of the clause that name this document, as written

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def label(self) -> str:
        head = " ".join(x for x in (self.type, f"số {self.number}" if self.number else "") if x)
        return head or self.title


@lru_cache(maxsize=1)
def type_order() -> tuple[str, ...]:
    """Document types from most to least important (rag/tables/legal_rank.json)."""
    return tuple(json.loads(RANK_FILE.read_text(encoding="utf-8"))["type_order"])


def rank_key(basis: LegalBasis | dict) -> tuple[int, int, int, int]:
    """Sort key: top-level first, national before provincial before commune, then by type."""
    b = basis if isinstance(basis, dict) else basis.as_dict()
    order = type_order()
    t = order.index(b["type"]) if b["type"] in order else len(order)
    return (int(b["nested"]), b["level"], t, b["order"])


def clean_line(line: str) -> str:
    """A line without HTML tags, markdown marks and list numbering."""
    text = _TAG_RE.sub(" ", line)
    text = _MARK_RE.sub("", text.strip())
    text = re.sub(r"\*\*|__|</?u>", "", text)
    return " ".join(text.split())


def _is_heading(raw: str, clean: str) -> bool:
    if not clean or len(clean) > 150:
        return False
    if raw.lstrip().startswith("#") or re.match(r"^\s*(\*\*|<h\d)", raw):
        return True
    letters = [ch for ch in clean if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and len(letters) > 5:
        return True
    return bool(_BODY_HEADING_RE.match(fold(clean)))


def _level(number: str, issuer: str, clause: str) -> int:
    tail = re.split(r"[/-]", number)[-1].upper() if number else ""
    if (
        not number
        or tail in NATIONAL_SUFFIXES
        or tail.startswith("QH")
        or tail.endswith("TW")
        or re.match(r"^B(?!CĐ)[A-ZĐ&]{2,}$", tail)
    ):
        return 0
    who = fold(issuer or clause)
    if re.search(r"\b(xa|phuong|thi tran|dang uy|du)\b", who) or tail in ("ĐU", "DU"):
        return 2
    return 1


def basis_blocks(text: str) -> list[tuple[int, int]]:
    """(first, last) line indexes (0-based) of the items that state the plan's legal bases.

    An item opens with "Căn cứ" / "Thực hiện" (the latter only before the body starts), or
    with any line under a bases heading; it runs over wrapped lines until a blank line, a
    heading, the next item or a line ending in ";", "." or ":".
    """
    lines = text.split("\n")
    blocks: list[tuple[int, int]] = []
    body_started = in_section = False
    cur: list[int] | None = None
    prev_heading = ""

    def close() -> None:
        nonlocal cur
        if cur is not None:
            blocks.append((cur[0], cur[1]))
        cur = None

    for i, raw in enumerate(lines):
        clean = clean_line(raw)
        if not clean or "\t" in raw:  # table rows cite per-indicator bases, not the plan's
            close()
            continue
        folded = fold(clean)
        item = _LIST_RE.sub("", folded)
        opener = bool(_OPENER_RE.match(item))
        if _is_heading(raw, clean) and not clean.endswith(";") and not find_mentions(clean):
            close()
            prev_heading = clean
            in_section = bool(_BASIS_HEADING_RE.search(folded)) and len(clean) < 90
            if not in_section and _BODY_HEADING_RE.match(folded):
                body_started = True
            continue
        new_item = opener or (in_section and bool(_LIST_RE.match(clean)))
        # the plan's own subtitle under "KẾ HOẠCH" ("Triển khai thực hiện Nghị quyết …")
        subtitle = fold(prev_heading).startswith("ke hoach") and not item.startswith("can cu")
        prev_heading = ""
        if new_item:
            close()
            if subtitle and not clean.endswith(";"):
                continue
            if in_section or item.startswith("can cu") or not body_started:
                cur = [i, i]
        elif cur is not None:
            cur[1] = i
        elif in_section:
            cur = [i, i]
        if cur is not None and clean.endswith((";", ".", ":")):
            close()
    close()
    return blocks


def extract_bases(text: str) -> list[LegalBasis]:
    """The plan's legal bases in document order (nested ones flagged), duplicates merged."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    out: list[LegalBasis] = []
    seen: dict[str, LegalBasis] = {}
    for first, last in basis_blocks(text):
        block = " ".join(clean_line(x) for x in lines[first : last + 1])
        block = re.sub(r"(\d)\s*-\s+(?=[A-ZĐ])", r"\1-", block)  # "57- NQ/TW" wrapped by PDF
        block = re.sub(r"/\s+(?=[A-ZĐ])", "/", block)
        block = re.sub(r"([A-ZĐ])-\s+(?=[A-ZĐ])", r"\1-", block)  # "348/KH- UBND"
        block = _LIST_RE.sub("", block)
        block = re.sub(
            r"^(?:Căn cứ|Thực hiện|Triển khai thực hiện|Triển khai)\s*(?:vào\s+)?", "", block
        )
        for clause in _clauses(block):
            for basis in _bases_of_clause(clause, first + 1):
                key = basis.key or fold(basis.title)
                if key in seen:
                    old = seen[key]
                    if old.nested and not basis.nested:
                        old.nested = False
                    if basis.date and not old.date:  # the fuller citation wins, order stays
                        basis.order, basis.nested = old.order, old.nested
                        out[out.index(old)] = seen[key] = basis
                    continue
                basis.order = len(out)
                seen[key] = basis
                out.append(basis)
    return out


def bases_in_text(text: str, line: int = 0) -> list[LegalBasis]:
    """The documents one passage names, anywhere in it (not only on "Căn cứ" lines), each
    with the words that name it: "… và Kế hoạch hành động số 12-KH/TU ngày 26/8/2025 của …"."""
    return [
        b for clause in _clauses(" ".join(text.split())) for b in _bases_of_clause(clause, line)
    ]


def _clauses(block: str) -> list[str]:
    parts, out = _CLAUSE_SPLIT.split(block), []
    for part in parts:
        part = part.strip(" ,.;:")
        # "... ngày 22/12/2024 của Bộ Chính trị. Nghị quyết số 71 ..." splits fine; a sentence
        # that states what the commune does ("UBND xã xây dựng Kế hoạch …") is not a basis.
        if part:
            out.append(part)
    return out


def _start_of(clause: str, pos: int) -> int:
    """Where the document's name starts: its type word before the number, if any."""
    m = _TYPE_BEFORE_RE.search(clause[max(0, pos - 45) : pos])
    return max(0, pos - 45) + m.start() if m else pos


def _bases_of_clause(clause: str, line: int) -> list[LegalBasis]:
    mentions = find_mentions(clause)
    found: list[LegalBasis] = []
    law = _LAW_RE.search(clause)
    lead_end = mentions[0].start if mentions else len(clause)
    if law and law.start() < lead_end and law.start() < 40:
        date = ""
        dm = _LAW_DATE_RE.search(clause[law.end() : law.end() + 80])
        if dm:
            date = f"{int(dm.group(1)):02d}/{int(dm.group(2)):02d}/{dm.group(3)}"
        number = mentions[0].number if mentions and mentions[0].start - law.end() < 12 else ""
        found.append(
            LegalBasis(
                merge_key(number) if number else "",
                number,
                law.group(1),
                mentions[0].issuer if number else "",
                date or (mentions[0].date if number else ""),
                f"{law.group(1)} {law.group(2)}".strip(),
                clause,
                line,
                0,
                0,
            )
        )
        if number:
            mentions = mentions[1:]
    for i, m in enumerate(mentions):
        nested = bool(found) or i > 0
        found.append(
            LegalBasis(
                merge_key(m.number),
                m.number,
                m.type,
                m.issuer,
                m.date,
                m.subject,
                clause,
                line,
                0,
                _level(m.number, m.issuer, clause),
                nested,
            )
        )
    starts = [law.start()] if found and found[0].type == "Luật" else []
    starts += [_start_of(clause, m.start) for m in mentions]
    ends = [*starts[1:], len(clause)]
    for i, (b, a, z) in enumerate(zip(found, starts, ends, strict=False)):
        piece = clause[a:z].strip(" ,;:")
        nxt = mentions[i + 1 - (len(found) - len(mentions))] if i + 1 < len(found) else None
        if nxt is not None and re.search(r"\b(?:thực hiện|triển khai|về|của|theo)$", piece):
            piece = clause[a : nxt.end]  # "… về việc thực hiện Nghị quyết 57-NQ/TW"
        b.text = re.sub(r"\s+(?:và|,)$", "", _TITLE_END_RE.split(piece)[0]).strip(" ,;")
    for b in found:
        b.title = _TITLE_END_RE.split(b.title)[0].strip(" ,")
        if not b.key:
            continue
        b.level = _level(b.number, b.issuer, clause) if b.type not in ("Luật",) else 0
    return found
