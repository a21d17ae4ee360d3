"""Read a plan's own facts from its text: commune, province, number, date, signer, title.

Generic patterns of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP layout), tolerant
of the ways a plan reaches us: markdown emphasis and headings, HTML tags, PDF text with merged or
broken lines, headers whose parts come in any order. Every field keeps the line it was read from.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from rag.text import fold, nfc

_WEIGHTS_FILE = Path(__file__).with_name("evidence_weights.yaml")


@lru_cache(maxsize=1)
def _weights() -> dict:
    return yaml.safe_load(_WEIGHTS_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Evidence:
    """Where a field was read: 1-based line number in the document and the raw line."""

    line: int
    quote: str


@dataclass
class DocumentFacts:
    """What the document says about itself; empty strings where it does not say."""

    commune: str = ""
    province: str = ""  # with its level: "tỉnh Thái Nguyên", "thành phố Huế"
    number: str = ""  # "45/KH-UBND", or "để trống (…/KH-UBND)" when printed blank
    date: str = ""  # "ngày 12 tháng 3 năm 2026 (12/3/2026)", "tháng 10 năm 2025 (ngày để trống)"
    signer: str = ""  # "KT. Chủ tịch, Phó Chủ tịch Hoàng Văn Thảo"
    signer_name: str = ""
    title: str = ""
    # The letter that forwards the plan in the same file ("Công văn số 412/UBND-VP ngày …").
    cover: str = ""
    evidence: dict[str, Evidence] = field(default_factory=dict)

    FIELDS = ("commune", "province", "number", "date", "signer", "title")

    def metadata(self) -> dict[str, str]:
        """The non-empty fields, keyed like SourceDocument metadata."""
        return {k: getattr(self, k) for k in self.FIELDS if getattr(self, k)}

    def missing(self) -> list[str]:
        return [k for k in self.FIELDS if not getattr(self, k)]

    def summary(self) -> str:
        """One Vietnamese line: what was read and what was not."""
        labels = {
            "commune": "xã",
            "province": "tỉnh/thành phố",
            "number": "số",
            "date": "ngày",
            "signer": "người ký",
        }
        read = []
        if self.commune:
            read.append(f"xã {self.commune}")
        if self.province:
            read.append(self.province)
        if self.number:
            read.append(f"số {self.number}")
        if self.date:
            read.append(self.date)
        if self.signer:
            read.append(f"người ký {self.signer}")
        text = ", ".join(read) if read else "không đọc được thông tin nào"
        lacking = [labels[k] for k in labels if not getattr(self, k)]
        if lacking:
            text += "; không thấy: " + ", ".join(lacking)
        return text


# ----------------------------------------------------------------------------- lines
@dataclass(frozen=True)
class _Line:
    no: int  # 1-based line in the original text
    text: str  # cleaned: no markup, tabs as "; ", single spaces
    raw: str


_BLOCK_END_RE = re.compile(r"(?i)<br\s*/?>|</(?:p|div|h\d|tr|li|td|th)>")
_TAG_RE = re.compile(r"<[^>]+>")
_COLUMN_GAP_RE = re.compile(r"(?<=\S) {3,}(?=\S)")
# A run of spaces that stands for a blank in a form ("Số:      /KH-UBND", "ngày      tháng")
# joins its two sides; any other wide gap separates two columns.
_BLANK_LEFT_RE = re.compile(r"(?i)\b(?:số\s*:?|ngày|tháng)$")
_BLANK_RIGHT_RE = re.compile(r"(?i)^(?:[/…._]|(?:tháng|năm)\b)")


def _columns(text: str) -> list[str]:
    """A line of a two-column layout as its columns, in reading order."""
    out: list[str] = []
    for piece in _COLUMN_GAP_RE.split(text.strip()):
        if out and (_BLANK_LEFT_RE.search(out[-1]) or _BLANK_RIGHT_RE.match(piece)):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _lines(text: str) -> list[_Line]:
    out = []
    for no, raw in enumerate(nfc(text).split("\n"), start=1):
        # Text laid out in two columns (header, signature beside "Nơi nhận") is read as
        # one line per column: a run of 3+ spaces separates them.
        parts = [c for p in _BLOCK_END_RE.split(raw) for c in _columns(p)]
        for part in parts or [""]:
            s = html.unescape(_TAG_RE.sub(" ", part))
            s = re.sub(r"^\s*#{1,6}\s*", "", s)
            s = s.replace("*", "").replace("__", "")
            s = re.sub(r"[\t|]+", " ; ", s.strip("\t| "))
            s = " ".join(s.split()).strip()
            out.append(_Line(no, s, raw.strip()))
    return out


# ----------------------------------------------------------------------------- names
# Compared with their diacritics: "Nam" (a place-name word) is not "năm" (year).
_STOP = {
    "số",
    "kế",
    "năm",
    "ngày",
    "tháng",
    "về",
    "và",
    "thuộc",
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "ubnd",
    "quý",
    "giai",
    "đoạn",
    "trên",
    "địa",
    "của",
}
_STOP_PAIRS = {("cong", "hoa"), ("doc", "lap"), ("thanh", "pho"), ("chu", "tich")}
_WORD_RE = re.compile(r"[^\W\d_]+")
# A name word may carry an apostrophe or hyphen (Ksor H'Bia, Y-Moan).
_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _is_title_word(w: str) -> bool:
    return w[0].isupper() and (len(w) == 1 or w[1:].islower())


def _name_at(text: str, pos: int, upper: bool, max_words: int = 4) -> str:
    """Proper-name words starting at pos ("Phú Trung", or "PHÚ TRUNG" when upper)."""
    words: list[str] = []
    i = pos
    while len(words) < max_words:
        m = _WORD_RE.match(text, i)
        if not m:
            break
        w = m.group(0)
        ok = w.isupper() if upper else _is_title_word(w)
        if not ok or w.lower() in _STOP:
            break
        if words and (fold(words[-1]), fold(w)) in _STOP_PAIRS:
            words.pop()
            break
        words.append(w)
        i = m.end()
        if not text.startswith(" ", i):
            break
        i += 1
    if words and fold(words[0]) == "hoi":
        return ""  # "xã hội" (society), not a commune
    if words and (len(words) == 1 and len(words[0]) == 1):
        return ""
    name = " ".join(words)
    return _proper(name) if upper else name


def _proper(name: str) -> str:
    """Upper-case name to title case: ĐẠI ĐỒNG -> Đại Đồng."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


