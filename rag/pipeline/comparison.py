"""Answer strategy: a comparison of named communes, answered one commune at a time.

Each commune gets the answer the single-commune path gives for the same question asked about
that commune alone (records for targets and budgets, the document card, else the best passage);
the strategy keeps that answer's direct line and its citations and lays the communes side by
side. A commune whose plan does not state it gets a "không nêu" line, never a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rag.compose import CONFLICT_NOTE, MAX_ANSWER_CHARS, Citation
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.retrieve import RetrieveStage
from rag.pipeline.route import RouteStage
from rag.pipeline.types import COMPARISON, Analysis, Draft, Evidence, Question, Route
from rag.text import fold, nfc

# (analysis, route, evidence) -> draft: the answer stage's own run, for one commune.
AnswerOne = Callable[[Analysis, Route, Evidence], Draft]
# commune -> the plan's conflicting target pairs (rag.tables.store.TableStore.conflicts).
ConflictsOf = Callable[[str], list[dict]]

# Words that ask for a comparison; the question about one commune goes without them.
_COMPARE_RE = re.compile(
    r"(?<![a-z0-9])(so sanh|khac nhau|moi ben|ca hai xa|hai xa|giua)(?![a-z0-9])"
)
# Words joining two commune names ("A và B", "A so với B", "A vs B", "A, còn B").
_JOINS = r"va|voi|so voi|vs|con|hay|hoac"
_JOIN_BEFORE_RE = re.compile(rf"(?:\s*[,;]|(?:^|\s+)(?:{_JOINS}))+\s*$")
_JOIN_AFTER_RE = re.compile(rf"^(?:\s*[,;]|\s*(?:{_JOINS})(?![a-z0-9]))+\s*")
_DANGLING_RE = re.compile(rf"(?:\s*[,;:]|(?:^|\s+)(?:{_JOINS}|cua|o|tai))+\s*$")
_QUESTION_CUE_RE = re.compile(
    r"(?<![a-z0-9])(bao nhieu|the nao|ra sao|la gi|nao|ai|khi nao|bao gio|may|gi|sao)(?![a-z0-9])"
)
# "kế hoạch của kế hoạch của B" (left after dropping "A và"): the phrase once.
_REPEAT_RE = re.compile(r"(?i)\b(\w+(?:\s+\w+){0,5})\s+\1\b")
_FACT_RE = re.compile(r"\d")
# A record's row number ("TT 6.1:", "STT: 2") is not a fact the question asks for.
_ORDINAL_RE = re.compile(r"\b(?:S?TT)\s*:?\s*[\d.]+:?")
_YEAR_AFTER_RE = re.compile(r"\s*,?\s*(?:nam\s+)?20\d\d(?![0-9])")
_HEAD_RE = re.compile(r"^Theo (?:kế hoạch|dự toán|tài liệu)(?: của xã [^,:]+)?[,:]\s*")
_TAIL_RE = re.compile(r"[.\s]*(?:Chi cho|Chi tiết):?\s*$")
_CITE_RE = re.compile(r"\[(\d+)\]")
_NOTE_START = CONFLICT_NOTE.split(":")[0]


@dataclass
class CommuneAnswer:
    """One commune's line of a comparison: its direct answer and the citations it uses."""

    commune: str
    text: str  # with local [n] markers into `citations`
    citations: list[Citation] = field(default_factory=list)
    stated: bool = True
    passages: list[Citation] = field(default_factory=list)
    direct: bool = False  # the single answer's own direct line, not a fallback quote


