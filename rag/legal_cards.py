"""Reviewed cards for the national legal documents the plans cite (corpus/legal/*.md).

A card is markdown with YAML front matter (number, full title, issuer, dates, status, official
source, last review) and a body of `##` sections written in our own words: "Tóm tắt",
"Mục tiêu chính", "Yêu cầu đối với cấp xã". Cards are ingested as documents of type `legal`:
they belong to no commune.

`LegalLibrary` joins the cards with the legal registry (rag.tables.legal, the references read
from the plans) and resolves what a question names: "NQ57", "57/NQ-TW", "Nghị quyết số
57-NQ/TW", "nghi quyet 57", "Luật Căn cước", "Đề án 06".
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from rag.tables.legal import NUMBER_RE, merge_key
from rag.text import fold, nfc

DOC_TYPE = "legal"
REQUIRED = (
    "doc_id",
    "number",
    "type",
    "title",
    "issuer",
    "signed",
    "in_force",
    "status",
    "source_url",
    "last_reviewed",
    "reviewer",
)
UNVERIFIED = "chưa xác minh"
PORTAL = "https://vbpl.vn"
_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_OFFICIAL = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:vbpl\.vn|congbao\.chinhphu\.vn|chinhphu\.vn|"
    r"thuvienphapluat\.vn|baochinhphu\.vn|[\w-]+\.gov\.vn)(?:/|$)"
)
# The document's own page on a national portal (vbpl.vn, Công báo, vanban.chinhphu.vn, …):
# any other source_url needs a source_note saying why it is the best one found.
_PORTAL_PAGE = re.compile(r"^https?://(?:[\w-]+\.)*(?:vbpl\.vn|chinhphu\.vn)/[^\s]*[?/\w]")
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_SECTION = re.compile(r"(?m)^##\s+(.+?)\s*$")
# Type words, folded, as a question may write them (long forms first).
_TYPE_WORDS = {
    "nghi quyet": "Nghị quyết",
    "nghi dinh": "Nghị định",
    "quyet dinh": "Quyết định",
    "thong tu": "Thông tư",
    "chi thi": "Chỉ thị",
    "ke hoach": "Kế hoạch",
    "luat": "Luật",
    "nq": "Nghị quyết",
    "nd": "Nghị định",
    "qd": "Quyết định",
    "tt": "Thông tư",
    "ct": "Chỉ thị",
    "kh": "Kế hoạch",
}
_TYPE_RE = "|".join(sorted(_TYPE_WORDS, key=len, reverse=True))
_SHORT = re.compile(
    rf"\b({_TYPE_RE})\s*(?:so\s*)?(\d{{1,5}})(?!\d)(?:\s*[-/]?\s*(\d{{4}}))?(?![\d/])"
)


# "văn bản nào / luật gì / nghị định nào (quy định về …)": a document asked for by its topic.
_WHICH_DOC = re.compile(
    r"\b(van ban|luat|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|de an)"
    r"(?: phap ly| phap luat)? (?:nao|gi)\b"
)
_TOPIC_STOP = frozenset(
    "la gi nao cua the nay do co khong a vay ha nhi hien hanh moi nhat hien nay ban hanh".split()
)
_TOPIC_FRAME = re.compile(
    r"^(?:(?:quy dinh|noi|de cap|huong dan|lien quan|dieu chinh|ban)\s+)?(?:(?:ve|den|toi)\s+)?"
)
TOPIC_PARAMS = Path(__file__).parent / "params" / "legal_topic.json"


@lru_cache(maxsize=2)
def topic_params(path: Path = TOPIC_PARAMS) -> tuple[int, float]:
    """(min_shared, min_coverage) from the versioned rag/params/legal_topic.json."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return int(raw["min_shared"]), float(raw["min_coverage"])


