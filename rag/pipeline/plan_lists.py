"""List questions answered from a plan's structure, at the level the question asks.

"Kế hoạch chia nhiệm vụ thành mấy lĩnh vực, là gì?" asks for groups: the enumeration a body
sentence makes of that noun ("… ba nhóm giải pháp: (i) …; (ii) …"), the distinct values of a
record column named by the noun ("Lĩnh vực"), or the sub-headings of the task part of the plan.
"Kế hoạch gồm những nhiệm vụ gì?" asks for the tasks: the task rows of the task table or
appendix (their name column), or the numbered/marked items written under the task heading,
each shortened so that all of them fit one answer. "Chỉ tiêu năm 2027 gồm những gì?" asks for
the targets of one year: the items of a target heading that follow that year's marker
("- Năm 2027:"), or all of them when the heading itself names the year; "Bảng chỉ tiêu gồm
những chỉ tiêu gì?" (no year) asks for the indicator names of the target table. "Các việc
thuộc lĩnh vực X gồm gì?" asks for what is listed under the heading X names. "Quý II làm
những việc gì?" over a plan organised by time asks for the items under the headings whose
period ("2. Quý II/2026", "Tháng 4–6", "6 tháng đầu năm") lies within the asked one.

Items are read whatever their marking: marked or numbered lines, labelled items whose lines a
reader ran together ("Nhiệm vụ 3. … Đơn vị thực hiện: … Nhiệm vụ 4. …"), unmarked lines each
followed by their fields ("… . Chủ trì: …"), short unmarked lines under a target heading.

The plan's structure is read from its stored passages (text and table rows) and their section
paths; nothing here knows a plan's own words: headings are matched by the generic nouns of the
question ("nhiệm vụ", "chỉ tiêu", "phụ lục"), columns by their roles (rag.understand.tables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.commune_initials import initials_of
from rag.index import StoredChunk
from rag.text import fold
from rag.understand.periods import label, labelled
from rag.understand.tables import classify_columns, load_vocabulary

GROUPS = "groups"
TASKS = "tasks"
TARGETS = "targets"
PERIOD = "period"  # the tasks of one period of a plan organised by time ("Quý II/2026")

# Heads of a noun that names groups of tasks ("lĩnh vực", "nhóm giải pháp", "mảng").
_GROUP_HEADS = ("linh vuc", "nhom", "mang", "khoi", "truc cot")
# Heads of a noun that names the tasks themselves.
_TASK_HEADS = ("nhiem vu", "cong viec", "hoat dong", "du an", "viec")
# Short forms a question types for a list noun ("kh có những nv nào").
_SHORT_NOUNS = {"nv": "nhiem vu", "nvu": "nhiem vu", "ct": "chi tieu"}
_TARGET_HEADS = ("chi tieu", "muc tieu")
_QUANT = r"(?:may|bao nhieu|nhung|cac|gom|theo|thanh)"
# The question asks for the items themselves, not only their number.
_LIST_FORM_RE = re.compile(
    r"\b(?:nhung|liet ke|ke ra|ke ten|ke het|ke|la gi|la nhung|gom|bao gom|danh sach|"
    r"cac \w+ nao|nao|gi)\b"
)
# Words of a list question that name no part of a plan: the plan itself, the question form.
_GENERIC_WORDS = frozenset(
    (
        "ke hoach kh cds chuyen doi so xa phuong thi tran cua trong nay do gom bao co nhung cac"
        " may nao gi la ke ra liet het ten chia thanh theo phan duoc de dat cu the chinh chu yeu"
        " trong tam hay cho biet toi muon va voi ve nam tat ca toan bo danh sach muc sach"
        " nhiem vu linh vuc nhom giai phap mang khoi truc cot chi tieu muc tieu cong viec hoat"
        " dong du an nhu the sau ban hanh dua vao bang thuoc lam viec nv nhieu dat"
    ).split()
)
# Words after a group noun that still ask for the groups of the plan's tasks ("nhóm nhiệm vụ").
_PLAIN_GROUP_WORDS = frozenset("nhiem vu giai phap cong viec hoat dong chinh lon linh vuc".split())
# "… bao nhiêu nhiệm vụ, là những nhiệm vụ nào / kể tên": a count that asks the items too.
_NAMES_ITEMS_RE = re.compile(
    r"\b(?:la gi|la nhung|ke ra|ke ten|liet ke|ke het|nhung \w+(?: \w+)? nao)\b"
)
_WORD_STOP = frozenset("nao gi la ke gom bao cua trong theo thanh va cho co duoc de".split())
# A heading's numbering: "III.", "2.1.", "b)", "Phần III —", "PHẦN BA.", "Phần thứ hai:".
_ORDINALS = "mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|thu \\w+|[ivxlc]+|\\d+"
_PART_RE = re.compile(rf"^phan\s+(?:{_ORDINALS})\s*[.:—–-]\s*")
# An article's number ("Điều 3.") of a plan written as a legal text (folded).
_ARTICLE_RE = re.compile(r"^dieu\s+\d{1,3}\s*[.:]\s*")
_NUMBER_RE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\s*[.):—–-]?\s+|^[a-zđ]\)\s*")
# A leading note in brackets a reader adds to a heading ("(bản quét, trang 1) II. …").
_NOTE_RE = re.compile(r"^\((?:[^()]|\([^()]*\))*\)\s*")
# Item lines: "- …", "+ …", "• …", "a) …", "1. …", "(2) …", "Nhiệm vụ 3. …" / "Mục 3: …".
_MARKED_RE = re.compile(r"^\s*(?:[-+•–]|[a-zđ]\)|\(\d{1,2}\))\s+\S")
_NUMBERED_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")
_LABELLED_RE = re.compile(r"^\s*[A-ZĐ][^\W\d_]*(?: [^\W\d_]+)? (\d{1,2})\s*[.:)]\s+\S")
_ITEM_PREFIX_RE = re.compile(
    r"^\s*(?:[-+•–]|[a-zđ]\)|\(\d{1,2}\)|\d{1,2}[.)]|[A-ZĐ][^\W\d_]*(?: [^\W\d_]+)? \d{1,2}"
    r"\s*[.:)])\s*"
)
# A year marker item ("- Năm 2027:", "Năm 2026", "Đến năm 2028:").
_YEAR_ITEM_RE = re.compile(r"^(?:đến\s+|tới\s+)?năm\s+(20\d\d)\s*(?::\s*(.*)|$)", re.I)
# "Field: value; Field: value" of a stored table row.
_FIELD_SPLIT_RE = re.compile(r";\s+(?=[A-ZĐÀ-Ỹ][^:;]{0,50}:\s)")
# An inline enumeration after a colon: "(i) …; (ii) …", "a) …; b) …", "1) …; 2) …".
_INLINE_MARK_RE = re.compile(r"(?:^|[\s;:,])\(?(?:[ivx]{1,4}|[a-zđ]|\d{1,2})\)\s+")


@dataclass(frozen=True)
class ListAsk:
    """What a list question asks: the level, its noun (folded) and the year of targets."""

    level: str
    noun: str
    year: str = ""
    # the question's other words (folded): they must name the part listed ("phụ lục"), else
    # the question narrows the list ("Công an xã có những nhiệm vụ gì") and is not one of these
    rest: tuple[str, ...] = ()
    period: str = ""  # PERIOD: the question (folded) whose period expression is asked


@dataclass
class Node:
    """One heading of a plan: its sub-headings, item lines and table rows, in document order."""

    name: str  # the heading as printed, without a leading bracketed note
    children: list[str] = field(default_factory=list)
    items: list[tuple[str, StoredChunk]] = field(default_factory=list)
    rows: list[StoredChunk] = field(default_factory=list)
    first: StoredChunk | None = None
    # names in a table written inline with a delimiter ("STT;Nhiệm vụ;…") in a passage
    inline_rows: list[tuple[str, StoredChunk]] = field(default_factory=list)
    folded: bool = False  # one more item of its parent's list, not a heading
    texts: list[StoredChunk] = field(default_factory=list)  # its own text passages, in order


@dataclass(frozen=True)
class Entry:
    """One listed thing with the passage that states it."""

    text: str
    chunk: StoredChunk
    group: str = ""


def read_list_ask(question: str, drop: list[str] | tuple[str, ...] = ()) -> ListAsk | None:
    """The level a list question asks for, or None when it is not such a question."""
    folded = fold(question)
    for name in drop:
        folded = re.sub(rf"\b(?:xa |phuong )?{re.escape(fold(name))}\b", " ", folded)
        initials = fold(initials_of(name))
        if len(initials) >= 2:  # "bmt" for the commune typed by its initials
            folded = re.sub(rf"\b{re.escape(initials)}\b", " ", folded)
    folded = " ".join(_SHORT_NOUNS.get(w, w) for w in re.findall(r"[a-z0-9]+", folded))
    heads = "|".join(_GROUP_HEADS)
    m = re.search(rf"\b{_QUANT} (?P<noun>(?:{heads})(?: [a-z]+){{0,2}})", folded)
    # "chia thành mấy nhóm": the count of groups is asked with the groups themselves
    counted = m is not None and re.search(rf"\b(?:may|bao nhieu) (?:{heads})\b", folded)
    if not _LIST_FORM_RE.search(folded) and not counted:
        return None
    if re.search(r"\b(?:ai|don vi nao|co quan nao|chu tri|phoi hop)\b", folded):
        return None  # who does it: the records answer
    years = re.findall(r"\b(20\d\d)\b", folded)
    if m is not None:
        words = m.group("noun").split()
        head = next(h for h in _GROUP_HEADS if m.group("noun").startswith(h))
        noun = head.split()
        for w in words[len(noun) :]:
            if w in _WORD_STOP:
                break
            noun.append(w)
        return ListAsk(GROUPS, " ".join(noun), rest=_rest(folded))
    if re.search(r"\bbao nhieu\b", folded) and not _NAMES_ITEMS_RE.search(folded):
        return None  # a count or a value
    targets = "|".join(_TARGET_HEADS)
    if years and re.search(rf"\b(?:{targets})\b", folded):
        noun = next(h for h in _TARGET_HEADS if h in folded)
        return ListAsk(TARGETS, noun, years[0], _rest(folded))
    m = re.search(rf"\b(?:nhung|cac|bang|danh muc) ({targets})\b", folded)
    if m is not None:
        return ListAsk(TARGETS, m.group(1), "", _rest(folded))  # the targets, any year
    tasks = "|".join(_TASK_HEADS)
    asks_tasks = re.search(rf"\b(?:nhung|cac|danh muc|may|bao nhieu) (?:{tasks})\b", folded)
    period = _asked_period(folded)
    if period and (asks_tasks or re.search(rf"\b(?:{tasks}) (?:gi|nao)\b", folded)):
        noun = next(h for h in _TASK_HEADS if re.search(rf"\b{h}\b", folded))
        rest = tuple(w for w in _rest(folded) if w not in _PERIOD_WORDS)
        return ListAsk(PERIOD, noun, rest=rest, period=period)
    if asks_tasks:
        return ListAsk(TASKS, next(h for h in _TASK_HEADS if h in folded), rest=_rest(folded))
    return None


# Words of a period a question names ("quý II", "tháng 3", "6 tháng đầu năm").
_PERIOD_WORDS = frozenset("quy thang dau cuoi nua i ii iii iv sau phai xong hoan thanh han".split())


def _asked_period(folded: str) -> str:
    """The one period shorter than a year a folded question names ("quy 2", "thang 3 2026",
    "6 thang dau nam"), as written, or ""."""
    kinds = [k for k, _ in labelled(folded, "2000")]
    short = [k for k in kinds if k in ("quarter", "month", "half")]
    if len(short) != 1 or any(k not in ("quarter", "month", "half", "year") for k in kinds):
        return ""
    return folded


def _rest(folded: str) -> tuple[str, ...]:
    return tuple(
        w for w in folded.split() if w not in _GENERIC_WORDS and not re.fullmatch(r"\d+", w)
    )


def names_rest(ask: ListAsk, section: str) -> bool:
    """Every other word of the question is in the headings of the part listed (a section
    path "A › B")."""
    words = {w for part in section.split(" › ") for w in heading_words(part).split()}
    return all(w in words for w in ask.rest)


def clean_heading(heading: str) -> str:
    """A heading without a leading bracketed note."""
    return _NOTE_RE.sub("", heading.strip()).strip()


def heading_words(heading: str) -> str:
    """What a heading names, folded: no note, no numbering ("Phần III —", "2.1.", "b)")."""
    name = fold(clean_heading(heading))
    name = _PART_RE.sub("", name)
    name = _ARTICLE_RE.sub("", name)
    name = _NUMBER_RE.sub("", name)
    return " ".join(re.findall(r"[a-z0-9]+", name))


def plan_structure(chunks: list[StoredChunk]) -> dict[str, Node]:
    """heading (cleaned) -> Node, from a plan's text and row passages in document order. A
    heading that only continues the numbered items of its parent (a scan read "4. Tuyên
    truyền…" as a heading after items 1-3) is one more item of the parent."""
    nodes: dict[str, Node] = {}
    ordered = sorted(chunks, key=lambda c: int(c.meta.get("start", 0)))
    for c in ordered:
        path = [clean_heading(p) for p in c.meta.get("section", "").split(" › ") if p.strip()]
        if not path:
            continue
        for depth, name in enumerate(path):
            node = nodes.setdefault(name, Node(name))
            if node.first is None:
                node.first = c
            if depth + 1 < len(path) and path[depth + 1] not in node.children:
                node.children.append(path[depth + 1])
        own = nodes[path[-1]]
        if len(path) > 1 and _continues_items(nodes[path[-2]], path[-1]):
            own.folded = True
            own = nodes[path[-2]]
            if all(t != path[-1] for t, _ in own.items):
                own.items.append((path[-1], c))
        if c.meta.get("kind") == "row":
            own.rows.append(c)
            continue
        own.inline_rows += [(name, c) for name in inline_table_names(c.text)]
        own.texts.append(c)
        for line in c.text.split("\n"):
            flat = " ".join(line.split())
            if _is_item(flat) and all(t != flat for t, _ in own.items):
                own.items.append((flat, c))
    for node in nodes.values():
        inline = run_in_items(node.texts)
        if len(inline) >= 2 and len(inline) > len(node.items):
            node.items = inline
        if not node.items:
            node.items = field_lines(node.texts)
    return nodes


def field_lines(chunks: list[StoredChunk]) -> list[tuple[str, StoredChunk]]:
    """Unmarked lines that each name a task and then its fields ("Số hóa sổ bộ. Chủ trì: …;
    Thời hạn: …"): a list whose markers a reader lost. At least two, else none."""
    out: list[tuple[str, StoredChunk]] = []
    for c in chunks:
        for line in c.text.split("\n"):
            flat = " ".join(line.split())
            name = _before_fields(flat)
            if name != flat.strip(" ;,.") and len(name.split()) >= 3:
                out.append((name, c))
    return out if len(out) >= 2 else []


# "Nhiệm vụ 3." / "Mục 3:" inside running text: a labelled item whose lines were run together.
_RUN_IN_RE = re.compile(r"(?<!\S)([A-ZĐ][^\W\d_]*(?: [^\W\d_]+)?) (\d{1,2})\s*[.:)](?=\s|$)")
# "Key phrase: " of a field written after an item's name ("Đơn vị thực hiện: …").
_FIELD_KEY_RE = re.compile(r"(?<!\S)([A-ZĐ][^\s:;.]*(?: [^\s:;.]+){0,5}):\s")


def run_in_items(chunks: list[StoredChunk]) -> list[tuple[str, StoredChunk]]:
    """Items labelled "<Label> 1.", "<Label> 2." … (one label, numbers in sequence from 1) in
    the text of a heading's passages read as one run (an item may begin in one passage and go
    on in the next), each cut before the first field written after its name ("… Đơn vị thực
    hiện: …"), each with the passage its name starts in."""
    if not chunks:
        return []
    text, spans = "", []
    for c in chunks:
        start = len(text)
        text += " ".join(c.text.split()) + " "
        spans.append((start, len(text), c))
    marks = list(_RUN_IN_RE.finditer(text))
    by_label: dict[str, list[re.Match[str]]] = {}
    for m in marks:
        by_label.setdefault(m.group(1), []).append(m)
    best: list[re.Match[str]] = []
    for found in by_label.values():
        run: list[re.Match[str]] = []
        for m in found:  # "(cho Nhiệm vụ 2)" out of sequence is a mention, not an item
            if int(m.group(2)) == len(run) + 1:
                run.append(m)
        if len(run) > len(best):
            best = run
    out: list[tuple[str, StoredChunk]] = []
    for n, m in enumerate(best):
        end = best[n + 1].start() if n + 1 < len(best) else len(text)
        body = text[m.end() : end].strip()
        name = _before_fields(body)
        if not name:
            continue
        at = m.end() + (len(text[m.end() : end]) - len(text[m.end() : end].lstrip()))
        chunk = next(c for a, b, c in spans if a <= at < b or b >= len(text))
        out.append((name, chunk))
    return out if len(out) >= 2 else []


def _before_fields(body: str) -> str:
    """An item's name: its text before the first "Field: value" whose key names a column role
    (lead, deadline, budget …), the key read from its rightmost capitalised word."""
    for m in _FIELD_KEY_RE.finditer(body):
        words = m.group(1).split()
        for i in range(len(words) - 1, -1, -1):
            if not words[i][:1].isupper():
                continue
            key = " ".join(words[i:])
            role = classify_columns([key])[0].role
            if role and role not in ("no", "indicator", "actions"):
                cut = m.start(1) + len(" ".join(words[:i])) + (1 if i else 0)
                return body[:cut].strip(" ;,.")
            break
    return body.strip(" ;,.")


def _is_item(line: str) -> bool:
    return bool(_MARKED_RE.match(line) or _NUMBERED_RE.match(line) or _LABELLED_RE.match(line))


def _item_number(line: str) -> int | None:
    m = _NUMBERED_RE.match(line) or _LABELLED_RE.match(line)
    return int(m.group(1)) if m else None


def _continues_items(parent: Node, heading: str) -> bool:
    numbers = [n for n in (_item_number(t) for t, _ in parent.items) if n is not None]
    own = _item_number(heading)
    return bool(numbers) and own is not None and own == numbers[-1] + 1


def _subtree(nodes: dict[str, Node], name: str) -> list[Node]:
    out: list[Node] = []
    stack = [name]
    seen: set[str] = set()
    while stack:
        n = stack.pop(0)
        if n in seen or n not in nodes:
            continue
        seen.add(n)
        out.append(nodes[n])
        stack[0:0] = nodes[n].children
    return out


def row_fields(text: str) -> list[tuple[str, str]]:
    """The "Field: value" pairs of a stored table row ([] when it has no field names)."""
    out = []
    for part in _FIELD_SPLIT_RE.split(text.strip()):
        key, sep, value = part.partition(":")
        if not sep or len(key) > 60:
            return []
        out.append((key.strip(), value.strip()))
    return out


def inline_table(text: str) -> tuple[list[str], list[list[str]]] | None:
    """A table written inline with ";" between cells, its rows run together ("STT;Nhiệm vụ;…;
    Kinh phí 1;Việc A;…;320 2;Việc B;…"): header and rows, or None. The number of each row is
    glued to the last cell of the row before it."""
    m = re.search(r"(?i)(?<!\S)(?:stt|tt)\s*;", text)
    if m is None:
        return None
    tokens = text[m.start() :].split(";")
    for n in range(2, min(len(tokens), 16)):
        tail = re.match(r"^(.*\S)\s+1$", tokens[n].strip())
        if tail:
            break
    else:
        return None
    width = n + 1
    header = [t.strip() for t in tokens[:n]] + [tail.group(1)]
    stream = tokens[n + 1 :]
    rows: list[list[str]] = []
    no, i = 1, 0
    while i + width - 1 <= len(stream):
        cells = [str(no)] + [t.strip() for t in stream[i : i + width - 1]]
        i += width - 1
        nxt = re.match(rf"^(.*?)\s*(?<!\S){no + 1}$", cells[-1])
        if nxt and i < len(stream):
            cells[-1] = nxt.group(1)
            rows.append(cells)
            no += 1
            continue
        rows.append(cells)
        break
    return (header, rows) if len(rows) >= 2 else None


def inline_table_names(text: str) -> list[str]:
    """The names (indicator column) of the rows of an inline ";" table in a passage."""
    found = inline_table(text)
    if found is None:
        return []
    header, rows = found
    idx = next((c.index for c in classify_columns(header) if c.role == "indicator"), None)
    if idx is None:
        return []
    return [r[idx] for r in rows if idx < len(r) and r[idx] and not _is_total(r[idx])]


def _is_total(value: str) -> bool:
    return bool(load_vocabulary().total_rows.match(fold(value).strip(" .")))


def row_name(text: str) -> str:
    """The name of the task or indicator a stored row is about ("" for a total row)."""
    fields = row_fields(text)
    if not fields:
        return ""
    columns = classify_columns([k for k, _ in fields])
    idx = next((c.index for c in columns if c.role == "indicator"), None)
    if idx is None:
        return ""
    name = fields[idx][1]
    return "" if not name or _is_total(name) else name


def groups_of(nodes: dict[str, Node], chunks: list[StoredChunk], ask: ListAsk) -> list[Entry]:
    """The groups a plan sorts its tasks into, read at the first place that has them: a body
    sentence enumerating the asked noun, a record column named by it, the sub-headings of the
    heading of the tasks."""
    found = inline_groups(chunks, ask.noun)
    if found:
        return found
    found = column_groups(chunks, ask.noun)
    if len(found) >= 2:
        return found
    head = next(h for h in _GROUP_HEADS if ask.noun.startswith(h))
    if set(ask.noun[len(head) :].split()) - _PLAIN_GROUP_WORDS:
        return []  # "nhóm đối tượng": not the groups of the tasks
    return heading_groups(nodes, ask.noun)


def inline_groups(chunks: list[StoredChunk], noun: str) -> list[Entry]:
    """ "… ba nhóm giải pháp: (i) A; (ii) B; (iii) C": the marked items after a colon that
    follows the asked noun in one sentence."""
    key = noun.split()
    for c in sorted(chunks, key=lambda c: int(c.meta.get("start", 0))):
        if c.meta.get("kind") != "text":
            continue
        text = " ".join(c.text.split())
        folded = fold(text)
        if len(folded) != len(text):
            continue
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(' '.join(key))}(?![a-z0-9])", folded):
            colon = text.find(":", m.end())
            if colon < 0 or colon - m.end() > 60 or re.search(r"[.;]", text[m.end() : colon]):
                continue
            end = re.search(r"\.(?:\s|$)", text[colon:])
            body = text[colon + 1 : colon + end.start() if end else len(text)]
            parts = [p for p in _INLINE_MARK_RE.split(body) if p.strip(" ;,")]
            if len(_INLINE_MARK_RE.findall(body)) >= 2 and len(parts) >= 2:
                return [Entry(p.strip(" ;,."), c) for p in parts]
    return []