# ----------------------------------------------------------------------------- regions
_KIND_RE = re.compile(
    r"^(KẾ HOẠCH|QUYẾT ĐỊNH|BÁO CÁO|CHƯƠNG TRÌNH|ĐỀ ÁN|THÔNG BÁO|HƯỚNG DẪN)(?:\s+(.*))?$"
)
_TITLE_STOP_RE = re.compile(
    r"^(Căn cứ|Thực hiện|Để |Nhằm|Ủy ban nhân dân|UBND|Phần|PHẦN|[IVX]+\.|\d+\.|[-_=*—–─]{3,})"
)


def _title_index(lines: list[_Line], limit: int) -> int:
    """Index of the document-kind line ("KẾ HOẠCH") near the top, or -1."""
    for i, ln in enumerate(lines[:limit]):
        m = _KIND_RE.match(ln.text)
        if m and len(ln.text) < 200:
            return i
    return -1


_CLAUSE_END_RE = re.compile(r"[;:,]\s*$")


def _subject_clause(t: str, following: list[str] | None = None) -> bool:
    """'Thực hiện Nghị quyết số 57-NQ/TW …' right under KẾ HOẠCH is the title's subject when it
    is not a preamble sentence: not ending like a clause, and naming no date of a cited document
    unless the line runs on in lower case ("… ngày 20/01/2026 của HĐND xã" / "về …") to a
    phrase that ends without punctuation right before a blank line or the body's first line."""
    if not t.startswith("Thực hiện ") or _CLAUSE_END_RE.search(t):
        return False
    if not (_DATE_SLASH_RE.search(t) or re.search(r"\bngày\b", t, re.I)):
        return True
    run = list(following or [])
    tail = []
    while run and run[0][:1].islower():
        tail.append(run.pop(0))
    # A blank line (or the end) after the run, or — in a PDF text layer, which has no blank
    # lines — the first line of the body ("Căn cứ …", "I. …").
    ended = not run or not run[0] or bool(_TITLE_STOP_RE.match(run[0]))
    return bool(tail) and ended and not re.search(r"[.;:,]\s*$", tail[-1])