def _pairs(words: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


class CardError(ValueError):
    """A card that cannot be read; the message names the file (bilingual)."""


@dataclass
class LegalCard:
    doc_id: str
    number: str
    type: str
    title: str
    issuer: str
    signed: str
    in_force: str
    status: str
    source_url: str
    last_reviewed: str
    reviewer: str
    body: str
    path: str = ""
    source_note: str = ""  # why source_url is not the document's page on a national portal
    aliases: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The registry's merge key of the number ("57||NQTW")."""
        return merge_key(self.number).split("@")[0]

    @property
    def on_portal(self) -> bool:
        """Whether source_url is the document's own page on a national portal."""
        return bool(_PORTAL_PAGE.match(self.source_url))

    @property
    def label(self) -> str:
        if self.type == "Luật" and self.number in self.title:
            return self.title  # "Luật Căn cước số 26/2023/QH15"
        return f"{self.type} số {self.number}"

    def sections(self) -> dict[str, str]:
        """`##` heading -> its text, in order."""
        heads = list(_SECTION.finditer(self.body))
        out: dict[str, str] = {}
        for i, h in enumerate(heads):
            end = heads[i + 1].start() if i + 1 < len(heads) else len(self.body)
            out[h.group(1).strip()] = self.body[h.end() : end].strip()
        return out

    def section(self, *names: str) -> tuple[str, str]:
        """(heading, text) of the first section whose folded heading starts with a name."""
        for head, text in self.sections().items():
            if any(fold(head).startswith(fold(n)) for n in names):
                return head, text
        return "", ""

    def as_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "number": self.number,
            "type": self.type,
            "title": self.title,
            "issuer": self.issuer,
            "signed": self.signed,
            "in_force": self.in_force,
            "status": self.status,
            "source_url": self.source_url,
            "last_reviewed": self.last_reviewed,
            "reviewer": self.reviewer,
            "source_note": self.source_note,
            "aliases": list(self.aliases),
            "sections": self.sections(),
        }


def parse_card(text: str, name: str) -> LegalCard:
    """A card from its markdown; CardError names `name` and what is wrong."""
    text = nfc(text.replace("\r\n", "\n"))
    m = _FRONT.match(text)
    if not m:
        raise CardError(f"{name}: thiếu phần đầu YAML (---) / missing front matter")
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise CardError(f"{name}: phần đầu YAML lỗi / invalid front matter: {exc}") from exc
    if not isinstance(meta, dict):
        raise CardError(f"{name}: phần đầu phải là bảng khóa-giá trị / must be a mapping")
    missing = [k for k in REQUIRED if not str(meta.get(k) or "").strip()]
    if missing:
        raise CardError(f"{name}: thiếu trường {', '.join(missing)} / missing fields")
    if str(meta.get("doc_type", DOC_TYPE)) != DOC_TYPE:
        raise CardError(f"{name}: doc_type phải là '{DOC_TYPE}' / doc_type must be legal")
    values = {k: nfc(str(meta[k]).strip()) for k in REQUIRED}
    for k in ("signed", "in_force"):
        if not _DATE.match(values[k]) and values[k] != UNVERIFIED:
            raise CardError(
                f"{name}: {k} phải có dạng dd/mm/yyyy hoặc «{UNVERIFIED}», không phải "
                f"«{values[k]}» / bad date"
            )
    if not _OFFICIAL.match(values["source_url"]):
        raise CardError(
            f"{name}: source_url phải là trang chính thức (vbpl.vn, congbao.chinhphu.vn, "
            f"chinhphu.vn, *.gov.vn, thuvienphapluat.vn) / source_url not official"
        )
    note = nfc(str(meta.get("source_note") or "").strip())
    if not _PORTAL_PAGE.match(values["source_url"]) and not note:
        raise CardError(
            f"{name}: source_url không phải trang văn bản trên cổng chính thức (vbpl.vn, "
            "congbao.chinhphu.vn, vanban.chinhphu.vn): cần source_note giải thích / "
            "source_url is not the document's portal page: add source_note"
        )
    if not NUMBER_RE.search(values["number"]):
        raise CardError(f"{name}: số hiệu «{values['number']}» không đọc được / bad number")
    body = text[m.end() :].strip()
    if not _SECTION.search(body):
        raise CardError(f"{name}: thân thẻ cần ít nhất một mục '## …' / body has no section")
    lists = {}
    for k in ("aliases", "checked"):
        raw = meta.get(k) or []
        if not isinstance(raw, list):
            raise CardError(f"{name}: {k} phải là danh sách / {k} must be a list")
        lists[k] = [nfc(str(x)) for x in raw]
    return LegalCard(**values, body=body, path=name, source_note=note, **lists)


def load_card(path: Path) -> LegalCard:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CardError(f"{path.name}: không đọc được / unreadable: {exc}") from exc
    card = parse_card(text, path.name)
    card.path = str(path)
    return card


