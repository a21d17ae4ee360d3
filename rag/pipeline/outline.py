"""Answer strategy: "which units carry out the plan?" -> the sub-headings of the named section."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from rag.compose import AnswerComposer, Citation, query_terms, shorten
from rag.index import StoredChunk
from rag.pipeline.analyse import DROP_WORDS
from rag.pipeline.enumeration import enumerating_sentence, read_ask
from rag.pipeline.plan_lists import (
    GROUPS,
    PERIOD,
    TARGETS,
    TASKS,
    Entry,
    ListAsk,
    asked_period_label,
    clean_heading,
    groups_of,
    named_part,
    names_rest,
    period_entries,
    plan_structure,
    read_list_ask,
    targets_of,
    task_label,
    tasks_of,
)
from rag.pipeline.thresholds import Thresholds, load_thresholds
from rag.pipeline.types import OUTLINE, Analysis, Draft
from rag.pipeline.unit_list import asks_units, assigned_units
from rag.text import fold

# commune -> heading -> its sub-headings (in document order) with one chunk under each
Outlines = Mapping[str, Mapping[str, list[tuple[str, StoredChunk]]]]
# commune -> heading without sub-headings -> the list items written under it, with their chunk
Items = Mapping[str, Mapping[str, list[tuple[str, StoredChunk]]]]

# commune -> table (its section heading) -> the distinct groups of its records, with a record each
Groups = Mapping[str, Mapping[str, list[tuple[str, StoredChunk]]]]
# commune -> its prose chunks in document order
Texts = Mapping[str, list[StoredChunk]]

# A list item line: "- …", "+ …", "• …", "a) …".
_ITEM_RE = re.compile(r"^\s*(?:[-+•–]|[a-zđ]\))\s+\S")
_MARKER_RE = re.compile(r"^\s*(?:[-+•–]|[a-zđ]\)|\d{1,2}[.)])\s+")
# A numbered item line ("1. Hoàn thiện hạ tầng số. …"): the items of a heading that has no
# marked ones (a PDF whose numbered tasks run on as paragraphs).
_NUMBERED_RE = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
# A record's group field as ingest writes it ("Nhóm: Hạ tầng số; …").
_GROUP_RE = re.compile(r"^Nhóm:\s*([^;]+?)\s*(?:;|$)")
# "… gồm những nhóm (chỉ tiêu) nào": the question asks for the groups of a table's records.
_ASKS_GROUPS_RE = re.compile(
    r"\b(?:nhung|cac|may|bao nhieu)\s+nhom\b|\bnhom\b(?:\s+\w+){0,3}\s+(?:nao|gi)\b"
)
_RECORDS_RE = re.compile(r"\b(?:chi so|chi tieu|nhiem vu|phu luc|bang|danh muc)\b")
# The list nouns as written, for a question typed without diacritics whose noun the plan
# does not use itself.
_SPELLED = {
    "nhiem vu": "nhiệm vụ",
    "viec": "việc",
    "cong viec": "công việc",
    "hoat dong": "hoạt động",
    "du an": "dự án",
    "chi tieu": "chỉ tiêu",
    "muc tieu": "mục tiêu",
    "linh vuc": "lĩnh vực",
    "nhom": "nhóm",
    "mang": "mảng",
}
ITEM_CHARS = 180
MAX_ITEMS = 8
LIST_MIN_CHARS = 40  # shortest an entry of a structure list is cut to before entries are dropped


class OutlineStrategy:
    """Analysis -> Draft listing a section's parts, or None when no heading is named."""

    def __init__(
        self,
        composer: AnswerComposer,
        outlines: Outlines,
        thresholds: Thresholds | None = None,
        items: Items | None = None,
        groups: Groups | None = None,
        texts: Texts | None = None,
        rows: Texts | None = None,
    ) -> None:
        if not hasattr(composer, "coverage"):
            raise TypeError("composer must be an AnswerComposer")
        self.composer = composer
        self.outlines = outlines
        self.t = thresholds or load_thresholds()
        self.items = items if items is not None else {}
        self.groups = groups if groups is not None else {}
        self.texts = texts if texts is not None else {}
        self.rows = rows if rows is not None else {}

    def run(self, analysis: Analysis) -> Draft | None:
        if analysis.question.pinned_to_shared_name:
            return None
        info = analysis.info
        if len(info.communes) != 1:
            return None
        q_terms = query_terms(info.text_for_terms or info.text, set(DROP_WORDS))
        commune = info.communes[0]
        folded = fold(info.text)
        structured = self._structure_draft(analysis, commune, q_terms)
        if structured is not None:
            return structured
        if asks_units(info.text):
            units = self._units_draft(analysis, commune)
            if units is not None:
                return units
        if _ASKS_GROUPS_RE.search(folded) and _RECORDS_RE.search(folded):
            grouped = self._groups_draft(analysis, commune, q_terms)
            if grouped is not None:
                return grouped
        children = dict(self.outlines.get(commune, {}))
        leaves = {h: v for h, v in self.items.get(commune, {}).items() if h not in children}
        children.update(leaves)
        asked = set(q_terms)
        best, best_key = None, (0.0, 0.0)
        for heading, kids in children.items():
            words_in = [
                w for w in query_terms(heading_name(heading), set(DROP_WORDS)) if "_" not in w
            ]
            if not words_in or len(kids) < (
                self.t.outline_min_items if heading in leaves else self.t.outline_min_children
            ):
                continue
            if heading in leaves and len(words_in) < self.t.outline_min_items:
                continue  # "Về xã hội số": one generic word names no list
            # The heading must be named by the question ("tổ chức thực hiện" -> "TỔ CHỨC THỰC HIỆN").
            named = sum(w in asked for w in words_in) / len(words_in)
            key = (named, self.composer.coverage(q_terms, heading))
            if key > best_key:
                best, best_key = heading, key
        if best is None or best_key[0] < self.t.outline_min_named:
            return self._enumeration_draft(analysis, commune)
        kids = children[best]
        if best in leaves:
            return self._items_draft(analysis, commune, best, kids)
        m = kids[0][1].meta
        lines = [f"Theo kế hoạch của xã {commune}, mục «{best}» gồm các phần sau [1]:"]
        lines += [f"- {name}" for name, _ in kids]
        quote = "; ".join(name for name, _ in kids)
        cite = Citation.of_passage(m, quote, commune, best)
        return Draft(
            "\n".join(lines),
            False,
            [cite],
            communes=info.communes,
            sources=[f"[1] {m.get('title', '')} — xã {commune} — {best}"],
            passages=[cite],
            strategy=OUTLINE,
        )

    def _structure_draft(
        self, analysis: Analysis, commune: str, q_terms: list[str]
    ) -> Draft | None:
        """A list at the level the question asks (rag.pipeline.plan_lists): the groups of the
        tasks, the tasks, or one year's targets, each entry cited to its passage."""
        ask = read_list_ask(analysis.info.text, [commune])
        if ask is None:
            return None
        chunks = list(self.texts.get(commune, [])) + list(self.rows.get(commune, []))
        if not chunks:
            return None
        nodes = plan_structure(chunks)
        if ask.level == GROUPS:
            entries = groups_of(nodes, chunks, ask)
        elif ask.level == TASKS:
            asked = {w for t in q_terms for w in fold(t).replace("_", " ").split()}
            # "những việc": the plain word for tasks names the plan's task part
            plain = replace(ask, noun="nhiem vu") if ask.noun == "viec" else ask
            entries = [
                Entry(task_label(e.text), e.chunk, e.group) for e in tasks_of(nodes, plain, asked)
            ]
        elif ask.level == PERIOD:
            entries = [
                Entry(task_label(e.text), e.chunk, e.group) for e in period_entries(nodes, ask)
            ]
        else:
            entries = targets_of(nodes, ask)
        if len(entries) < 2 or not names_rest(ask, entries[0].chunk.meta.get("section", "")):
            if ask.level == TASKS:
                return self._part_draft(analysis, commune, nodes, ask)
            return None
        noun = _as_written(analysis.info.text, ask.noun)
        if fold(noun) == noun:  # typed without diacritics: the plan's own spelling of it
            plan = " ".join(f"{c.meta.get('section', '')} {c.text}" for c in chunks)
            noun = _as_written(plan, ask.noun) or _SPELLED.get(ask.noun, noun or ask.noun)
        if ask.level == GROUPS:
            head = f"Theo kế hoạch của xã {commune}, có {len(entries)} {noun}:"
        elif ask.level == TARGETS and ask.year:
            head = f"Theo kế hoạch của xã {commune}, {noun} năm {ask.year} gồm:"
        elif ask.level == TARGETS and entries[0].chunk.meta.get("kind") == "row":
            head = f"Theo kế hoạch của xã {commune}, bảng {noun} gồm {len(entries)} {noun}:"
        elif ask.level == TARGETS:
            head = f"Theo kế hoạch của xã {commune}, có {len(entries)} {noun}:"
        elif ask.level == PERIOD:
            shown = asked_period_label(ask, nodes)
            head = f"Theo kế hoạch của xã {commune}, các {noun} trong {shown}:"
        else:
            head = f"Theo kế hoạch của xã {commune}, có {len(entries)} {noun}:"
        return self._entries_draft(analysis, commune, head, entries, ask)

    def _part_draft(
        self, analysis: Analysis, commune: str, nodes: dict, ask: ListAsk
    ) -> Draft | None:
        """ "Các việc thuộc lĩnh vực X": what is listed under the heading the question names
        (its rows or items, else its passages quoted whole)."""
        name, entries = named_part(nodes, ask)
        if not entries:
            return None
        shown = clean_heading(name)
        if len(entries) >= 2 and all(
            e.chunk.meta.get("kind") == "row" or e.text != " ".join(e.chunk.text.split())
            for e in entries
        ):
            head = f"Theo kế hoạch của xã {commune}, mục «{shown}» gồm:"
            return self._entries_draft(analysis, commune, head, entries, ask)
        head = f"Theo kế hoạch của xã {commune}, mục «{shown}» nêu:"
        budget = self.composer.max_chars - len(head) - 260 - 30 * len(entries)
        per = max(LIST_MIN_CHARS, budget // len(entries))
        cites: list[Citation] = []
        lines = [head]
        for e in entries:
            quote = shorten(e.text, per)
            cites.append(Citation.of_passage(e.chunk.meta, quote, commune))
            lines.append(f"«{quote}» [{len(cites)}]")
        return _draft(analysis, commune, lines, cites, name, "")

    def _entries_draft(
        self, analysis: Analysis, commune: str, head: str, entries: list[Entry], ask: ListAsk
    ) -> Draft:
        """The entries one a line, each shortened so that all fit one answer."""
        budget = self.composer.max_chars - len(head) - 260
        chunk_ids = list(dict.fromkeys(e.chunk.chunk_id for e in entries))
        budget -= 24 * len(chunk_ids)
        groups = (
            list(dict.fromkeys(e.group for e in entries)) if ask.level in (TASKS, PERIOD) else []
        )
        grouped = len(groups) >= 2
        groups = groups if grouped else []
        budget -= sum(len(g) + 4 for g in groups)
        shown = len(entries)
        per = budget // max(shown, 1) - 8
        while per < LIST_MIN_CHARS and shown > 2:
            shown -= 1
            per = (budget - 30) // shown - 8
        per = min(ITEM_CHARS, max(per, LIST_MIN_CHARS))
        cites: list[Citation] = []
        index: dict[str, int] = {}
        quotes: dict[str, list[str]] = {}
        lines = [head]
        group = None
        for n, e in enumerate(entries[:shown], 1):
            if e.chunk.chunk_id not in index:
                cites.append(Citation.of_passage(e.chunk.meta, "", commune))
                index[e.chunk.chunk_id] = len(cites)
            text = shorten(e.text, per)
            quotes.setdefault(e.chunk.chunk_id, []).append(text)
            if grouped and e.group != group:
                group = e.group
                if group:
                    lines.append(f"{group}:")
            lines.append(f"{n}. {text} [{index[e.chunk.chunk_id]}]")
        if shown < len(entries):
            lines.append(f"… và {len(entries) - shown} mục khác.")
        for cid, k in index.items():
            cites[k - 1].quote = " … ".join(quotes[cid])
        heading = entries[0].chunk.meta.get("section", "").split(" › ")[-1]
        return _draft(analysis, commune, lines, cites, heading, "")

    def _units_draft(self, analysis: Analysis, commune: str) -> Draft | None:
        """The units the plan assigns duties to, one item each (rag.pipeline.unit_list), each
        cited to its chunk."""
        heading, units = assigned_units(dict(self.items.get(commune, {})))
        if not units:
            return None
        cites: list[Citation] = []
        index: dict[str, int] = {}
        quotes: dict[str, list[str]] = {}
        lines = [f"Theo kế hoạch của xã {commune}, các đơn vị được giao nhiệm vụ:"]
        for unit in units:
            cid = unit.chunk.chunk_id
            if cid not in index:
                cites.append(Citation.of_passage(unit.chunk.meta, "", commune))
                index[cid] = len(cites)
            quotes.setdefault(cid, []).append(unit.name)
            lines.append(f"- {unit.name} [{index[cid]}]")
        for cid, n in index.items():
            cites[n - 1].quote = "; ".join(quotes[cid])
        return _draft(analysis, commune, lines, cites, heading, f" — {heading[:70]}")

    def _items_draft(
        self,
        analysis: Analysis,
        commune: str,
        heading: str,
        items: list[tuple[str, StoredChunk]],
    ) -> Draft:
        """The items written under a heading that has no sub-headings, each cited to its chunk."""
        cites: list[Citation] = []
        index: dict[str, int] = {}
        quotes: dict[str, list[str]] = {}
        lines = [f"Theo kế hoạch của xã {commune}, mục «{heading}» nêu:"]
        for text, chunk in items[:MAX_ITEMS]:
            quote = shorten(_MARKER_RE.sub("", text), ITEM_CHARS)
            if chunk.chunk_id not in index:
                cites.append(Citation.of_passage(chunk.meta, "", commune))
                index[chunk.chunk_id] = len(cites)
            quotes.setdefault(chunk.chunk_id, []).append(quote)
            lines.append(f"- {quote} [{index[chunk.chunk_id]}]")
        if len(items) > MAX_ITEMS:
            lines.append(f"… và {len(items) - MAX_ITEMS} mục khác.")
        for cid, n in index.items():
            cites[n - 1].quote = " … ".join(quotes[cid])
        return _draft(analysis, commune, lines, cites, heading, f" — {heading[:70]}")

    def _enumeration_draft(self, analysis: Analysis, commune: str) -> Draft | None:
        """ "<verb> những <noun> nào" with no heading named: the first body sentence where the
        verb is followed by the items (rag.pipeline.enumeration), quoted."""
        if analysis.info.wants_agency:
            return None  # who leads / partners: the records and passages answer
        ask = read_ask(analysis.question.text, [commune])
        if ask is None:
            return None
        for chunk in self.texts.get(commune, []):
            sentence = enumerating_sentence(ask, chunk.text)
            if sentence:
                heading = chunk.meta.get("section", "").split(" › ")[-1]
                cite = Citation.of_passage(chunk.meta, sentence, commune)
                lines = [f"Theo kế hoạch của xã {commune}: «{sentence}» [1]"]
                return _draft(analysis, commune, lines, [cite], heading, "")
        return None

    def _groups_draft(self, analysis: Analysis, commune: str, q_terms: list[str]) -> Draft | None:
        """The distinct groups of the records of the table the question names best (the only
        table when there is one), each cited to its first record."""
        tables = {s: g for s, g in self.groups.get(commune, {}).items() if len(g) >= 2}
        if not tables:
            return None
        section = max(tables, key=lambda s: self.composer.coverage(q_terms, s))
        groups = tables[section]
        cites = [
            Citation.of_passage(chunk.meta, chunk.text, commune, section) for _, chunk in groups
        ]
        lines = [f"Theo kế hoạch của xã {commune}, bảng «{shorten(section, 120)}» gồm các nhóm:"]
        lines += [f"- {name} [{n}]" for n, (name, _) in enumerate(groups, 1)]
        return _draft(analysis, commune, lines, cites, section, "")


def _draft(
    analysis: Analysis,
    commune: str,
    lines: list[str],
    cites: list[Citation],
    heading: str,
    same_doc_tail: str,
) -> Draft:
    """An outline answer: its lines, cited to one plan under `heading`."""
    sources = [f"[1] {cites[0].title[:60]} — xã {commune} — {heading[:70]}"]
    sources += [f"[{n}] cùng văn bản{same_doc_tail}" for n in range(2, len(cites) + 1)]
    return Draft(
        "\n".join(lines),
        False,
        cites,
        communes=analysis.info.communes,
        sources=sources,
        passages=cites,
        strategy=OUTLINE,
    )


def _as_written(text: str, key: str) -> str:
    """The words of `text` that fold to `key` ("lĩnh vực" for "linh vuc"), or ""."""
    words = re.findall(r"[^\W_]+", text)
    folded = [fold(w) for w in words]
    n = len(key.split())
    for i in range(len(words) - n + 1):
        if " ".join(folded[i : i + n]) == key:
            return " ".join(w.lower() for w in words[i : i + n])
    return ""


def table_groups(
    chunks: list[StoredChunk], commune: str
) -> dict[str, list[tuple[str, StoredChunk]]]:
    """table (the section of its records) -> the distinct groups of its records (the "Nhóm"
    field ingest writes first), in document order, each with its first record."""
    ordered = sorted(
        (c for c in chunks if c.meta.get("commune") == commune and c.meta.get("kind") == "row"),
        key=lambda c: int(c.meta.get("start", 0)),
    )
    groups: dict[str, list[tuple[str, StoredChunk]]] = {}
    for c in ordered:
        m = _GROUP_RE.match(c.text)
        if m is None:
            continue
        got = groups.setdefault(c.meta.get("section", ""), [])
        if all(name != m.group(1) for name, _ in got):
            got.append((m.group(1), c))
    return groups


def heading_name(heading: str) -> str:
    """What a heading names: without its numbering ("III.", "2.1", "b)") and without the
    content a colon introduces ("Ngân sách: 50 triệu đồng, trong đó:" -> "Ngân sách")."""
    name = re.sub(r"^phần\s+thứ\s+\w+\s*[.:]\s*", "", heading.strip(), flags=re.I)
    name = re.sub(r"^(?:[IVX\d.]+|[a-zđ]\))\s*", "", name)
    head = name.split(":")[0].strip()
    return head or name


def section_items(
    chunks: list[StoredChunk], commune: str
) -> dict[str, list[tuple[str, StoredChunk]]]:
    """heading (the last part of a prose chunk's section) -> the list items ("- …", "+ …",
    "a) …") written under it, in document order, each with its chunk."""
    ordered = sorted(
        (c for c in chunks if c.meta.get("commune") == commune and c.meta.get("kind") == "text"),
        key=lambda c: int(c.meta.get("start", 0)),
    )
    items: dict[str, list[tuple[str, StoredChunk]]] = {}
    numbered: dict[str, list[tuple[str, StoredChunk]]] = {}
    for c in ordered:
        heading = c.meta.get("section", "").split(" › ")[-1]
        if not heading:
            continue
        for line in c.text.split("\n"):
            flat = " ".join(line.split())
            kind = items if _ITEM_RE.match(flat) else numbered if _NUMBERED_RE.match(flat) else None
            if kind is not None:
                got = kind.setdefault(heading, [])
                if all(t != flat for t, _ in got):
                    got.append((flat, c))
    for heading, found in numbered.items():
        items.setdefault(heading, found)
    return items


def section_children(
    chunks: list[StoredChunk], commune: str
) -> dict[str, list[tuple[str, StoredChunk]]]:
    """heading -> its sub-headings (in document order) for one commune's prose chunks."""
    ordered = sorted(
        (c for c in chunks if c.meta.get("commune") == commune and c.meta.get("kind") == "text"),
        key=lambda c: int(c.meta.get("start", 0)),
    )
    children: dict[str, list[tuple[str, StoredChunk]]] = {}
    for c in ordered:
        path = c.meta.get("section", "").split(" › ")
        for depth in range(len(path) - 1):
            kids = children.setdefault(path[depth], [])
            if all(k != path[depth + 1] for k, _ in kids):
                kids.append((path[depth + 1], c))
    return children
