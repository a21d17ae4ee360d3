"""Incremental, crash-safe ingest of plans and guides into the Chroma index."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag import reader_version
from rag.chunking import Chunk, GuideChunker, PlanChunker, card_chunk
from rag.communes import commune_id
from rag.documents import DocumentError, SourceDocument, discover, load_document, load_manifest
from rag.embedders import Embedder, EmbeddingCache, embed_options, make_embedder
from rag.index import ChromaIndex
from rag.legal_cards import DOC_TYPE as LEGAL
from rag.legal_cards import CardError, load_card
from rag.reader_version import STAMP_KEY
from rag.scan.pages import pages_of, scan_label, untrusted_in, with_label
from rag.settings import Settings


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    # Unchanged files stored by an older reader (rag.reader_version), read again.
    reread: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # (doc_id, folder) of documents this run kept as an older reader stored them: outside its
    # scope (added from another folder) or failed this time.
    stale: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    read: list[tuple[str, str]] = field(default_factory=list)  # (file, what its text said)
    scanned: list[tuple[str, str]] = field(default_factory=list)  # (file, what OCR read)
    low_confidence: list[tuple[str, int, float]] = field(default_factory=list)  # (file, page, %)
    chunks: int = 0
    seconds: float = 0.0
    generation: str = ""
    tables: str = ""  # summary of the plan-table store rebuilt after the ingest
    embedded: str = ""  # what was embedded this run, in chars/s (rag.embedders.EmbeddingCache)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per step (ingest_output)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.reread or self.removed)

    def summary(self) -> str:
        lines = [f"  • {name}: {said}" for name, said in self.read]
        lines += [f"  • {name}: {said}" for name, said in self.scanned]
        lines += [
            f"  ⚠ {name}, trang {page}: độ tin cậy OCR {conf:.0f}% dưới ngưỡng — vẫn tìm được "
            "nhưng trích dẫn được đánh dấu; nên kiểm tra bản gốc / low OCR confidence"
            for name, page, conf in self.low_confidence
        ]
        lines += [
            f"Thêm mới / added: {len(self.added)}  Cập nhật / updated: {len(self.updated)}  "
            f"Không đổi / unchanged: {len(self.unchanged)}  Xóa / removed: {len(self.removed)}  "
            f"Lỗi / failed: {len(self.failed)}"
            + (f"  Đọc lại / re-read: {len(self.reread)}" if self.reread else ""),
            f"Số đoạn trong chỉ mục / chunks in index: {self.chunks}  Thời gian / time: {self.seconds:.1f}s",
        ]
        if self.reread:
            lines.append(
                f"  ↻ {len(self.reread)} tài liệu không đổi đã được đọc lại bằng phiên bản bộ đọc "
                "mới (đoạn không đổi không phải nhúng lại) / re-read by the new reader"
            )
        if self.stale:
            lines.append("  ⚠ " + reader_version.kept_message(self.stale))
        if self.embedded:
            lines.append(self.embedded)
        for name, reason in self.failed:
            lines.append(f"  ✗ {name}: {reason}")
        return "\n".join(lines)


def chunk_document(doc: SourceDocument) -> list[Chunk]:
    if doc.doc_type in ("guide", LEGAL):
        return GuideChunker().split(doc.doc_id, doc.text, doc.title)
    chunks = PlanChunker().split(doc.doc_id, doc.text)
    meta = doc.metadata()
    if doc.facts is not None and doc.facts.cover:
        meta["cover"] = doc.facts.cover
    chunks.insert(0, card_chunk(doc.doc_id, meta))
    return chunks


def _read_line(doc: SourceDocument) -> str:
    """What the plan's text said about itself, and which fields given metadata replaced."""
    assert doc.facts is not None
    line = doc.facts.summary()
    if doc.overridden:
        names = {
            "commune": "xã",
            "province": "tỉnh",
            "number": "số",
            "date": "ngày",
            "signer": "người ký",
            "title": "tên văn bản",
        }
        line += (
            " (thay bằng siêu dữ liệu đã cho: " + ", ".join(names[k] for k in doc.overridden) + ")"
        )
    return line


def _no_commune_message(file: Path, doc: SourceDocument) -> str:
    said = doc.facts.summary() if doc.facts is not None else ""
    return (
        f"{file.name}: không tìm thấy tên xã trong văn bản (dòng “ỦY BAN NHÂN DÂN XÃ …”, "
        f"“xã …” trong tên kế hoạch hay “…, ngày … tháng … năm …”); hãy ghi rõ bằng "
        f'--commune "Tên xã" (đã đọc: {said}) / commune not found in the text: pass --commune'
    )