def _heading_after(subject: list[_Line], t: str) -> bool:
    """An upper-case line ("CĂN CỨ", "MỤC TIÊU CHUNG") under a subject typed in mixed case is the
    next heading of the body, not more of the title."""
    return bool(subject) and t.isupper() and not subject[-1].text.isupper()


def _title(lines: list[_Line], at: int) -> tuple[str, list[_Line]]:
    kind = _KIND_RE.match(lines[at].text)
    assert kind is not None
    subject: list[_Line] = []
    tail = kind.group(2) or ""
    j = at + 1
    blanks = 0
    while j < len(lines) and len(subject) < 4:
        t = lines[j].text
        if not t:
            if subject or blanks >= 2:
                break
            blanks += 1
        elif (
            _TITLE_STOP_RE.match(t)
            and not (not subject and _subject_clause(t, [x.text for x in lines[j + 1 : j + 5]]))
        ) or (len(t) > 220 or _DATE_ANY_RE.search(t) or _heading_after(subject, t)):
            break
        else:
            subject.append(lines[j])
        j += 1
    text = " ".join([tail] + [s.text for s in subject]).strip()
    if text and text.upper() == text:
        text = text.lower()
    head = kind.group(1).capitalize()
    return (f"{head} {text}" if text else head), [lines[at], *subject]


# ----------------------------------------------------------------------------- dates
_GAP = r"[\s.…_/-]*"
_DATE_WORDS_RE = re.compile(
    rf"ngày{_GAP}(?P<d>\d{{1,2}})?{_GAP}tháng{_GAP}(?P<m>\d{{1,2}})?{_GAP}năm\s*(?P<y>\d{{4}})",
    re.I,
)
_DATE_SLASH_RE = re.compile(
    r"(?:ngày\s*)?(?<![\d/])(?P<d>\d{1,2})?\s*/\s*(?P<m>\d{1,2})?\s*/\s*(?P<y>\d{4})(?!\d)", re.I
)
_DATE_ANY_RE = re.compile(r"ngày.{0,20}tháng.{0,20}năm\s*\d{4}", re.I)
_PLACE_DATE_RE = re.compile(r",\s*ngày\b", re.I)


def _parse_date(text: str) -> tuple[str, str, str] | None:
    m = _DATE_WORDS_RE.search(text) or _DATE_SLASH_RE.search(text)
    if not m:
        return None
    return (m.group("d") or "", m.group("m") or "", m.group("y"))


def _show_date(d: str, m: str, y: str) -> str:
    d, m = d.lstrip("0") if d else "", m.lstrip("0") if m else ""
    if d and m:
        return f"ngày {d} tháng {m} năm {y} ({d}/{m}/{y})"
    if m:
        return f"tháng {m} năm {y} (ngày để trống)"
    return f"năm {y} (ngày, tháng để trống)"


def _completeness(parts: tuple[str, str, str]) -> int:
    return bool(parts[0]) + bool(parts[1])


# ----------------------------------------------------------------------------- number
_NUMBER_RE = re.compile(
    r"(?:^|\s)Số\s*:?\s*(?P<n>[0-9][0-9A-Za-z.\-]*(?:/[0-9]+)*)?[\s.…_]*/\s*(?P<s>[A-ZĐ][A-ZĐ0-9]*(?:\s*[-–]\s*[A-ZĐ0-9]+)*)"
)
_ATTACH_RE = re.compile(r"Kèm theo\s+(?:Kế hoạch|Quyết định|văn bản)", re.I)
_ATTACH_NUMBER_RE = re.compile(
    r"số\s*:?\s*(?P<n>[0-9][0-9A-Za-z.\-]*(?:/[0-9]+)*)?[\s.…_]*/\s*(?P<s>[A-ZĐ][A-ZĐ0-9]*(?:\s*[-–]\s*[A-ZĐ0-9]+)*)",
    re.I,
)


