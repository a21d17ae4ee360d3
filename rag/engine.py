"""The one engine object shared by CLI, API, bot and eval."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Mapping
from functools import cached_property, lru_cache
from pathlib import Path

from rag.answer import Answer
from rag.communes import CommuneDirectory, CommuneRef, commune_id, which_province
from rag.compose import AnswerComposer
from rag.corpus_views import CorpusViews, build_views, open_views, views_dir
from rag.embedders import Embedder, embed_options, make_embedder
from rag.index import ChromaIndex, IndexError_, StoredChunk
from rag.legal_cards import DOC_TYPE as LEGAL_DOC_TYPE
from rag.legal_cards import (
    FACTS_FILE,
    CardError,
    LegalLibrary,
    cards_from_chunks,
    load_registry_facts,
)
from rag.pipeline import (
    AnalyseStage,
    AnswerStage,
    CheckStage,
    LLMStrategy,
    Pipeline,
    Question,
    RenderStage,
    RetrieveStage,
    RouteStage,
)
from rag.pipeline.analyse import resolve_commune
from rag.pipeline.comparison import ComparisonStrategy
from rag.pipeline.guide import GuideStrategy
from rag.pipeline.legal_basis import LegalBasisStrategy
from rag.pipeline.legal_card import LegalCardStrategy
from rag.pipeline.outline import (
    OutlineStrategy,
    section_children,
    section_items,
    table_groups,
)
from rag.pipeline.passages import PassagesStrategy
from rag.pipeline.policy import load_policy
from rag.pipeline.records import RecordsStrategy
from rag.pipeline.refusals import CONTACT, Refusals
from rag.pipeline.scope import ScopeStrategy
from rag.pipeline.years import PlanYears
from rag.retriever import Hit, HybridRetriever
from rag.settings import Settings
from rag.text import nfc

MAX_QUESTION_CHARS = 1000

__all__ = ["CONTACT", "Answer", "Engine", "QuestionError", "get_engine", "validate_question"]


class QuestionError(ValueError):
    """Invalid question (message is Vietnamese, shown to the user)."""


def validate_question(question: object) -> str:
    if not isinstance(question, str):
        raise QuestionError("Câu hỏi phải là một chuỗi văn bản.")
    if "\x00" in question:
        raise QuestionError("Câu hỏi chứa ký tự không hợp lệ.")
    text = nfc(question).strip()
    if not text:
        raise QuestionError("Vui lòng nhập câu hỏi.")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"Câu hỏi quá dài (tối đa {MAX_QUESTION_CHARS} ký tự).")
    return text


class Engine:
    """Loads the index once; answers questions with cited passages."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        index: ChromaIndex | None = None,
        llm: LLMStrategy | None = None,
    ) -> None:
        self.settings = settings
        # The store first: when a Chroma server is unreachable this fails before a model loads.
        self.index = index or ChromaIndex.from_settings(settings)
        self.embedder = embedder or make_embedder(settings.embed_model, **embed_options(settings))
        self._lock = threading.Lock()
        self.generation = ""
        self.retriever: HybridRetriever | None = None
        self.composer: AnswerComposer | None = None
        self.communes: list[str] = []
        self.provinces: dict[str, str] = {}
        self.directory = CommuneDirectory([])
        # The optional LLM answer strategy (rag.llm), configured from TROLY_LLM_* settings.
        self._llm = llm if llm is not None else LLMStrategy.from_settings(settings)
        self.pipeline: Pipeline | None = None
        self.tables = None
        self.stale = ""  # documents read by an older reader (rag.reader_version), if any
        self._last_check = 0.0
        self._reloading: threading.Thread | None = None
        self.reload()

    # ----------------------------------------------------------------- loading
    def reload(self) -> None:
        ptr = self.index.current()
        if ptr is None:
            raise IndexError_(
                "Chưa có chỉ mục dữ liệu: hãy chạy `troly ingest` trước. / No index yet: run `troly ingest`."
            )
        if ptr.get("embedder") != self.embedder.name or int(ptr.get("dim", 0)) != self.embedder.dim:
            raise IndexError_(
                f"Chỉ mục được tạo bằng bộ nhúng '{ptr.get('embedder')}' ({ptr.get('dim')} chiều), khác bộ "
                f"nhúng hiện tại '{self.embedder.name}' ({self.embedder.dim} chiều): hãy chạy lại "
                "`troly ingest`. / Index built with a different embedder: re-ingest."
            )
        self.index.refresh()
        name = ptr.get("views") or ptr.get("current", "")
        views = self._open_views(name)
        store = views.store
        refs = [CommuneRef(cid or commune_id(n, p), n, p) for cid, n, p in store.communes()]
        directory = CommuneDirectory(refs)
        ids: dict[str, list[str]] = {}
        for r in directory.refs:
            ids.setdefault(r.name, []).append(r.commune_id)
        retriever = HybridRetriever(self.index, self.embedder, store, views.lexical, ids)
        stats = views.plan_stats
        composer = AnswerComposer(
            retriever.bm25.term_idf, exact_idf=stats.idf, exact_df=stats.df, exact_near=stats.near
        )
        guide_chunks = group_guides(store.of_type("guide"))
        communes = sorted(ids)
        state = {
            "store": store,
            "retriever": retriever,
            "restorer": views.restorer,
            "guide_stats": views.guide_stats,
            "composer": composer,
            "communes": communes,
            "directory": directory,
            "provinces": {r.name: r.province for r in directory.refs},
            "tables": self._load_tables(),
            "legal_cards": cards_from_chunks(store.of_type(LEGAL_DOC_TYPE)),
            "guide_chunks": guide_chunks,
            "_guide_texts": [
                (doc, doc[0].meta.get("title", ""), "\n".join(c.text for c in doc))
                for doc in guide_chunks.values()
            ],
            "_cards": PerCommune(lambda c: store.commune_chunks(c, "card"), communes),
            "_items": PerCommune(
                lambda c: section_items(store.commune_chunks(c, "text"), c), communes
            ),
            "_texts": PerCommune(lambda c: store.commune_chunks(c, "text"), communes),
            "_rows": PerCommune(lambda c: store.commune_chunks(c, "row"), communes),
            "_groups": PerCommune(
                lambda c: table_groups(store.commune_chunks(c, "row"), c), communes
            ),
            "_outlines": PerCommune(
                lambda c: section_children(store.commune_chunks(c, "text"), c), communes
            ),
            "_years": PlanYears(store.years),
        }
        tables = state["tables"]
        if tables is not None:  # index the plans' legal mentions here, not on a first question
            tables.legal_mentions("")
        state["legal"] = LegalLibrary(
            state.pop("legal_cards"),
            tables.legal_bases if tables is not None else list,
            self._registry_facts(),
        )
        state["pipeline"] = self._build_pipeline(state)
        state["stale"] = self._stale(store)
        with self._lock:  # one swap: a request sees the old state or the new one
            for key, value in state.items():
                setattr(self, key, value)
            self.generation = name

    @staticmethod
    def _stale(store) -> str:
        """What to tell an operator when documents served were read by an older version of the
        reader code (rag.reader_version); "" when every one is current."""
        from rag.reader_version import stale_documents, stale_message

        stored = store.documents()
        stale = stale_documents(stored)
        if not stale:
            return ""
        message = stale_message(len(stale), len(stored))
        logging.getLogger("troly.engine").warning("%s", message)
        return message

    def _registry_facts(self) -> list:
        """Reviewed facts of cited documents with no card (corpus/legal/registry_facts.yaml)."""
        try:
            return load_registry_facts(Path(self.settings.corpus_dir) / "legal" / FACTS_FILE)
        except CardError as exc:  # a bad file leaves the plans' own lines, never stops answers
            logging.getLogger(__name__).warning("registry facts skipped: %s", exc)
            return []

    @property
    def chunks(self) -> list[StoredChunk]:
        """Every chunk of the generation served (admin tools and tests; reads the whole store:
        serving paths use the per-commune / per-document reads below)."""
        return list(self.store.iter_all())

    @property
    def chunk_count(self) -> int:
        return len(self.store)

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        return self.store.doc_chunks(doc_id)

    def document_heads(self) -> list[tuple[StoredChunk, int]]:
        """(first chunk, chunk count) of every document."""
        return self.store.document_heads()

    def commune_chunks(self, commune_id: str) -> list[StoredChunk]:
        return self.store.commune_id_chunks(commune_id)

    def plan_chunks(self, commune: str, kind: str | None = None) -> list[StoredChunk]:
        """One commune's plan chunks (all, or of one kind: "row", "text", "card"), index order;
        read from the chunk store, so it costs one commune, not the corpus."""
        return [
            c for c in self.store.commune_chunks(commune, kind) if c.meta.get("doc_type") == "plan"
        ]

    def _open_views(self, name: str) -> CorpusViews:
        """The corpus views stored at ingest for this generation; built and stored here once if
        the index was written without them (an older version, a shared Chroma server)."""
        directory = views_dir(self.settings.data_dir, name)
        views = open_views(directory)
        if views is None:
            chunks, _ = self.index.load_all()
            build_views(directory, chunks)
            views = open_views(directory)
        if views is None:
            raise IndexError_("Không mở được chỉ mục từ khoá. / Could not open the lexical index.")
        return views

    def _build_pipeline(self, state: dict) -> Pipeline:
        """The answer stages over one index generation's views (`state`, see reload)."""
        refusals = Refusals(state["communes"], state["provinces"])
        policy = load_policy()
        tables = state["tables"]
        composer = state["composer"]
        located: dict[str, list[str]] = {}
        for ref in state["directory"].refs:
            if ref.province:
                located.setdefault(ref.name, []).append(ref.province)
        analyse = AnalyseStage(state["restorer"], state["communes"], located, composer.exact_df)
        route = RouteStage(state["_years"], tables is not None, policy, state["legal"])
        retrieve = RetrieveStage(
            state["retriever"].retrieve, composer.coverage, state["_guide_texts"], state["_cards"]
        )
        comparison = ComparisonStrategy(
            analyse, route, retrieve, tables.conflicts if tables is not None else None,
            composer.max_chars,
        )  # fmt: skip
        return Pipeline(
            analyse=analyse,
            route=route,
            retrieve=retrieve,
            answer=AnswerStage(
                refusals,
                GuideStrategy(composer, state["guide_stats"]),
                OutlineStrategy(
                    composer,
                    state["_outlines"],
                    items=state["_items"],
                    groups=state["_groups"],
                    texts=state["_texts"],
                    rows=state["_rows"],
                ),
                PassagesStrategy(composer, refusals),
                RecordsStrategy(tables, composer.max_chars) if tables is not None else None,
                ScopeStrategy(policy, refusals),
                comparison,
                LegalBasisStrategy(tables.bases, composer.max_chars, tables.legal_mentions)
                if tables is not None
                else None,
                LegalCardStrategy(state["legal"], composer.max_chars),
            ),
            render=RenderStage(composer.max_chars),
            check=CheckStage(),
            llm=self._llm,
        )

    def _load_tables(self):
        """The structured plan records (rag.tables); built from the index if missing."""
        from rag.tables.answer import TableAnswerer
        from rag.tables.build import rebuild_from_index

        path = Path(self.settings.data_dir) / "tables.sqlite"
        stale = not path.exists() or path.stat().st_mtime < self._generation_time()
        if stale and not self.settings.chroma_host:
            try:
                rebuild_from_index(self.settings, out=None)
            except Exception:  # noqa: BLE001 - the passage engine still answers without tables
                logging.getLogger("troly.engine").exception("could not build the table store")
                return None
        return TableAnswerer(path) if path.exists() else None

    def _generation_time(self) -> float:
        ptr = self.index.current() or {}
        try:
            return time.mktime(time.strptime(ptr.get("updated", ""), "%Y-%m-%dT%H:%M:%S"))
        except ValueError:
            return 0.0

    def refresh_if_changed(self, min_interval_s: float = 2.0) -> None:
        """Pick up a new index generation written by `troly ingest` (checked every 2 s at most)."""
        now = time.monotonic()
        if now - self._last_check < min_interval_s:
            return
        self._last_check = now
        ptr = self.index.current()
        name = (ptr.get("views") or ptr.get("current")) if ptr else None
        if name and name != self.generation:
            self._reload_in_background()

    def _reload_in_background(self) -> None:
        """Load the new generation in a thread; requests keep the current one until it swaps."""
        with self._lock:
            if self._reloading is not None and self._reloading.is_alive():
                return
            self._reloading = threading.Thread(target=self._safe_reload, name="troly-reload")
            self._reloading.daemon = True
            self._reloading.start()

    def _safe_reload(self) -> None:
        try:
            self.reload()
        except Exception:  # noqa: BLE001 - keep serving the generation already loaded
            logging.getLogger("troly.engine").exception("reload failed")

    def wait_reloaded(self, timeout: float = 60.0) -> None:
        """Block until a background reload (if any) is done (CLI, tests)."""
        thread = self._reloading
        if thread is not None:
            thread.join(timeout)

    def resolve_commune(self, name: str | None) -> str | None:
        """Canonical commune name for user input ("dan tien", "xã Dân Tiến"), or None if unknown."""
        return resolve_commune(name, self.communes)

    # ----------------------------------------------------------------- answers
    def ask(
        self, question: str, commune: str | None = None, commune_id: str | None = None
    ) -> Answer:
        started = time.perf_counter()
        text = validate_question(question)
        self.refresh_if_changed()
        if commune_id:
            ref = self.directory.by_id(commune_id)
            if ref is None:
                raise QuestionError(
                    f"Không có xã với mã «{commune_id}»: xem danh sách xã tại /v1/communes."
                )
            commune, commune_id = ref.name, ref.commune_id
        answer = None if commune_id else self._which_province(text, commune)
        if answer is None:
            if not commune_id:
                commune, commune_id = self._pinned(text, commune)
            ref = self.directory.by_id(commune_id) if commune_id else None
            shared = ref is not None and len(self.directory.named(ref.name)) > 1
            answer = self.pipeline.run(Question(text, commune, commune_id, shared))
        answer.latency_ms = (time.perf_counter() - started) * 1000
        answer.answer_id = uuid.uuid4().hex[:16]
        return answer

    def _pinned(self, text: str, commune: str | None) -> tuple[str | None, str | None]:
        """(commune, commune_id) when the question (or the chosen commune) names one commune
        whose name other provinces share, and its province: retrieval then stays in it."""
        if not self.directory.has_shared_names:
            return commune, None
        names = [commune] if commune else self.directory.shared_names_in(text)
        for name in names[:1]:
            ref = self.directory.resolve(name, text)
            if ref is not None and len(self.directory.named(name)) > 1:
                return commune, ref.commune_id
        return commune, None

    def _which_province(self, text: str, commune: str | None) -> Answer | None:
        """The "which province?" answer when the commune asked about exists in several
        provinces and the question names none of them."""
        if not self.directory.has_shared_names:
            return None
        names = (
            [commune] if commune else self.pipeline.analyse.run(Question(text, None)).info.communes
        )
        for name in names:
            refs = self.directory.ambiguous(name, text)
            if refs:
                return Answer(
                    which_province(refs[0].name, refs),
                    refused=False,
                    communes=[r.name for r in refs[:1]],
                    reason="which_province",
                )
        return None

    def search(self, query: str, commune: str | None = None, k: int = 8) -> list[Hit]:
        text = validate_question(query)
        self.refresh_if_changed()
        communes = [commune] if commune else None
        return self.retriever.retrieve(text, k=k, communes=communes)

    def best_guide(self, q_terms: list[str]) -> tuple[list[StoredChunk], float]:
        return self.pipeline.retrieve.best_guide(q_terms)

    # --------------------------------------------------------------------- LLM
    def configure_llm(
        self, settings: Settings | None = None, *, generator: object | None = None
    ) -> None:
        """The LLM answer strategy: from `settings` (TROLY_LLM_*; None = off), or a given
        rag.llm.GroundedGenerator (tests). Used by `troly eval --llm on/off`."""
        self._llm = (
            LLMStrategy(generator) if generator is not None else LLMStrategy.from_settings(settings)
        )
        if self.pipeline is not None:
            self.pipeline.llm = self._llm

    @property
    def generator(self):
        """The configured rag.llm.GroundedGenerator, or None when the LLM is off."""
        return self._llm.generator