def _unreadable(file: Path, exc: Exception) -> str:
    return (
        f"{file.name}: lỗi khi đọc tài liệu ({type(exc).__name__}: {exc}); bản đã lưu trước đó "
        "được giữ nguyên / reading failed, the stored version is kept"
    )


def _read(doc: SourceDocument, tables: _TablePrep | None = None) -> list[Chunk]:
    """The document's passages (and, for the table store, its records)."""
    chunks = chunk_document(doc)
    if tables is not None:
        tables.parse(doc)  # right after chunking: the plan's tables are read once
    return chunks


GIVEN_KEY = "given"  # passage metadata key: the metadata given with the file, as JSON
_IDENTITY = ("doc_id", "doc_type", "title", "commune", "province", "date", "signer", "number")


def _given(meta: dict) -> dict:
    """The metadata a stored document was first given; for one stored before that was kept,
    what it was stored with (its identity stays as the operator saw it)."""
    try:
        given = json.loads(str(meta.get(GIVEN_KEY) or ""))
    except ValueError:
        given = None
    if isinstance(given, dict):
        return given
    return {k: meta[k] for k in _IDENTITY if meta.get(k)}


def _folder(info: dict) -> str:
    """The folder to ingest again to re-read a stored document ("" for the bundled corpus)."""
    if info.get("origin") == "bundled" or not info.get("source"):
        return ""
    return str(Path(str(info["source"])).parent)


def check_document(file: Path, doc: SourceDocument) -> None:
    """A legal card must be a valid card (CardError names its file); a plan must name its
    commune (DocumentError); guides need neither."""
    if doc.doc_type == LEGAL:
        load_card(file)
    elif doc.doc_type != "guide" and not doc.commune:
        raise DocumentError(_no_commune_message(file, doc))


def embedding_text(doc_meta: dict, chunk_section: str, text: str) -> str:
    section = chunk_section.split(" › ")[-1][:80]
    label = doc_meta.get("commune") or doc_meta.get("title", "")[:60]
    head = " | ".join(x for x in (label, section) if x)
    return f"{head}\n{text}"


def bundled_sources(corpus_dir: Path) -> list[tuple[Path, dict]]:
    """(file, metadata defaults) for the bundled plans and guides."""
    out: list[tuple[Path, dict]] = []
    plans = corpus_dir / "plans"
    if plans.is_dir():
        manifest = load_manifest(plans)
        for path in discover(plans):
            out.append((path, dict(manifest.get(path.name, {}))))
    guides = corpus_dir / "guides"
    if guides.is_dir():
        for path in discover(guides):
            out.append((path, {"doc_type": "guide"}))
    legal = corpus_dir / "legal"
    if legal.is_dir():  # reviewed cards of the national documents the plans cite
        for path in discover(legal):
            out.append((path, {"doc_type": LEGAL}))
    return out


class _TablePrep:
    """What the table store needs of the plans a full ingest reads: their text (not read from
    the file a second time) and their records, parsed right after chunking (the tables the
    chunker has just found are reused, rag.understand.tables.find_tables)."""

    def __init__(self) -> None:
        self.loaded: dict = {}  # doc_id -> rag.tables.build.PlanSource
        self.parsed: dict = {}  # doc_id -> rag.tables.parse.ParsedDoc
        self._parser = None

    def read(self, doc: SourceDocument, file: Path) -> None:
        from rag.tables.build import PlanSource

        if doc.doc_type == "plan":
            self.loaded[doc.doc_id] = PlanSource(
                doc.doc_id, doc.title, doc.commune, doc.province, doc.text,
                str(file.resolve()), doc.pages,
            )  # fmt: skip

    def parse(self, doc: SourceDocument) -> None:
        if doc.doc_type == "plan":
            if self._parser is None:
                from rag.tables.parse import PlanParser

                self._parser = PlanParser()
            self.parsed[doc.doc_id] = self._parser.parse(
                doc.text, doc.doc_id, doc.commune, doc.title
            )


# An ingest rewrites everything (a new generation) once the changes reach this share of the
# indexed chunks; below it, plans are added, changed or removed in place (rag.lexical_delta).
DELTA_MAX_SHARE = 0.1


