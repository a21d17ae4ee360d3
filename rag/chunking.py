"""Structure-aware chunking of messy plan text.

Headings (PHẦN, I., 1., 1.1, a)) give every chunk a section path; prose lines broken by PDF
extraction are joined back into sentences; every table row (tab-separated, HTML cells, or a
PDF-flattened phụ lục) becomes one chunk that carries its column headers.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from rag.text import SECTION_SEP, nfc
from rag.understand.tables import (
    Row,
    Table,
    cell_items,
    clean_inline,
    find_tables,
    join_wrapped,
)

__all__ = [
    "Chunk",
    "GuideChunker",
    "PlanChunker",
    "SectionStack",
    "card_chunk",
    "clean_inline",
    "heading_level",
]

_ROMAN = r"(?:I{1,3}|IV|V|VI{0,3}|IX|X{1,2})"
_ARTICLE_RE = re.compile(r"^(?:Điều|ĐIỀU)\s+\d{1,3}\s*[.:]\s+\S")
_HEAD_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^(?:PHẦN|Phần)\s+" + _ROMAN + r"\b")),
    # "Phần thứ hai. NHIỆM VỤ, GIẢI PHÁP": the part's ordinal and its title on one line
    (0, re.compile(r"^(?:PHẦN|Phần)\s+(?:THỨ|thứ)\s+\w+\s*[.:]\s+\S")),
    (1, re.compile(r"^" + _ROMAN + r"\.\s+\S")),
    # "Điều 3. Nhiệm vụ và phân công": an article of a plan written as a legal text
    (1, _ARTICLE_RE),
    (3, re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")),
    (2, re.compile(r"^\d{1,2}\.\s+\S")),
    (4, re.compile(r"^[a-zđ]\)\s+\S")),
]
_LIST_RE = re.compile(r"^(?:[-+•–]\s|\d{1,2}[.)]\s|[a-zđ]\)\s)")
# A sentence, then a label with its value ("…. Chủ trì: A"): body text, never a heading.
_LABEL_AFTER_SENTENCE_RE = re.compile(r"[^\d\s]\.\s+[A-ZĐÀ-Ỹ][^.:;]{0,30}:\s+\S")
_TERMINAL_RE = re.compile(r"[.;:!?…]['\"”’)\]]*$")
_SENT_SPLIT_RE = re.compile(r"(?<=[.;!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9-])")
TARGET_CHARS = 700
MAX_CHARS = 1200


@dataclass
class Chunk:
    """A retrievable passage with its place in the source document."""

    doc_id: str
    text: str
    section: str
    start: int
    end: int
    kind: str = "text"  # text | row | card
    units: list[str] = field(default_factory=list)

    @property
    def chunk_id(self) -> str:
        digest = hashlib.sha1(f"{self.start}:{self.end}:{self.text}".encode()).hexdigest()[:12]
        return f"{self.doc_id}:{self.start}:{digest}"


@dataclass
class _Line:
    text: str
    start: int
    end: int


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _wrapped_item(raw: str, next_line: str, text: str) -> bool:
    """A numbered item whose text runs on (typed with a first-line indent, wrapped at the
    margin): "    4. Lắp đặt … tại các ấp Rạch Tràm, Bàu Sen," / "Cây Da và Long Hòa. …"."""
    if text.endswith(","):
        return True
    nxt = next_line.strip()
    return (
        len(text) >= 50
        and bool(nxt)
        and _indent(raw) >= 2
        and _indent(raw) > _indent(next_line)
        and not _LIST_RE.match(clean_inline(nxt))
    )


def heading_level(raw: str, next_line: str = "") -> int | None:
    """Return the heading level of a line, or None when it is body text.

    A short numbered line followed by a line starting in lower case is a PDF wrap, not a heading.
    """
    stripped = raw.strip()
    nxt = clean_inline(next_line)
    if (
        nxt
        and nxt[0].islower()
        and not _LIST_RE.match(nxt)
        and not _TERMINAL_RE.search(clean_inline(stripped))
    ):
        return None
    bold_line = stripped.startswith("**") and stripped.rstrip().endswith("**")
    is_md_heading = stripped.startswith("#")
    text = clean_inline(stripped)
    if not text or len(text) > 200:
        return None
    for level, pattern in _HEAD_PATTERNS:
        if pattern.match(text):
            if pattern is _ARTICLE_RE and (
                (_TERMINAL_RE.search(text) and not text.endswith(":")) or len(text) > 120
            ):
                return None  # "Điều 2. Quyết định này có hiệu lực …": an article's body
            if level >= 2 and _TERMINAL_RE.search(text) and not text.endswith(":"):
                return None
            if level >= 2 and len(text) > 200:
                return None
            if level >= 2 and _wrapped_item(raw, next_line, text):
                return None
            if level >= 2 and _LABEL_AFTER_SENTENCE_RE.search(text):
                return None  # "4. Tuyên truyền … Sơn. Chủ trì: Hội …": a task item, wrapped
            return level
    if re.match(r"^Ph[ụu]\s*l[ụu]c\s+([0-9]+|[IVX]+)\b", text, flags=re.I) and len(text) <= 160:
        return 0
    letters = [c for c in text if c.isalpha()]
    if (
        len(letters) >= 6
        and len(text) <= 140
        and not text.endswith(".")
        and not _LIST_RE.match(text)
        and sum(c.isupper() for c in letters) / len(letters) > 0.85
    ):
        return 0
    if re.match(r"^[-–]\s*Về\s", text) and len(text) < 60 and not _TERMINAL_RE.search(text):
        return 5
    if (bold_line or is_md_heading) and len(text) <= 120 and not text.endswith((".", ";")):
        return 4
    return None


def _split_lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(_Line(raw, pos, pos + len(raw)))
        pos += len(raw) + 1
    return lines


class SectionStack:
    """Heading path while walking a document (shared by the chunker and record extraction)."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []
        self.last_was_top = False
        # level -> (number, top heading it was under) of the last numbered heading there
        self.numbers: dict[int, tuple[int | None, int]] = {}
        self.roots = 0  # count of top headings met
        self.title = ""  # the document's kind heading ("KẾ HOẠCH"), once met

    def push(self, level: int, title: str) -> None:
        appendix = re.match(r"^PH[ỤU]\s*L[ỤU]C", title, flags=re.I)
        if (
            level == 0
            and self.last_was_top
            and self.stack
            and self.stack[-1][0] == 0
            and not appendix
        ):
            lvl, prev = self.stack.pop()
            title = f"{prev} {title}"
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        if level == 0 and not self.title and _DOC_KIND_RE.match(title):
            self.title = title  # "KẾ HOẠCH": the document's own title, the first of its kind
        if not self.stack:
            self.roots += 1  # a new top of the path
        number, (before, root) = _number(title), self.numbers.get(level, (None, -1))
        previous = before if root != self.roots else None  # numbered before this top heading
        root = self.stack[0][1] if self.stack else ""
        if root and root != self.title and _peer_of_loose(root, title, previous):
            # "CĂN CỨ …" then "1. NHÌN LẠI …": the numbered part is no child of it; it goes
            # under the document's own title ("KẾ HOẠCH"), as the parts before it did
            self.stack = [(0, self.title)] if self.title else []
            self.roots += 1
        if number is not None:
            self.numbers[level] = (number, self.roots)
        self.stack.append((level, title))
        self.last_was_top = level == 0

    def path(self) -> str:
        return SECTION_SEP.join(t for _, t in self.stack)