def question_for(text: str, commune: str, others: list[str], wants_number: bool) -> str:
    """The comparison question asked about `commune` alone: the other communes' names, the
    words joining them and the comparison words dropped; a question cue added if none is left."""
    text = " ".join(nfc(text).split())
    folded = fold(text)
    if len(folded) != len(text):  # cannot map positions back: work on the folded text
        text = folded
    for other in others:
        pattern = re.compile(
            rf"(?<![a-z0-9])(?:(?:xa|phuong|thi tran)\s+)?{re.escape(fold(other))}(?![a-z0-9])"
        )
        while True:
            folded = fold(text)
            m = pattern.search(folded)
            if m is None:
                break
            start, end = m.start(), m.end()
            own_year = _YEAR_AFTER_RE.match(folded[end:])  # "B 2026 đặt …": B's year, not A's
            if own_year is not None:
                end += own_year.end()
            before = _JOIN_BEFORE_RE.search(folded[:start])
            if before is not None and before.start() > 0:
                start = before.start()
            else:
                after = _JOIN_AFTER_RE.search(folded[end:])
                if after is not None:
                    end += after.end()
            text = (text[:start].rstrip() + " " + text[end:].lstrip()).strip()
    folded = fold(text)
    cut = [m.span() for m in _COMPARE_RE.finditer(folded)]
    for start, end in reversed(cut):
        text = text[:start] + text[end:]
    text = _REPEAT_RE.sub(r"\1", " ".join(text.split()))
    body = text.rstrip(" ?.!")
    dangling = _DANGLING_RE.search(fold(body))
    if dangling is not None and dangling.start() > 0:
        body = body[: dangling.start()]
    if fold(commune) not in fold(body):
        body = f"{body} của xã {commune}"
    if cut and wants_number and not _QUESTION_CUE_RE.search(fold(body)):
        body += " là bao nhiêu"
    return body.strip() + "?"


class ComparisonStrategy:
    """(Analysis of a question naming several communes) -> Draft with one line per commune.

    The single-commune answer comes from the pipeline's own stages: `analyse`, `route` and
    `retrieve` here, and the answer stage's run passed to `run`. `conflicts` (optional) gives a
    plan's conflicting target values so both are shown.
    """

    def __init__(
        self,
        analyse: AnalyseStage,
        route: RouteStage,
        retrieve: RetrieveStage,
        conflicts: ConflictsOf | None = None,
        max_chars: int = MAX_ANSWER_CHARS,
        max_communes: int = 5,
    ) -> None:
        for name, value, kind in (
            ("analyse", analyse, AnalyseStage),
            ("route", route, RouteStage),
            ("retrieve", retrieve, RetrieveStage),
        ):
            if not isinstance(value, kind):
                raise TypeError(f"{name} must be a {kind.__name__}")
        if conflicts is not None and not callable(conflicts):
            raise TypeError("conflicts must be a callable commune -> list of conflicts")
        if max_chars < 300:
            raise ValueError("max_chars must be at least 300")
        self.analyse = analyse
        self.route = route
        self.retrieve = retrieve
        self.conflicts = conflicts
        self.max_chars = max_chars
        self.max_communes = max_communes

    # ------------------------------------------------------------------ entry
    def run(self, analysis: Analysis, answer_one: AnswerOne) -> Draft | None:
        communes = analysis.info.communes[: self.max_communes]
        if len(communes) < 2:
            return None
        answers = [self.answer_for(analysis, c, communes, answer_one) for c in communes]
        if not any(a.stated for a in answers):
            return None
        return self.render(answers, communes)

    def answer_for(
        self, analysis: Analysis, commune: str, communes: list[str], answer_one: AnswerOne
    ) -> CommuneAnswer:
        """The single-commune answer for `commune`, reduced to its direct line."""
        others = [c for c in communes if c != commune]
        text = question_for(analysis.question.text, commune, others, analysis.info.wants_number)
        found, sub = self._single(text, commune, answer_one)
        years = sub.info.years if sub is not None else []
        # The first answer already quotes a value for the asked year: no need to ask again.
        kept = (
            found.stated and any(y in found.text for y in years) and _has_value(found.text, years)
        )
        if not found.direct and years and not kept and self._plan_is_for(commune, years, found):
            # The plan is itself for the asked year, so its targets do not repeat the year:
            # the same question without it finds the plan's own target sentence.
            again, _ = self._single(_without_years(text, years), commune, answer_one)
            if again.stated:
                found = again
        if found.stated and self.conflicts is not None:
            add_conflict(found, self.conflicts(commune), years)
        return found

    def _single(
        self, text: str, commune: str, answer_one: AnswerOne
    ) -> tuple[CommuneAnswer, Analysis | None]:
        """The single-commune path (analyse → route → retrieve → answer) with the commune fixed."""
        sub = self.analyse.run(Question(text, commune))
        sub.info.communes = [commune]
        route = self.route.run(sub)
        if route.refusal or COMPARISON in route.strategies:
            return not_stated(commune), sub
        draft = answer_one(sub, route, self.retrieve.run(sub, route))
        wants_fact = sub.info.wants_number or sub.info.wants_date
        return direct_line(draft, commune, wants_fact), sub

    def _plan_is_for(self, commune: str, years: list[str], found: CommuneAnswer) -> bool:
        """True when the commune's plan title names every asked year (a plan for that year)."""
        titles = [c.meta.get("title", "") for c in self.retrieve.cards.get(commune, [])]
        titles += [c.title for c in found.citations]
        return any(t and all(y in t for y in years) for t in titles)

    # ----------------------------------------------------------------- render
    def render(self, answers: list[CommuneAnswer], communes: list[str]) -> Draft:
        cites: list[Citation] = []
        index: dict[tuple[str, str, str, str], int] = {}
        lines: list[str] = []
        for a in answers:

            def renumber(m: re.Match[str], a: CommuneAnswer = a) -> str:
                c = a.citations[int(m.group(1)) - 1]
                key = (c.doc_id, c.commune, c.section, c.quote)
                if key not in index:
                    cites.append(c)
                    index[key] = len(cites)
                return f"[{index[key]}]"

            lines.append(f"• Xã {a.commune}: " + _CITE_RE.sub(renumber, a.text))
        head = "So sánh theo kế hoạch của từng xã:"
        sources = _sources(cites)
        budget = self.max_chars - len(head) - len("\n\nNguồn:\n" + "\n".join(sources)) - 2
        lines = _fit_lines(lines, budget)
        passages = [p for a in answers for p in a.passages]
        return Draft(
            "\n".join([head, *lines]),
            False,
            cites,
            communes=list(communes),
            sources=sources,
            passages=passages,
            strategy=COMPARISON,
        )


