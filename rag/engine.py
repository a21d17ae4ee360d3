"""The one engine object shared by CLI, API, bot and eval."""

from __future__ import annotations

import re
import threading
import time
import uuid
from dataclasses import dataclass, field

from rag.compose import AnswerComposer, Citation, Composed, query_terms
from rag.embedders import Embedder, make_embedder
from rag.index import ChromaIndex, IndexError_, StoredChunk, make_client
from rag.query import QueryInfo, analyse
from rag.retriever import Hit, HybridRetriever
from rag.settings import Settings
from rag.text import fold, nfc, words

MAX_QUESTION_CHARS = 1000
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

    def __init__(self, settings: Settings, embedder: Embedder | None = None, index: ChromaIndex | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embed_model)
        self.index = index or ChromaIndex(make_client(settings.data_dir, settings.chroma_host, settings.chroma_port))
        self._lock = threading.Lock()
        self.generation = ""
        self.chunks: list[StoredChunk] = []
        self.retriever: HybridRetriever | None = None
        self.composer: AnswerComposer | None = None
        self.communes: list[str] = []
        self.provinces: dict[str, str] = {}
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
        chunks, _ = self.index.load_all()
        with self._lock:
            self.chunks = chunks
            self.retriever = HybridRetriever(self.index, self.embedder, chunks)
            self.composer = AnswerComposer(self.retriever.bm25.term_idf)
            self.communes = sorted({c.meta.get("commune", "") for c in chunks} - {""})
            self.provinces = {c.meta["commune"]: c.meta.get("province", "") for c in chunks if c.meta.get("commune")}
            self.generation = ptr.get("current", "")

    def refresh_if_changed(self) -> None:
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
        answer.latency_ms = (time.perf_counter() - started) * 1000
        answer.answer_id = uuid.uuid4().hex[:16]
        return answer

    def _answer(self, text: str, commune: str | None) -> Answer:
        info = analyse(text, self.communes)
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
        drop = {w for c in self.communes for w in words(c)} | {"xa", "phuong"}
        if info.howto:
            guide = self._guide_answer(info, drop)
            if guide is not None:
                return guide
        doc_types = {"plan"} if info.communes else None
        hits = self.retriever.retrieve(info.text, k=8, communes=info.communes or None, doc_types=doc_types)
        composed = self.composer.compose(info, hits, drop)
        if composed.refused:
            if info.howto:
                return self._howto_unknown(info)
            return self._refuse("Các tài liệu hiện có không nêu thông tin này.", info, composed.reason)
        return Answer(composed.text, False, composed.citations, communes=info.communes)

    def search(self, query: str, commune: str | None = None, k: int = 8) -> list[Hit]:
        text = validate_question(query)
        self.refresh_if_changed()
        communes = [commune] if commune else None
        return self.retriever.retrieve(text, k=k, communes=communes)

    # ------------------------------------------------------------------ guides
    def _guide_answer(self, info: QueryInfo, drop: set[str]) -> Answer | None:
        hits = self.retriever.retrieve(info.text, k=6, doc_types={"guide"})
        if not hits:
            return None
        q_terms = query_terms(info.text, drop | {"lam", "sao", "cach", "huong", "dan", "nao", "the", "buoc"})
        best, best_cov = None, 0.0
        for h in hits[:4]:
            title = h.meta.get("title", "")
            cov = max(
                self.composer.coverage(q_terms, f"{title}\n{h.chunk.text}"),
                self.composer.coverage(q_terms, title) * 1.1,
            )
            if cov > best_cov:
                best, best_cov = h, cov
        if best is None or best_cov < 0.45:
            return None
        doc_id = best.meta.get("doc_id")
        steps = next(
            (c for c in self.chunks if c.meta.get("doc_id") == doc_id and "bước" in c.meta.get("section", "").lower()),
            best.chunk,
        )
        m = steps.meta
        lines = [ln for ln in steps.text.split("\n") if ln.strip()]
        title = m.get("title", "")
        slug = m.get("slug", "")
        reviewed = m.get("last_reviewed", "")
        head = f"Các bước ({title}):"
        tail = [f"Xem hướng dẫn đầy đủ: «{title}»" + (f" (/guides/{slug})" if slug else "") + " [1]."]
        if reviewed:
            tail.append(f"Cập nhật lần cuối: {reviewed}.")
        budget = self.composer.max_chars - len(head) - sum(len(t) + 1 for t in tail) - 120
        body: list[str] = []
        for ln in lines:
            if sum(len(b) + 1 for b in body) + len(ln) > budget:
                body.append("… (xem tiếp trong hướng dẫn đầy đủ)")
                break
            body.append(ln)
        cite = Citation(m.get("doc_id", ""), title, "", "", m.get("section", ""), "\n".join(body)[:500])
        text = "\n".join([head, *body, "", *tail, "", f"Nguồn:\n[1] {title} — {m.get('section', '')}"])
        return Answer(text[: self.composer.max_chars], False, [cite], communes=info.communes)

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
        scope = [c for c in self.chunks if not info.communes or c.meta.get("commune") in info.communes]
        for year in info.years:
            if not any(year in c.text or year in c.meta.get("section", "") for c in scope):
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


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(settings: Settings) -> Engine:
    """One engine per process (per data directory / Chroma server)."""
    key = f"{settings.data_dir}|{settings.chroma_host}|{settings.chroma_port}|{settings.embed_model}"
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = Engine(settings)
        return _ENGINES[key]