def _show_number(n: str | None, sym: str) -> str:
    sym = re.sub(r"\s*[-–]\s*", "-", sym)
    return f"{n}/{sym}" if n else f"để trống (…/{sym})"


# ----------------------------------------------------------------------------- signer
_ROLE_RE = re.compile(
    r"(?:(?:TM|KT|Q|TL|TUQ)\s*\.\s*)?(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|PHÓ CHỦ TỊCH|CHỦ TỊCH)"
)
_ROLE_LINE_RE = re.compile(rf"(?:{_ROLE_RE.pattern})(?:[\s,]+(?:{_ROLE_RE.pattern}))*", re.I)
_ROLE_TAIL_RE = re.compile(rf"(?:{_ROLE_RE.pattern})(?:\s+(?:{_ROLE_RE.pattern}))*\s*$")
_ROLE_DISPLAY = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UBND": "UBND",
    "PHÓ CHỦ TỊCH": "Phó Chủ tịch",
    "CHỦ TỊCH": "Chủ tịch",
}
_SIGNED_NOTE_RE = re.compile(r"^\(.*\)$|^\[.*\]$|^(Đã ký|Ký tên|đã ký)", re.I)


def _role_line(text: str) -> list[str]:
    """The roles on a signature-block line ("KT. CHỦ TỊCH"), or [] when it is not one."""
    if _ROLE_LINE_RE.fullmatch(text.strip(" .;,:")):  # the whole line: any letter case
        return [m.group(0) for m in re.finditer(_ROLE_RE.pattern, text, re.I)]
    roles = [m.group(0) for m in _ROLE_RE.finditer(text)]
    if not roles:
        return []
    rest = _ROLE_RE.sub(" ", text).strip(" .;,:")
    if rest.isupper() and re.match(r"^(XÃ|PHƯỜNG)\b", rest):  # "TM. UBND XÃ PHÚ TRUNG"
        return roles
    tail = _ROLE_TAIL_RE.search(text)
    if tail and (
        re.match(r"(?i)^([-+•]|nơi nh[ậa]n)", text)
        # "… lưu VT. TM. ỦY BAN NHÂN DÂN CHỦ TỊCH": a line that ends with a signing mandate
        # (TM., KT. …) ends with the signature block, whatever a scan merged before it.
        or re.match(r"(?:TM|KT|Q|TL|TUQ)\s*\.", tail.group(0))
    ):
        # PDF two-column layout: the recipient list and the roles merged line by line.
        return [m.group(0) for m in _ROLE_RE.finditer(tail.group(0))]
    return []


def _show_role(role: str) -> str:
    m = re.match(r"(?i:(TM|KT|Q|TL|TUQ)\s*\.\s*)?(.*)", role)
    assert m is not None
    key = m.group(2).strip().upper()
    body = _ROLE_DISPLAY.get(key, key.capitalize())
    return f"{m.group(1).upper()}. {body}" if m.group(1) else body


def _person(text: str) -> str:
    """A person's name line ("Trần Thanh Nga", "TRẦN THANH NGA"), else ""."""
    t = text.strip(" .")
    words = t.split()
    if not 2 <= len(words) <= 5 or any(not _NAME_WORD_RE.fullmatch(w) for w in words):
        return ""
    if all(_is_title_word(p) for w in words for p in re.split(r"['’-]", w) if p):
        return t
    return ""


# A recipient item ends with ";" or "." (or ":" after «Nơi nhận»); what follows on the same line
# was printed beside the list.
_RECIPIENT_END_RE = re.compile(r"[;.:]\s+(?=\S)")


def _person_after_recipient(text: str) -> str:
    """The signer's name merged after a recipient line of the «Nơi nhận» list, else ""."""
    ends = list(_RECIPIENT_END_RE.finditer(text))
    if not ends:
        return ""
    return _person(text[ends[-1].end() :])


