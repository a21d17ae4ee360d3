"""Exact answers from plan records for list / count / total / "who leads" questions.

Conservative by design: returns None unless the question clearly asks for something the
records answer; every number and name in the text is copied from a record.
"""

from __future__ import annotations

import math
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from rag.chunking import SECTION_SEP
from rag.compose import Citation
from rag.tables.agencies import AgencyMap
from rag.tables.due import asked_period, asked_work_period, dated, due_in, scheduled_in
from rag.tables.match_params import record_params
from rag.tables.parse import format_amount, parse_number
from rag.tables.store import TableStore
from rag.text import abbreviation_forms, fold, words_exact
from rag.understand.budget_years import YearBudget
from rag.understand.values import with_unit

MAX_CHARS = 1200
# Match cut-offs, from the versioned rag/params/records.json.
_P = record_params()

_LIST_CUE = re.compile(r"\b(nhung|liet ke|cac .*(nao|gi)|gom nhung|gom gi|danh sach|nao)\b")
_COUNT_CUE = re.compile(r"\bbao nhieu (chi tieu|nhiem vu|chi so)\b|\bco may\b")
# "có bao nhiêu nhiệm vụ", "liệt kê các chỉ tiêu", "những nhiệm vụ nào": the whole plan's list.
_PLAN_LIST_RE = re.compile(
    r"\b(?:(?P<count>bao nhieu|may)|liet ke(?: (?:cac|nhung|tat ca))?|danh sach(?: cac)?|"
    r"(?:nhung|cac|tat ca)(?= (?:nhiem vu|chi tieu|chi so) (?:nao|gi)\b))"
    r" (?P<noun>nhiem vu|chi tieu|chi so)\b"
)
# Words a whole-plan list question may hold besides its cue and noun; any other word narrows
# the list to a topic, which the records do not know how to filter.
_PLAN_LIST_FILLER = frozenset(
    "ke hoach kh cua xa phuong trong co la nao gi duoc de ra dat ra nam phu luc kem theo "
    "bang tong cong tat ca nhung cac va chuyen doi so cds nay do theo ban hanh giao neu "
    "hay cho biet toi oi a".split()
)
# The closing section of a plan assigns duties of running it, not tasks of the plan.
_DUTY_SECTION = re.compile(r"\bto chuc thuc hien\b")
_LEAD_CUE = re.compile(r"\b(chu tri|duoc giao|phu trach|chiu trach nhiem(?: chinh)?)\b")
_WHO_CUE = re.compile(
    r"\b(ai|co quan nao|don vi nao|phong nao|phong ban nao|ban nganh nao|bo phan nao)\b"
)
_PARTNER_CUE = re.compile(r"\bphoi hop\b")
# "ai vận động …": who does one task (not "những đơn vị nào …", a list of the plan's units)
_WHO_DOES = re.compile(r"^(?!.*\b(?:nhung|cac)\b).*\bai\b")
_NO_PARTNER = re.compile(r"\b(chua co|khong co) (don vi |co quan )?phoi hop\b")
# A period asked ("giai đoạn 2026-2028", "từ 2026 đến 2028"): every year of it.
_PERIOD = re.compile(r"\bgiai doan\b|\b20\d\d\s*[-–]\s*20\d\d\b|\b20\d\d den (?:nam )?20\d\d\b")
# A budget line that is one year's amount ("Năm 2026", "2027").
_YEAR_LINE = re.compile(r"(?:nam\s+)?(20\d\d)")
# "kp": the usual shorthand of "kinh phí" (not "KP 3", a street quarter's number).
_KP = r"kp(?! ?\d)"
_BUDGET_TOTAL = re.compile(
    r"\btong (kinh phi|du toan|chi|" + _KP + r")\b|\b(kinh phi|" + _KP + r") .*tong\b"
)
_BUDGET = re.compile(
    r"\b(kinh phi|du toan|(?:bao nhieu|bn) tien|chi tien|chi phi|trieu|du kien chi"
    r"|chi (?:het )?(?:bao nhieu|bn)"
    r"|khoan chi|" + _KP + r"|bao nhieu ngan sach|(?:ton|het) (?:het )?(?:bao nhieu|bn)"
    r"(?! (?:thoi gian|ngay|thang|nam|gio|tuan|buoi|nguoi|can bo))"
    r")\b"
)
# "phần kinh phí với phụ lục có khớp nhau không": whether the plan's totals agree — answered
# with the total and, when the plan states another one elsewhere, both.
_AGREES = re.compile(
    r"\b(khop|trung khop|thong nhat|giong nhau|bang nhau|chenh lech|lech|sai lech|mau thuan)\b"
)
# A funding source named in a question ("bao nhiêu từ ngân sách tỉnh", "xã hội hóa góp bao nhiêu").
_SOURCE = re.compile(
    r"\b(ngan sach (tinh|xa|huyen|trung uong|nha nuoc|cap tren)|xa hoi hoa|von doi ung"
    r"|doanh nghiep( vien thong)?)\b"
)
# "lấy từ những nguồn nào", "nguồn kinh phí gồm những gì": the sources, not one amount.
# "việc nào không cần kinh phí", "nhiệm vụ ko tốn tiền": the tasks the plan gives no money.
_ASKS_UNPRICED = re.compile(
    r"\b(?:khong|ko|k|chua) (?:(?:can|co|ton|su dung|dung|mat|phat sinh|ghi|duoc cap|bo tri)"
    r"(?: (?:den|toi))? )?(?:kinh phi|chi phi|tien(?! mat)|ngan sach|du toan|" + _KP + r")\b"
)
_ASKS_SOURCES = re.compile(r"\bnguon\b.*\b(nao|gi)\b|\b(nhung|cac) nguon\b|\btu dau\b")
# A budget line that names a source of money, not an item ("ngân sách xã 540 triệu đồng").
_FUNDS_LINE = re.compile(
    r"(?:[-+•]\s*)?(?:ngan sach|nguon|von|xa hoi hoa|doanh nghiep|kinh phi tu)\b"
)
_HOW_MUCH = re.compile(r"\bbao nhieu\b")
# "nguồn vốn … lấy từ đâu", "nguồn kinh phí gồm những gì": the money's sources are asked.
_FUNDS_ASKED = re.compile(r"\bnguon (?:von|kinh phi|tien|ngan sach|" + _KP + r")\b")
# "ai bỏ tiền", "ai chi trả", "tiền lấy từ đâu": who pays for a task (its source), not who leads.
_WHO_PAYS = re.compile(
    r"\b(?:ai|ben nao|don vi nao|nguon nao) (?:se )?(?:bo tien|bo von|chi tra|chi tien|tra tien"
    r"|chiu (?:kinh phi|chi phi|tien)|lo (?:kinh phi|tien)|dau tu|tai tro)\b"
    r"|\b(?:tien|kinh phi|von) (?:lay )?(?:tu|o) dau\b"
)
# A question about a share or a target ("chỉ tiêu … bao nhiêu %"), not about money.
_ASKS_SHARE = re.compile(r"%|\b(?:phan tram|ty le|ti le|chi tieu|muc tieu)\b")
_PUBLIC_FUNDS = re.compile(r"\bngan sach (tinh|xa|huyen|trung uong|nha nuoc|cap tren)\b")
_LEGAL = re.compile(r"\b(can cu|van ban nao)\b")
_DEADLINE_CUE = re.compile(
    r"\b(khi nao|bao gio|luc nao|thoi han|han chot|han hoan thanh|den ngay nao|thoi diem nao"
    r"|thoi gian (hoan thanh|thuc hien|trien khai)|trong thoi gian nao|tien do"
    r"|(truoc|den) ngay nao|xong khi nao|co han(?! che)|(?:co )?moc (?:thoi gian|hoan thanh)"
    r"|(?:xong|hoan thanh|ket thuc)(?: vao)? (?:ngay|thang|quy|nam) nao)\b"
)
_DEADLINE_WORDS = re.compile(
    r"\b(co (?:thoi )?han(?: chot)?(?: (?:khong|ko|k)$)?|"
    r"(?:den )?(?:khi nao|bao gio|luc nao)|thoi gian|thoi han|thoi diem|han chot|han|hoan thanh|moc|"
    r"den ngay nao|tien do|thuc hien|trien khai|ai|chu tri|phu trach|duoc giao|phai|xong|"
    r"truoc ngay nao|lam|ngay nao|nao)\b"
)
# The yes/no particle closing a question ("… có hạn hoàn thành không", "… xong chưa").
_CLOSING_PARTICLE = re.compile(r"\b(?:khong|ko|k|chua|vay|nhi)\W*$")
_VALUE_CUE = re.compile(r"\b(bao nhieu|bn|muc nao|la gi|ra sao|the nao)\b")
# A question naming a year and an indicator word asks for its value too ("Chỉ tiêu X năm 2026?",
# "tỷ lệ X năm 2026"), unless it asks who leads it.
_WEAK_VALUE_CUE = re.compile(r"\b(chi tieu|muc tieu|ty le|ti le|dinh huong)\b")
_VALUE_WORDS = re.compile(
    r"\b(dat|muc|bao nhieu|phan tram|chi tieu|muc tieu|phan dau|dinh huong|toi thieu|den|nam"
    r"|la|gi|ty le|ti le|phai)\b"
)
_STOP = set(
    "chi tieu nhiem vu so la gi cua o xa cac nhung nao do ai co quan don vi phong chu tri "
    "phoi hop va duoc giao trong ke hoach the bao nhieu hay cho biet nam ve theo muc phu luc "
    "tai gom voi".split()
)
# A task's name is short ("số hóa sổ mục kê", "chợ số"): "kế hoạch" goes as a phrase, and "số",
# "mục", "kê" stay as content words.
_PLAN_WORDS = re.compile(r"\b(ke hoach|kh|muc tieu)\b")
_TASK_STOP = _STOP - {"so", "muc", "ke"}
# Words of a budget question that do not name the item ("… kinh phí lấy từ nguồn nào").
_BUDGET_STOP = _STOP | set(
    "kinh phi du toan nguon lay tu tien dung von chi het ton bn ngan sach dau".split()
)
# The stop words as they are written with their diacritics: a question word typed with other
# diacritics ("chợ" is not "cho", "sổ" is not "số") is a content word; typed without any, it
# stays ambiguous (a stop word).
_STOP_WRITTEN = frozenset(
    "chỉ tiêu nhiệm vụ số là gì của ở xã các những nào đó do ai cơ có quan đơn vị phòng chủ trì "
    "phối hợp và được giao trong kế hoạch thế bao nhiêu hãy hay cho biết năm nam về theo mục "
    "phụ lục tại gồm với kinh phí dự toán nguồn lấy từ tiền dùng vốn chi hết tốn ngân sách đâu".split()
)
# "chợ 4.0", "Wi-Fi 6.0": a version-like number is a name, not an amount.
_VERSION = re.compile(r"(?<![\d.,])\d{1,2}\.\d(?![\d.,])")
# Question words typed with diacritics no stop word has (set per question, see answer()).
_TYPED_CONTENT: ContextVar[dict[str, frozenset[str]] | None] = ContextVar(
    "typed_content", default=None
)