class PerCommune(Mapping):
    """commune -> a view computed from the chunk store on first use (least recently used kept)."""

    def __init__(self, compute, communes: list[str], size: int = 256) -> None:
        self._get = lru_cache(maxsize=size)(compute)
        self._communes = communes

    def __getitem__(self, commune: str):
        if commune not in self._communes_set:
            raise KeyError(commune)
        return self._get(commune)

    @cached_property
    def _communes_set(self) -> frozenset[str]:
        return frozenset(self._communes)

    def __iter__(self):
        return iter(self._communes)

    def __len__(self) -> int:
        return len(self._communes)


def group_guides(chunks: list[StoredChunk]) -> dict[str, list[StoredChunk]]:
    """doc_id -> chunks of every how-to guide in the index (index order)."""
    docs: dict[str, list[StoredChunk]] = {}
    for c in chunks:
        if c.meta.get("doc_type") == "guide" and c.meta.get("doc_id"):
            docs.setdefault(str(c.meta["doc_id"]), []).append(c)
    return docs


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(settings: Settings) -> Engine:
    """One engine per process (per data directory / Chroma server)."""
    key = (
        f"{settings.data_dir}|{settings.chroma_host}|{settings.chroma_port}|{settings.embed_model}"
        f"|{settings.llm_base_url}|{settings.llm_model}"
    )
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = Engine(settings)
        return _ENGINES[key]