_NUMBERED_RE = re.compile(
    r"^(?:(?:PHẦN|Phần)\s+\S+|" + _ROMAN + r"\.|\d{1,2}\.(?:\d{1,2}\.?)?|[a-zđ]\))\s+"
)
_APPENDIX_RE = re.compile(r"^PH[ỤU]\s*L[ỤU]C", flags=re.I)
# The document's kind as its title heading: "KẾ HOẠCH", "KẾ HOẠCH HÀNH ĐỘNG …"
_DOC_KIND_RE = re.compile(r"^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|ĐỀ ÁN|BÁO CÁO)\b")


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def _number(title: str) -> int | None:
    """The arabic number of a heading "3. …" (None for other headings, "3.1." among them)."""
    m = re.match(r"^(\d{1,2})\.\s", title)
    return int(m.group(1)) if m else None


def _peer_of_loose(root: str, title: str, previous: int | None) -> bool:
    """Whether numbered heading title is no child of root, an unnumbered upper-case heading
    ("CĂN CỨ XÂY DỰNG KẾ HOẠCH") at the top of the path: it is written in upper case as well
    (a heading of the same rank), or it continues a numbering begun before root ("4." after a
    "3." that preceded it)."""
    m = _NUMBERED_RE.match(title)
    if m is None or _NUMBERED_RE.match(root) or _APPENDIX_RE.match(root) or not _caps(root):
        return False
    number = _number(title)
    return _caps(title[m.end() :]) or (number is not None and previous == number - 1)


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENT_SPLIT_RE.split(text)]
    return [p for p in parts if p]