def column_groups(chunks: list[StoredChunk], noun: str) -> list[Entry]:
    """The distinct values of the record field the asked noun names ("Lĩnh vực", "Nhóm"), in
    document order. A value that does not carry the numbering the others carry continues the
    one above it (a wrapped cell); total rows are left out."""
    key = noun.split()[0] if noun.split()[0] != "linh" else "linh vuc"
    values: list[tuple[str, StoredChunk]] = []
    for c in sorted(chunks, key=lambda c: int(c.meta.get("start", 0))):
        if c.meta.get("kind") != "row":
            continue
        for k, v in row_fields(c.text)[:2]:
            if fold(k) == key or fold(k).startswith(key + " "):
                if v and not _is_total(v):
                    values.append((v, c))
                break
    numbered = [v for v, _ in values if _NUMBER_RE.match(v)]
    out: list[Entry] = []
    for v, c in values:
        if numbered and len(numbered) >= 2 and not _NUMBER_RE.match(v):
            if out:
                out[-1] = Entry(f"{out[-1].text} {v}", out[-1].chunk)
            continue
        name = _NUMBER_RE.sub("", v).strip() if numbered else v
        if all(fold(e.text) != fold(name) for e in out):
            out.append(Entry(name, c))
    return out


def task_nodes(nodes: dict[str, Node], noun: str) -> list[str]:
    """Headings whose name holds the asked noun, most specific (deepest) last."""
    return [n for n in nodes if re.search(rf"\b{re.escape(noun)}\b", heading_words(n))]