class Ingestor:
    """Sync a set of source files into a new index generation."""

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, index: ChromaIndex | None = None
    ) -> None:
        started = time.perf_counter()
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embed_model, **embed_options(settings))
        self.index = index or ChromaIndex.from_settings(settings)
        self.cache = EmbeddingCache(Path(settings.data_dir) / "embed_cache.sqlite")
        self._start_seconds = time.perf_counter() - started

    def run(
        self,
        path: Path | None = None,
        overrides: dict | None = None,
        progress: bool = True,
    ) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        if path is None:
            sources = bundled_sources(Path(self.settings.corpus_dir))
            origin, scope = "bundled", None
        else:
            path = Path(path)
            if not path.exists():
                raise FileNotFoundError(f"Không tìm thấy đường dẫn / path not found: {path}")
            files = discover(path)
            if path.is_dir() and path.resolve() == Path(self.settings.corpus_dir).resolve():
                sources, origin, scope = bundled_sources(path), "bundled", None
            else:
                manifest = load_manifest(path if path.is_dir() else path.parent)
                sources = [(f, {**manifest.get(f.name, {}), **(overrides or {})}) for f in files]
                origin, scope = "user", str(path.resolve())

        # Generations an interrupted ingest left (killed before its switch or during its
        # prune) go first, whichever path this ingest takes.
        self.index.prune_stray()
        # Each source with the origin its passages get: this run's, or (for documents an older
        # reader stored from another folder, read again here) the one they were stored with.
        sources = [(f, d, origin) for f, d in sources]
        sources += self._stale_elsewhere(sources, origin, scope)
        quick = self._incremental(sources, origin, scope, report, progress, started)
        report = quick or self._full(sources, origin, scope, progress, started)
        self._prune_views()
        report.stages = {"start": self._start_seconds, **report.stages}
        self._start_seconds = 0.0  # counted once, by the first run
        return report

    def _stale_elsewhere(self, sources, origin, scope) -> list[tuple[Path, dict, str]]:
        """Documents an older reader stored from outside this run's files (added from another
        folder or uploaded), whose source file is still there: (file, the metadata first given
        with it, its origin), to be read again by this run. Bundled documents are left to
        `troly ingest`; a document whose file is gone stays and is reported (IngestReport.stale)."""
        from rag.corpus_views import open_views, views_dir

        ptr = self.index.current()
        views = None
        if ptr and ptr.get("embedder") == self.embedder.name:
            views = open_views(
                views_dir(self.settings.data_dir, ptr.get("views") or ptr["current"])
            )
        if views is None:
            return []
        try:
            heads = views.store.document_heads()
        finally:
            views.store.close()
        files = {Path(f).resolve() for f, *_ in sources}
        out: list[tuple[Path, dict, str]] = []
        for chunk, _ in heads:
            meta = chunk.meta
            source = Path(str(meta.get("source", "")))
            stored_origin = str(meta.get("origin", ""))
            if stored_origin == "bundled" or not reader_version.is_stale(meta.get(STAMP_KEY)):
                continue
            in_scope = stored_origin == origin and (scope is None or str(source).startswith(scope))
            if in_scope or source in files or not meta.get("source") or not source.is_file():
                continue
            out.append((source, {**_given(meta), "doc_id": meta.get("doc_id")}, stored_origin))
        return out

    def _prune_views(self) -> None:
        """Drop the views folders of generations no longer stored (a crashed or superseded
        ingest's); the pointer's own views folder is always kept."""
        from rag.corpus_views import prune_views

        ptr = self.index.current() or {}
        keep = set(self.index.generations()) | {ptr.get("views") or ptr.get("current", "")}
        prune_views(self.settings.data_dir, keep=keep - {""})

    def _full(self, sources, origin, scope, progress, started) -> IngestReport:
        """Write a whole new generation (the previous one stays readable until the switch)."""
        report = IngestReport()
        old_chunks, old_vecs = self.index.load_all(include_embeddings=True)
        ptr = self.index.current()
        old_chunks, old_vecs = self._live(ptr, old_chunks, old_vecs)
        if ptr and ptr.get("embedder") != self.embedder.name:
            old_chunks, old_vecs = [], None  # different embedder: re-embed everything
        by_doc: dict[str, list[int]] = {}
        for i, ch in enumerate(old_chunks):
            by_doc.setdefault(ch.meta.get("doc_id", ""), []).append(i)

        keep_ids: list[str] = []
        keep_texts: list[str] = []
        keep_metas: list[dict] = []
        keep_vecs: list[np.ndarray] = []
        seen_docs: set[str] = set()
        tables = _TablePrep()  # plans read and parsed once, for the table store

        todo_at: list[int] = []  # positions in keep_vecs still to embed, with their texts
        todo_texts: list[str] = []
        step = time.perf_counter()
        iterator = sources
        if progress:
            from tqdm import tqdm

            iterator = tqdm(sources, desc="Nạp tài liệu", unit="tệp", file=sys.stderr)
        for file, defaults, src_origin in iterator:
            try:
                doc = load_document(file, defaults, progress=progress)
                if doc.doc_id in seen_docs:
                    raise DocumentError(
                        f"{file.name}: trùng doc_id '{doc.doc_id}' / duplicate doc_id"
                    )
                check_document(file, doc)
            except (CardError, DocumentError) as exc:
                report.failed.append((file.name, str(exc)))
                continue  # a stored earlier version of this file is kept (see below)
            digest = doc.content_hash
            previous = by_doc.get(doc.doc_id, [])
            same = (
                bool(previous)
                and old_chunks[previous[0]].meta.get("doc_hash") == digest
                and old_vecs is not None
            )
            stale = same and reader_version.is_stale(old_chunks[previous[0]].meta.get(STAMP_KEY))
            chunks: list[Chunk] = []
            if not same or stale:
                try:
                    chunks = _read(doc, tables)
                except Exception as exc:  # noqa: BLE001 - one unreadable file keeps its stored version
                    report.failed.append((file.name, _unreadable(file, exc)))
                    continue
            seen_docs.add(doc.doc_id)
            tables.read(doc, file)
            if doc.scanned:
                self._report_scan(report, file, doc)
            if same and not stale:
                report.unchanged.append(doc.doc_id)
                for i in previous:
                    ch = old_chunks[i]
                    keep_ids.append(ch.chunk_id)
                    keep_texts.append(ch.text)
                    keep_metas.append(ch.meta)
                    keep_vecs.append(old_vecs[i])
                continue
            (report.reread if same else report.updated if previous else report.added).append(
                doc.doc_id
            )
            if doc.facts is not None:
                report.read.append((file.name, _read_line(doc)))
            meta = doc.metadata()
            for c in chunks:
                todo_at.append(len(keep_vecs))
                todo_texts.append(embedding_text(meta, c.section, c.text))
                keep_ids.append(c.chunk_id)
                keep_texts.append(c.text)
                keep_metas.append(self._chunk_meta(doc, c, digest, src_origin, file, defaults))
                keep_vecs.append(None)
        step = self._lap(report, "read", step)
        # Every changed document's passages at once: the embedder's workers stay busy to the end.
        for at, v in zip(todo_at, self._embed(todo_texts, progress), strict=True):
            keep_vecs[at] = v
        step = self._lap(report, "embed", step)

        # Documents from earlier ingests that are not part of this run.
        failed_names = {name for name, _ in report.failed}
        for doc_id, idxs in by_doc.items():
            if doc_id in seen_docs:
                continue
            meta = old_chunks[idxs[0]].meta
            in_scope = meta.get("origin") == origin and (
                scope is None or str(meta.get("source", "")).startswith(scope)
            )
            source_name = Path(str(meta.get("source", ""))).name
            if in_scope and source_name not in failed_names:
                report.removed.append(doc_id)
                continue
            if reader_version.is_stale(meta.get(STAMP_KEY)):
                report.stale.append((doc_id, _folder(meta)))
            for i in idxs:  # out of scope, or failed this time: keep what is stored
                keep_ids.append(old_chunks[i].chunk_id)
                keep_texts.append(old_chunks[i].text)
                keep_metas.append(old_chunks[i].meta)
                keep_vecs.append(
                    old_vecs[i] if old_vecs is not None else np.zeros(self.embedder.dim)
                )

        report.chunks = len(keep_ids)
        if report.changed or ptr is None or (ptr.get("embedder") != self.embedder.name):
            vectors = (
                np.stack(keep_vecs)
                if keep_vecs
                else np.zeros((0, self.embedder.dim), dtype=np.float32)
            )
            report.generation = self.index.write_generation(
                keep_ids, keep_texts, keep_metas, vectors, self.embedder.name, self.embedder.dim
            )
        else:
            report.generation = ptr.get("current", "")
        step = self._lap(report, "index", step)
        from rag.index import StoredChunk

        chunks = [
            StoredChunk(i, t, m) for i, t, m in zip(keep_ids, keep_texts, keep_metas, strict=True)
        ]
        fresh = report.changed or not ptr or ptr.get("views")
        self._build_views(report.generation, chunks, rebuild=bool(fresh))
        step = self._lap(report, "views", step)
        report.seconds = time.perf_counter() - started
        report.embedded = self.cache.rate_line()
        report.tables = self._rebuild_tables(chunks, tables)
        self._lap(report, "tables", step)
        return report

    def _embed(self, texts: list[str], progress: bool) -> np.ndarray:
        """Vectors of these passages (cached ones are not embedded again)."""
        # One cache commit per slice; a GPU batch (TROLY_EMBED_BATCH) larger than it sets it.
        per_commit = max(self.cache.params.texts_per_commit, self.settings.embed_batch)
        if not progress or not texts:
            return self.cache.embed(self.embedder, texts, batch=per_commit)
        from tqdm import tqdm

        bars: list = []

        def shown(done: int, total: int) -> None:
            if not bars:
                bars.append(tqdm(total=total, desc="Nhúng", unit="đoạn", file=sys.stderr))
            bars[0].update(done - bars[0].n)

        try:
            return self.cache.embed(self.embedder, texts, batch=per_commit, progress=shown)
        finally:
            for bar in bars:
                bar.close()

    @staticmethod
    def _lap(report: IngestReport, stage: str, since: float) -> float:
        now = time.perf_counter()
        report.stages[stage] = report.stages.get(stage, 0.0) + now - since
        return now

    def _live(self, ptr, chunks, vecs):
        """The chunks the current views list: an incremental update interrupted after its
        pointer switch may leave its replaced chunks in the collection."""
        from rag.corpus_views import open_views, views_dir

        if not ptr or not ptr.get("views"):
            return chunks, vecs
        views = open_views(views_dir(self.settings.data_dir, ptr["views"]))
        if views is None:
            return chunks, vecs
        live = views.store.rows_of([c.chunk_id for c in chunks])
        views.store.close()
        keep = [i for i, c in enumerate(chunks) if c.chunk_id in live]
        if len(keep) == len(chunks):
            return chunks, vecs
        return [chunks[i] for i in keep], (vecs[keep] if vecs is not None else None)

    # ------------------------------------------------------------ incremental
    def _incremental(self, sources, origin, scope, report, progress, started):
        """Add, change or remove a few plans in place (the current collection, a new views folder
        beside the old one, then one pointer switch), or None when a full generation is due:
        no index or views yet, another embedder, or changes too large for a delta
        (`DELTA_MAX_SHARE` of the base). A crash before the switch leaves the previous views and
        their chunks readable; chunks added to the collection are invisible until then."""
        from rag.corpus_views import delta_share, open_views, views_dir
        from rag.index import StoredChunk

        ptr = self.index.current()
        if not ptr or ptr.get("embedder") != self.embedder.name or not sources:
            return None
        current = ptr.get("views") or ptr.get("current", "")
        base_dir = views_dir(self.settings.data_dir, current)
        views = open_views(base_dir)
        if views is None:
            return None
        stored = views.store.documents()
        changed: list[tuple[SourceDocument, str, Path, list[Chunk], dict, str]] = []
        seen: set[str] = set()
        for file, defaults, src_origin in sources:
            try:
                doc = load_document(file, defaults)
                if doc.doc_id in seen:
                    raise DocumentError(
                        f"{file.name}: trùng doc_id '{doc.doc_id}' / duplicate doc_id"
                    )
                check_document(file, doc)
            except (CardError, DocumentError) as exc:
                report.failed.append((file.name, str(exc)))
                continue
            seen.add(doc.doc_id)
            old = stored.get(doc.doc_id)
            same = bool(old) and old["doc_hash"] == doc.content_hash
            stale = same and reader_version.is_stale(old.get(STAMP_KEY))
            if same and not stale:
                report.unchanged.append(doc.doc_id)
                continue
            try:
                chunks = _read(doc)
            except Exception as exc:  # noqa: BLE001 - one unreadable file keeps its stored version
                report.failed.append((file.name, _unreadable(file, exc)))
                if old and reader_version.is_stale(old.get(STAMP_KEY)):
                    report.stale.append((doc.doc_id, _folder(old)))
                continue
            (report.reread if same else report.updated if old else report.added).append(doc.doc_id)
            changed.append((doc, doc.content_hash, file, chunks, defaults, src_origin))
        failed_names = {name for name, _ in report.failed}
        for doc_id, info in stored.items():
            in_scope = info["origin"] == origin and (
                scope is None or str(info["source"]).startswith(scope)
            )
            if doc_id not in seen and in_scope and Path(info["source"]).name not in failed_names:
                report.removed.append(doc_id)
            elif doc_id not in seen and reader_version.is_stale(info.get(STAMP_KEY)):
                report.stale.append((doc_id, _folder(info)))
        touched = [*report.updated, *report.reread, *report.removed]
        old_rows = sum(stored[d]["rows"] for d in touched)
        pieces = changed
        new_rows = sum(len(p[3]) for p in pieces)
        base_rows = max(views.store.rows_end + 1, 1)
        share = delta_share(base_dir) + (old_rows + new_rows) / base_rows
        if report.changed and share > DELTA_MAX_SHARE:
            return None
        if not report.changed:
            views.store.close()
            report.chunks = len(views.store)
            report.generation = current
            report.seconds = time.perf_counter() - started
            return report
        for doc, _, file, *_ in changed:
            if doc.facts is not None:
                report.read.append((file.name, _read_line(doc)))
        add: list[StoredChunk] = []
        texts: list[str] = []
        for doc, digest, file, chunks, defaults, src_origin in pieces:
            meta = doc.metadata()
            for c in chunks:
                texts.append(embedding_text(meta, c.section, c.text))
                add.append(
                    StoredChunk(
                        c.chunk_id,
                        c.text,
                        self._chunk_meta(doc, c, digest, src_origin, file, defaults),
                    )
                )
        step = self._lap(report, "read", started)
        vectors = list(self._embed(texts, progress))
        self._lap(report, "embed", step)
        return self._swap(ptr, views, touched, add, vectors, report, started)

    def _swap(self, ptr, views, touched, add, vectors, report, started) -> IngestReport:
        """Apply removals (`touched` doc ids) and additions (`add` chunks, their `vectors`) in
        place: collection first (new rows stay invisible), then a views folder beside the
        current one, then the pointer switch; replaced rows leave the collection last."""
        from rag.corpus_views import prune_views, update_views, views_dir
        from rag.index import delete_from_current, point_to_views, upsert_current

        current = ptr.get("views") or ptr.get("current", "")
        base_dir = views_dir(self.settings.data_dir, current)
        stale = {c.chunk_id for d in touched for c in views.store.doc_chunks(d)}
        total = len(views.store) - len(stale) + len(add)
        views.store.close()
        step = time.perf_counter()
        if add:
            upsert_current(
                self.index, [c.chunk_id for c in add], [c.text for c in add],
                [c.meta for c in add], np.stack(vectors),
            )  # fmt: skip
        step = self._lap(report, "index", step)
        name = f"{ptr.get('current', '')}.u{int(time.time() * 1000):013d}"
        update_views(base_dir, views_dir(self.settings.data_dir, name), touched, add)
        point_to_views(self.index, name)
        delete_from_current(self.index, sorted(stale - {c.chunk_id for c in add}))
        prune_views(self.settings.data_dir, keep={name, current})
        step = self._lap(report, "views", step)
        report.generation = name
        report.chunks = total
        report.seconds = time.perf_counter() - started
        report.embedded = self.cache.rate_line()
        report.tables = self._update_tables(add, touched)
        self._lap(report, "tables", step)
        return report

    def remove(self, doc_ids: list[str]) -> IngestReport:
        """Take documents out of the index by doc_id, in place (`troly ingest --remove`)."""
        from rag.corpus_views import open_views, views_dir

        started = time.perf_counter()
        report = IngestReport()
        ptr = self.index.current()
        views = None
        if ptr:
            name = ptr.get("views") or ptr.get("current", "")
            views = open_views(views_dir(self.settings.data_dir, name))
        if views is None:
            report.failed.append(
                ("--remove", "chưa có chỉ mục: hãy chạy `troly ingest` trước / no index yet")
            )
            return report
        stored = views.store.documents()
        for doc_id in doc_ids:
            if doc_id in stored:
                report.removed.append(doc_id)
            else:
                report.failed.append(
                    (doc_id, "không có tài liệu với mã này trong chỉ mục / no such doc_id")
                )
        if not report.removed:
            views.store.close()
            report.chunks = sum(d["rows"] for d in stored.values())
            report.seconds = time.perf_counter() - started
            return report
        return self._swap(ptr, views, report.removed, [], [], report, started)

    def _update_tables(self, add: list, touched: list[str]) -> str:
        from rag.tables.build import update_documents

        try:
            built = update_documents(self.settings, add, touched)
        except Exception as exc:  # noqa: BLE001 - a derived store must not undo the ingest
            return f"Không cập nhật được bảng chỉ tiêu / table store not updated: {exc}"
        return built.summary() if built is not None else self._rebuild_tables(None)

    def _build_views(self, generation: str, chunks: list, rebuild: bool = True) -> None:
        """Store the corpus views (lexical index, term statistics, chunk store) of the
        generation just written, so that serving only opens them (rag.corpus_views)."""
        from rag.corpus_views import build_views, open_views, prune_views, views_dir

        if not generation:
            return
        directory = views_dir(self.settings.data_dir, generation)
        if rebuild or open_views(directory) is None:
            build_views(directory, chunks)
        prune_views(self.settings.data_dir, keep=self.index.generations())

    def _rebuild_tables(self, chunks: list | None, prep: _TablePrep | None = None) -> str:
        """Derive the plan-table store (rag.tables) from the index just written."""
        from rag.tables.build import rebuild_from_index

        prep = prep or _TablePrep()
        try:
            return rebuild_from_index(
                self.settings, out=None, chunks=chunks, loaded=prep.loaded, ready=prep.parsed
            ).summary()
        except Exception as exc:  # noqa: BLE001 - a derived store must not undo the ingest
            return f"Không dựng được bảng chỉ tiêu / table store not rebuilt: {exc}"

    @staticmethod
    def _report_scan(report: IngestReport, file: Path, doc: SourceDocument) -> None:
        """What OCR read: pages, mean confidence, blank and turned pages; low pages by number."""
        scanned = [p for p in doc.pages if p.ocr and not p.blank]
        blank = [p.number for p in doc.pages if p.ocr and p.blank]
        turned = [p.number for p in scanned if p.rotated]
        mean = sum(p.confidence for p in scanned) / len(scanned) if scanned else 0.0
        said = f"bản quét, {len(scanned)} trang đọc bằng OCR (độ tin cậy trung bình {mean:.0f}%)"
        if blank:
            said += ", trang trắng: " + ", ".join(map(str, blank))
        if turned:
            said += ", trang đã xoay lại: " + ", ".join(map(str, turned))
        report.scanned.append((file.name, said))
        for p in scanned:
            if p.flagged:
                report.low_confidence.append((file.name, p.number, p.confidence))

    @staticmethod
    def _chunk_meta(
        doc: SourceDocument,
        c: Chunk,
        digest: str,
        origin: str,
        file: Path,
        given: dict | None = None,
    ) -> dict:
        on = pages_of(doc.pages, c.start, c.end)
        meta = {
            **doc.metadata(),
            "section": with_label(c.section, scan_label(on, c.text)),
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "units": json.dumps(c.units, ensure_ascii=False),
            "doc_hash": digest,
            STAMP_KEY: reader_version.current(),  # the code that read it (re-read when it changes)
            "origin": origin,
            "source": str(file.resolve()),
            # The metadata given with the file (manifest, flags, upload form): a re-read by a
            # newer reader outside this folder's ingest reads it with the same (_stale_elsewhere).
            GIVEN_KEY: json.dumps(given or {}, ensure_ascii=False, default=str),
        }
        if doc.commune:
            meta["commune_id"] = commune_id(doc.commune, doc.province)
        if any(p.ocr for p in on):
            meta["page"] = on[0].number
            meta["ocr"] = True
            meta["ocr_confidence"] = min(p.confidence for p in on if p.ocr)
            meta["ocr_flagged"] = any(p.flagged for p in on)
            untrusted = untrusted_in(on, c.text)
            if untrusted:
                meta["ocr_untrusted"] = json.dumps(untrusted, ensure_ascii=False)
        for key in ("slug", "last_reviewed", "audience", "sources", "caveats", "issuer", "type"):
            if key in doc.extra:
                value = doc.extra[key]
                if isinstance(value, (list, dict)):
                    meta[key] = json.dumps(value, ensure_ascii=False, default=str)
                else:
                    meta[key] = str(value)
        return meta
