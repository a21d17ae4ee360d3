"""Per-item decision features and outcomes, computed once and cached.

For every item the engine runs once with a recording decision that always answers; items whose
answer went through the composer's answer-or-refuse decision run a second time with a decision
that always refuses (retrieval is memoised, so the second run is cheap). The two outcomes let a
new set of decision parameters be scored without running retrieval again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.scoring import score_item
from rag.decision import FEATURE_NAMES, DecisionFeatures
from rag.engine import Engine

CACHE_VERSION = hashlib.sha1(("2|" + ",".join(FEATURE_NAMES)).encode()).hexdigest()[:10]


class RecordingDecision:
    """Stands in for AnswerDecision: records the features, answers or refuses as told."""

    def __init__(self) -> None:
        self.answer = True
        self.last: DecisionFeatures | None = None

    def should_answer(self, feats: DecisionFeatures) -> bool:
        self.last = feats
        return self.answer


@dataclass
class ItemOutcome:
    id: str
    plan: str  # commune the item belongs to ("" for items about no single plan)
    expect_refusal: bool
    reached: bool  # the composer's decision decided this item
    pass_answer: bool  # passed when the composer answered (or the fixed outcome)
    pass_refuse: bool  # passed when the composer refused (same as pass_answer if not reached)
    features: dict[str, float] = field(default_factory=dict)

    def passed(self, answer: bool) -> bool:
        return self.pass_answer if answer or not self.reached else self.pass_refuse


def item_plan(item: dict) -> str:
    return item.get("plan") or item.get("expect_commune") or ""


class _MemoRetriever:
    def __init__(self, inner) -> None:
        self.inner = inner
        self.memo: dict = {}

    def retrieve(self, text, k=8, communes=None, doc_types=None):
        key = (text, k, tuple(communes or ()), tuple(sorted(doc_types or ())))
        if key not in self.memo:
            self.memo[key] = self.inner.retrieve(text, k=k, communes=communes, doc_types=doc_types)
        return self.memo[key]

    def __getattr__(self, name):
        return getattr(self.inner, name)


def _key(item: dict, generation: str) -> str:
    raw = json.dumps(item, ensure_ascii=False, sort_keys=True) + generation + CACHE_VERSION
    return hashlib.sha1(raw.encode()).hexdigest()


def _run(engine: Engine, item: dict) -> bool:
    ans = engine.ask(item["question"], item.get("commune"))
    return score_item(item, ans.answer, ans.refused, [c.as_dict() for c in ans.citations]).passed


def collect(engine: Engine, items: list[dict], cache: Path | None = None) -> list[ItemOutcome]:
    """Outcomes of every item under 'answer' and 'refuse' (cached by item and index generation)."""
    stored: dict[str, dict] = {}
    if cache is not None and cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.pop("v", "") == CACHE_VERSION:  # rows of older feature sets are dropped
                    stored[row.pop("key")] = row
    recorder = RecordingDecision()
    saved_generator = engine.generator
    stage = engine.pipeline.retrieve
    saved_retrieve = stage._retrieve
    engine.composer.decision = recorder
    engine.configure_llm(None)
    stage._retrieve = _MemoRetriever(engine.retriever).retrieve
    out: list[ItemOutcome] = []
    fresh: list[tuple[str, ItemOutcome]] = []
    try:
        for item in items:
            key = _key(item, engine.generation)
            if key in stored:
                out.append(ItemOutcome(**stored[key]))
                continue
            recorder.answer, recorder.last = True, None
            passed = _run(engine, item)
            feats = recorder.last
            refused_pass = passed
            if feats is not None:
                recorder.answer = False
                refused_pass = _run(engine, item)
            row = ItemOutcome(
                id=item["id"],
                plan=item_plan(item),
                expect_refusal=bool(item.get("expect_refusal")),
                reached=feats is not None,
                pass_answer=passed,
                pass_refuse=refused_pass,
                features=feats.as_dict() if feats is not None else {},
            )
            out.append(row)
            fresh.append((key, row))
    finally:
        engine.composer.decision = None  # the fitted default
        if saved_generator is not None:
            engine.configure_llm(generator=saved_generator)
        stage._retrieve = saved_retrieve
    if cache is not None and fresh:
        cache.parent.mkdir(parents=True, exist_ok=True)
        rows = [{"key": k, **v} for k, v in stored.items()]
        rows += [{"key": key, **asdict(row)} for key, row in fresh]
        tmp = cache.with_name(cache.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps({"v": CACHE_VERSION, **row}, ensure_ascii=False) + "\n")
        tmp.replace(cache)
    return out