def heading_groups(nodes: dict[str, Node], noun: str) -> list[Entry]:
    """The sub-headings of the heading of the tasks ("III. NHIỆM VỤ" › "1. Hạ tầng số", …)."""
    for task in ("nhiem vu", noun):
        for name in task_nodes(nodes, task):
            kids = [k for k in nodes[name].children if k in nodes]
            if len(kids) >= 2:
                first = _header_group(nodes[name], kids[0])
                return first + [
                    Entry(_NUMBER_RE.sub("", k).strip(), nodes[k].first)
                    for k in kids
                    if nodes[k].first is not None
                ]
    return []


_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
# A header cell that took in the first group row of its table ("Nhiệm vụ I. Chính quyền số").
_GLUED_GROUP_RE = re.compile(r"\s(I|1)[.)]\s+(\S.*)$")


def _header_group(node: Node, first_kid: str) -> list[Entry]:
    """The group before the first sub-heading when the sub-headings are numbered from the
    second on ("II. …", "III. …") and the table under the parent carries group "I." in a header
    cell (a reader merged the first group row into the header)."""
    m = re.match(r"^([IVX]+|\d+)[.)]\s", clean_heading(first_kid))
    if m is None or m.group(1).lower() not in ("ii", "2"):
        return []
    for r in node.rows:
        for key, _ in row_fields(r.text):
            g = _GLUED_GROUP_RE.search(key)
            if g:
                return [Entry(g.group(2).strip(), r)]
    return []