# ----------------------------------------------------------------------------- extractor
def extract_facts(text: str) -> DocumentFacts:
    """Read commune, province, number, date, signer and title from a plan's text."""
    w = _weights()
    lines = _lines(text)
    start = _plan_start(lines, w["header_lines"])
    facts = DocumentFacts(cover=_cover_letter(lines[:start]))
    lines = lines[start:]
    nonblank = [i for i, ln in enumerate(lines) if ln.text]
    top = nonblank[: w["header_lines"]]
    top_end = (top[-1] + 1) if top else 0
    t_at = _title_index(lines, top_end)
    header = lines[: t_at if t_at >= 0 else min(top_end, 12)]
    title_lines: list[_Line] = []
    if t_at >= 0:
        facts.title, title_lines = _title(lines, t_at)
        facts.evidence["title"] = Evidence(lines[t_at].no, lines[t_at].raw)

    place = _place_date(lines[:top_end])
    attach = [ln for ln in lines if _ATTACH_RE.search(ln.text)]

    _read_commune(facts, lines, header, title_lines, place, attach, w["commune"])
    _read_province(facts, lines, header, title_lines, place, attach, w["province"])
    if facts.title:
        facts.title = _restore_names(facts.title, [facts.commune, _province_name(facts)])
    _read_number(facts, header or lines[:top_end], attach)
    _read_date(facts, place, attach)
    _read_signer(facts, lines, max(t_at, 0), w["signer_window"])
    return facts


def _signs(text: str) -> bool:
    """A signature-block line ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"), not an agency header."""
    roles = _role_line(text)
    return bool(roles) and (
        "CHỦ TỊCH" in " ".join(roles).upper() or bool(re.match(r"(?i)TM|KT", roles[0]))
    )


def _plan_start(lines: list[_Line], header_lines: int) -> int:
    """Index of the line where the document itself begins: 0, unless another document comes
    first — a cover letter (công văn) forwarding the plan, ended by its own signature block.
    Then the plan's number, date and signer are those of the header block right
    before its kind title ("KẾ HOẠCH"): a block with its own "Số: …" and "X, ngày …" lines."""
    nonblank = [i for i, ln in enumerate(lines) if ln.text]
    top_end = nonblank[min(header_lines, len(nonblank)) - 1] + 1 if nonblank else 0
    for at, ln in enumerate(lines):
        if not (_KIND_RE.match(ln.text) and len(ln.text) < 200):
            continue
        start, seen, stop = at, 0, ""
        for k in range(at - 1, -1, -1):
            t = lines[k].text
            if not t:
                continue
            if _signs(t):
                stop = "document"
            elif len(t) > 150 or seen >= header_lines:
                stop = "body"
            if stop:
                break
            start, seen = k, seen + 1
        block = lines[start:at]
        own_header = any(_NUMBER_RE.search(x.text) for x in block) and _place_date(block)
        signed_before = stop == "document" or any(_signs(x.text) for x in lines[:start])
        if own_header and signed_before and (stop == "document" or at >= top_end):
            # Skip what is left of the letter's signature (its signer's name) above the block.
            while start < at and not (
                lines[start].text.isupper() or _NUMBER_RE.search(lines[start].text)
            ):
                start += 1
            return start
        if at < top_end:
            return 0
    return 0


def _cover_letter(lines: list[_Line]) -> str:
    """What the letter before the plan says about itself: "Công văn số 412/UBND-VP ngày 14/1/2026"
    (its own kind title when it has one), or "" when nothing comes before the plan."""
    if not lines:
        return ""
    number = next((m for m in (_NUMBER_RE.search(ln.text) for ln in lines) if m), None)
    if number is None:
        return ""
    at = _title_index(lines, len(lines))
    kind = _KIND_RE.match(lines[at].text).group(1).capitalize() if at >= 0 else "Công văn"
    text = f"{kind} số {_show_number(number.group('n'), number.group('s'))}"
    place = _place_date(lines)
    comma = _PLACE_DATE_RE.search(place[0].text) if place else None
    parts = _parse_date(place[0].text[comma.start() if comma else 0 :]) if place else None
    if parts and all(parts):
        text += f" ngày {parts[0]}/{parts[1]}/{parts[2]}"
    return text