def typed_content_words(question: str) -> dict[str, frozenset[str]]:
    """Folded word -> its written forms, for the words of a question whose diacritics differ
    from every stop word written the same way once folded ("cho" -> {"chợ"})."""
    out: dict[str, set[str]] = {}
    for word in words_exact(question):
        folded = fold(word)
        if folded != word and word not in _STOP_WRITTEN:
            out.setdefault(folded, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass
class TableAnswer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    # True: the records show the plan does not state what was asked (e.g. a budget for a year
    # the plan does not budget); the text says so and cites what the plan does state.
    refused: bool = False
    # True: the plan names the task asked about but leaves the asked value blank (an empty
    # budget cell); the text says so. An answer about that task, not a refusal.
    blank: bool = False


def _tokens(text: str) -> list[str]:
    """Folded words; a word printed with a hyphen ("Wi-Fi", "e-mail") is also read whole, and
    a version-like number ("4.0") too."""
    f = fold(text)
    return (
        re.findall(r"[a-z0-9]+", f)
        + [m.group(1) + m.group(2) for m in re.finditer(r"\b([a-z]+)-([a-z]+)\b", f)]
        + _VERSION.findall(f)
    )


def _spelled_out(tokens: list[str]) -> list[str]:
    """Question tokens with each administrative abbreviation replaced by its long form
    ("tmdt" -> "thuong mai dien tu"): plans print the words, people type the letters."""
    out: list[str] = []
    for t in tokens:
        long = abbreviation_forms(t)
        out.extend(_tokens(long) if long else [t])
    return out


def _content(text: str) -> list[str]:
    return [t for t in _tokens(text) if not t.isdigit() and t not in _BUDGET_STOP]


def _covers(line: list[str], name: set[str], pairs: set[tuple[str, str]]) -> bool:
    """Whether a task name (its words, its word pairs) holds a budget line's name: most of the
    line's words, and one pair of them as printed."""
    if len(line) < 2:
        return False
    shared = sum(1 for t in line if t in name) / len(line)
    return shared >= _P.task_budget_line and any(
        p in pairs for p in zip(line, line[1:], strict=False)
    )


# "360 triệu đồng, trong đó ngân sách tỉnh hỗ trợ 250 triệu đồng, …": the shares a budget
# sentence states after its amount.
_SHARES_SAID = re.compile(r"\btrong do\b[\s:,]*(?=\S)")
_MONEY_SAID = re.compile(r"\d\s*(?:trieu|ty|nghin)?\s*dong\b")


def _shares_said(quote: str, amount_raw: str) -> str:
    """' (trong đó ngân sách tỉnh hỗ trợ 250 triệu đồng, …)' when the cited sentence splits
    the amount into shares after stating it, else ''."""
    folded = "".join((fold(c) or " ")[:1] for c in quote)  # keeps offsets
    at = quote.find(amount_raw) if amount_raw else -1
    m = _SHARES_SAID.search(folded, max(at, 0))
    if at < 0 or m is None:
        return ""
    tail = re.split(r"\.\s|\.$|;", quote[m.start() :])[0]
    if not _MONEY_SAID.search(fold(tail)):
        return ""
    return f" ({' '.join(tail.split()).rstrip(' ,')})"


def _budget_line_of_task(task: dict, lines: list[dict], tasks: list[dict]) -> dict | None:
    """The budget line that itemises one task under a shorter name ("Thư viện số: 960 triệu"
    for "Xây dựng thư viện số tại 2 trường học …"): the only priced line the task's name holds,
    and a line no other task's name holds too (then it funds a group, not this task)."""

    def words(r: dict) -> tuple[set[str], set[tuple[str, str]]]:
        toks = _content(r["indicator"])
        return set(toks), set(zip(toks, toks[1:], strict=False))

    name, pairs = words(task)
    found = [
        r
        for r in lines
        if r.get("budget") is not None
        and fold(r["indicator"]) != fold(task["indicator"])
        and _covers(_content(r["indicator"]), name, pairs)
    ]
    if len({r["budget"] for r in found}) != 1:
        return None
    line = found[0]
    own = fold(task["indicator"])
    for other in tasks:
        if fold(other["indicator"]) != own and _covers(_content(line["indicator"]), *words(other)):
            return None
    return line


def _opening(name: str) -> str:
    """The first words of a record's name, folded, as a passage would print them."""
    return " ".join(_tokens(name)[:_OPENING_WORDS])


# Words of a task's name a passage must print for the passage to hold that task.
_OPENING_WORDS = 6


def _lead_left_out(rec: dict, everything: list[dict]) -> bool:
    """A task whose place for the lead agency is empty (a blank lead cell, a task sentence or
    point that names only partners): the plan names no lead for it. A table row counts only
    when most rows of its table (of any kind: one table may hold targets and tasks, all
    sharing the lead column) do name a lead (else the column was not read right)."""
    if rec["leads"] or not rec.get("has_lead_column") or rec["kind"] not in ("task", "budget"):
        return False
    if rec.get("origin") != "table":
        return True
    rows = [
        r
        for r in everything
        if r["doc_id"] == rec["doc_id"]
        and r.get("origin") == "table"
        and r.get("table") == rec.get("table")
        and r.get("has_lead_column")
    ]
    return 2 * sum(1 for r in rows if r["leads"]) > len(rows)


class TableAnswerer:
    """Answers from the table store of one data directory."""

    def __init__(self, db_path: Path, agencies: AgencyMap | None = None) -> None:
        self.db_path = Path(db_path)
        self.agencies = agencies or AgencyMap()
        self._cached: tuple[float, TableStore] | None = None

    def _store(self) -> TableStore | None:
        """One store per version of the file, so questions do not re-read SQLite."""
        try:
            mtime = self.db_path.stat().st_mtime
        except FileNotFoundError:
            return None
        if self._cached is None or self._cached[0] != mtime:
            try:
                self._cached = (mtime, TableStore(self.db_path, self.agencies))
            except FileNotFoundError:
                return None
        return self._cached[1]

    def bases(self, commune: str | None = None, commune_id: str | None = None) -> list[dict]:
        """The legal bases each plan states (rag.tables.bases), of the commune with this id
        when given; [] without a store."""
        store = self._store()
        if store is not None and commune_id:
            store = store.pinned(commune_id)
        return store.bases(commune) if store is not None else []

    def legal_mentions(self, commune: str) -> list[dict]:
        """The registry entries one commune's plan names, with that plan's citations only."""
        store = self._store()
        return store.legal_mentions(commune) if store is not None else []

    def legal_bases(self) -> list[dict]:
        """The legal registry (every document the plans cite); [] without a store."""
        store = self._store()
        return store.legal_bases() if store is not None else []

    # ------------------------------------------------------------------ entry
    def answer(
        self, question: str, communes: list[str], commune_id: str | None = None
    ) -> TableAnswer | None:
        """An answer from the records of the one commune asked about (`commune_id` says which
        province's when several share the name), or None."""
        if not isinstance(question, str) or len(communes) != 1:
            return None
        store = self._store()
        if store is None or communes[0] not in store.communes():
            return None
        if commune_id:
            store = store.pinned(commune_id)
        q = fold(question)
        commune = communes[0]
        years = re.findall(r"\b(20\d\d)\b", q)
        typed = _TYPED_CONTENT.set(typed_content_words(question))
        try:
            named = self._strip_name(q, commune)
            funded = (
                _BUDGET.search(q)
                or _PUBLIC_FUNDS.search(named)
                # "nguồn xã hội hóa bao nhiêu": a source of money and an amount asked (not
                # "doanh nghiệp dùng hóa đơn điện tử chỉ tiêu bao nhiêu %", a target)
                or (_SOURCE.search(named) and _HOW_MUCH.search(q) and not _ASKS_SHARE.search(q))
                or (_FUNDS_ASKED.search(q) and _ASKS_SOURCES.search(q))
            )
            if _WHO_PAYS.search(q):
                return self._budget(store, commune, _WHO_PAYS.sub(" ", q))
            topic_q = self._strip_commune(q, commune)
            if _BUDGET.search(q) and (
                _LEAD_CUE.search(q) or _WHO_CUE.search(q) or _DEADLINE_CUE.search(topic_q)
            ):
                # "làm gì, ai chủ trì, kinh phí bao nhiêu": every part the plan states
                found = self._facets(store, commune, q)
                if found is not None:
                    return found
            if funded and not _LEAD_CUE.search(q):
                return self._budget(store, commune, q)
            if _NO_PARTNER.search(q):
                return self._no_partner(store, commune, years)
            agency = self._agency_subject(q)
            if agency and _LEAD_CUE.search(q) and (_LIST_CUE.search(q) or _COUNT_CUE.search(q)):
                return self._lead_list(store, commune, agency, q, years)
            if not agency and not _LEAD_CUE.search(q):
                found = self._due_list(store, commune, q) or self._work_list(store, commune, q)
                if found is not None:
                    return found
                found = self._plan_list(store, commune, q, years)
                if found is not None:
                    return found
            if _LEGAL.search(q) and ("chi tieu" in q or "chi so" in q):
                return self._legal_of(store, commune, q)
            topic = self._strip_commune(q, commune)
            if _DEADLINE_CUE.search(topic):
                found = self._deadline(store, commune, q)
                if found is not None:
                    return found
            asks_value = _VALUE_CUE.search(topic) or (
                _WEAK_VALUE_CUE.search(topic) and not _WHO_CUE.search(q) and not _LEAD_CUE.search(q)
            )
            if years and asks_value and not _COUNT_CUE.search(topic):
                found = self._target_value(store, commune, q, list(dict.fromkeys(years)))
                if found is not None:
                    return found
            if (
                _WHO_CUE.search(q)
                and not agency
                and (_LEAD_CUE.search(q) or _PARTNER_CUE.search(q) or _WHO_DOES.search(q))
            ):
                # "ai chủ trì X", "X phối hợp với những ai", "ai vận động X": the task's agencies
                return self._who_leads(store, commune, q, years)
        except (KeyError, ValueError):  # pragma: no cover - defensive: never break the engine
            return None
        finally:
            _TYPED_CONTENT.reset(typed)
        return None

    def conflicts(self, commune: str) -> list[dict]:
        """The commune's indicators with two different values in one plan (rag.tables.conflicts)."""
        store = self._store()
        return store.conflicts(commune) if store is not None else []

    # ---------------------------------------------------------------- helpers
    def _agency_subject(self, q: str) -> str | None:
        spans = self.agencies.find(q)
        keys = [e.key for e in spans if e.key]
        return keys[0] if len(set(keys)) == 1 else None

    @staticmethod
    def _cite(rec: dict, section: str | None = None, quote: str | None = None) -> Citation:
        """A record's citation; `section`/`quote`: another place of the same document."""
        return Citation(
            rec["doc_id"],
            rec.get("title", ""),
            rec["commune"],
            rec.get("province", ""),
            section if section is not None else (rec.get("table") or rec["section"]),
            quote if quote is not None else rec["quote"],
        )

    def _render(self, head: str, lines: list[str], recs: list[dict], tail: str = "") -> TableAnswer:
        out, cites = [head], []
        used = len(head) + len(tail) + 40
        shown = 0
        for line, rec in zip(lines, recs, strict=True):
            item = f"{len(cites) + 1}. {line} [{len(cites) + 1}]"
            if used + len(item) + 1 > MAX_CHARS:
                break
            out.append(item)
            cites.append(self._cite(rec))
            used += len(item) + 1
            shown += 1
        if shown < len(recs):
            out.append(f"… và {len(recs) - shown} mục khác (xem troly targets).")
        if tail:
            out.append(tail)
        return TableAnswer("\n".join(out)[:MAX_CHARS], cites)

    @staticmethod
    def _kind_filter(q: str, recs: list[dict], years: list[str]) -> list[dict]:
        if "du toan" in q or "kinh phi" in q:
            wanted = {"budget"}
        elif re.search(r"\b(chi tieu|chi so)\b", q) and any(r["kind"] == "indicator" for r in recs):
            wanted = {"indicator"}
        else:
            wanted = {"task", "budget", "indicator"} | ({"result"} if "2025" in years else set())
        if re.search(r"phu luc (i|1|01)\b", q):
            recs = [r for r in recs if re.search(r"phu luc (i|1|01)\b", fold(r.get("table", "")))]
        out = [r for r in recs if r["kind"] in wanted]
        if years:
            out = [r for r in out if r["year"] in years or any(y in r["targets"] for y in years)]
        return out

    # ---------------------------------------------------------------- answers
    def _lead_list(
        self, store: TableStore, commune: str, key: str, q: str, years: list[str]
    ) -> TableAnswer | None:
        recs = [r for r in store.records(commune) if key in r["lead_keys"]]
        recs = self._kind_filter(q, recs, years)
        # one line per task: a task table and a budget table may both name it
        seen: set[str] = set()
        recs = [
            r for r in recs if not (fold(r["indicator"]) in seen or seen.add(fold(r["indicator"])))
        ]
        if not recs:
            return None
        name = self.agencies.name(key, commune)
        noun = "chỉ tiêu" if all(r["kind"] == "indicator" for r in recs) else "nhiệm vụ"
        lines = []
        for r in recs:
            extra = []
            if r["targets"]:
                extra.append(
                    ", ".join(
                        f"{y}: {with_unit(v, r.get('unit', ''))}"
                        for y, v in r["targets"].items()
                        if len(v) < 40
                    )
                )
            if r.get("budget") is not None:
                extra.append(f"{r['budget_raw']} {r['budget_unit']}".strip())
            others = [n for n, k in zip(r["leads"], r["lead_keys"], strict=True) if k != key]
            if others:
                extra.append("đồng chủ trì: " + "; ".join(others))
            tail = f" ({'; '.join(e for e in extra if e)})" if any(extra) else ""
            lines.append(f"{r['indicator']}{tail}")
        head = f"Theo kế hoạch của xã {commune}, {name} chủ trì {len(recs)} {noun}:"
        return self._render(head, lines, recs)

    def _plan_list(
        self, store: TableStore, commune: str, q: str, years: list[str]
    ) -> TableAnswer | None:
        """ "Kế hoạch có bao nhiêu nhiệm vụ / liệt kê các chỉ tiêu": every task (a record with a
        lead agency) or every indicator of the plan, counted once each."""
        m = _PLAN_LIST_RE.search(q)
        if m is None:
            return None
        rest = self._strip_commune(q[: m.start()] + " " + q[m.end() :], commune)
        extra = [w for w in re.findall(r"[a-z0-9]+", rest) if w not in _PLAN_LIST_FILLER]
        if any(not re.fullmatch(r"20\d\d", w) for w in extra):
            return None
        recs = store.records(commune)
        if years:
            recs = [r for r in recs if r["year"] in years or any(y in r["targets"] for y in years)]
        if m.group("noun") == "nhiem vu":
            recs = [
                r
                for r in recs
                if (r["kind"] == "task" or (r["kind"] == "budget" and r["lead_keys"]))
                and not _DUTY_SECTION.search(fold(r["section"].split(SECTION_SEP)[-1]))
            ]
            noun = "nhiệm vụ"
        else:
            recs = [r for r in recs if r["kind"] == "indicator"]
            noun = "chỉ tiêu"
        seen: set[str] = set()
        unique = []
        for r in recs:
            key = fold(r["indicator"])
            if key and key not in seen:
                seen.add(key)
                unique.append(r)
        if len(unique) < 2:
            return None
        lines = []
        for r in unique:
            leads = "; ".join(r["leads"])
            lines.append(f"{r['indicator']}" + (f" (chủ trì: {leads})" if leads else ""))
        head = f"Kế hoạch của xã {commune} nêu {len(unique)} {noun}:"
        return self._render(head, lines, unique)

    def _work_list(self, store: TableStore, commune: str, q: str) -> TableAnswer | None:
        """ "Quý III phải làm những việc gì" over a schedule grid: the tasks whose marked
        periods meet the asked one (rag.tables.due)."""
        recs = store.records(commune)
        years = [r["year"] for r in recs if r.get("year")]
        default_year = max(set(years), key=years.count) if years else ""
        asked = asked_work_period(self._strip_commune(q, commune), default_year)
        if asked is None:
            return None
        found = scheduled_in(recs, asked, fold)
        if len(found) < 2:
            return None
        lines = []
        for r in found:
            marked = ", ".join(k for k, v in r["periods"].items() if str(v).strip())
            lead = "; ".join(r["leads"]) or r.get("lead_raw", "")
            lines.append(
                f"{r['indicator']} — thực hiện: {marked}" + (f" (chủ trì: {lead})" if lead else "")
            )
        head = (
            f"Theo kế hoạch của xã {commune}, {len(found)} nhiệm vụ thực hiện trong {asked.shown}:"
        )
        return self._render(head, lines, found)

    def _due_list(self, store: TableStore, commune: str, q: str) -> TableAnswer | None:
        """ "Những việc phải xong trong quý IV/2026": the tasks whose deadline falls due in the
        asked period, from any deadline form the plan uses (dates, months, quarters, grids)."""
        recs = store.records(commune)
        years = [r["year"] for r in recs if r.get("year")]
        default_year = max(set(years), key=years.count) if years else ""
        asked = asked_period(self._strip_commune(q, commune), default_year)
        if asked is None:
            return None
        with_deadline = dated(recs)
        if not with_deadline:
            return None
        found = due_in(with_deadline, asked, fold)
        if not found:
            text = (
                f"Kế hoạch của xã {commune} không có nhiệm vụ nào có thời hạn hoàn thành trong "
                f"{asked.shown}; thời hạn kế hoạch ghi cho các nhiệm vụ, ví dụ: "
                f"«{with_deadline[0]['indicator']}»: {with_deadline[0]['deadline']}. [1]"
            )
            return TableAnswer(text[:MAX_CHARS], [self._cite(with_deadline[0])])
        lines = []
        for r in found:
            lead = "; ".join(r["leads"]) or r.get("lead_raw", "")
            lines.append(
                f"{r['indicator']} — thời hạn: {r['deadline']}"
                + (f" (chủ trì: {lead})" if lead else "")
            )
        head = (
            f"Theo kế hoạch của xã {commune}, {len(found)} nhiệm vụ có thời hạn hoàn thành "
            f"trong {asked.shown}:"
        )
        return self._render(head, lines, found)

    def _best(
        self, recs: list[dict], q: str, key: str = "lead_keys", stop: set[str] = _STOP
    ) -> tuple[dict | None, float]:
        """The record whose name best covers the question's words; None when two records
        that differ in `key` match about as well."""
        typed = _TYPED_CONTENT.get() or {}
        q_toks = [
            t for t in _spelled_out(_tokens(q)) if (t not in stop or t in typed) and not t.isdigit()
        ]
        if len(q_toks) < 2:
            return None, 0.0
        # a stop word kept for its diacritics matches only as written ("chợ", not "cho")
        written = {t: typed[t] for t in q_toks if t in stop and t in typed}

        def words_of(r: dict) -> set[str]:
            text = r["indicator"] + " " + r["group"] + " " + r.get("activities", "")
            have = set(_tokens(text))
            if written:
                exact = set(words_exact(text))
                have = {t for t in have if t not in written}
                have |= {t for t, forms in written.items() if forms & exact}
            return have

        haves = [words_of(r) for r in recs]
        df: dict[str, int] = {}
        for have in haves:
            for t in have:
                df[t] = df.get(t, 0) + 1
        n = max(len(recs), 1)

        def idf(t: str) -> float:
            return math.log(1 + n / (1 + df.get(t, 0)))

        total = sum(idf(t) for t in q_toks)
        scored = []
        for r, have in zip(recs, haves, strict=True):
            scored.append((sum(idf(t) for t in q_toks if t in have) / total, r))
        scored.sort(key=lambda x: -x[0])
        if not scored:
            return None, 0.0
        best, second = scored[0], (scored[1] if len(scored) > 1 else (0.0, None))
        if second[1] is not None and best[0] - second[0] < _P.ambiguity_margin:
            same = second[1].get(key) == best[1].get(key)
            if not same:
                return None, 0.0
        return best[1], best[0]

    def _facets(self, store: TableStore, commune: str, q: str) -> TableAnswer | None:
        """One task's lead, partners, deadline and budget for a question that asks its money
        together with who or when; what the plan does not state is said so. None when the
        task is not found clearly."""
        everything = store.records(commune)
        topic = _BUDGET.sub(" ", _DEADLINE_WORDS.sub(" ", self._strip_commune(q, commune)))
        topic = _PLAN_WORDS.sub(" ", topic)
        # a budget row with its own lead column answers every part by itself
        tasks = [
            r for r in everything if r["kind"] in ("task", "indicator", "budget") and r["leads"]
        ]
        task, score = self._best(tasks, topic, stop=_TASK_STOP)
        if task is None or score < _P.facet_task:
            return None
        cites = [self._cite(task)]
        parts = [f"đơn vị chủ trì: {task['lead_raw'] or task['lead']}"]
        if task["partners"]:
            parts.append(f"phối hợp: {task['partners_raw'] or '; '.join(task['partners'])}")
        if task.get("deadline"):
            parts.append(f"thời hạn: {task['deadline']}")
        elif task.get("has_deadline_column"):
            parts.append("kế hoạch không nêu thời hạn")
        money = ""
        if task.get("budget") is not None:
            money = f"kinh phí: {task['budget_raw']} {task.get('budget_unit') or ''}".rstrip()
        else:
            lines = [r for r in everything if r["kind"] == "budget"]
            line = self._line_for(lines, f"{task['indicator']} {topic}")
            if line is not None:
                cites.append(self._cite(line))
                amount = f"{line['budget_raw']} {line.get('budget_unit') or ''}".strip()
                money = f"kinh phí: {amount} [2]"
            elif lines:
                money = "kế hoạch không nêu kinh phí riêng cho việc này"
        if money:
            parts.append(money)
        text = f"Theo kế hoạch của xã {commune}, «{task['indicator']}» [1]: " + "; ".join(parts)
        return TableAnswer(text[:MAX_CHARS] + ".", cites)

    @staticmethod
    def _line_for(lines: list[dict], text: str) -> dict | None:
        """The budget line whose own word pairs are mostly in `text` — a budget line names its
        task more briefly than the task list — when exactly one line fits clearly."""

        def pairs(words: str) -> set[str]:
            toks = _tokens(words)
            return {f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)}

        have = pairs(text)
        scored = []
        for r in lines:
            own = pairs(r["indicator"])
            if len(own) >= 2:
                scored.append((len(own & have) / len(own), r))
        scored.sort(key=lambda x: -x[0])
        if not scored or scored[0][0] < _P.line_min:
            return None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < _P.line_margin:
            return None
        return scored[0][1]

    def _who_leads(
        self, store: TableStore, commune: str, q: str, years: list[str]
    ) -> TableAnswer | None:
        kinds = {"indicator", "task", "budget"} | ({"result"} if "2025" in years else set())
        everything = store.records(commune)
        recs = [
            r
            for r in everything
            if r["kind"] in kinds and (r["leads"] or _lead_left_out(r, everything))
        ]
        if years:
            recs = [r for r in recs if r["year"] in years or any(y in r["targets"] for y in years)]
        topic = self._strip_commune(q, commune)
        rec, score = self._best(recs, topic)
        if rec is None or score < _P.lead:
            return None
        if not rec["partners"] and self._better_elsewhere(rec, everything, topic):
            return None
        return self._lead_of(commune, rec, q)

    def lead_in_passage(
        self,
        question: str,
        communes: list[str],
        passage: tuple[str, str],
        commune_id: str | None = None,
    ) -> TableAnswer | None:
        """Who leads the task unit that the passage retrieval ranked first holds, for a "who
        leads / who takes part" question whose words name the task too loosely for the records
        alone ("ai lo vụ dạy người già dùng smartphone"). `passage` is (doc_id, text) of that
        hit. The unit is a record of that document whose opening words the passage prints;
        among several, the one the question's words fit best, and only when it shares at least
        `lead_passage` of them (else None: the passage strategies answer)."""
        if not isinstance(question, str) or len(communes) != 1:
            return None
        q = fold(question)
        if _BUDGET.search(q) or _WHO_PAYS.search(q) or self._agency_subject(q):
            return None
        if not (
            _WHO_CUE.search(q)
            and (_LEAD_CUE.search(q) or _PARTNER_CUE.search(q) or _WHO_DOES.search(q))
        ):
            return None
        store = self._store()
        commune = communes[0]
        if store is None or commune not in store.communes():
            return None
        if commune_id:
            store = store.pinned(commune_id)
        if _DEADLINE_CUE.search(self._strip_commune(q, commune)):
            return None
        doc_id, text = passage
        printed = " ".join(_tokens(text))
        everything = store.records(commune)
        recs = [
            r
            for r in everything
            if r["doc_id"] == doc_id
            and r["kind"] in ("task", "budget")
            and (r["leads"] or _lead_left_out(r, everything))
            and _opening(r["indicator"]) in printed
        ]
        if not recs:
            return None
        topic = self._strip_commune(q, commune)
        topic = _PLAN_WORDS.sub(" ", _LEAD_CUE.sub(" ", _PARTNER_CUE.sub(" ", topic)))
        typed = _TYPED_CONTENT.set(typed_content_words(question))
        try:
            rec, score = self._best(recs, topic, stop=_TASK_STOP)
        finally:
            _TYPED_CONTENT.reset(typed)
        if rec is None or score < _P.lead_passage:
            return None
        if self._better_elsewhere(rec, everything, topic):
            return None
        return self._lead_of(commune, rec, q)

    def _lead_of(self, commune: str, rec: dict, q: str) -> TableAnswer:
        """The answer naming a task's lead and partners (or saying the plan names no lead)."""
        if not rec["leads"]:
            return self._no_lead(commune, rec)
        lead = rec["lead_raw"] or rec["lead"]
        text = f"Theo kế hoạch của xã {commune}, «{rec['indicator']}» do {lead} chủ trì"
        if rec["partners"]:
            text += f"; phối hợp: {rec['partners_raw'] or '; '.join(rec['partners'])}"
        elif rec.get("has_partner_column"):
            text += "; bảng không ghi đơn vị phối hợp"
        elif _PARTNER_CUE.search(q) and rec.get("origin") == "prose":
            text += "; kế hoạch không nêu đơn vị phối hợp cho nhiệm vụ này"
        text += ". [1]"
        return TableAnswer(text[:MAX_CHARS], [self._cite(rec)])

    def _no_lead(self, commune: str, rec: dict) -> TableAnswer:
        """A task whose place for the lead is empty: the plan names no lead; its partners
        (when any) are given."""
        text = f"Kế hoạch của xã {commune} không nêu đơn vị chủ trì cho «{rec['indicator']}»"
        if rec["partners"]:
            text += f"; đơn vị phối hợp: {rec['partners_raw'] or '; '.join(rec['partners'])}"
        text += ". [1]"
        return TableAnswer(text[:MAX_CHARS], [self._cite(rec)], blank=True)

    def _deadline(self, store: TableStore, commune: str, q: str) -> TableAnswer | None:
        """ "Nhiệm vụ X hoàn thành khi nào?" from a table with a deadline column."""
        everything = store.records(commune)
        recs = [r for r in everything if r.get("has_deadline_column")]
        topic = _DEADLINE_WORDS.sub(" ", self._strip_commune(q, commune))
        topic = _CLOSING_PARTICLE.sub(" ", _PLAN_WORDS.sub(" ", topic).strip())
        rec, score = self._best(recs, topic, key="deadline", stop=_TASK_STOP)
        if rec is None or score < _P.deadline:
            return None
        if self._better_elsewhere(rec, everything, topic):
            return None  # another task, with no deadline field, fits the question better
        lead = rec["lead_raw"] or rec["lead"]
        by = f"; đơn vị chủ trì: {lead}" if lead else ""
        if not rec["deadline"] and (rec.get("origin") == "prose" or not rec.get("deadline_column")):
            text = (
                f"Kế hoạch của xã {commune} không nêu thời hạn cho nhiệm vụ này: "
                f"«{rec['indicator']}»{by}. [1]"
            )
        elif rec["deadline"]:
            start = f"bắt đầu {rec['start']}, hoàn thành " if rec.get("start") else ""
            text = (
                f"Theo kế hoạch của xã {commune}, «{rec['indicator']}» có thời gian thực hiện: "
                f"{start}{rec['deadline']}{by}. [1]"
            )
        else:
            column = rec.get("deadline_column") or "thời gian"
            text = (
                f"Kế hoạch của xã {commune} không ghi thời hạn cho «{rec['indicator']}»: "
                f"ô «{column}» của hàng {rec['row_no']} để trống{by}. [1]"
            )
        return TableAnswer(text[:MAX_CHARS], [self._cite(rec)])

    def _better_elsewhere(self, rec: dict, everything: list[dict], topic: str) -> bool:
        """Whether a record of another kind of layout (a table row without the field asked)
        names the question's task better than `rec`: then `rec` is a neighbour, and what it
        does not state ("không nêu thời hạn") must not be said of the asked task."""
        tasks = [r for r in everything if r["kind"] == "task"]
        if len(tasks) < 2:
            return False
        best, _ = self._best(tasks, topic, key="indicator", stop=_TASK_STOP)
        return best is not None and fold(best["indicator"]) != fold(rec["indicator"])

    def _target_value(
        self, store: TableStore, commune: str, q: str, years: list[str]
    ) -> TableAnswer | None:
        """ "Năm 2027 chỉ tiêu X đạt bao nhiêu?" from a table with a column for each year asked."""
        recs = [
            r
            for r in store.records(commune)
            if r["kind"] != "target" and r["targets_raw"] and all(y in r["targets"] for y in years)
        ]
        topic = _VALUE_WORDS.sub(" ", self._strip_commune(q, commune))
        rec, score = self._best_value(recs, topic, years)
        # A value the plan contradicts elsewhere is answered with both values and both quotes
        # (_contradicted_by, below).
        if rec is None or score < _P.target:
            # Plans in prose: target sentences and last year's results.
            prose = [
                r
                for r in store.records(commune)
                if r["kind"] in ("target", "result") and all(y in r["targets"] for y in years)
            ]
            rec, score = self._best_value(prose, topic, years)
            if rec is None:
                # The two sides of one contradiction tie: one answers, the note shows the other.
                second = {
                    (c["doc_id"], c["b"]["line"])
                    for c in store.conflicts(commune)
                    if c.get("year") in years
                }
                rest = [r for r in prose if (r["doc_id"], r["line_start"]) not in second]
                if len(rest) < len(prose):
                    rec, score = self._best_value(rest, topic, years)
            if rec is None or score < _P.target:
                return None
        if rec["kind"] == "result":
            text = (
                f"Theo kế hoạch của xã {commune}, kết quả năm {years[0]}: «{rec['indicator']}». [1]"
            )
        else:
            values = "; ".join(
                f"năm {y}: {with_unit(rec['targets'][y], rec.get('unit', ''))}" for y in years
            )
            text = f"Theo kế hoạch của xã {commune}, chỉ tiêu «{rec['indicator']}»: {values}. [1]"
        cites = [self._cite(rec)]
        other = self._contradicted_by(store, rec, years, topic)
        if other is not None:
            text += (
                f"\nLưu ý: ở chỗ khác, cùng kế hoạch nêu giá trị khác ({other['value']}): "
                f"«{other['quote']}» [2]. Hai con số không khớp; nên đối chiếu văn bản gốc."
            )
            cites.append(self._cite(rec, other.get("section", ""), other["quote"]))
        return TableAnswer(text[:MAX_CHARS], cites)

    @staticmethod
    def _contradicted_by(
        store: TableStore, rec: dict, years: list[str], topic: str = ""
    ) -> dict | None:
        """The other side of a conflict found at ingest (rag.tables.conflicts,
        rag.tables.statements) for this record's value in an asked year: the same indicator
        stated elsewhere in the plan with another value. When several values of the record's
        lines conflict, the one whose own words share most with `topic` (the question)."""
        first = rec.get("line_start")
        last = rec.get("line_end") or first
        if first is None:
            return None
        asked = set(_tokens(topic))
        found: list[tuple[int, dict]] = []
        for c in store.conflicts(rec["commune"]):
            if c.get("doc_id") != rec["doc_id"] or c.get("year") not in years:
                continue
            for mine, theirs in (("a", "b"), ("b", "a")):
                if first <= c[mine].get("line", -1) <= last:
                    shared = len(asked & set(_tokens(c[mine].get("quote", ""))))
                    found.append((shared, c[theirs]))
                    break
        return max(found, key=lambda x: x[0])[1] if found else None

    def _best_value(
        self, recs: list[dict], topic: str, years: list[str]
    ) -> tuple[dict | None, float]:
        for r in recs:
            r["_values"] = [r["targets"][y] for y in years]
        return self._best(recs, topic, key="_values")

    def _legal_of(self, store: TableStore, commune: str, q: str) -> TableAnswer | None:
        recs = [r for r in store.records(commune) if r["legal_basis"]]
        rec, score = self._best(recs, self._strip_commune(q, commune))
        if rec is None or score < _P.legal:
            return None
        text = (
            f"Theo kế hoạch của xã {commune}, chỉ tiêu «{rec['indicator']}» căn cứ: "
            f"{rec['legal_basis']} [1]"
        )
        return TableAnswer(text[:MAX_CHARS], [self._cite(rec)])

    def _no_partner(self, store: TableStore, commune: str, years: list[str]) -> TableAnswer | None:
        recs = [
            r
            for r in store.records(commune)
            if r.get("has_partner_column") and not r["partners"] and r["kind"] != "result"
        ]
        if years:
            recs = [r for r in recs if r["year"] in years or any(y in r["targets"] for y in years)]
        if not recs:
            return None
        lines = [f"{r['indicator']} (chủ trì: {r['lead'] or 'không ghi'})" for r in recs]
        when = f" năm {years[0]}" if years else ""
        head = (
            f"Theo kế hoạch của xã {commune}, có {len(recs)} chỉ tiêu/nhiệm vụ{when} "
            "không ghi đơn vị phối hợp:"
        )
        return self._render(head, lines, recs)

    def _budget(self, store: TableStore, commune: str, q: str) -> TableAnswer | None:
        everything = store.records(commune)
        recs = [r for r in everything if r["kind"] == "budget"]
        by_source = [r for r in everything if r["kind"] == "budget_source"] or [
            r
            for r in recs
            if r.get("origin") == "prose" and _FUNDS_LINE.match(fold(r["indicator"]))
        ]
        checks = store.budget_checks(commune)
        if not recs and not checks:
            return None
        unit = (recs[0]["budget_unit"] if recs else checks[0].get("unit")) or ""
        check = next(
            (c for c in checks if c["stated_total"] is not None and not c.get("restates")), None
        ) or next((c for c in checks if c["stated_total"] is not None), None)
        # The same plan states its total again elsewhere with another amount.
        other = next((c for c in checks if c.get("restates") and c is not check), None)
        yearly = self._year_budget(store, commune, checks, q) or self._year_rows(commune, recs, q)
        if yearly is not None:
            return yearly
        unbudgeted = self._unbudgeted_year(store, commune, recs, q)
        if unbudgeted is not None:
            return self._budget_year_not_stated(store, commune, recs, check, unit, unbudgeted)
        source = _SOURCE.search(self._strip_name(q, commune))
        if source is not None:
            # Lines under a subtotal of that source ("I. Ngân sách xã: …, trong đó: a) …"):
            # the items it pays for, with their sum.
            subtotals = {
                fold(r["indicator"].split(":")[0]).strip()
                for r in by_source
                if ":" in r["indicator"]
            }
            carried = [
                r
                for r in recs
                if r.get("origin") == "prose"
                and source.group(0) in fold(r.get("source", ""))
                and fold(r.get("source", "")).strip() in subtotals
            ]
            if carried:
                return self._budget_from(commune, carried, source.group(0), unit)
        if source is not None and by_source:
            found = self._budget_from(commune, by_source, source.group(0), unit)
            if found is not None:
                return found
        if (
            _ASKS_SOURCES.search(q)
            and not by_source
            and not self._names_item(recs, self._strip_commune(q, commune))
        ):
            found = self._sources_elsewhere(store, commune, recs, checks, unit)
            if found is not None:
                return found
            if not any(r.get("source") for r in recs):
                return None  # no line names its source: the list of items does not answer
        if (
            _ASKS_SOURCES.search(q)
            and by_source
            and not self._names_item(recs, self._strip_commune(q, commune))
        ):
            head = f"Theo kế hoạch của xã {commune}, kinh phí lấy từ các nguồn:"
            lines = [f"{r['indicator']}" for r in by_source]
            return self._render(head, lines, by_source)
        if source is not None:
            found = self._budget_from(commune, recs, source.group(0), unit)
            if found is not None or not any(r.get("budget_parts") for r in recs):
                return found
            # The source is a column of the budget ("NSNN", "Xã hội hoá"): the item's row, or
            # with no item named, the column itself (its total row, else its cells added up).
            named_item = self._names_item(
                recs, self._strip_commune(q, commune).replace(source.group(0), " ")
            )
            if not named_item:
                found = self._budget_column(commune, recs, check, source.group(0), unit)
                if found is not None:
                    return found
        unpriced = [r for r in recs if r.get("budget") is None]
        if _ASKS_UNPRICED.search(q) and unpriced and len(unpriced) < len(recs):
            head = (
                f"Theo kế hoạch của xã {commune}, các nhiệm vụ không có kinh phí (ô kinh phí "
                "ghi «không» hoặc để trống):"
            )
            lines = [
                f"{r['indicator']}: {r['budget_raw'].strip() or 'không ghi kinh phí'}"
                for r in unpriced
            ]
            return self._render(head, lines, unpriced)
        whole = not self._names_item(recs, self._strip_commune(q, commune))
        if _BUDGET_TOTAL.search(q) or ((_LIST_CUE.search(q) or _AGREES.search(q)) and whole):
            doc = (
                recs[0]
                if recs
                else next((d for d in store.documents() if d["commune"] == commune), None)
            )
            summed = next((c for c in checks if c.get("rows") and c.get("computed_total")), None)
            return self._budget_list(
                commune,
                recs,
                check,
                unit,
                doc,
                total=bool(_BUDGET_TOTAL.search(q) or _AGREES.search(q)),
                other=other,
                summed=summed,
            )
        # "dự kiến tốn bao nhiêu": "dự kiến" says the amount is planned, not what it is for
        topic = re.sub(r"\bdu kien\b", " ", self._strip_commune(q, commune))
        if source is not None:
            topic = topic.replace(source.group(0), " ")
        rec, score = self._best(recs, topic, stop=_BUDGET_STOP)
        if rec is None or score < _P.budget_line:
            return self._no_budget_line(everything, recs, check, commune, topic, unit)
        lead = f", đơn vị chủ trì: {rec['lead']}" if rec["lead"] else ""
        cites = [self._cite(rec)]
        if not rec["budget_raw"].strip() and not rec.get("budget_parts"):
            # The task's row is in the budget table but its amount cell is empty: the plan
            # states no amount for it (an answer about the task, not a refusal).
            text = (
                f"Kế hoạch của xã {commune} không ghi kinh phí cho nhiệm vụ này: "
                f"«{rec['indicator']}» — ô kinh phí của hàng này để trống{lead}. [1]"
            )
            return TableAnswer(text[:MAX_CHARS], cites, blank=True)
        if not rec.get("source") and rec.get("budget") is not None:
            # The plan's breakdown by source names a line of the same amount for this item.
            same = [r for r in by_source if r.get("budget") == rec["budget"]]
            if len(same) == 1:
                rec = {**rec, "source": f"{same[0]['indicator']} [2]"}
                cites.append(self._cite(same[0]))
        source = f", nguồn: {rec['source']}" if rec.get("source") else ""
        parts = "; ".join(f"{h}: {v}" for h, v in (rec.get("budget_parts") or {}).items())
        parts = f" ({parts})" if parts else _shares_said(rec.get("quote") or "", rec["budget_raw"])
        amount = f"{rec['budget_raw']} {rec['budget_unit'] or unit}"
        if rec.get("budget") is None and not parts:
            # no amount: what the plan prints instead ("chưa xác định"), or a blank cell
            amount = rec["budget_raw"] or "kế hoạch để trống, không ghi số tiền"
        text = f"Theo dự toán của xã {commune}, «{rec['indicator']}»: {amount}{parts}{source}{lead}. [1]"

        return TableAnswer(text[:MAX_CHARS], cites)

    def _no_budget_line(
        self,
        everything: list[dict],
        recs: list[dict],
        check: dict | None,
        commune: str,
        topic: str,
        unit: str,
    ) -> TableAnswer | None:
        """Refusal: the plan itemises its budget, the task asked about is in the plan, but no
        budget line is for it: the plan states no amount for that task (the task and the
        budget total are quoted). None when the task is not found clearly."""
        if not recs:
            return None
        named = [r for r in everything if r["kind"] in ("task", "indicator")]
        task, score = self._best(named, topic, stop=_BUDGET_STOP)
        if task is None or score < _P.budget_line or task.get("budget") is not None:
            return None
        # The question names the task (as well as it would name a budget line), the budget
        # names it shorter ("mô hình nông nghiệp …" → task → its line "Nông nghiệp số")
        line = _budget_line_of_task(task, recs, named)
        if line is None and score < _P.unbudgeted_task:
            return None
        if line is not None:
            # The budget is itemised apart from the tasks, under a shorter name of this task.
            lead = f", đơn vị chủ trì: {task['lead']}" if task.get("lead") else ""
            text = (
                f"Theo dự toán của xã {commune}, khoản «{line['indicator']}» [1] dành cho "
                f"nhiệm vụ «{task['indicator']}» [2]: {line['budget_raw']} "
                f"{line['budget_unit'] or unit}".rstrip()
                + f"{lead}."
            )
            return TableAnswer(text[:MAX_CHARS], [self._cite(line), self._cite(task)])
        text = (
            f"Kế hoạch của xã {commune} không nêu kinh phí riêng cho «{task['indicator']}» [1]; "
            f"dự toán của kế hoạch gồm {len(recs)} khoản"
        )
        if check is not None and check.get("stated_raw"):
            text += f", tổng {check['stated_raw']} {check.get('unit') or unit}".rstrip()
        text += ", không khoản nào dành cho việc này."
        return TableAnswer(text[:MAX_CHARS], [self._cite(task)], refused=True)

    def _sources_elsewhere(
        self, store: TableStore, commune: str, recs: list[dict], checks: list[dict], unit: str
    ) -> TableAnswer | None:
        """The plan's sources of money when no line splits the total by source: the rows of a
        budget table whose every row names a source ("Ngân sách xã", "Nguồn xã hội hóa"), the
        rows of its table by year likewise, else the distinct cells of its source column.
        None when the plan shows none of these."""
        head = f"Theo kế hoạch của xã {commune}, kinh phí lấy từ các nguồn:"
        tables: dict[tuple[str, str], list[dict]] = {}
        for r in recs:
            if r.get("origin") == "table":
                tables.setdefault((r["doc_id"], r.get("table", "")), []).append(r)
        for rows in tables.values():
            if len(rows) >= 2 and all(_FUNDS_LINE.match(fold(r["indicator"])) for r in rows):
                lines = [
                    f"{r['indicator']}: {r['budget_raw']} {r['budget_unit'] or unit}".rstrip(": ")
                    for r in rows
                ]
                return self._render(head, lines, rows)
        check = next((c for c in checks if (c.get("years") or {}).get("lines")), None)
        doc = next((d for d in store.documents() if d["commune"] == commune), None)
        if check is not None and doc is not None:
            table = YearBudget.from_dict(check["years"])
            if len(table.lines) >= 2 and all(_FUNDS_LINE.match(fold(x.label)) for x in table.lines):
                out, cites = [head], []
                year_unit = table.unit or check.get("unit") or unit
                for x in table.lines:
                    shown = "; ".join(
                        f"{table.headers.get(y) or f'Năm {y}'}: {v}" for y, v in x.amounts.items()
                    )
                    cites.append(
                        self._cite(
                            doc,
                            check.get("section") or doc.get("section", ""),
                            f"{x.label}; {shown}",
                        )
                    )
                    out.append(
                        f"{len(cites)}. {x.label} ({shown} {year_unit}) [{len(cites)}]".replace(
                            "  ", " "
                        )
                    )
                return TableAnswer("\n".join(out)[:MAX_CHARS], cites)
        named: dict[str, list[dict]] = {}
        for r in recs:
            if r.get("origin") == "table" and r.get("source", "").strip():
                named.setdefault(r["source"].strip(), []).append(r)
        if len(named) >= 2:
            firsts = [rows[0] for rows in named.values()]
            lines = [
                f"{src} (cho: {', '.join(r['indicator'] for r in rows[:3])}"
                f"{', …' if len(rows) > 3 else ''})"
                for src, rows in named.items()
            ]
            return self._render(head, lines, firsts)
        return None

    def _budget_column(
        self, commune: str, recs: list[dict], check: dict | None, source: str, unit: str
    ) -> TableAnswer | None:
        """The amounts of the budget column headed by the asked source ("Xã hội hóa"): the
        column's cell in the total row, else its cells added up (said so), and each item's
        cell. None when no part column is headed by that source."""
        header = next(
            (
                h
                for r in recs
                for h in (r.get("budget_parts") or {})
                if source in fold(h) or fold(h).strip() in source
            ),
            None,
        )
        if header is None:
            return None
        mine = [r for r in recs if (r.get("budget_parts") or {}).get(header)]
        if not mine:
            return None
        cites: list[Citation] = []
        stated = (check or {}).get("parts", {}).get(header) if check else None
        if stated:
            label = (check.get("quote") or "").split(";")[0].strip() or "Tổng"
            cites.append(
                self._cite(mine[0], check.get("section") or None, f"{label}; {header}: {stated}")
            )
            head = (
                f"Theo dự toán của xã {commune}, phần kinh phí «{header}» là {stated} {unit} "
                f"(dòng «{label}» của bảng kinh phí) [1]. Theo từng khoản:"
            )
        else:
            values = [parse_number(r["budget_parts"][header]) for r in mine]
            if any(v is None for v in values):
                return None
            head = (
                f"Bảng kinh phí của xã {commune} không có dòng tổng; cộng cột «{header}» của "
                f"{len(mine)} khoản được {format_amount(sum(values))} {unit} (tự cộng):"
            )
        lines = []
        for r in mine:
            n = len(cites) + 1
            cites.append(self._cite(r))
            lines.append(f"- {r['indicator']}: {r['budget_parts'][header]} {unit} [{n}]")
        text = "\n".join([head.replace("  ", " "), *lines])
        return TableAnswer(text[:MAX_CHARS], cites)

    def _budget_from(
        self, commune: str, recs: list[dict], source: str, unit: str
    ) -> TableAnswer | None:
        """The budget lines paid from the named source (their source cell or their own words),
        with their sum; None when no line names it (the passages may)."""
        mine = [r for r in recs if source in fold(r.get("source", "") + " " + r["indicator"])]
        if not mine:
            return None
        amounts = [r["budget"] for r in mine]
        units = {r["budget_unit"] or unit for r in mine}
        head = f"Theo dự toán của xã {commune}, các khoản kinh phí ghi nguồn này"
        if len(mine) > 1 and None not in amounts and len(units) == 1:
            head += f" ({len(mine)} khoản, cộng {format_amount(sum(amounts))} {units.pop()}):"
        else:
            head += ":"
        lines = []
        for r in mine:
            origin = f" (nguồn: {r['source']})" if r.get("source") else ""
            lines.append(f"{r['indicator']}: {r['budget_raw']} {r['budget_unit'] or unit}{origin}")
        return self._render(head, lines, mine)

    @staticmethod
    def _budget_years(store: TableStore, commune: str, recs: list[dict]) -> set[str]:
        """The years the plan's budget lines are for (their own year, a column per year of
        its budget table, else the plan's year)."""
        years = {r["year"] for r in recs if r.get("year")}
        for check in store.budget_checks(commune):
            years.update((check.get("years") or {}).get("years") or [])
        if not years:
            years = {
                d["plan_year"]
                for d in store.documents()
                if d["commune"] == commune and d.get("plan_year")
            }
        return years

    def _unbudgeted_year(
        self, store: TableStore, commune: str, recs: list[dict], q: str
    ) -> str | None:
        """An asked year after every year the plan budgets ("kinh phí năm 2027" in a plan whose
        estimate is for 2026): the plan states no amount for it. Earlier years are left to the
        passages (a plan reports last year's spending in prose)."""
        asked = sorted(set(re.findall(r"\b(20\d\d)\b", q)))
        budgeted = self._budget_years(store, commune, recs)
        if not asked or not budgeted or any(y in budgeted for y in asked):
            return None
        later = [y for y in asked if y > max(budgeted)]
        return later[0] if later else None

    def _budget_year_not_stated(
        self,
        store: TableStore,
        commune: str,
        recs: list[dict],
        check: dict | None,
        unit: str,
        year: str,
    ) -> TableAnswer | None:
        """Refusal: no amount for `year`; says which year the estimate is for, quoting it."""
        budgeted = ", ".join(sorted(self._budget_years(store, commune, recs)))
        text = f"Kế hoạch của xã {commune} không nêu kinh phí cho năm {year}"
        doc = next((d for d in store.documents() if d["commune"] == commune), None)
        if check is not None and doc is not None:
            text += (
                f"; dự toán trong kế hoạch là cho năm {budgeted}, tổng "
                f"{check['stated_raw']} {check.get('unit') or unit}. [1]"
            )
            cite = self._cite(
                doc,
                check.get("section") or doc.get("section", ""),
                check.get("quote") or f"Tổng: {check['stated_raw']}",
            )
            return TableAnswer(text[:MAX_CHARS], [cite], refused=True)
        if recs:
            text += f"; các khoản kinh phí trong kế hoạch là cho năm {budgeted}. [1]"
            return TableAnswer(text[:MAX_CHARS], [self._cite(recs[0])], refused=True)
        return TableAnswer(text + ".", [], refused=True)

    def _year_budget(
        self, store: TableStore, commune: str, checks: list[dict], q: str
    ) -> TableAnswer | None:
        """A budget table with one column per year: the asked year's amount (its total row,
        else the sum of its lines, shown), or an item's amount that year; with no year asked
        and no total stated for the whole plan, each year's total. None otherwise."""
        check = next((c for c in checks if c.get("years")), None)
        if check is None:
            return None
        table = YearBudget.from_dict(check["years"])
        doc = next((d for d in store.documents() if d["commune"] == commune), None)
        if doc is None or not table.years:
            return None
        asked = [y for y in dict.fromkeys(re.findall(r"\b(20\d\d)\b", q)) if y in table.years]
        if _PERIOD.search(q):
            asked = []  # "giai đoạn 2026-2028": the whole plan, not its first and last year
        unit = table.unit or check.get("unit") or ""
        cites: list[Citation] = []

        def cite(quote: str) -> int:
            cites.append(self._cite(doc, check.get("section") or doc.get("section", ""), quote))
            return len(cites)

        def header(year: str) -> str:
            return table.headers.get(year) or f"Năm {year}"

        topic = self._strip_commune(q, commune)
        rows = [{"indicator": x.label, "group": "", "line": x} for x in table.lines]
        item, score = self._best(rows, topic, stop=_BUDGET_STOP) if rows else (None, 0.0)
        if (
            asked
            and item is not None
            and score >= _P.year_budget_item
            and not _BUDGET_TOTAL.search(q)
        ):
            line = item["line"]
            parts = []
            for y in asked:
                if y in line.amounts:
                    n = cite(f"{line.label}; {header(y)}: {line.amounts[y]}")
                    parts.append(f"năm {y}: {line.amounts[y]} {unit} [{n}]".replace("  ", " "))
            if not parts:
                return None
            text = f"Theo dự toán của xã {commune}, «{line.label}»: " + "; ".join(parts) + "."
            return TableAnswer(text[:MAX_CHARS], cites)
        if not asked:
            if check.get("stated_total") is not None or not _BUDGET_TOTAL.search(q):
                return None
            asked = list(table.years)
        out: list[str] = []
        for y in asked:
            found = table.year_total(y)
            if found is None:
                continue
            _, raw, stated = found
            if stated:
                n = cite(f"{table.total_label}; {header(y)}: {table.totals[y]}")
                out.append(
                    f"Theo dự toán của xã {commune}, kinh phí năm {y} là {raw} {unit} "
                    f"(dòng «{table.total_label}» của bảng kinh phí) [{n}].".replace("  ", " ")
                )
                continue
            lines = [x for x in table.lines if y in x.amounts]
            listed = []
            for x in lines:
                n = cite(f"{x.label}; {header(y)}: {x.amounts[y]}")
                listed.append(f"- {x.label}: {x.amounts[y]} {unit} [{n}]".rstrip())
            out.append(
                f"Bảng kinh phí của xã {commune} không có dòng tổng; cộng {len(lines)} khoản "
                f"của năm {y} được {raw} {unit}:".replace("  ", " ")
            )
            out.extend(listed)
        if not out:
            return None
        if len(asked) > 1 and len(out) == len(asked):
            # a period: its years added up, said to be a sum
            values = [table.year_total(y) for y in asked]
            whole = format_amount(round(sum(v[0] for v in values if v is not None), 3))
            out.append(f"Cộng {len(asked)} năm: {whole} {unit} (tự cộng các năm trên).")
        return TableAnswer("\n".join(out)[:MAX_CHARS], cites)

    def _year_rows(self, commune: str, recs: list[dict], q: str) -> TableAnswer | None:
        """A budget whose lines are years ("Năm 2026: 250 triệu đồng", a table row "2027"):
        the asked years' lines, quoted. None when the question names no such year."""
        rows: dict[str, dict] = {}
        for r in recs:
            m = _YEAR_LINE.fullmatch(fold(r["indicator"]).strip(" :."))
            if m is not None and r.get("budget") is not None:
                rows.setdefault(m.group(1), r)
        asked = [y for y in dict.fromkeys(re.findall(r"\b(20\d\d)\b", q)) if y in rows]
        if not asked or len(rows) < 2 or _PERIOD.search(q):
            return None
        unit = next((r["budget_unit"] for r in recs if r.get("budget_unit")), "")
        parts = [
            f"năm {y}: {rows[y]['budget_raw']} {rows[y]['budget_unit'] or unit} [{n}]".replace(
                "  ", " "
            )
            for n, y in enumerate(asked, 1)
        ]
        text = f"Theo dự toán của xã {commune}, kinh phí " + "; ".join(parts) + "."
        return TableAnswer(text[:MAX_CHARS], [self._cite(rows[y]) for y in asked])

    def _names_item(self, recs: list[dict], q: str) -> bool:
        """Whether the question names one budget item ("bao nhiêu cho camera …")."""
        rec, score = self._best(recs, q, stop=_BUDGET_STOP)
        return rec is not None and score >= _P.names_item

    def _budget_list(
        self,
        commune: str,
        recs: list[dict],
        check: dict | None,
        unit: str,
        doc: dict | None,
        total: bool,
        other: dict | None = None,
        summed: dict | None = None,
    ) -> TableAnswer | None:
        """The budget total (its own row or sentence, quoted) and the items with their amounts;
        `other`: the total the plan states elsewhere with another amount (both shown). A plan
        that states no total: the sum of its lines (`summed`, said to be a sum), lines shown."""
        priced = [r for r in recs if r.get("budget") is not None]
        adds_up = summed is not None and len(priced) >= 2 and len(priced) <= 8 and check is None
        if total and check is None and not adds_up:
            return None
        if (not recs and check is None) or doc is None:
            return None
        if total and adds_up:
            head = (
                f"Kế hoạch của xã {commune} không ghi dòng tổng kinh phí; cộng các khoản có ghi "
                f"số tiền được {format_amount(summed['computed_total'])} "
                f"{summed.get('unit') or unit} (tự cộng từ {len(priced)} khoản dưới đây):"
            )
            recs = priced
        elif check is not None:
            head = (
                f"Tổng dự toán kinh phí trong kế hoạch của xã {commune} là "
                f"{check['stated_raw']} {check.get('unit') or unit} [{{TOTAL}}]."
            )
            if check["difference"] and check.get("rows"):
                head += (
                    f" (Cộng các hàng được {format_amount(check['computed_total'])} {unit}, "
                    "lệch với dòng tổng.)"
                )
            if other is not None:
                head += (
                    f" Lưu ý: ở chỗ khác, cùng kế hoạch ghi tổng kinh phí {other['stated_raw']} "
                    f"{other.get('unit') or unit} [{{OTHER}}]; hai con số không khớp, nên đối "
                    "chiếu văn bản gốc."
                )
            if recs:
                head += " Chi cho:"
        else:
            head = f"Theo kế hoạch của xã {commune}, kinh phí gồm {len(recs)} hạng mục:"
        lines = []
        for r in recs:
            extra = [
                f"{label}: {value}"
                for label, value in (
                    ("nguồn", r.get("source", "")),
                    ("chủ trì", r.get("lead_raw") or r["lead"]),
                )
                if value
            ]
            tail = f" ({'; '.join(extra)})" if extra else ""
            amount = f"{r['budget_raw']} {r['budget_unit'] or unit}".strip()
            if r.get("budget") is None:
                amount = r["budget_raw"].strip() or "không ghi kinh phí"
            lines.append(f"{r['indicator']}: {amount}{tail}")
        result = self._render(head, lines, recs)
        if check is not None:
            totals = [(check, f"Tổng; Kinh phí dự kiến ({unit}): {check['stated_raw']}")]
            if other is not None:
                totals.append((other, other["stated_raw"]))
            for (row, fallback), mark in zip(totals, ("{TOTAL}", "{OTHER}"), strict=False):
                result.citations.append(
                    self._cite(
                        doc,
                        row.get("section") or doc.get("section", ""),
                        row.get("quote") or fallback,
                    )
                )
                result.text = result.text.replace(mark, str(len(result.citations)))
        return result

    @staticmethod
    def _strip_name(q: str, commune: str) -> str:
        """The question without the commune's name but with the word before it: in "ngân
        sách xã Tân Phú" the "xã" also names the source (the commune's own budget)."""
        return re.sub(rf"\b{re.escape(fold(commune))}\b", " ", q)

    @staticmethod
    def _strip_commune(q: str, commune: str) -> str:
        return re.sub(rf"\b((xa|phuong|thi tran|p\.)\s+)?{re.escape(fold(commune))}\b", " ", q)