def tasks_of(nodes: dict[str, Node], ask: ListAsk, asked_words: set[str]) -> list[Entry]:
    """The tasks under the heading the question names best among those that name the asked
    noun (the appendix when the question says "phụ lục"): the names of its task rows, or its
    numbered/marked items, grouped by sub-heading."""
    best: tuple[tuple[int, int], list[Entry]] | None = None
    for name in task_nodes(nodes, ask.noun):
        entries: list[Entry] = []
        headed: list[Entry] = []
        for node in _subtree(nodes, name):
            group = _NUMBER_RE.sub("", node.name).strip() if node.name != name else ""
            for r in node.rows:
                task = row_name(r.text)
                if task:
                    entries.append(Entry(task, r, group))
            entries += [Entry(t, c, group) for t, c in node.inline_rows]
            if not node.rows and not node.inline_rows:
                entries += [Entry(_item_text(t), c, group) for t, c in node.items]
            bare = not (node.rows or node.inline_rows or node.items or node.children)
            if bare and node.name != name and node.first is not None and not node.folded:
                headed.append(Entry(group, node.first))
        entries = entries or headed  # tasks written as sub-headings, prose under each
        if len(entries) < 2:
            continue
        named = len(asked_words & set(heading_words(name).split()))
        key = (named, len(entries))
        if best is None or key > best[0]:
            best = (key, entries)
    return best[1] if best else []


