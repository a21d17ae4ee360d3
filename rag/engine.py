"""The one engine object shared by CLI, API, bot and eval."""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from rag.compose import AnswerComposer, Citation, query_terms, strip_names
from rag.diacritics import DiacriticRestorer
from rag.embedders import Embedder, make_embedder
from rag.index import ChromaIndex, IndexError_, StoredChunk
from rag.query import QueryInfo, analyse
from rag.retriever import Hit, HybridRetriever
from rag.settings import Settings
from rag.termstats import ExactTermStats
from rag.text import fold, nfc

MAX_QUESTION_CHARS = 1000
GUIDE_MIN_COVERAGE = 0.45
HOWTO_WORDS = {"lam", "sao", "cach", "huong", "dan", "nao", "the", "buoc", "nhu"}
_PLAN_INTENT_RE = re.compile(
    r"\b(bao nhieu|ty le|chi tieu|chu tri|phoi hop|ke hoach|kinh phi|can cu|muc tieu|du toan|"
    r"nhiem vu|ket qua|nam 20\d\d|xa |phong |uy ban)"
)
CONTACT = "UBND xã hoặc Tổ công nghệ số cộng đồng ở thôn, xóm"


class QuestionError(ValueError):
    """Invalid question (message is Vietnamese, shown to the user)."""