def _place_date(lines: list[_Line]) -> tuple[_Line, str] | None:
    """The "X, ngày … tháng … năm …" line near the top and its place name ("" when unnamed)."""
    for at, ln in enumerate(lines):
        if re.match(r"(?i)^ngày\b", ln.text) and len(ln.text) < 60 and _parse_date(ln.text):
            return ln, ""
        m = _PLACE_DATE_RE.search(ln.text)
        if not m:
            continue
        text = ln.text
        if not _parse_date(text[m.start() :]) and at + 1 < len(lines):
            # "X, ngày 05 tháng" / "02 năm 2026": a date broken over two lines (PDF).
            text = f"{text} {lines[at + 1].text}"
            ln = _Line(ln.no, text, ln.raw)
        if not _parse_date(text[m.start() :]):
            continue
        before = text[: m.start()].split()
        name: list[str] = []
        for word in reversed(before):
            if not _WORD_RE.fullmatch(word) or not (_is_title_word(word) or word.isupper()):
                break
            if word.lower() in _STOP or word in ("UBND",):
                break
            name.insert(0, word)
        prefix = " ".join(before[: len(before) - len(name)])
        # The place opens the line, or follows the number ("Số: 45/KH-UBND Phú Trung, ngày")
        # or the upper-case header it was merged with in a PDF.
        if name and (not prefix or re.search(r"Số\s*:?", prefix) or prefix.isupper()):
            joined = " ".join(name)
            return ln, (_proper(joined) if joined.isupper() else joined)
    return None


def _add(scores: dict, key_name: str, weight: float, ln: _Line) -> None:
    """Add weight to a candidate name; keep the line of its strongest evidence."""
    key = fold(key_name)
    entry = scores.setdefault(key, [0.0, key_name, -1.0, ln])
    entry[0] += weight
    if key_name[:1].isupper() and not key_name.isupper():
        entry[1] = key_name
    if weight > entry[2]:
        entry[2], entry[3] = weight, ln


def _xa_names(text: str) -> list[str]:
    out = []
    for m in re.finditer(r"(?<![^\W\d_])(XÃ|[Xx]ã)\s+", text):
        upper = m.group(1) == "XÃ"
        name = _name_at(text, m.end(), upper and text[m.end() : m.end() + 40].isupper())
        if not name and upper:
            name = _name_at(text, m.end(), False)
        if name:
            out.append(name)
    return out