def targets_of(nodes: dict[str, Node], ask: ListAsk) -> list[Entry]:
    """The targets of the asked year under a target heading: the rows of a target table with
    their value for that year, the items after that year's marker ("- Năm 2027:"), or, when
    the heading itself names the year, all its items (or the text of its sub-headings)."""
    named = task_nodes(nodes, ask.noun)
    for other in _TARGET_HEADS:
        named += [n for n in task_nodes(nodes, other) if n not in named]
    if not ask.year:
        found = indicator_names(nodes, named) if ask.noun == "chi tieu" else []
        for name in named if len(found) < 2 else ():
            found = [(e) for node in _subtree(nodes, name) for e in _listed(node)]
            if len(found) >= 2:
                break
        return found if len(found) >= 2 else []
    for name in named:
        subtree = _subtree(nodes, name)
        rows = [e for node in subtree for e in _year_rows(node.rows, ask.year)]
        if len(rows) >= 2:
            return rows
        items = [(t, c) for node in subtree for t, c in node.items]
        out: list[Entry] = []
        marked = False
        current = ""
        for t, c in items:
            m = _YEAR_ITEM_RE.match(_item_text(t))
            if m:
                marked, current = True, m.group(1)
                if m.group(2) and current == ask.year:  # "- Năm 2027: 80% hồ sơ …"
                    out.append(Entry(m.group(2), c))
                continue
            if current == ask.year:
                out.append(Entry(_item_text(t), c))
        if marked and out:
            return out
        if marked or ask.year not in heading_words(name):
            continue
        if len(items) >= 2:
            return [Entry(_item_text(t), c) for t, c in items]
        lines = [e for node in subtree for e in _lines(node)]
        if len(lines) >= 2:
            return lines
        kids = [nodes[k] for k in nodes[name].children if k in nodes]
        texts = [Entry(k.first.text.strip(), k.first) for k in kids if k.first is not None]
        if len(texts) >= 2 and all(e.chunk.meta.get("kind") == "text" for e in texts):
            return texts
    return []


