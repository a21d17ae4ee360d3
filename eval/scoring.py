"""Scoring one answer against a dataset item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.text import fold

MAX_CHARS = 1500


def norm(text: str) -> str:
    text = fold(text).replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", "", text)


def fact_present(fact: str, text: str) -> bool:
    """A fact is 'a|b|c' alternatives; matching ignores case, diacritics, dashes and spaces."""
    hay = norm(text)
    return any(norm(alt) in hay for alt in fact.split("|") if alt.strip())


@dataclass
class ItemScore:
    id: str
    category: str
    passed: bool
    facts_ok: bool
    commune_ok: bool
    refusal_ok: bool
    length_ok: bool
    missing: list[str] = field(default_factory=list)


def score_item(item: dict, answer: str, refused: bool, citations: list[dict]) -> ItemScore:
    expect_refusal = bool(item.get("expect_refusal"))
    facts = item.get("expect_facts") or []
    missing = [f for f in facts if not fact_present(f, answer)]
    cited = {c.get("commune", "") for c in citations}
    cited_docs = {c.get("doc_id", "") for c in citations}
    commune_ok = True
    if item.get("expect_commune"):
        commune_ok = item["expect_commune"] in cited
    if item.get("expect_communes"):
        commune_ok = all(c in cited for c in item["expect_communes"])
    if item.get("expect_doc"):  # e.g. a legal card: "legal-57-nq-tw"
        commune_ok = commune_ok and item["expect_doc"] in cited_docs
    if item.get("expect_guide"):
        commune_ok = commune_ok and f"guide-{item['expect_guide']}" in cited_docs
    refusal_ok = refused == expect_refusal
    length_ok = len(answer) <= MAX_CHARS
    if expect_refusal:
        facts_ok = not missing
        passed = refusal_ok and length_ok and facts_ok
    else:
        facts_ok = not missing
        passed = refusal_ok and facts_ok and commune_ok and length_ok
    return ItemScore(
        item["id"],
        item.get("category", ""),
        passed,
        facts_ok,
        commune_ok,
        refusal_ok,
        length_ok,
        missing,
    )