def load_cards(folder: Path) -> list[LegalCard]:
    """Every card under `folder` (sorted by file name); the first bad one raises CardError."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    cards = [load_card(p) for p in sorted(folder.glob("*.md"))]
    seen: dict[str, str] = {}
    for c in cards:
        if c.key in seen:
            raise CardError(f"{Path(c.path).name}: trùng số hiệu với {seen[c.key]} / duplicate")
        seen[c.key] = Path(c.path).name
    return cards


def cards_from_chunks(chunks: list) -> list[LegalCard]:
    """The cards of the legal documents in an index, re-read from their source files; a card
    whose file is gone or no longer valid is left out (the next ingest reports it)."""
    seen: dict[str, str] = {}
    for c in chunks:
        meta = c.meta
        if meta.get("doc_type") == DOC_TYPE and meta.get("doc_id") not in seen:
            seen[meta.get("doc_id", "")] = str(meta.get("source", ""))
    cards = []
    for _, source in sorted(seen.items()):
        try:
            cards.append(load_card(Path(source)))
        except CardError:
            continue
    return cards


def fill_from_cards(docs: list[dict], cards: list[LegalCard]) -> list[dict]:
    """Registry rows with the fields the plans left out (type, issuer, date, title) taken from
    the document's reviewed card, and `card` set to the card's doc_id; other rows unchanged."""
    out = []
    for d in docs:
        card = next(
            (c for c in cards if key_matches(Reference(key=c.key), d.get("number", ""), "")), None
        )
        if card is None or not _national(d.get("number", "")):
            out.append(d)
            continue
        filled = dict(d)
        signed = card.signed if card.signed != UNVERIFIED else ""
        for field_name, value in (
            ("type", card.type),
            ("issuer", card.issuer),
            ("date", signed),
            ("title", card.title),
        ):
            if not filled.get(field_name):
                filled[field_name] = value
        filled["card"] = card.doc_id
        out.append(filled)
    return out


# ------------------------------------------------------------------ reviewed registry facts
FACTS_FILE = "registry_facts.yaml"
_FACT_FIELDS = ("type", "issuer", "date", "title")


@dataclass(frozen=True)
class RegistryFact:
    """Reviewed facts about a cited document that has no card (corpus/legal/registry_facts.yaml)."""

    number: str
    fields: dict
    source_url: str
    source_note: str
    last_reviewed: str
    reviewer: str

    @property
    def key(self) -> str:
        return merge_key(self.number).split("@")[0]


def load_registry_facts(path: Path) -> list[RegistryFact]:
    """The reviewed facts of `path`; [] when the file is absent. CardError names a bad entry."""
    path = Path(path)
    if not path.is_file():
        return []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CardError(f"{path.name}: không đọc được / unreadable: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("documents", []), list):
        raise CardError(f"{path.name}: cần khóa documents là danh sách / documents must be a list")
    reviewed = nfc(str(raw.get("last_reviewed") or "").strip())
    reviewer = nfc(str(raw.get("reviewer") or "").strip())
    if not reviewed or not reviewer:
        raise CardError(f"{path.name}: thiếu last_reviewed hoặc reviewer / missing review")
    out = []
    for n, doc in enumerate(raw.get("documents") or [], 1):
        number = nfc(str((doc or {}).get("number") or "").strip())
        if not NUMBER_RE.search(number):
            raise CardError(f"{path.name}: mục {n}: số hiệu «{number}» không đọc được / bad number")
        fields = {k: nfc(str(doc[k]).strip()) for k in _FACT_FIELDS if doc.get(k)}
        if fields.get("date") and not _DATE.match(fields["date"]):
            raise CardError(f"{path.name}: {number}: date phải có dạng dd/mm/yyyy / bad date")
        url = nfc(str(doc.get("source_url") or "").strip())
        if not _OFFICIAL.match(url):
            raise CardError(f"{path.name}: {number}: source_url không phải trang chính thức")
        note = nfc(str(doc.get("source_note") or "").strip())
        out.append(RegistryFact(number, fields, url, note, reviewed, reviewer))
    return out


def fill_from_facts(docs: list[dict], facts: list[RegistryFact]) -> list[dict]:
    """Registry rows with the fields the plans left out taken from the reviewed facts, and
    `reviewed` set to what was filled and from where; other rows unchanged."""
    out = []
    for d in docs:
        fact = next(
            (f for f in facts if key_matches(Reference(key=f.key), d.get("number", ""), "")),
            None,
        )
        filled = {k: v for k, v in (fact.fields.items() if fact else []) if not d.get(k)}
        if not filled:
            out.append(d)
            continue
        row = dict(d) | filled
        row["reviewed"] = {
            "fields": filled,
            "source_url": fact.source_url,
            "source_note": fact.source_note,
            "last_reviewed": fact.last_reviewed,
            "reviewer": fact.reviewer,
        }
        out.append(row)
    return out


# ------------------------------------------------------------------ references
@dataclass(frozen=True)
class Reference:
    """What a text names: the merge key of a full number, or (type, number[, year])."""

    key: str = ""
    kind: str = ""
    num: int = 0
    year: str = ""

    def __bool__(self) -> bool:
        return bool(self.key or self.num)


def read_reference(text: str) -> Reference:
    """The document a question names, in any common spelling.

    "Nghị quyết số 57-NQ/TW", "57/NQ-TW", "57-nq/tw" -> key "57||NQTW"; "NQ57", "Nghị quyết
    57", "nghi quyet 57" -> ("Nghị quyết", 57); "Nghị định 69/2024" -> ("Nghị định", 69, 2024).
    """
    raw = re.sub(r"(?<=[\dA-ZĐa-zđ])\s*([/-])\s*(?=[A-ZĐa-zđ])", r"\1", nfc(text))
    m = NUMBER_RE.search(raw.upper())
    if m:
        number = re.sub(r"\s+", "", m.group(0))
        if not re.fullmatch(r"\d+/\d{4}", number):
            return Reference(key=merge_key(number).split("@")[0])
    folded = fold(raw)
    for s in _SHORT.finditer(folded):
        num = int(s.group(2))
        if 1990 <= num <= 2100 and not s.group(3):  # "kế hoạch 2026" is a year, not a number
            continue
        return Reference(kind=_TYPE_WORDS[s.group(1)], num=num, year=s.group(3) or "")
    s = re.search(r"\b(nq|nd|qd|ct|tt)(\d{1,5})(?:/(\d{4}))?\b", folded)
    if s:
        return Reference(kind=_TYPE_WORDS[s.group(1)], num=int(s.group(2)), year=s.group(3) or "")
    return Reference()


def key_matches(ref: Reference, number: str, doc_type: str) -> bool:
    """Whether a document numbered `number` (of `doc_type`) is the one referenced."""
    if not number:
        return False
    key = merge_key(number).split("@")[0]
    if ref.key:
        if key == ref.key:
            return True
        # typed without diacritics: "57/nq-tw", "69/2024/nd-cp"
        return _fold_key(key) == _fold_key(ref.key)
    lead = re.match(r"\d+", number)
    if not lead or int(lead.group(0)) != ref.num:
        return False
    if ref.year and ref.year not in number:
        return False
    return not ref.kind or not doc_type or doc_type == ref.kind


def _fold_key(key: str) -> str:
    return fold(key).upper()


# ------------------------------------------------------------------ library
@dataclass
class Resolved:
    """A document a question names: its card (if reviewed) and its registry entry (if cited)."""

    card: LegalCard | None
    registry: dict | None

    @property
    def number(self) -> str:
        if self.card is not None:
            return self.card.number
        return (self.registry or {}).get("number", "")


class LegalLibrary:
    """Cards plus the legal registry (`registry()` -> rows of rag.tables.store.legal_bases)."""

    def __init__(
        self, cards: list[LegalCard], registry, facts: list[RegistryFact] | None = None
    ) -> None:
        if not callable(registry):
            raise TypeError("registry must be callable: () -> list of registry rows")
        self.cards = list(cards)
        self._registry = registry
        self.facts = list(facts or [])  # reviewed facts of cited documents with no card
        self._names = [(c, sorted({fold(a) for a in c.aliases}, key=len)) for c in self.cards]

    def registry(self) -> list[dict]:
        try:
            rows = [d for d in self._registry() if d.get("number")]
        except Exception:  # noqa: BLE001 - no table store: the cards still answer
            return []
        return fill_from_facts(rows, self.facts) if self.facts else rows

    def resolve(self, text: str) -> Resolved | None:
        """The document `text` names, or None."""
        ref = read_reference(text)
        card = self._card_by_ref(ref) if ref else self._card_by_name(text)
        registry = self.registry()
        entry = None
        if card is not None:
            entry = self._entry(card, registry)
        elif ref:  # national documents only: a province's or commune's is the plans' business
            hits = [
                d
                for d in registry
                if _national(d["number"]) and key_matches(ref, d["number"], d.get("type", ""))
            ]
            if len(hits) == 1:
                entry = hits[0]
        if card is None and entry is None:
            return None
        return Resolved(card, entry)

    def resolve_question(self, text: str) -> Resolved | None:
        """The document a question names by number or name, else by its topic."""
        return self.resolve(text) or self.by_topic(text)

    def by_topic(self, text: str) -> Resolved | None:
        """The reviewed card a "which document …" question describes by topic, or None.

        "văn bản nào quy định về định danh điện tử" -> the card whose title (or alias) shares
        the most word pairs with the question (rarer pairs weigh more), of the asked type
        ("luật nào" -> a Luật); None unless one card clearly wins (rag/params/legal_topic.json).
        """
        folded = " ".join(re.findall(r"[a-z0-9]+", fold(text)))
        m = _WHICH_DOC.search(folded)
        if not m or read_reference(text):
            return None
        kind = _TYPE_WORDS.get(m.group(1), "")
        after = _TOPIC_FRAME.sub("", folded[m.end() :].strip())  # "quy định về …": the frame
        rest = f"{folded[: m.start()]} {after}".split()
        asked = _pairs([w for w in rest if w not in _TOPIC_STOP])
        typed = [c for c in self.cards if not kind or c.type == kind]
        # a document no longer in force answers "which document rules on X" only when no
        # document in force does (its card then says what replaced it)
        live = [c for c in typed if not fold(c.status).startswith("het hieu luc")]
        for cands in (live, typed):
            found = self._best_by_topic(asked, cands)
            if found is not None:
                return Resolved(found, self._entry(found, self.registry()))
        return None

    def _best_by_topic(self, asked: set[str], cands: list[LegalCard]) -> LegalCard | None:
        if not asked or not cands:
            return None
        names = {
            c.doc_id: _pairs(re.findall(r"[a-z0-9]+", fold(" ".join([c.title, *c.aliases]))))
            for c in cands
        }
        df = {g: sum(g in n for n in names.values()) for g in asked}
        scored = []
        for c in cands:
            shared = asked & names[c.doc_id]
            weight = sum(math.log(1 + len(cands) / df[g]) for g in shared)
            # equal weight: the narrower title (more of it asked) is the document on the topic
            specific = len(shared) / max(len(names[c.doc_id]), 1)
            scored.append(((round(weight, 9), round(specific, 9)), len(shared), c))
        scored.sort(key=lambda x: x[0], reverse=True)
        rank, shared, best = scored[0]
        min_shared, min_coverage = topic_params()
        if shared < min_shared or shared / len(asked) < min_coverage:
            return None
        if len(scored) > 1 and scored[1][0] >= rank:
            return None
        return best

    def _entry(self, card: LegalCard, registry: list[dict]) -> dict | None:
        return next(
            (
                d
                for d in registry
                if key_matches(Reference(key=card.key), d["number"], d.get("type", ""))
            ),
            None,
        )

    def card(self, number: str) -> LegalCard | None:
        ref = read_reference(number)
        return self._card_by_ref(ref) if ref else self._card_by_name(number)

    def citing(self, resolved: Resolved) -> list[dict]:
        """The registry's citations of the document, one per commune (first in its plan)."""
        entry = resolved.registry
        if entry is None:
            return []
        out: dict[str, dict] = {}
        for c in sorted(
            entry.get("citations", []), key=lambda c: (c.get("commune", ""), c.get("line", 0))
        ):
            if c.get("commune"):
                out.setdefault(c["commune"], c)
        return [out[k] for k in sorted(out)]

    def _card_by_ref(self, ref: Reference) -> LegalCard | None:
        hits = [c for c in self.cards if key_matches(ref, c.number, c.type)]
        return hits[0] if len(hits) == 1 else None

    def _card_by_name(self, text: str) -> LegalCard | None:
        folded = " " + " ".join(re.findall(r"[a-z0-9]+", fold(text))) + " "
        best, size = None, 0
        for card, names in self._names:
            for name in names:
                words = " " + " ".join(re.findall(r"[a-z0-9]+", name)) + " "
                if words in folded and len(words) > size:
                    best, size = card, len(words)
        return best


def _national(number: str) -> bool:
    tail = re.split(r"[/-]", number)[-1].upper()
    return tail.endswith(("TW", "CP", "TTG", "BTTTT")) or tail.startswith("QH")
