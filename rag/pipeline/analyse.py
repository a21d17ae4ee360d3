"""Stage 1 - analyse: intent, communes, years and terms of a question (wraps rag.query)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from rag.commune_initials import CommuneInitials
from rag.communes import province_key
from rag.compose import query_terms, strip_names
from rag.diacritics import DiacriticRestorer, marked_share
from rag.pipeline.thresholds import load_thresholds
from rag.pipeline.types import Analysis, Question
from rag.pipeline.typos import mend_typos
from rag.query import analyse, asks_own_number, detect_communes, without_plan_description
from rag.question_remarks import without_document_remarks
from rag.text import fold, has_diacritics, words_exact

# Words of a how-to question that say nothing about its topic.
HOWTO_WORDS = frozenset({"lam", "sao", "cach", "huong", "dan", "nao", "the", "buoc", "nhu"})
DROP_WORDS = frozenset({"xa", "phuong"})
_PLAN_INTENT_RE = re.compile(
    r"\b(?:(?:bao nhieu|ty le|chi tieu|chu tri|phoi hop|ke hoach|kinh phi|can cu|muc tieu|"
    r"du toan|nhiem vu|ket qua|nam 20\d\d|uy ban)(?![a-z])|xa |phong )"  # "can cu" ≠ "can cuoc"
)


def resolve_commune(name: str | None, communes: list[str]) -> str | None:
    """Canonical commune name for user input ("dan tien", "xã Dân Tiến"), or None if unknown."""
    if not name:
        return None
    key = re.sub(r"^(xa|phuong|thi tran)\s+", "", fold(name).strip())
    for commune in communes:
        if fold(commune) == key:
            return commune
    return None


def names_as_written(text: str, communes: list[str]) -> str:
    """Commune names in a question whose diacritics were restored word by word get their own
    written form back: a name the corpus vocabulary half-restores ("tân phuoc loc") would no
    longer read as the commune."""
    folded = fold(text)
    if len(folded) != len(text):
        return text
    spans: list[tuple[int, int, str]] = []
    for name in sorted(communes, key=len, reverse=True):
        key = fold(name)
        if not key:
            continue
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", folded):
            if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                spans.append((m.start(), m.end(), name))
    for start, end, name in sorted(spans, reverse=True):
        if len(name) == end - start:
            text = text[:start] + name + text[end:]
    return text


_VOWEL_RE = re.compile(r"[aeiouy]")
_PROVINCE_HEADS = (("thanh", "pho"), ("tinh",), ("tp",))
_LOCATOR_LINKS = frozenset({"thuoc", "o"})


def strip_provinces(question: str, provinces: Sequence[str]) -> str:
    """Drop "tỉnh Y" / "thành phố Y" (and a "thuộc" before it) naming one of these provinces:
    the province of a commune the question names says where it is, it is not a topic word
    ("xã A, tỉnh Thái Nguyên còn bao nhiêu xóm…")."""
    keys = sorted(
        {tuple(province_key(p).split()) for p in provinces if province_key(p)},
        key=len,
        reverse=True,
    )
    if not keys:
        return question
    toks = words_exact(question)
    folded = [fold(t) for t in toks]
    out: list[str] = []
    i = 0
    while i < len(toks):
        n = 0
        for head in _PROVINCE_HEADS:
            if tuple(folded[i : i + len(head)]) != head:
                continue
            j = i + len(head)
            key = next((k for k in keys if tuple(folded[j : j + len(k)]) == k), None)
            if key:
                n = len(head) + len(key)
                break
        if n:
            if out and fold(out[-1]) in _LOCATOR_LINKS:
                out.pop()
            i += n
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out)


class AnalyseStage:
    """Question -> Analysis. Restores missing diacritics first, then reads the question."""

    def __init__(
        self,
        restorer: DiacriticRestorer | None,
        communes: list[str],
        provinces: Mapping[str, Sequence[str]] | None = None,
        known: Callable[[str], int] | None = None,
    ) -> None:
        if restorer is not None and not hasattr(restorer, "restore"):
            raise TypeError("restorer must have a restore(text) method")
        if not isinstance(communes, list) or not all(isinstance(c, str) for c in communes):
            raise TypeError("communes must be a list of names")
        self.restorer = restorer
        self.communes = communes
        self.provinces = provinces or {}  # commune name -> the provinces that have it
        # How many plan passages write a word exactly so (0: never, e.g. a mistyped tone).
        self.known = known
        self.initials = CommuneInitials(communes, known)

    def _mistyped(self, word: str) -> bool:
        """A marked word no plan writes so though its plain letters are a plan's word: a
        mistyped tone ("đinh danh" for "định danh"). Abbreviations (no vowel) are left."""
        if self.known is None or len(word) < 3 or not _VOWEL_RE.search(fold(word)):
            return False
        return self.known(word.lower()) == 0

    def run(self, question: Question) -> Analysis:
        text = without_document_remarks(question.text)
        knows = getattr(self.restorer, "knows", None)  # a restorer built from the corpus
        if knows is not None:
            text = mend_typos(text, knows)  # "thịhn" → "thịnh"
        # "kh hlt ban hành ngày nào": a commune typed as its initials is written out in full
        text = self.initials.spelled_out(text, detect_communes(text, self.communes))
        if self.restorer and not has_diacritics(text):
            text = self.restorer.restore(text)
        elif self.restorer:
            # Typed plain but for a word or two ("năm 2025 my loi bac bao nhieu ap"): the plain
            # words are restored too, the marked ones kept; a mistyped tone is restored.
            names = [c for c in self.communes if c]
            mostly_plain = marked_share(text, names) <= load_thresholds().plain_max_marked_share
            # a capitalised word is a name ("Hòa Bình"), never a mistyped tone
            names_typed = {w.lower() for w in words_exact(text) if w[:1].isupper()}

            def mistyped(word: str) -> bool:
                return word not in names_typed and self._mistyped(word)

            text = self.restorer.restore(text, keep_marked=mostly_plain, mistyped=mistyped)
        if text != question.text:  # also when only a remark was dropped: harmless
            text = names_as_written(text, self.communes)
        info = analyse(text, self.communes)
        analysis = Analysis(question=question, info=info)
        chosen = question.commune.strip() if question.commune else ""
        if chosen:
            resolved = resolve_commune(chosen, self.communes)
            if resolved is None:
                analysis.unknown_commune = chosen
            elif resolved not in info.communes and not info.communes:
                info.communes = [resolved]
        info.text_for_terms = strip_names(info.plain or info.text, self.communes)
        located = [p for c in info.communes for p in self.provinces.get(c, ())]
        if located:
            info.text_for_terms = strip_provinces(info.text_for_terms, located)
        if asks_own_number(info.text):
            info.text_for_terms = without_plan_description(info.text_for_terms)
        analysis.guide_terms = query_terms(info.text_for_terms, set(DROP_WORDS | HOWTO_WORDS))
        analysis.plan_intent = bool(info.communes) or bool(_PLAN_INTENT_RE.search(fold(info.text)))
        if (
            info.howto
            and info.communes
            and analysis.plan_intent
            and (info.wants_number or info.wants_agency)
        ):
            info.howto = False  # "xã X đã kích hoạt bao nhiêu…" is about the plan, not a how-to
        return analysis
