"""Answer strategy: "which units carry out the plan?" -> the sub-headings of the named section."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rag.compose import AnswerComposer, Citation, query_terms
from rag.index import StoredChunk
from rag.pipeline.analyse import DROP_WORDS
from rag.pipeline.thresholds import Thresholds, load_thresholds
from rag.pipeline.types import OUTLINE, Analysis, Draft

# commune -> heading -> its sub-headings (in document order) with one chunk under each
Outlines = Mapping[str, Mapping[str, list[tuple[str, StoredChunk]]]]


class OutlineStrategy:
    """Analysis -> Draft listing a section's parts, or None when no heading is named."""

    def __init__(
        self, composer: AnswerComposer, outlines: Outlines, thresholds: Thresholds | None = None
    ) -> None:
        if not hasattr(composer, "coverage"):
            raise TypeError("composer must be an AnswerComposer")
        self.composer = composer
        self.outlines = outlines
        self.t = thresholds or load_thresholds()

    def run(self, analysis: Analysis) -> Draft | None:
        if analysis.question.pinned_to_shared_name:
            return None
        info = analysis.info
        if len(info.communes) != 1:
            return None
        q_terms = query_terms(info.text_for_terms or info.text, set(DROP_WORDS))
        commune = info.communes[0]
        children = self.outlines.get(commune, {})
        asked = set(q_terms)
        best, best_key = None, (0.0, 0.0)
        for heading, kids in children.items():
            words_in = [
                w for w in query_terms(re.sub(r"^[IVX\d.]+\s*", "", heading), set()) if "_" not in w
            ]
            if len(kids) < self.t.outline_min_children or not words_in:
                continue
            # The heading must be named by the question ("tổ chức thực hiện" -> "TỔ CHỨC THỰC HIỆN").
            named = sum(w in asked for w in words_in) / len(words_in)
            key = (named, self.composer.coverage(q_terms, heading))
            if key > best_key:
                best, best_key = heading, key
        if best is None or best_key[0] < self.t.outline_min_named:
            return None
        kids = children[best]
        m = kids[0][1].meta
        lines = [f"Theo kế hoạch của xã {commune}, mục «{best}» gồm các phần sau [1]:"]
        lines += [f"- {name}" for name, _ in kids]
        quote = "; ".join(name for name, _ in kids)
        cite = Citation(
            m.get("doc_id", ""), m.get("title", ""), commune, m.get("province", ""), best, quote
        )
        return Draft(
            "\n".join(lines),
            False,
            [cite],
            communes=info.communes,
            sources=[f"[1] {m.get('title', '')} — xã {commune} — {best}"],
            passages=[cite],
            strategy=OUTLINE,
        )


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