def _read_commune(facts, lines, header, title_lines, place, attach, w) -> None:
    scores: dict[str, list] = {}
    for ln in header:
        for name in _xa_names(ln.text):
            _add(scores, name, w["header"], ln)
    for ln in title_lines:
        for name in _xa_names(ln.text):
            _add(scores, name, w["title"], ln)
    for ln in attach:
        for name in _xa_names(ln.text):
            _add(scores, name, w["attachment"], ln)
    header_nos = {id(x) for x in header} | {id(x) for x in title_lines} | {id(x) for x in attach}
    for ln in lines:
        if id(ln) in header_nos:
            continue
        for m in re.finditer(r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+xã\s+", ln.text, re.I):
            name = _name_at(ln.text, m.end(), False)
            if name:
                _add(scores, name, w["authority"], ln)
        for m in re.finditer(r"(?<![^\W\d_])xã\s+", ln.text):
            name = _name_at(ln.text, m.end(), False)
            if name:
                _add(scores, name, w["mention"], ln)
    if place and place[1]:
        pkey = fold(place[1])
        named_province = re.search(
            rf"(?:tỉnh|thành phố|Tỉnh ủy|Thành ủy)\s+{re.escape(place[1])}\b",
            "\n".join(x.text for x in lines),
            re.I,
        )
        if not named_province or pkey in scores:
            _add(scores, place[1], w["place_date"], place[0])
    best = max(scores.values(), key=lambda e: e[0], default=None)
    if best and best[0] >= w["min_score"]:
        facts.commune = best[1]
        facts.evidence["commune"] = Evidence(best[3].no, best[3].raw)


_PROV_RE = re.compile(
    r"(?<![^\W\d_])(TỈNH|THÀNH PHỐ|[Tt]ỉnh ủy|[Tt]hành ủy|[Tt]ỉnh|[Tt]hành phố)\s+"
)


def _province_mentions(text: str) -> list[tuple[str, str]]:
    """(level, name) for every "tỉnh Y" / "thành phố Y" / "Tỉnh ủy Y" in text."""
    out = []
    for m in _PROV_RE.finditer(text):
        word = m.group(1)
        upper = word.isupper()
        name = _name_at(text, m.end(), upper and text[m.end() : m.end() + 30].isupper())
        if not name:
            continue
        level = "thành phố" if fold(word).startswith("thanh") else "tỉnh"
        out.append((level, name))
    return out


def _wrapped_province(ln: _Line, nxt: _Line | None, document: str) -> str:
    """ln's text with the rest of a province name that a narrow column wrapped onto the next
    line ("ỦY BAN NHÂN DÂN TỈNH TÂY" / "NINH"), or ln's text unchanged. The next line's first
    name words continue the name when the name ends the line and either they are the whole next
    line (a fragment of at most two words) or the joined name is written unbroken elsewhere."""
    if nxt is None or not nxt.text or nxt.no == ln.no:
        return ln.text  # no next line (a column beside ln is no continuation)
    last = list(_PROV_RE.finditer(ln.text))
    if not last:
        return ln.text
    start = last[-1].end()
    upper = ln.text[start:].isupper()
    name = _name_at(ln.text, start, upper)
    if not name or len(name.split()) >= 4:
        return ln.text
    if len(_NAME_WORD_RE.findall(ln.text[start:])) != len(name.split()):
        return ln.text  # the name does not end the line
    cont = _name_at(nxt.text, 0, upper, max_words=4 - len(name.split()))
    if not cont or _name_at(nxt.text, 0, upper) != cont:
        return ln.text  # no name, or one too long to be the rest of this one
    joined = f"{name} {cont}"
    fragment = fold(nxt.text) == fold(cont) and len(cont.split()) <= 2
    if fragment or re.search(rf"(?<!\w){re.escape(fold(joined))}(?!\w)", document):
        return f"{ln.text} {' '.join(nxt.text.split()[: len(cont.split())])}"
    return ln.text


def _read_province(facts, lines, header, title_lines, place, attach, w) -> None:
    scores: dict[str, list] = {}
    levels: dict[str, str] = {}
    document = "\n".join(fold(x.text) for x in lines)  # each line folded apart: no join
    whole = {
        id(ln): _wrapped_province(ln, lines[i + 1] if i + 1 < len(lines) else None, document)
        for i, ln in enumerate(lines)
    }

    def add(level: str, name: str, weight: float, ln: _Line) -> None:
        if facts.commune and fold(name) == fold(facts.commune):
            return
        levels.setdefault(fold(name), level)
        _add(scores, name, weight, ln)

    special = {id(x) for x in header} | {id(x) for x in title_lines}
    for ln in header:
        for level, name in _province_mentions(whole[id(ln)]):
            add(level, name, w["header"], ln)
    for ln in title_lines:
        for level, name in _province_mentions(whole[id(ln)]):
            add(level, name, w["title"], ln)
    if facts.commune:
        beside = re.compile(
            rf"xã\s+{re.escape(facts.commune)}\s*[,-–]?\s*(tỉnh|thành phố)\s+", re.I
        )
        for ln in lines:
            for m in beside.finditer(ln.text):
                name = _name_at(ln.text, m.end(), False)
                if name:
                    level = "thành phố" if fold(m.group(1)).startswith("thanh") else "tỉnh"
                    add(level, name, w["beside_commune"], ln)
    unnamed = {"tỉnh": 0, "thành phố": 0}
    for ln in lines:
        if id(ln) in special:
            continue
        for level, name in _province_mentions(whole[id(ln)]):
            add(level, name, w["mention"], ln)
        for m in re.finditer(
            r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|HĐND)\s+(tỉnh|thành phố)(?!\s+[^\W\d_]*[A-ZĐ])"
            r"|(Tỉnh ủy|Thành ủy|Tỉnh uỷ|Thành uỷ)(?!\s+[A-ZĐ])",
            ln.text,
        ):
            level = "thành phố" if fold(m.group(0)).find("thanh") >= 0 else "tỉnh"
            unnamed[level] += 1
    if place and place[1] and fold(place[1]) in scores:
        _add(scores, place[1], w["place_date"], place[0])
    best = max(scores.values(), key=lambda e: e[0], default=None)
    if best and best[0] >= w["min_score"]:
        facts.province = f"{levels[fold(best[1])]} {best[1]}"
        facts.evidence["province"] = Evidence(best[3].no, best[3].raw)
        return
    level = max(unnamed, key=lambda k: unnamed[k])
    if unnamed[level] >= w["unnamed_min"]:
        facts.province = f"{level} (văn bản không nêu tên)"


