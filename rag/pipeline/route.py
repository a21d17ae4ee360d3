"""Stage 2 - route: decide how a question is answered (a refusal, or strategies to try in order)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rag.legal_cards import LegalLibrary
from rag.pipeline.legal_basis import read_question
from rag.pipeline.plan_lists import read_list_ask
from rag.pipeline.policy import Policy
from rag.pipeline.types import (
    COMPARISON,
    DOCUMENT,
    GUIDE,
    LEGAL_BASIS,
    LEGAL_CARD,
    OUTLINE,
    PASSAGES,
    RECORDS,
    REFUSE_PRIVACY,
    REFUSE_UNKNOWN_COMMUNE,
    REFUSE_YEAR,
    SCOPE,
    Analysis,
    Route,
)
from rag.pipeline.unit_list import asks_units
from rag.pipeline.years import PlanYears, all_years, asks_about_documents, own_years
from rag.text import fold

# "Ban X làm gì?", "nhiệm vụ gì": the duties written under a heading that names X.
_ASKS_DUTIES_RE = re.compile(r"\blam (?:nhung )?(?:gi|viec gi)\b|\bnhiem vu (?:gi|nao)\b")

# When something is due ("có thời hạn không", "bao giờ xong", "hoàn thành khi nào").
_DUE_RE = re.compile(
    r"\b(?:thoi han|han chot|co han(?! che)|moc thoi gian|xong|hoan thanh|ket thuc)\b"
)


class RouteStage:
    """Analysis -> Route.

    `text_by_commune` (commune -> all its plan text) tells which years a plan mentions;
    `records_available` says whether the structured table records (rag.tables) can be asked;
    `policy` (rag.pipeline.policy) finds requests for personal data and for the targets of an
    authority above the commune.
    """

    def __init__(
        self,
        text_by_commune: Mapping[str, str] | PlanYears,
        records_available: bool,
        policy: Policy | None = None,
        legal: LegalLibrary | None = None,
    ) -> None:
        if not isinstance(text_by_commune, (Mapping, PlanYears)):
            raise TypeError("text_by_commune must map commune -> text (or be PlanYears)")
        if policy is not None and not isinstance(policy, Policy):
            raise TypeError("policy must be a rag.pipeline.policy.Policy")
        self.text_by_commune = text_by_commune
        self.records_available = bool(records_available)
        self.policy = policy
        self.legal = legal  # names a national document with a card or a registry entry

    def run(self, analysis: Analysis) -> Route:
        info = analysis.info
        asked = analysis.question.text
        if self.policy is not None and self.policy.asks_personal_data(asked, info.communes):
            return Route(refusal=REFUSE_PRIVACY)
        if analysis.unknown_commune:
            return Route(refusal=REFUSE_UNKNOWN_COMMUNE, place=analysis.unknown_commune)
        if info.unknown_places and not info.communes:
            return Route(refusal=REFUSE_UNKNOWN_COMMUNE, place=info.unknown_places[0])
        strategies: list[str] = []
        if self.legal is not None and not info.communes and self.legal.resolve_question(asked):
            strategies.append(LEGAL_CARD)  # its years are the document's, not a plan's
        year = self.uncovered_year(info.years, info.communes, asks_about_documents(asked))
        if year and not strategies:
            return Route(refusal=REFUSE_YEAR, year=year)
        scope = self.policy.scope_target(asked, info.communes) if self.policy is not None else None
        if scope is not None:
            strategies.append(SCOPE)
        if info.howto or not analysis.plan_intent:
            strategies.append(GUIDE)
        single = len(info.communes) == 1
        if self.records_available and single and not info.wants_document:
            # Title, signer, date of the plan itself: a task row's deadline is not its date.
            strategies.append(RECORDS)
        if self.records_available and read_question(info.text, info.communes, asked) is not None:
            strategies.append(LEGAL_BASIS)
        lists = info.enumerate or read_list_ask(info.text, info.communes) is not None
        if (lists or _ASKS_DUTIES_RE.search(fold(asked)) or asks_units(asked)) and single:
            strategies.append(OUTLINE)  # answers only when the question names a heading
        due = single and _DUE_RE.search(fold(info.text)) is not None
        if due and GUIDE in strategies and RECORDS in strategies:
            # "xã X hướng dẫn dân dùng sổ sức khỏe điện tử có thời hạn không": when a task of
            # that commune's plan is due; the records answer only a task they name.
            strategies.remove(RECORDS)
            strategies.insert(strategies.index(GUIDE), RECORDS)
        if len(info.communes) > 1:
            strategies.append(COMPARISON)
        else:
            strategies.append(DOCUMENT if info.wants_document else PASSAGES)
        return Route(
            strategies=tuple(strategies), guide_strong_match_only=not info.howto, scope=scope
        )

    def uncovered_year(
        self, years: list[str], communes: list[str], about_documents: bool = False
    ) -> str:
        """The first asked year that no plan in scope mentions, or "".

        A year only named in the titles of documents a plan cites ("Căn cứ Quyết định … đến năm
        2030") is not covered, unless the question is about those documents."""
        if not years:
            return ""
        if isinstance(self.text_by_commune, PlanYears):
            sets = self.text_by_commune.sets(communes, about_documents)
            return next((y for y in years if not any(y in s for s in sets)), "")
        plan_years = all_years if about_documents else own_years
        blobs = (
            [self.text_by_commune.get(c, "") for c in communes]
            if communes
            else list(self.text_by_commune.values())
        )
        for year in years:
            if not any(year in plan_years(blob) for blob in blobs):
                return year
        return ""