@dataclass
class Answer:
    answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    answer_id: str = ""
    communes: list[str] = field(default_factory=list)
    reason: str = ""
    # Full text of the passages the answer was composed from (for an optional LLM rewrite).
    passages: list[Citation] = field(default_factory=list)
    generated: bool = False
    prompt_version: str = ""  # set when an LLM wrote the answer (see rag.llm)

    def as_dict(self) -> dict:
        return {
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.as_dict() for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
            "answer_id": self.answer_id,
        }


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
        self, settings: Settings, embedder: Embedder | None = None, index: ChromaIndex | None = None
    ) -> None:
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embed_model)
        self.index = index or ChromaIndex.from_settings(settings)
        self._lock = threading.Lock()
        self.generation = ""
        self.chunks: list[StoredChunk] = []
        self.retriever: HybridRetriever | None = None
        self.composer: AnswerComposer | None = None
        self.communes: list[str] = []
        self.provinces: dict[str, str] = {}
        # Optional post-processor (see rag.llm): Answer -> Answer, must keep grounding.
        self.generator = None
        self.tables = None
        self._last_check = 0.0
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
        chunks, _ = self.index.load_all()
        with self._lock:
            self.chunks = chunks
            self.retriever = HybridRetriever(self.index, self.embedder, chunks)
            stats = ExactTermStats([f"{c.meta.get('section', '')}\n{c.text}" for c in chunks])
            self.restorer = DiacriticRestorer([c.text for c in chunks])
            self.guide_stats = ExactTermStats(
                [
                    f"{c.meta.get('title', '')}\n{c.text}"
                    for c in chunks
                    if c.meta.get("doc_type") == "guide"
                ]
            )
            self.composer = AnswerComposer(
                self.retriever.bm25.term_idf, exact_idf=stats.idf, exact_df=stats.df
            )
            self.communes = sorted({c.meta.get("commune", "") for c in chunks} - {""})
            self.provinces = {
                c.meta["commune"]: c.meta.get("province", "")
                for c in chunks
                if c.meta.get("commune")
            }
            self.generation = ptr.get("current", "")
            self.tables = self._load_tables(chunks)
            self.guide_chunks = group_guides(chunks)
            self._guide_texts = [
                (doc, doc[0].meta.get("title", ""), "\n".join(c.text for c in doc))
                for doc in self.guide_chunks.values()
            ]
            self._cards: dict[str, list[StoredChunk]] = {}
            for c in chunks:
                if c.meta.get("kind") == "card" and c.meta.get("commune"):
                    self._cards.setdefault(c.meta["commune"], []).append(c)
            by_commune: dict[str, list[str]] = {}
            prose: dict[str, list[StoredChunk]] = {}
            for c in chunks:
                by_commune.setdefault(c.meta.get("commune", ""), []).append(
                    f"{c.text}\n{c.meta.get('section', '')}"
                )
                if c.meta.get("kind") == "text":
                    prose.setdefault(c.meta.get("commune", ""), []).append(c)
            self._text_by_commune = {k: "\n".join(v) for k, v in by_commune.items()}
            # One pass over the chunks, not one per commune (quadratic at a province's scale).
            self._outlines = {
                commune: _section_children(prose.get(commune, [])) for commune in self.communes
            }

    def _load_tables(self, chunks: list[StoredChunk]):
        """The structured plan records (rag.tables); built from the index if missing."""
        from rag.tables.answer import TableAnswerer
        from rag.tables.build import rebuild_from_index

        path = Path(self.settings.data_dir) / "tables.sqlite"
        stale = not path.exists() or path.stat().st_mtime < self._generation_time()
        if stale and not self.settings.chroma_host:
            try:
                rebuild_from_index(self.settings, out=None, chunks=chunks)
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
        if ptr and ptr.get("current") != self.generation:
            self.reload()

    def resolve_commune(self, name: str | None) -> str | None:
        """Canonical commune name for user input ("dan tien", "xã Dân Tiến"), or None if unknown."""
        if not name:
            return None
        key = re.sub(r"^(xa|phuong|thi tran)\s+", "", fold(name).strip())
        for commune in self.communes:
            if fold(commune) == key:
                return commune
        return None

    # ----------------------------------------------------------------- answers
    def ask(self, question: str, commune: str | None = None) -> Answer:
        started = time.perf_counter()
        text = validate_question(question)
        self.refresh_if_changed()
        answer = self._answer(text, commune)
        if self.generator is not None and not answer.refused:
            answer = self.generator.maybe_generate(text, answer)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        answer.answer_id = uuid.uuid4().hex[:16]
        return answer

    def _answer(self, text: str, commune: str | None) -> Answer:
        info = analyse(self.restorer.restore(text), self.communes)
        if commune is not None and commune.strip():
            resolved = self.resolve_commune(commune)
            if resolved is None:
                return self._unknown_commune(commune.strip())
            if resolved not in info.communes:
                info.communes = [resolved, *info.communes] if not info.communes else info.communes
        if info.unknown_places and not info.communes:
            return self._unknown_commune(info.unknown_places[0])
        missing_year = self._uncovered_year(info)
        if missing_year:
            return self._refuse(
                f"Các kế hoạch{self._of(info)} không đề cập chỉ tiêu hay nhiệm vụ cho năm {missing_year}.",
                info,
                "year",
            )
        drop = {"xa", "phuong"}
        info.text_for_terms = strip_names(info.plain or info.text, self.communes)
        g_terms = query_terms(info.text_for_terms, drop | HOWTO_WORDS)
        plan_intent = bool(info.communes) or bool(_PLAN_INTENT_RE.search(fold(info.text)))
        if (
            info.howto
            and info.communes
            and plan_intent
            and (info.wants_number or info.wants_agency)
        ):
            info.howto = False  # "xã X đã kích hoạt bao nhiêu…" is about the plan, not a how-to
        if info.howto or not plan_intent:
            found = self.best_guide(g_terms)
            guide = self._guide_answer(info, g_terms, found)
            if guide is not None and (info.howto or found[1] >= 0.6):
                return guide
        if self.tables is not None and len(info.communes) == 1:
            table = self.tables.answer(info.text, info.communes)
            if table is not None:
                return self._table_answer(table, info)
        if info.enumerate and len(info.communes) == 1:
            outline = self._outline_answer(info, drop)
            if outline is not None:
                return outline
        doc_types = {"plan"} if info.communes else None
        if len(info.communes) > 1:
            hits_by = {
                c: self._with_cards(
                    self.retriever.retrieve(info.text, k=10, communes=[c], doc_types=doc_types), [c]
                )
                for c in info.communes
            }
            composed = self.composer.compose_multi(info, hits_by, drop)
            hits = [h for hs in hits_by.values() for h in hs]
        else:
            hits = self.retriever.retrieve(
                info.text, k=12, communes=info.communes or None, doc_types=doc_types
            )
            hits = self._with_cards(hits, info.communes)
            composed = self.composer.compose(info, hits, drop)
        if composed.refused and composed.text:  # the plan says it leaves this out; cite that
            return Answer(
                composed.text,
                True,
                composed.citations,
                communes=info.communes,
                reason=composed.reason,
            )
        if composed.refused:
            if info.howto:
                return self._howto_unknown(info)
            return self._refuse(
                "Các tài liệu hiện có không nêu thông tin này.", info, composed.reason
            )
        passages = [
            Citation(
                h.meta.get("doc_id", ""),
                h.meta.get("title", ""),
                h.meta.get("commune", ""),
                h.meta.get("province", ""),
                h.meta.get("section", ""),
                h.chunk.text,
            )
            for h in hits[:6]
        ]
        return Answer(
            composed.text, False, composed.citations, communes=info.communes, passages=passages
        )

    def _outline_answer(self, info: QueryInfo, drop: set[str]) -> Answer | None:
        """ "Which units carry out the plan?" -> the sub-headings of the matching section."""
        q_terms = query_terms(info.text_for_terms or info.text, drop)
        commune = info.communes[0]
        children = self._outlines.get(commune, {})
        asked = set(q_terms)
        best, best_key = None, (0.0, 0.0)
        for heading, kids in children.items():
            words_in = [
                w for w in query_terms(re.sub(r"^[IVX\d.]+\s*", "", heading), set()) if "_" not in w
            ]
            if len(kids) < 3 or not words_in:
                continue
            # The heading must be named by the question ("tổ chức thực hiện" -> "TỔ CHỨC THỰC HIỆN").
            named = sum(w in asked for w in words_in) / len(words_in)
            key = (named, self.composer.coverage(q_terms, heading))
            if key > best_key:
                best, best_key = heading, key
        if best is None or best_key[0] < 0.75:
            return None
        kids = children[best]
        m = kids[0][1].meta
        lines = [f"Theo kế hoạch của xã {commune}, mục «{best}» gồm các phần sau [1]:"]
        lines += [f"- {name}" for name, _ in kids]
        quote = "; ".join(name for name, _ in kids)
        cite = Citation(
            m.get("doc_id", ""), m.get("title", ""), commune, m.get("province", ""), best, quote
        )
        text = "\n".join(lines) + f"\n\nNguồn:\n[1] {m.get('title', '')} — xã {commune} — {best}"
        return Answer(
            text[: self.composer.max_chars], False, [cite], communes=info.communes, passages=[cite]
        )

    def _table_answer(self, table, info: QueryInfo) -> Answer:
        text = table.text
        if "Nguồn:" not in text and table.citations:
            lines = ["Nguồn:"]
            for n, c in enumerate(table.citations[:8], 1):
                section = c.section.split(" › ")[-1][:70]
                lines.append(f"[{n}] {c.title[:60] if n == 1 else 'cùng văn bản'} — {section}")
            extra = "\n\n" + "\n".join(lines)
            if len(text) + len(extra) <= self.composer.max_chars:
                text += extra
        return Answer(
            text[: self.composer.max_chars],
            False,
            table.citations,
            communes=info.communes,
            passages=table.citations,
        )

    def _with_cards(self, hits: list[Hit], communes: list[str]) -> list[Hit]:
        """Add the document cards (title, place, date, signer) of the communes in scope."""
        if not communes:
            return hits
        have = {h.chunk.chunk_id for h in hits}
        cards = [
            Hit(c, 0.0)
            for commune in communes
            for c in self._cards.get(commune, [])
            if c.chunk_id not in have
        ]
        return hits + cards

    def search(self, query: str, commune: str | None = None, k: int = 8) -> list[Hit]:
        text = validate_question(query)
        self.refresh_if_changed()
        communes = [commune] if commune else None
        return self.retriever.retrieve(text, k=k, communes=communes)

    # ------------------------------------------------------------------ guides
    def best_guide(self, q_terms: list[str]) -> tuple[list[StoredChunk], float]:
        best: list[StoredChunk] = []
        best_cov = 0.0
        for chunks, title, body in self._guide_texts:
            full = title + "\n" + body
            # The title names what the guide is for; the body mentions many neighbouring topics.
            cov = 0.55 * self.composer.coverage(q_terms, full) + 0.45 * self.composer.coverage(
                q_terms, title, uncapped=True
            )
            if cov > best_cov:
                best, best_cov = chunks, cov
        return best, best_cov

    def _guide_answer(
        self, info: QueryInfo, q_terms: list[str], found: tuple[list[StoredChunk], float]
    ) -> Answer | None:
        chunks, cov = found
        if not chunks or cov < GUIDE_MIN_COVERAGE:
            return None
        question = info.text_for_terms or info.text
        # Words the corpus never uses ("kết hôn"), or no guide uses ("sổ đỏ"), on a weak match:
        # the topic has no guide, so the assistant points to the portal instead of guessing.
        if self.composer.unknown_words(question, HOWTO_WORDS | {"xa"}, min_len=3) or (
            cov < 0.7
            and self.composer.unknown_words(
                question, HOWTO_WORDS | {"xa"}, min_len=2, df=self.guide_stats.df
            )
        ):
            return self._howto_unknown(info)
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
        sources = ["Nguồn:", f"[1] {title} — {steps.meta.get('section', '')}"]
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
        fixed = sum(len(x) + 1 for x in tail + sources) + 8
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
        text = "\n\n".join([*blocks, "\n".join(tail), "\n".join(sources)])
        return Answer(text[: self.composer.max_chars], False, cites, communes=info.communes)

    def _howto_unknown(self, info: QueryInfo) -> Answer:
        msg = (
            "Hiện trợ lý chưa có hướng dẫn cho việc này, nên không đưa ra các bước để tránh hướng dẫn sai. "
            "Bạn có thể tra cứu thủ tục và nộp hồ sơ trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), "
            f"hoặc nhờ Trung tâm Phục vụ hành chính công xã, {CONTACT} hỗ trợ."
        )
        return Answer(msg, True, [], communes=info.communes, reason="howto_unknown")

    # ---------------------------------------------------------------- refusals
    def _uncovered_year(self, info: QueryInfo) -> str:
        if not info.years:
            return ""
        blobs = (
            [self._text_by_commune.get(c, "") for c in info.communes]
            if info.communes
            else list(self._text_by_commune.values())
        )
        for year in info.years:
            if not any(year in blob for blob in blobs):
                return year
        return ""

    def _of(self, info: QueryInfo) -> str:
        return f" của xã {', '.join(info.communes)}" if info.communes else ""

    def _covered(self) -> str:
        return ", ".join(f"xã {c}" for c in self.communes)

    def _refuse(self, why: str, info: QueryInfo, reason: str) -> Answer:
        msg = (
            f"Xin lỗi, {why[0].lower()}{why[1:]} Trợ lý chỉ trả lời theo kế hoạch chuyển đổi số của "
            f"{self._covered()} (chỉ tiêu, thời hạn, đơn vị chủ trì/phối hợp, kinh phí, căn cứ) và các "
            f"hướng dẫn dùng VNeID, Cổng Dịch vụ công. Để biết thêm, bạn vui lòng liên hệ {CONTACT}."
        )
        return Answer(msg, True, [], communes=info.communes, reason=reason)

    def _unknown_commune(self, place: str) -> Answer:
        msg = (
            f"Hiện chưa có kế hoạch của «{place}» trong dữ liệu của trợ lý, nên trợ lý không trả lời "
            f"bằng số liệu của xã khác. Các xã đã có kế hoạch: {self._covered()}. Để biết kế hoạch của "
            f"địa phương bạn, vui lòng liên hệ UBND xã/phường nơi bạn sinh sống."
        )
        return Answer(msg, True, [], reason="unknown_commune")