def not_stated(commune: str) -> CommuneAnswer:
    return CommuneAnswer(
        commune, f"Kế hoạch của xã {commune} không nêu nội dung này.", stated=False
    )


def direct_line(draft: Draft, commune: str, wants_fact: bool = False) -> CommuneAnswer:
    """The direct answer of a single-commune draft (without its heading and quotes), with the
    citations it uses; the plan's conflicting quotes and note are kept when the draft has them."""
    if draft.refused or not draft.citations:
        return not_stated(commune)
    body = draft.body.split("\n\nNguồn:")[0]
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    first = _TAIL_RE.sub("", _HEAD_RE.sub("", lines[0])).strip() if lines else ""
    rest = [ln for ln in lines[1:] if not _TAIL_RE.fullmatch(ln)]
    quotes = [ln.lstrip("•0123456789. ").strip() for ln in rest if _CITE_RE.search(ln)]
    if wants_fact:  # a number or date asked: the first quote that holds one comes first
        with_fact = [q for q in quotes if _FACT_RE.search(_ORDINAL_RE.sub("", _CITE_RE.sub("", q)))]
        quotes = with_fact + [q for q in quotes if q not in with_fact]
    note = next((ln for ln in rest if ln.startswith(_NOTE_START)), "")
    direct = bool(first and _CITE_RE.search(first))
    if direct:
        parts = [_end_sentence(first)]
        if note:  # two values in one plan: both quotes and the note
            parts += [q for q in quotes if q not in first][:2] + [note]
    elif quotes:
        parts = ([first.rstrip(" :") + ":"] if first else []) + quotes[: 3 if first else 1]
        if note:
            parts += quotes[1:2] + [note]
    else:
        return not_stated(commune)
    text = " ".join(dict.fromkeys(parts))
    used = sorted({int(n) for n in _CITE_RE.findall(text)})
    if not used or used[-1] > len(draft.citations):
        return not_stated(commune)
    remap = {old: new for new, old in enumerate(used, 1)}
    text = _CITE_RE.sub(lambda m: f"[{remap[int(m.group(1))]}]", text)
    cites = [draft.citations[n - 1] for n in used]
    return CommuneAnswer(commune, text, cites, True, list(draft.passages), direct)


