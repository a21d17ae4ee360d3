"""Answer strategy: the steps of the how-to guide that matches the question."""

from __future__ import annotations

import re

from rag.compose import AnswerComposer, Citation
from rag.pipeline.analyse import HOWTO_WORDS
from rag.pipeline.refusals import Refusals
from rag.pipeline.thresholds import Thresholds, load_thresholds
from rag.pipeline.types import GUIDE, Analysis, Draft, GuideMatch
from rag.retriever import Hit
from rag.termstats import ExactTermStats
from rag.text import fold

# Procedures that (re)issue a document: "cấp đổi", "cấp lại", "gia hạn" … A guide covers one only
# when its title names that procedure; a guide that merely mentions the document (integrating a
# licence into an app) does not tell how to renew it, so the portal is the answer.
_REISSUE_RE = re.compile(r"\b(cap doi|cap lai|cap moi|gia han|doi lai|lam lai)\b")


def reissue_not_covered(question: str, guide_title: str) -> bool:
    """True when the question asks to (re)issue a document by a procedure the guide's title
    does not name."""
    asked = {m.group(1) for m in _REISSUE_RE.finditer(fold(question))}
    return bool(asked) and not any(a in fold(guide_title) for a in asked)


class GuideStrategy:
    """(Analysis, GuideMatch) -> Draft with the guide's steps, a refusal when no guide covers the
    task, or None when the match is too weak to be about a guide at all."""

    def __init__(
        self,
        composer: AnswerComposer,
        guide_stats: ExactTermStats,
        thresholds: Thresholds | None = None,
    ) -> None:
        if not hasattr(composer, "coverage") or not hasattr(guide_stats, "df"):
            raise TypeError("composer must be an AnswerComposer, guide_stats an ExactTermStats")
        self.composer = composer
        self.guide_stats = guide_stats
        self.t = thresholds or load_thresholds()

    def run(self, analysis: Analysis, found: GuideMatch | None) -> Draft | None:
        info = analysis.info
        q_terms = analysis.guide_terms
        if found is None or not found.chunks or found.coverage < self.t.guide_min_coverage:
            return None
        chunks, cov = found.chunks, found.coverage
        question = info.text_for_terms or info.text
        # Words the corpus never uses ("kết hôn"), or no guide uses ("sổ đỏ"), on a weak match:
        # the topic has no guide, so the assistant points to the portal instead of guessing.
        ignore = set(HOWTO_WORDS | {"xa"})
        if self.composer.unknown_words(question, ignore, min_len=3) or (
            cov < self.t.guide_unknown_words_below
            and self.composer.unknown_words(question, ignore, min_len=2, df=self.guide_stats.df)
        ):
            return Refusals.howto_unknown(info.communes)
        if reissue_not_covered(question, chunks[0].meta.get("title", "")):
            return Refusals.howto_unknown(info.communes)
        steps = next((c for c in chunks if "bước" in c.meta.get("section", "").lower()), chunks[0])
        ranked = sorted(
            chunks,
            key=lambda c: -self.composer.coverage(q_terms, c.text, c.meta.get("section", "")),
        )
        # A second section only when it answers better than the steps (e.g. "cần mang theo gì"
        # -> "Cần chuẩn bị"); the introduction never displaces the steps.
        extra = ranked[0] if ranked[0] is not steps else None
        if extra is not None and extra.meta.get("section") == "Giới thiệu":
            extra = None
        m = steps.meta
        title = m.get("title", "")
        slug = m.get("slug", "")
        reviewed = m.get("last_reviewed", "")
        tail = [f"Xem hướng dẫn đầy đủ: «{title}»" + (f" (/guides/{slug})" if slug else "") + "."]
        if reviewed:
            tail.append(f"Cập nhật lần cuối: {reviewed}.")
        sources = [f"[1] {title} — {steps.meta.get('section', '')}"]
        cites = [
            Citation(m.get("doc_id", ""), title, "", "", m.get("section", ""), steps.text[:600])
        ]
        if extra is not None:
            sources.append(f"[2] {title} — {extra.meta.get('section', '')}")
            cites.append(
                Citation(
                    m.get("doc_id", ""),
                    title,
                    "",
                    "",
                    extra.meta.get("section", ""),
                    extra.text[:600],
                )
            )
        fixed = sum(len(x) + 1 for x in [*tail, "Nguồn:", *sources]) + 8
        budget = self.composer.max_chars - fixed
        blocks: list[str] = []

        def add_block(head: str, lines: list[str], marker: str, share: int) -> None:
            out = [head]
            used = len(head) + 1
            for ln in lines:
                if used + len(ln) + 1 > share:
                    out.append("…")
                    break
                out.append(ln)
                used += len(ln) + 1
            out[-1] = out[-1] + f" {marker}"
            blocks.append("\n".join(out))

        step_lines = [ln for ln in steps.text.split("\n") if ln.strip()]
        if extra is not None:
            extra_lines = [ln for ln in extra.text.split("\n") if ln.strip()]
            ranked_lines = sorted(extra_lines, key=lambda ln: -self.composer.coverage(q_terms, ln))[
                :3
            ]
            keep = [ln for ln in extra_lines if ln in ranked_lines]
            add_block(f"{extra.meta.get('section', '')} ({title}):", keep, "[2]", budget // 3)
        add_block(
            f"Các bước thực hiện ({title}):",
            step_lines,
            "[1]",
            budget - sum(len(b) + 2 for b in blocks),
        )
        body = "\n\n".join([*blocks, "\n".join(tail)])
        return Draft(body, False, cites, communes=info.communes, sources=sources, strategy=GUIDE)

    def plan_coverage(self, analysis: Analysis, hits: list[Hit], top: int = 3) -> float:
        """How well the named commune's own plan covers the question (0 without a commune):
        "xã mình tổ chức cấp căn cước lưu động ở đâu" is about the plan, not a guide."""
        communes = analysis.info.communes
        if not communes:
            return 0.0
        mine = [h for h in hits if h.meta.get("commune") in communes][:top]
        return max(
            (
                self.composer.coverage(
                    analysis.guide_terms, h.chunk.text, h.meta.get("section", "")
                )
                for h in mine
            ),
            default=0.0,
        )

    def accepts(
        self,
        draft: Draft | None,
        found: GuideMatch | None,
        strong_only: bool,
        plan_coverage: float = 0.0,
    ) -> bool:
        """A guide draft wins on a how-to question, or on a strong match when not a how-to —
        unless the named commune's plan has a strong passage that covers the question better
        than the best guide (guide coverage adds its title's, so a guide on the task wins)."""
        if draft is None:
            return False
        cov = found.coverage if found else 0.0
        strong = self.t.guide_accept_without_howto
        if strong <= plan_coverage and plan_coverage > cov:
            return False
        return not strong_only or cov >= strong
