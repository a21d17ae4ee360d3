"""Legal documents cited by the plans: numbers, type, issuer, date, subject as cited.

Variants of one document ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
"Nghị quyết 57-NQ/TW", "NQ 57") are merged under one normalised number.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rag.text import fold

# 57-NQ/TW, 02-KH/BCĐTW, 01-NQ/ĐU (party documents) or 71/NQ-CP, 749/QĐ-TTg,
# 85/2016/NĐ-CP, 193/2025/QH15, 1366/ SKHCN-CĐS (state documents).
_SUFFIX = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?-\s?[A-ZĐ][A-Za-zĐđ0-9&]*)*"
NUMBER_RE = re.compile(
    r"(?<![\d/])(\d{1,5})\s?(?:-\s?(" + _SUFFIX + r")/(" + _SUFFIX + r")"
    r"|/\s?(?:(\d{4})/)?(" + _SUFFIX + r"))"
)
_TYPE_WORDS = [
    ("chuong trinh hanh dong", "Chương trình hành động"),
    ("chuong trinh", "Chương trình"),
    ("nghi quyet", "Nghị quyết"),
    ("quyet dinh", "Quyết định"),
    ("ke hoach hanh dong", "Kế hoạch hành động"),
    ("ke hoach", "Kế hoạch"),
    ("cong van", "Công văn"),
    ("thong tu", "Thông tư"),
    ("nghi dinh", "Nghị định"),
    ("thong bao", "Thông báo"),
    ("chi thi", "Chỉ thị"),
    ("luat", "Luật"),
    ("qd", "Quyết định"),
    ("nq", "Nghị quyết"),
    ("kh", "Kế hoạch"),
]
_SUFFIX_TYPES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QDD": "Quyết định",
    "KH": "Kế hoạch",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TB": "Thông báo",
    "CTR": "Chương trình",
    "CT": "Chỉ thị",
}
_DATE_RE = re.compile(
    r"^[\s,]*(?:ngày|ngay)\s+(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})",
    re.I,
)
_ISSUER_RE = re.compile(
    r"^[ ,]*(?:ngày[^,;\t]{0,30}?\d{4} *)?,? *của +([^\t\n;,.:(\"“]{3,90}?)(?= +(?:về|phê duyệt|"
    r"Phê duyệt|sửa đổi|ban hành|thực hiện|tạo|triển khai)\b| +và +(?:Kế hoạch|Nghị quyết|Quyết "
    r"định|Chương trình)| *[\t\n;,.:(\"“]|$)"
)
_SUBJECT_RE = re.compile(r"^ *(?:[:,] *)?((?:về|Về|phê duyệt|Phê duyệt|sửa đổi)\b[^;\n\t]{5,220})")
_SHORT_RE = re.compile(
    r"(?<![\w/])(Nghị quyết|Quyết định|Kế hoạch|NQ|QĐ|KH)\s+(?:số\s+)?(\d{1,5})(?![\d/-])"
)
_ISSUERS = {
    "bo chinh tri": "Bộ Chính trị",
    "chinh phu": "Chính phủ",
    "thu tuong chinh phu": "Thủ tướng Chính phủ",
    "ttgcp": "Thủ tướng Chính phủ",
    "quoc hoi": "Quốc hội",
}
NATIONAL_SUFFIXES = ("TW", "CP", "TTG", "QH", "BCĐTW", "BTTTT", "BKHCN")


@dataclass
class LegalMention:
    number: str
    type: str
    issuer: str
    date: str
    subject: str
    start: int
    end: int


@dataclass
class LegalDoc:
    number: str
    type: str = ""
    issuer: str = ""
    date: str = ""
    title: str = ""
    cited_by_communes: list[str] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)

    @property
    def national(self) -> bool:
        tail = self.number.split("/")[-1].split("-")[-1].upper()
        return tail in NATIONAL_SUFFIXES or tail.startswith("QH") or tail.endswith("TW")

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "type": self.type,
            "issuer": self.issuer,
            "date": self.date,
            "title": self.title,
            "cited_by_communes": list(self.cited_by_communes),
            "citations": list(self.citations),
        }


def normalise_number(match: re.Match) -> str:
    """The number as written, without spaces and line breaks ("57-NQ/TW", "749/QĐ-TTg")."""
    return re.sub(r"\s+", "", match.group(0))


def merge_key(number: str, commune: str = "") -> str:
    """One key for typographic variants ("02-KH/BCĐTW" = "02/KH-BCĐTW", "11/NQCP" = "11/NQ-CP").

    Local documents (UBND, Đảng ủy, Tỉnh ủy …) are only merged within one commune's plan.
    """
    m = re.match(r"^(\d+)[-/](?:(\d{4})/)?(.*)$", number)
    if not m:
        return number
    letters = "".join(re.findall(r"[A-Za-zĐđ0-9&]+", m.group(3))).upper()
    key = f"{int(m.group(1))}|{m.group(2) or ''}|{letters}"
    tail = re.split(r"[-/]", number)[-1].upper()
    national = tail.startswith("QH") or letters.endswith(NATIONAL_SUFFIXES) or "BTTTT" in letters
    return key if national else f"{key}@{fold(commune)}"


def _type_of(text_before: str, number: str) -> str:
    tail = fold(text_before[-40:])
    tail = re.sub(r"\s+so\s*$", "", tail.rstrip(" :"))
    for word, name in _TYPE_WORDS:
        if re.search(rf"(?<![a-z]){word}$", tail):
            return name
    kind = re.split(r"[/-]", number)
    for part in kind[1:]:
        key = part.upper()
        if key in _SUFFIX_TYPES:
            return _SUFFIX_TYPES[key]
        if key == "UBND" and number.count("/") == 1 and "-" in number.split("/")[1][4:]:
            return "Công văn"
    if re.match(r"^\d+/UBND-", number):
        return "Công văn"
    return ""


def _issuer(raw: str) -> str:
    raw = " ".join(raw.split()).strip(" ,;")
    return _ISSUERS.get(fold(raw), raw)


def find_mentions(text: str) -> list[LegalMention]:
    """Every numbered legal document mentioned in a piece of text."""
    out = []
    flat = _flatten(text)
    for m in NUMBER_RE.finditer(text):
        number = normalise_number(m)
        after = flat[m.end() : m.end() + 260]
        date = ""
        dm = _DATE_RE.match(after)
        if dm:
            d, mo, y = dm.groups()
            date = f"{int(d):02d}/{int(mo):02d}/{y}"
        im = _ISSUER_RE.match(after)
        issuer = _issuer(im.group(1)) if im else ""
        rest = after[im.end() :] if im else after[dm.end() :] if dm else after
        sm = _SUBJECT_RE.match(rest)
        subject = " ".join(sm.group(1).split()).rstrip(" ,") if sm else ""
        subject = re.split(r"\.\s", subject)[0].rstrip(".")
        out.append(
            LegalMention(
                number,
                _type_of(text[: m.start()], number),
                issuer,
                date,
                subject,
                m.start(),
                m.end(),
            )
        )
    return out


def _flatten(text: str) -> str:
    """Prose line breaks → spaces (same length), so a cited subject wrapped by PDF reads on."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines[:-1]):
        table = "\t" in line or "\t" in lines[i + 1]
        out.append(line + ("\n" if table or not line.strip() else " "))
    out.append(lines[-1])
    return "".join(out)