def _year_rows(rows: list[StoredChunk], year: str) -> list[Entry]:
    """ "Chỉ tiêu: A; Đơn vị: %; Năm 2026: 65; …" -> "A: 65 %" for the asked year."""
    out = []
    for r in rows:
        fields = row_fields(r.text)
        if not fields:
            continue
        columns = classify_columns([k for k, _ in fields])
        name = next((fields[c.index][1] for c in columns if c.role == "indicator"), "")
        value = next(
            (fields[c.index][1] for c in columns if c.role == "year" and c.year == year), ""
        )
        unit = next(
            (fields[c.index][1] for c in columns if c.role == "unit" or fold(c.header) == "don vi"),
            "",
        )
        if name and value and not _is_total(name):
            out.append(Entry(f"{name}: {value} {unit}".strip(), r))
    return out


def _item_text(line: str) -> str:
    text = _ITEM_PREFIX_RE.sub("", line).strip()
    return text.rstrip(";.").strip()


def task_label(text: str) -> str:
    """A task's name without the assignment written after it ("— Chủ trì: …", ". Chủ trì: …")."""
    cut = re.split(r"\s+[—–]\s+|\.\s+(?=(?:Chủ trì|Phối hợp|Thời gian|Thời hạn|Kinh phí)\b)", text)
    return cut[0].strip()