class PlanChunker:
    """Turn one document's text into structure-aware chunks."""

    def __init__(self, target_chars: int = TARGET_CHARS, max_chars: int = MAX_CHARS) -> None:
        if target_chars <= 0 or max_chars < target_chars:
            raise ValueError("target_chars must be > 0 and max_chars >= target_chars")
        self.target_chars = target_chars
        self.max_chars = max_chars

    # ------------------------------------------------------------------ public
    def split(self, doc_id: str, text: str) -> list[Chunk]:
        text = nfc(text)
        lines = _split_lines(text)
        sections = SectionStack()
        chunks: list[Chunk] = []
        paras: list[tuple[str, int, int]] = []  # pending paragraphs of the current section
        current: list[_Line] = []
        tables = {t.line_start - 1: t for t in find_tables(text)}
        i = 0

        def flush_para() -> None:
            if current:
                body = join_wrapped([clean_inline(ln.text) for ln in current if ln.text.strip()])
                if body:
                    paras.append((body, current[0].start, current[-1].end))
                current.clear()

        def flush_section() -> None:
            flush_para()
            chunks.extend(self._group(doc_id, sections.path(), paras))
            paras.clear()

        while i < len(lines):
            line = lines[i]
            raw = line.text
            table = tables.get(i)
            if table is not None:
                flush_section()
                chunks.extend(self._table(doc_id, sections.path(), table))
                i = max(table.line_end, i + 1)
                continue
            stripped = raw.strip()
            if not stripped:
                # A blank line ends the paragraph unless the text clearly runs on (PDF wrap).
                if current and _TERMINAL_RE.search(clean_inline(current[-1].text)):
                    flush_para()
                i += 1
                continue
            nxt = next((ln.text for ln in lines[i + 1 : i + 4] if ln.text.strip()), "")
            level = heading_level(raw, nxt)
            # a markdown heading ("#### …") is marked up as one: never a wrapped line
            wrap = current and level is not None and level >= 2 and _continues(current)
            if level is not None and (stripped.startswith("#") or not wrap):
                flush_section()
                title = clean_inline(raw)
                if re.match(r"^\*\*.+?\*\*\s*\S", stripped) and not stripped.endswith("**"):
                    # "**4. Heading:** body text" – heading and body on one line.
                    head, body = re.match(r"^\*\*(.+?)\*\*\s*(.*)$", stripped).groups()
                    title = clean_inline(head)
                    sections.push(level, title)
                    current.append(_Line(body, line.start + raw.find(body), line.end))
                    i += 1
                    continue
                sections.push(level, title)
                i += 1
                continue
            sections.last_was_top = False
            if current and (
                _LIST_RE.match(clean_inline(raw))
                or (
                    _TERMINAL_RE.search(clean_inline(current[-1].text))
                    and not _label_wrapped(current[-1].text, stripped)
                )
            ):
                flush_para()
            current.append(line)
            i += 1
        flush_section()
        return chunks

    # ----------------------------------------------------------------- prose
    def _group(self, doc_id: str, section: str, paras: list[tuple[str, int, int]]) -> list[Chunk]:
        out: list[Chunk] = []
        buf: list[tuple[str, int, int]] = []

        def emit() -> None:
            if not buf:
                return
            body = "\n".join(p for p, _, _ in buf)
            units: list[str] = []
            for p, _, _ in buf:
                units.extend(split_sentences(p) if len(p) > 260 else [p])
            out.append(Chunk(doc_id, body, section, buf[0][1], buf[-1][2], "text", units))
            buf.clear()

        for para, start, end in paras:
            if len(para) > self.max_chars:
                emit()
                piece, pstart = "", start
                for sent in split_sentences(para):
                    if piece and len(piece) + len(sent) > self.target_chars:
                        buf.append((piece, pstart, end))
                        emit()
                        piece, pstart = "", start
                    piece = f"{piece} {sent}".strip()
                if piece:
                    buf.append((piece, pstart, end))
                    emit()
                continue
            if buf and sum(len(p) for p, _, _ in buf) + len(para) > self.target_chars:
                emit()
            buf.append((para, start, end))
        emit()
        return out

    # ---------------------------------------------------------------- tables
    def _table(self, doc_id: str, section: str, table: Table) -> list[Chunk]:
        """One chunk per row (and per total row), each carrying its column headers."""
        rows = [*table.rows, *([table.total] if table.total else [])]
        if not table.split:
            out = [self._flat_row_chunk(doc_id, section, table, row) for row in rows]
        else:
            out = [self._row_chunk(doc_id, section, table, row) for row in rows]
        # Lines the reader could not place in a row stay searchable as they are.
        for bad in table.bad:
            if bad.end > bad.start and re.search(r"[^\W\d_]", bad.raw):
                out.append(Chunk(doc_id, bad.raw, section, bad.start, bad.end, "row", [bad.raw]))
        return sorted(out, key=lambda c: c.start)

    @staticmethod
    def _row_chunk(doc_id: str, section: str, table: Table, row: Row) -> Chunk:
        fields: list[tuple[str, list[str]]] = []
        for col, cell in zip(table.columns, row.cells, strict=False):
            items = cell_items(cell)
            if not items:
                continue
            idx = col.index
            name = col.header or ("TT" if col.role == "no" or idx == 0 else f"Cột {idx + 1}")
            fields.append((name, items))
        parts = []
        for name, items in fields:
            value = " ".join(f"- {it}" for it in items) if len(items) > 1 else items[0]
            parts.append(f"{name}: {value}")
        prefix = f"Nhóm: {row.group}; " if row.group else ""
        body = prefix + "; ".join(parts)
        units = [body]
        list_fields = [(n, its) for n, its in fields if len(its) > 1]
        if list_fields:
            no_name = table.name("no", "TT")
            others = "; ".join(
                f"{n}: {its[0]}" for n, its in fields if len(its) == 1 and n != no_name
            )
            units = [f"{it} ({others})" if others else it for _, its in list_fields for it in its]
        return Chunk(doc_id, body, section, row.start, row.end, "row", units)

    @staticmethod
    def _flat_row_chunk(doc_id: str, section: str, table: Table, row: Row) -> Chunk:
        """A row whose columns were flattened (PDF): its text, with the table's column names."""
        body = " ".join(c for c in row.cells[1:] if c) if len(row.cells) > 1 else row.text
        prefix = f"Nhóm: {row.group}; " if row.group else ""
        text = f"{prefix}TT {row.no}: {body}"
        cols = "; ".join(h for h in table.header[1:] if h)
        units = [text + (f" (các cột: {cols})" if cols else "")]
        return Chunk(doc_id, text, section, row.start, row.end, "row", units)