def find_short_refs(text: str) -> list[tuple[str, str, int]]:
    """("NQ", "57", offset) for references without a full number ("NQ 57", "Nghị quyết 57")."""
    return [(m.group(1), m.group(2), m.start()) for m in _SHORT_RE.finditer(text)]


class LegalRegistry:
    """Merges mentions from every plan into one record per document."""

    def __init__(self) -> None:
        self.docs: dict[str, LegalDoc] = {}
        self._types: dict[str, Counter] = {}
        self._issuers: dict[str, Counter] = {}
        self._dates: dict[str, Counter] = {}
        self._titles: dict[str, Counter] = {}
        self._numbers: dict[str, Counter] = {}
        self._short: list[tuple[str, str, dict, str]] = []
        # What each document already holds, as sets: every plan cites the national documents,
        # so scanning the lists made a province's build quadratic in its plans.
        self._cited: dict[int, set[tuple]] = {}  # id(doc) -> (doc_id, line) of its citations
        self._by: dict[int, set[str]] = {}  # id(doc) -> communes citing it

    def add(self, mention: LegalMention, commune: str, citation: dict) -> None:
        key = merge_key(mention.number, commune)
        doc = self.docs.setdefault(key, LegalDoc(mention.number))
        for counter, value in (
            (self._types, mention.type),
            (self._issuers, mention.issuer),
            (self._dates, mention.date),
            (self._titles, mention.subject),
            (self._numbers, mention.number),
        ):
            if value:
                counter.setdefault(key, Counter())[value] += 1
        self._cite(doc, commune, citation)

    def add_short(self, kind: str, num: str, commune: str, citation: dict) -> None:
        self._short.append((kind, num, citation, commune))

    def _cite(self, doc: LegalDoc, commune: str, citation: dict) -> None:
        by = self._by.setdefault(id(doc), set(doc.cited_by_communes))
        if commune and commune not in by:
            by.add(commune)
            doc.cited_by_communes.append(commune)
        cited = self._cited.setdefault(
            id(doc), {(c.get("doc_id"), c.get("line")) for c in doc.citations}
        )
        key = (citation.get("doc_id"), citation.get("line"))
        if key not in cited:
            cited.add(key)
            doc.citations.append(citation)

    def finish(self) -> list[LegalDoc]:
        for number, doc in self.docs.items():
            doc.number = _most(self._numbers.get(number)) or doc.number
            written = sorted(self._numbers.get(number, {}))
            doc.variants = [v for v in written if v != doc.number]
            doc.type = _most(self._types.get(number))
            doc.issuer = _most(self._issuers.get(number))
            doc.date = _most(self._dates.get(number))
            titles = self._titles.get(number)
            # The longest subject as cited (cut short elsewhere by a line wrap or a clause).
            doc.title = max(titles, key=lambda t: (titles[t], len(t))) if titles else ""
        # "NQ 57" → the one registered document numbered 57 of that type, if unambiguous.
        numbered: dict[int, list[LegalDoc]] = {}
        for doc in self.docs.values():
            m = re.match(r"^(\d+)[-/]", doc.number)
            if m:
                numbered.setdefault(int(m.group(1)), []).append(doc)
        for kind, num, citation, commune in self._short:
            name = dict(_TYPE_WORDS).get(fold(kind), kind)
            cands = [
                d
                for d in numbered.get(int(num), [])
                if (not d.type or d.type == name)
                and (d.national or commune in self._by.get(id(d), ()))
            ]
            if len(cands) == 1:
                self._cite(cands[0], commune, citation)
                label = f"{kind} {num}"
                if label not in cands[0].variants:
                    cands[0].variants.append(label)
        for doc in self.docs.values():
            doc.cited_by_communes.sort()
        return sorted(self.docs.values(), key=lambda d: (not d.national, d.number))


def _most(counter: Counter | None) -> str:
    if not counter:
        return ""
    return sorted(counter.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0]