def indicator_names(nodes: dict[str, Node], named: list[str]) -> list[Entry]:
    """The indicators of a plan's target table, any year: the names of the rows that carry a
    value for a year (planned or done), of the first such table under a heading naming targets,
    else of the plan's largest one."""
    tables: dict[str, list[Entry]] = {}
    targets: set[str] = set()
    for node in nodes.values():
        for r in node.rows:
            fields = row_fields(r.text)
            if not fields:
                continue
            columns = classify_columns([k for k, _ in fields])
            if not any(c.role in ("year", "baseline") for c in columns):
                continue
            name = row_name(r.text)
            if name:
                tables.setdefault(node.name, []).append(Entry(name, r))
                key = next(fold(fields[c.index][0]) for c in columns if c.role == "indicator")
                if re.search(rf"\b(?:{'|'.join(_TARGET_HEADS)}|chi so)\b", key):
                    targets.add(node.name)
    for name in named:
        for node in _subtree(nodes, name):
            if len(tables.get(node.name, [])) >= 2:
                return tables[node.name]
    # elsewhere: a table whose name column says it holds targets ("Chỉ tiêu", "Chỉ số")
    return max((tables[n] for n in targets), key=len, default=[])


def named_part(nodes: dict[str, Node], ask: ListAsk) -> tuple[str, list[Entry]]:
    """ "Các việc thuộc lĩnh vực kinh tế số": the heading every other word of the question
    names (the one with fewest other words) and what is listed under it: its task rows, its
    items, else its passages. ("", []) when no heading is named."""
    if not ask.rest:
        return "", []
    best: tuple[int, str] | None = None
    for name, node in nodes.items():
        words = heading_words(name).split()
        if node.first is None or not all(w in words for w in ask.rest):
            continue
        if best is None or len(words) < best[0]:
            best = (len(words), name)
    if best is None:
        return "", []
    name = best[1]
    return name, part_entries(nodes, name)


