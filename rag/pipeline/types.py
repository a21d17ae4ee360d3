"""Typed hand-offs between the pipeline stages (analyse → route → retrieve → answer → check → render)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.compose import Citation
from rag.index import StoredChunk
from rag.pipeline.policy import ScopeTarget
from rag.query import QueryInfo
from rag.retriever import Hit

# Strategies the route may choose, in the order the answer stage tries them.
GUIDE = "guide"
RECORDS = "records"
OUTLINE = "outline"
PASSAGES = "passages"
DOCUMENT = "document"  # document facts (title, signer, date): passages plus the document cards
COMPARISON = "comparison"
SCOPE = "scope"  # targets of a province/ministry: answered only when a passage states them
LEGAL_BASIS = "legal_basis"  # the documents a plan is based on (rag.tables.bases)
LEGAL_CARD = "legal_card"  # a national legal document by name: its card (rag.legal_cards)
ANSWER_STRATEGIES = (
    GUIDE,
    RECORDS,
    OUTLINE,
    SCOPE,
    PASSAGES,
    DOCUMENT,
    COMPARISON,
    LEGAL_BASIS,
    LEGAL_CARD,
)

# Refusals the route may decide before any retrieval.
REFUSE_UNKNOWN_COMMUNE = "unknown_commune"
REFUSE_YEAR = "year"
REFUSE_PRIVACY = "privacy"
REFUSALS = (REFUSE_UNKNOWN_COMMUNE, REFUSE_YEAR, REFUSE_PRIVACY)


@dataclass(frozen=True)
class Question:
    """A validated question (NFC, non-empty) and the commune the caller chose, if any
    (`commune_id` pins it to one province when several communes share the name)."""

    text: str
    commune: str | None = None
    commune_id: str | None = None
    shared_name: bool = False  # other provinces have a commune of that name

    @property
    def pinned_to_shared_name(self) -> bool:
        """Answered only from what is filtered by commune_id (the passages): the views keyed by
        commune name (table records, outlines, legal bases) would mix the provinces."""
        return bool(self.commune_id and self.shared_name)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError("Question.text must be a non-empty string")


@dataclass
class Analysis:
    """What the question asks: intent flags, communes, years, terms (rag.query.QueryInfo)."""

    question: Question
    info: QueryInfo
    guide_terms: list[str] = field(default_factory=list)
    plan_intent: bool = False
    unknown_commune: str = ""  # a commune chosen by the caller that no plan covers


@dataclass(frozen=True)
class Route:
    """Either a refusal decided up front, or the answer strategies to try in order."""

    refusal: str = ""  # one of REFUSALS, or ""
    strategies: tuple[str, ...] = ()
    place: str = ""  # the unknown place (unknown_commune)
    year: str = ""  # the year no plan covers (year)
    guide_strong_match_only: bool = False  # True: not a how-to; a guide wins on a strong match only
    scope: ScopeTarget | None = None  # the province/ministry whose targets were asked (scope)

    def __post_init__(self) -> None:
        if self.refusal and self.refusal not in REFUSALS:
            raise ValueError(f"unknown refusal {self.refusal!r}")
        if not self.refusal and not self.strategies:
            raise ValueError("a route needs a refusal or at least one strategy")
        if SCOPE in self.strategies and self.scope is None:
            raise ValueError("the scope strategy needs the asked authority")
        bad = [s for s in self.strategies if s not in ANSWER_STRATEGIES]
        if bad:
            raise ValueError(f"unknown strategies {bad}")


@dataclass(frozen=True)
class GuideMatch:
    chunks: list[StoredChunk]
    coverage: float


@dataclass
class Evidence:
    """What retrieval found for the route: the best guide, passage hits (per commune when
    comparing), document cards included."""

    guide: GuideMatch | None = None
    hits: list[Hit] = field(default_factory=list)
    hits_by_commune: dict[str, list[Hit]] | None = None


@dataclass
class Draft:
    """An answer before rendering: the direct answer and its source lines (without "Nguồn:")."""

    body: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    communes: list[str] = field(default_factory=list)
    reason: str = ""
    sources: list[str] = field(default_factory=list)
    passages: list[Citation] = field(default_factory=list)
    strategy: str = ""