def _label_wrapped(last: str, line: str) -> bool:
    """A line ending with a label ("… Thời gian:") and the next line its value in lower case
    ("từ tháng 3/2026."): one paragraph broken by the page width."""
    return clean_inline(last).endswith(":") and line[:1].islower()


def _continues(current: list[_Line]) -> bool:
    """True when the paragraph so far ends mid-sentence (so a numbered line is a wrap)."""
    last = clean_inline(current[-1].text)
    return bool(last) and not _TERMINAL_RE.search(last) and last[-1].isalpha() and len(last) > 40


def card_chunk(doc_id: str, meta: dict[str, str]) -> Chunk:
    """A synthetic passage with the document's metadata (title, number, place, date, signer)."""
    parts = [f"Văn bản: {meta.get('title', '')}"]
    if meta.get("number"):
        parts.append(f"Số văn bản: {meta['number']}")
    if meta.get("commune"):
        province = meta.get("province", "")
        parts.append(
            f"Địa phương: xã {meta['commune']}" + (f" thuộc {province}" if province else "")
        )
    if meta.get("date"):
        parts.append(f"Thời gian ban hành (ngày, tháng, năm): {meta['date']}")
    if meta.get("signer"):
        parts.append(f"Người ký ban hành: {meta['signer']}")
    if meta.get("cover"):
        parts.append(f"Văn bản gửi kèm kế hoạch: {meta['cover']}")
    text = "; ".join(parts) + "."
    return Chunk(doc_id, text, "Thông tin văn bản", 0, 0, "card", [text])


class GuideChunker:
    """How-to guides: one chunk per `##` section, so numbered steps stay together."""

    def split(self, doc_id: str, text: str, title: str = "") -> list[Chunk]:
        chunks: list[Chunk] = []
        heads = [m for m in re.finditer(r"(?m)^##\s+(.+)$", text)]
        if not heads:
            body = text.strip()
            return (
                [Chunk(doc_id, body, title, 0, len(text), "guide", body.split("\n"))]
                if body
                else []
            )
        intro = text[: heads[0].start()]
        intro_body = "\n".join(
            ln for ln in intro.strip().split("\n") if ln.strip() and not ln.startswith("# ")
        )
        if intro_body:
            chunks.append(
                Chunk(doc_id, intro_body, "Giới thiệu", 0, heads[0].start(), "guide", [intro_body])
            )
        for n, head in enumerate(heads):
            end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
            body = text[head.end() : end].strip()
            if not body:
                continue
            lines = [clean_inline(ln) for ln in body.split("\n") if ln.strip()]
            chunks.append(
                Chunk(
                    doc_id,
                    "\n".join(lines),
                    clean_inline(head.group(1)),
                    head.start(),
                    end,
                    "guide",
                    lines,
                )
            )
        return chunks