def part_entries(nodes: dict[str, Node], name: str, passages: bool = True) -> list[Entry]:
    """What a heading lists: the names of its rows, its items, else (`passages`) its text
    passages."""
    out: list[Entry] = []
    for node in _subtree(nodes, name):
        out += [Entry(n, r) for r in node.rows if (n := row_name(r.text))]
        out += [Entry(t, c) for t, c in node.inline_rows]
        if not node.rows and not node.inline_rows:
            out += [Entry(_item_text(t), c) for t, c in node.items]
    if out or not passages:
        return out
    return [
        Entry(" ".join(c.text.split()), c) for node in _subtree(nodes, name) for c in node.texts
    ]


def period_entries(nodes: dict[str, Node], ask: ListAsk) -> list[Entry]:
    """The tasks of a plan organised by time that fall in the asked period: what is listed
    under each heading whose period ("2. Quý II/2026", "Tháng 4–6", "6 tháng đầu năm") lies
    within it. A heading's expression without a year takes the year the plan's other period
    headings name."""
    spans: dict[str, tuple] = {}
    year = period_year(nodes)
    for name in nodes:
        span = _heading_span(name, year)
        if span:
            spans[name] = span
    asked = [s for k, s in labelled(ask.period, year) if k in ("quarter", "month", "half")]
    if not asked or len(spans) < 2:
        return []
    lo, hi = asked[0]
    out: list[Entry] = []
    for name, (a, b) in spans.items():
        if lo <= a and b <= hi:
            listed = part_entries(nodes, name, passages=False)
            out += [Entry(e.text, e.chunk, clean_heading(name)) for e in listed]
    return out


_PERIOD_KINDS = ("quarter", "month", "half", "date")
# "Tháng 1–3/2026", "tháng 4 đến tháng 6": a run of months written as one period.
_MONTH_RUN_RE = re.compile(
    r"\bthang (\d{1,2})\s*(?:-|–|den|toi)\s*(?:thang )?(\d{1,2})\b(?!\s*/\s*\d{1,2}/)"
)


def _heading_span(name: str, year: str) -> tuple:
    """(first day, last day) of the period a heading names and nothing else ("Quý II/2026",
    "Tháng 1–3", "6 tháng đầu năm"); () when it names none or more than a period."""
    text = re.sub(
        r"^(?:[ivxlc]+|\d+(?:\.\d+)*)[.):—–-]\s*|^[a-z]\)\s*", "", fold(clean_heading(name))
    )
    text = _MONTH_RUN_RE.sub(lambda m: f"thang {m.group(1)} thang {m.group(2)}", text)
    found = labelled(text, year)
    if not found or any(k not in _PERIOD_KINDS for k, _ in found):
        return ()
    rest = text
    for pattern in (r"\b20\d\d\b", r"[^a-z ]", r"\b(?:nam|quy|thang|dau|cuoi|nua|den|tu|ngay)\b"):
        rest = re.sub(pattern, " ", rest)
    if len([w for w in rest.split() if not re.fullmatch(r"[ivx]+|\d+", w)]) > 2:
        return ()  # a heading about something, with a date in it
    return min(s[0] for _, s in found), max(s[1] for _, s in found)


def period_year(nodes: dict[str, Node]) -> str:
    """The year a plan's period headings name most ("" when none names one)."""
    years = [str(b.year) for name in nodes for b in _heading_span(name, "")[1:]]
    return max(set(years), key=years.count) if years else ""


def asked_period_label(ask: ListAsk, nodes: dict[str, Node]) -> str:
    """The asked period as shown to the user ("quý II/2026"), its year the question's, else the
    one of the plan's period headings (none when neither names one)."""
    years = re.findall(r"\b(20\d\d)\b", ask.period)
    year = years[0] if years else period_year(nodes) or "2000"
    found = [(k, s) for k, s in labelled(ask.period, year) if k in ("quarter", "month", "half")]
    if not found:
        return "giai đoạn được hỏi"
    shown = label(*found[0])
    return re.sub(r"(?:/| năm )2000$", "", shown)


_LINE_CHARS = 240  # longest line read as one target of a list written one target a line


def _lines(node: Node) -> list[Entry]:
    """The lines of a heading's passages when each is short (one target a line, the list
    markers lost); [] when any line is a paragraph."""
    out = [
        Entry(" ".join(line.split()), c)
        for c in node.texts
        for line in c.text.split("\n")
        if line.strip()
    ]
    return out if all(len(e.text) <= _LINE_CHARS for e in out) else []


def _listed(node: Node) -> list[Entry]:
    """A target heading's list: its items, else its short lines."""
    if node.items:
        return [Entry(_item_text(t), c) for t, c in node.items]
    return _lines(node)