def _has_value(text: str, years: list[str]) -> bool:
    """True when `text` holds a number besides the years, citation markers and row numbers."""
    bare = _ORDINAL_RE.sub("", _CITE_RE.sub("", text))
    for year in years:
        bare = bare.replace(year, "")
    return bool(_FACT_RE.search(bare))


def _without_years(text: str, years: list[str]) -> str:
    """The question without the asked years ("năm 2026", "2026")."""
    for year in years:
        text = re.sub(rf"(?i)\b(?:(?:năm|nam)\s+)?{year}\b", " ", text)
    return " ".join(text.split())


def _end_sentence(text: str) -> str:
    """One full stop at the end, after the citation markers ("… 75. [1]." -> "… 75 [1].")."""
    m = re.search(r"[\s.]*((?:\s*\[\d+\])+)[\s.]*$", text)
    if m is None:
        return text.rstrip(" .") + "."
    return text[: m.start()].rstrip(" .") + " " + m.group(1).strip() + "."


def add_conflict(found: CommuneAnswer, conflicts: list[dict], years: list[str]) -> None:
    """When a cited record is one side of a conflict (same indicator, same year, two values in
    one plan), add the other side's quote and the conflict note."""
    if CONFLICT_NOTE in found.text:
        return
    quotes = {c.quote for c in found.citations}
    for conflict in conflicts:
        if years and conflict.get("year") not in years:
            continue
        for mine, other in (("a", "b"), ("b", "a")):
            if conflict[mine].get("quote") in quotes:
                side = conflict[other]
                base = found.citations[0]
                found.citations.append(
                    Citation(
                        conflict.get("doc_id", base.doc_id),
                        base.title,
                        base.commune,
                        base.province,
                        side.get("section", ""),
                        side.get("quote", ""),
                    )
                )
                n = len(found.citations)
                found.text = (
                    f"{found.text} Phần khác của kế hoạch nêu: «{side.get('quote', '')}» [{n}]. "
                    f"{CONFLICT_NOTE}"
                )
                return


def _sources(cites: list[Citation]) -> list[str]:
    out = []
    seen: set[str] = set()
    for n, c in enumerate(cites, 1):
        title = c.title if len(c.title) <= 60 else c.title[:59] + "…"
        if c.doc_id in seen:
            title = "cùng văn bản"
        seen.add(c.doc_id)
        section = c.section.split(" › ")[-1]
        section = section if len(section) <= 60 else section[:59] + "…"
        where = f"xã {c.commune}" if c.commune and title != "cùng văn bản" else ""
        out.append(f"[{n}] " + " — ".join(p for p in (title, where, section) if p))
    return out


def _fit_lines(lines: list[str], budget: int) -> list[str]:
    """Shorten the longest lines' text (never their [n] markers) until all fit in budget."""
    lines = list(lines)
    while sum(len(ln) + 1 for ln in lines) > budget:
        i = max(range(len(lines)), key=lambda j: len(lines[j]))
        over = sum(len(ln) + 1 for ln in lines) - budget
        markers = " ".join(dict.fromkeys(_CITE_RE.findall(lines[i])))
        markers = " ".join(f"[{n}]" for n in markers.split())
        content = _CITE_RE.sub("", lines[i])
        content = " ".join(content.split())
        keep = max(60, len(content) - over - 2)
        if keep >= len(content):
            break
        cut = content[: keep - 1]
        space = cut.rfind(" ")
        content = (cut[:space] if space > keep * 0.6 else cut) + "…"
        lines[i] = f"{content} {markers}"
    return lines
