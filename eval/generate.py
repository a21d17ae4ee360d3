"""Questions generated from the records of every ingested plan, with the facts they expect.

Sources: the table store (indicators/targets by year, leads, partners, budgets, legal bases) and
the index's document cards (province, date, signer). Phrasings come from a templates file in
several styles (formal, casual, short), plus a no-diacritics and a typo/shorthand version.
Refusal items ask about a year a plan does not cover, a commune not in the index, or a topic no
plan mentions. Output: the JSONL format of eval/holdout.jsonl (+ "plan" and "style").
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eval.scoring import fact_present
from rag.documents import slugify
from rag.tables.store import TableStore
from rag.text import fold, nfc

TEMPLATES = Path(__file__).resolve().parent / "question_templates.yaml"
SEED = 20261201
CATEGORY = {
    "target": "targets",
    "lead": "responsibility",
    "partner": "responsibility",
    "budget": "budget",
    "legal": "legal_basis",
    "province": "document_facts",
    "signer": "document_facts",
    "issued": "document_facts",
    "refusal_year": "refusal",
    "refusal_place": "refusal",
    "refusal_topic": "refusal",
}
# Base questions per plan and kind (each also gets a second phrasing).
PER_PLAN = {"target": 10, "lead": 8, "partner": 3, "budget": 5, "legal": 4}
_NUM = r"\d+(?:[.,]\d+)*\s*%?"
_NUM_PHRASE_RE = re.compile(
    rf"(?:(?:đạt|mức|trên|dưới|tối thiểu|ít nhất|từ|khoảng|trở lên|>|<|≥)\s*)*{_NUM}"
    r"(?:\s*(?:trở lên|trở xuống))?",
    re.I,
)
_LEAD_IN_RE = re.compile(r"^[\s+\-–•*\d.)]+")


@dataclass
class PlanFacts:
    """What the generator knows about one ingested plan."""

    commune: str
    province: str
    text: str  # the plan's full text (for years and topics it does not mention)
    records: list[dict] = field(default_factory=list)
    card: dict[str, str] = field(default_factory=dict)  # "Người ký ban hành" -> value, …


def parse_card(text: str) -> dict[str, str]:
    """The fields of a document card chunk ("Văn bản: …; Địa phương: …; …")."""
    out = {}
    for part in re.split(r";\s+", text.rstrip(". ")):
        key, sep, value = part.partition(": ")
        if sep and value.strip():
            out[key.strip()] = value.strip()
    return out


def load_plans(store: TableStore, chunks: list | None = None) -> list[PlanFacts]:
    """Plans from the table store, with their cards and texts from the index chunks."""
    texts: dict[str, list[str]] = {}
    cards: dict[str, dict[str, str]] = {}
    for c in chunks or []:
        commune = c.meta.get("commune", "")
        if not commune or c.meta.get("doc_type") == "guide":
            continue
        texts.setdefault(commune, []).append(f"{c.meta.get('section', '')}\n{c.text}")
        if c.meta.get("kind") == "card":
            cards[commune] = parse_card(c.text)
    plans = []
    for doc in store.documents():
        commune = doc["commune"]
        text = "\n".join(texts.get(commune, []))
        if not text and doc.get("source") and Path(doc["source"]).is_file():
            text = Path(doc["source"]).read_text(encoding="utf-8")
        plans.append(
            PlanFacts(
                commune,
                doc.get("province", ""),
                text,
                store.records(commune=commune),
                cards.get(commune, {}),
            )
        )
    return plans


def topic_of(indicator: str, max_words: int = 12) -> str:
    """An indicator without its numbers, cut to a question-sized phrase."""
    text = _LEAD_IN_RE.sub("", " ".join(indicator.split()))
    text = re.split(r"[;:]\s", text)[0]
    text = _NUM_PHRASE_RE.sub(" ", text)
    words = [w for w in text.split() if w.strip(",.%")][:max_words]
    return " ".join(words).strip(" ,.;-–")


def task_of(indicator: str, max_words: int = 10) -> str:
    text = _LEAD_IN_RE.sub("", " ".join(indicator.split()))
    text = re.sub(r"^(Tên nhiệm vụ|Nhiệm vụ, Danh mục dự án|Nhiệm vụ):\s*", "", text)
    text = re.split(r"[;:(]\s?", text)[0]
    return " ".join(text.split()[:max_words]).strip(" ,.;-–")


def number_of(value: str) -> str:
    m = re.search(_NUM, value)
    return m.group(0).replace(" ", "") if m else ""


class QuestionGenerator:
    def __init__(
        self, templates: Path | dict = TEMPLATES, seed: int = SEED, per_kind: int | None = None
    ) -> None:
        self.t = (
            templates
            if isinstance(templates, dict)
            else yaml.safe_load(Path(templates).read_text(encoding="utf-8"))
        )
        self.seed = seed
        self.caps = {k: min(v, per_kind) if per_kind else v for k, v in PER_PLAN.items()}

    # ---------------------------------------------------------------- phrasing
    def phrase(self, rng: random.Random, kind: str, **slots: str) -> tuple[str, str]:
        styles = self.t["kinds"][kind]
        style = rng.choice(sorted(styles))
        return style, nfc(rng.choice(styles[style]).format(**slots))

    def variant(self, rng: random.Random, question: str, keep: list[str]) -> tuple[str, str]:
        """A second phrasing: without diacritics, or with shorthand and a typo."""
        if rng.random() < 0.5:
            return "no_diacritics", fold(question)
        return "typo", self.typo(rng, question, keep)

    def typo(self, rng: random.Random, question: str, keep: list[str]) -> str:
        out = question
        for long, short in self.t.get("shorthand", {}).items():
            out = re.sub(rf"(?i)(?<!\w){re.escape(long)}(?!\w)", short, out)
        protected = {fold(w) for k in keep for w in k.split()}
        words = out.split(" ")
        spots = [
            i
            for i, w in enumerate(words)
            if len(w) >= 5 and w.isalpha() and fold(w) not in protected
        ]
        if spots:
            i = rng.choice(spots)
            w = words[i]
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        return " ".join(words)

    # ------------------------------------------------------------------- items
    def generate(self, plans: list[PlanFacts]) -> list[dict]:
        rng = random.Random(self.seed)
        known = {fold(p.commune) for p in plans}
        items: list[dict] = []
        for plan in sorted(plans, key=lambda p: fold(p.commune)):
            for base in self._plan_items(rng, plan, known):
                items.extend(self._with_variant(rng, base, plan))
        for n, item in enumerate(items, 1):
            item["id"] = f"gen-{n:04d}-{item['id']}"
        return items

    def _with_variant(self, rng: random.Random, base: dict, plan: PlanFacts) -> list[dict]:
        keep = [plan.commune, *base.pop("_keep", [])]
        style, text = self.variant(rng, base["question"], keep)
        other = {**base, "question": text, "style": style, "id": base["id"] + "-v"}
        return [base, other]

    def _item(self, plan: PlanFacts, kind: str, n: int, style: str, question: str, facts, **kw):
        item = {
            "id": f"{slugify(plan.commune)}-{kind}-{n}",
            "category": CATEGORY[kind],
            "question": question,
            "expect_facts": list(facts),
            "plan": plan.commune,
            "style": style,
        }
        if kind.startswith("refusal"):
            item["expect_refusal"] = True
        else:
            item["expect_commune"] = plan.commune
        item.update(kw)
        return item

    def _plan_items(self, rng: random.Random, plan: PlanFacts, known: set[str]):
        c = plan.commune
        targets = []
        for r in plan.records:
            topic = topic_of(r["indicator"])
            if len(topic.split()) < 3:
                continue
            for year, value in sorted(r.get("targets", {}).items()):
                fact = number_of(value)
                if fact and fact_present(fact, r["quote"]):
                    targets.append((r, topic, year, fact))
        for n, (_r, topic, year, fact) in enumerate(_sample(rng, targets, self.caps["target"])):
            style, q = self.phrase(rng, "target", commune=c, year=year, topic=topic)
            yield self._item(plan, "target", n, style, q, [fact])
        leads = [
            (r, task_of(r["indicator"]))
            for r in plan.records
            if r.get("lead_raw") and fact_present(r["lead_raw"], r["quote"])
        ]
        leads = [(r, t) for r, t in leads if len(t.split()) >= 3]
        for n, (r, task) in enumerate(_sample(rng, leads, self.caps["lead"])):
            style, q = self.phrase(rng, "lead", commune=c, task=task)
            alts = "|".join(dict.fromkeys([r["lead_raw"], *r.get("leads", [])]))
            yield self._item(plan, "lead", n, style, q, [alts])
        partners = [
            (r, task_of(r["indicator"]), r["partners"][0])
            for r in plan.records
            if r.get("partners") and fact_present(r["partners"][0], r["quote"])
        ]
        partners = [p for p in partners if len(p[1].split()) >= 3]
        for n, (_r, task, partner) in enumerate(_sample(rng, partners, self.caps["partner"])):
            style, q = self.phrase(rng, "partner", commune=c, task=task)
            yield self._item(plan, "partner", n, style, q, [partner])
        budgets = [
            (r, task_of(r["indicator"]))
            for r in plan.records
            if r.get("budget_raw") and fact_present(r["budget_raw"], r["quote"])
        ]
        for n, (r, task) in enumerate(_sample(rng, budgets, self.caps["budget"])):
            style, q = self.phrase(rng, "budget", commune=c, task=task)
            yield self._item(plan, "budget", n, style, q, [r["budget_raw"]])
        yield from self._legal_items(rng, plan)
        yield from self._card_items(rng, plan)
        yield from self._refusals(rng, plan, known, [t[1] for t in targets])

    def _legal_items(self, rng: random.Random, plan: PlanFacts):
        found = []
        for doc in self._legal:
            if plan.commune not in doc.get("cited_by_communes", []) or not doc.get("issuer"):
                continue
            quotes = " ".join(
                q["quote"] for q in doc.get("citations", []) if q.get("commune") == plan.commune
            )
            alts = [a for a in dict.fromkeys([doc["number"], *doc.get("variants", [])]) if a]
            alts = [a for a in alts if fact_present(a, quotes)]
            title = " ".join(doc.get("title", "").split()[:8])
            if alts and title:
                found.append((doc, "|".join(alts), title))
        for n, (doc, fact, title) in enumerate(_sample(rng, found, self.caps["legal"])):
            style, q = self.phrase(
                rng, "legal", commune=plan.commune, issuer=doc["issuer"], doc=title
            )
            yield self._item(plan, "legal", n, style, q, [fact])

    def _card_items(self, rng: random.Random, plan: PlanFacts):
        card_text = " ".join(f"{k}: {v}" for k, v in plan.card.items())
        province = re.sub(r"^(tỉnh|thành phố)\s+", "", plan.province)
        if province and "không nêu" not in province and fact_present(province, card_text):
            style, q = self.phrase(rng, "province", commune=plan.commune)
            yield self._item(plan, "province", 0, style, q, [province])
        for kind, key in (("signer", "Người ký ban hành"), ("issued", "Thời gian ban hành")):
            value = next((v for k, v in plan.card.items() if k.startswith(key)), "")
            value = value.split(" (")[0].strip()
            if value:
                style, q = self.phrase(rng, kind, commune=plan.commune)
                yield self._item(plan, kind, 0, style, q, [value])

    def _refusals(self, rng: random.Random, plan: PlanFacts, known: set[str], topics: list[str]):
        topics = topics or [topic_of(r["indicator"]) for r in plan.records[:5]]
        topics = [t for t in topics if t] or ["hồ sơ trực tuyến toàn trình"]
        year = next((y for y in self.t["refusal_years"] if y not in plan.text), "")
        if year:
            style, q = self.phrase(
                rng, "refusal_year", commune=plan.commune, year=year, topic=rng.choice(topics)
            )
            yield self._item(plan, "refusal_year", 0, style, q, [])
        places = [p for p in self.t["unknown_places"] if fold(p) not in known]
        if places:
            place = rng.choice(places)
            style, q = self.phrase(rng, "refusal_place", place=place, topic=rng.choice(topics))
            yield {**self._item(plan, "refusal_place", 0, style, q, []), "_keep": [place]}
        folded_text = fold(plan.text)
        off = [t for t in self.t["off_topics"] if fold(t) not in folded_text]
        for n, topic in enumerate(_sample(rng, off, min(2, self.caps["target"]))):
            style, q = self.phrase(rng, "refusal_topic", commune=plan.commune, off_topic=topic)
            yield self._item(plan, "refusal_topic", n, style, q, [])

    _legal: list[dict] = []


def _sample(rng: random.Random, seq: list, k: int) -> list:
    return rng.sample(seq, k) if len(seq) > k else list(seq)


def generate_from_store(
    store: TableStore,
    chunks: list | None = None,
    seed: int = SEED,
    templates=TEMPLATES,
    per_kind: int | None = None,
) -> list[dict]:
    gen = QuestionGenerator(templates, seed, per_kind)
    gen._legal = store.legal_bases()
    return gen.generate(load_plans(store, chunks))


def write_jsonl(items: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