def _province_name(facts: DocumentFacts) -> str:
    return re.sub(r"^(tỉnh|thành phố)\s+", "", facts.province) if "(" not in facts.province else ""


def _restore_names(title: str, names: list[str]) -> str:
    """Re-capitalise proper names in a title that was lowered from upper case."""
    out = title
    for name in filter(None, names):
        out = re.sub(re.escape(name.lower()), name, out)
    return out


def _read_number(facts: DocumentFacts, header: list[_Line], attach: list[_Line]) -> None:
    for ln in header:
        m = _NUMBER_RE.search(ln.text)
        if m:
            facts.number = _show_number(m.group("n"), m.group("s"))
            facts.evidence["number"] = Evidence(ln.no, ln.raw)
            return
    for ln in attach:
        m = _ATTACH_NUMBER_RE.search(ln.text[_ATTACH_RE.search(ln.text).end() :])
        if m:
            facts.number = _show_number(m.group("n"), m.group("s"))
            facts.evidence["number"] = Evidence(ln.no, ln.raw)
            return


def _read_date(facts: DocumentFacts, place, attach: list[_Line]) -> None:
    if place:
        # "X, ngày …" or a line that opens with the date ("Ngày ban hành: 18/03/2026").
        comma = _PLACE_DATE_RE.search(place[0].text)
        parts = _parse_date(place[0].text[comma.start() if comma else 0 :])
        if parts:
            facts.date = _show_date(*parts)
            facts.evidence["date"] = Evidence(place[0].no, place[0].raw)
            return
    found = []
    for ln in attach:
        parts = _parse_date(ln.text[_ATTACH_RE.search(ln.text).end() :])
        if parts:
            found.append((parts, ln))
    if found:
        parts, ln = max(found, key=lambda f: _completeness(f[0]))
        facts.date = _show_date(*parts)
        years = sorted({f[0][2] for f in found})
        if len(years) > 1:  # attachments disagree: say so rather than pick silently
            facts.date += "; các phụ lục ghi năm " + ", ".join(years)
        facts.evidence["date"] = Evidence(ln.no, ln.raw)


def _read_signer(facts: DocumentFacts, lines: list[_Line], start: int, window: int) -> None:
    i = start + 1
    while i < len(lines):
        roles = _role_line(lines[i].text)
        signs = bool(roles) and (
            "CHỦ TỊCH" in " ".join(roles).upper() or bool(re.match(r"(?i)TM|KT", roles[0]))
        )
        if not signs:
            i += 1
            continue
        name, at = "", lines[i]
        # Roles, notes and the recipients' list (beside the block in two-column layouts)
        # may come between the first role line and the name.
        budget = window  # lines that are neither blank, a note, a role nor a recipient
        beside: tuple[str, _Line] | None = None
        for k in range(i + 1, len(lines)):
            t = lines[k].text
            more = _role_line(t)
            if more:
                roles += more
                continue
            if t.startswith(("-", "+", "•")) or re.match(r"(?i)^nơi nh[ậa]n", t):
                # PDF two-column layout: the name printed beside a recipient ends its line
                # ("- Lưu: VT, VP. Phan Văn Lộc"); a name on a line of its own comes first.
                person = _person_after_recipient(t)
                if person and not beside:
                    beside = (person, lines[k])
                continue
            if not t or _SIGNED_NOTE_RE.match(t):
                continue
            budget -= 1
            if budget < 0:
                break
            person = _person(t)
            if person:
                name, at = person, lines[k]
                break
            if t.isupper() or len(t) > 60:
                break  # next section (PHỤ LỤC …): the name was left out
        if not name and beside:
            name, at = beside
        shown = ", ".join(_show_role(r) for r in roles)
        facts.signer_name = name
        facts.signer = (
            f"{shown} {name}" if name else f"{shown} (không thấy tên người ký trong văn bản)"
        )
        facts.evidence["signer"] = Evidence(at.no, at.raw)
        return