def group_guides(chunks: list[StoredChunk]) -> dict[str, list[StoredChunk]]:
    """doc_id -> chunks of every how-to guide in the index (index order)."""
    docs: dict[str, list[StoredChunk]] = {}
    for c in chunks:
        if c.meta.get("doc_type") == "guide" and c.meta.get("doc_id"):
            docs.setdefault(str(c.meta["doc_id"]), []).append(c)
    return docs


def _section_children(prose: list[StoredChunk]) -> dict[str, list[tuple[str, StoredChunk]]]:
    """heading -> its sub-headings (in document order) for one commune's prose chunks."""
    ordered = sorted(prose, key=lambda c: int(c.meta.get("start", 0)))
    children: dict[str, list[tuple[str, StoredChunk]]] = {}
    for c in ordered:
        path = c.meta.get("section", "").split(" › ")
        for depth in range(len(path) - 1):
            kids = children.setdefault(path[depth], [])
            if all(k != path[depth + 1] for k, _ in kids):
                kids.append((path[depth + 1], c))
    return children


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(settings: Settings) -> Engine:
    """One engine per process (per data directory / Chroma server)."""
    key = (
        f"{settings.data_dir}|{settings.chroma_host}|{settings.chroma_port}|{settings.embed_model}"
    )
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = Engine(settings)
        return _ENGINES[key]
