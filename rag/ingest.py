"""Incremental, crash-safe ingest of plans and guides into the Chroma index."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.chunking import Chunk, GuideChunker, PlanChunker, card_chunk
from rag.communes import commune_id
from rag.documents import DocumentError, SourceDocument, discover, load_document, load_manifest
from rag.embedders import Embedder, EmbeddingCache, make_embedder
from rag.index import ChromaIndex
from rag.legal_cards import DOC_TYPE as LEGAL
from rag.legal_cards import CardError, load_card
from rag.scan.pages import pages_of, scan_label, untrusted_in, with_label
from rag.settings import Settings


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    read: list[tuple[str, str]] = field(default_factory=list)  # (file, what its text said)
    scanned: list[tuple[str, str]] = field(default_factory=list)  # (file, what OCR read)
    low_confidence: list[tuple[str, int, float]] = field(default_factory=list)  # (file, page, %)
    chunks: int = 0
    seconds: float = 0.0
    generation: str = ""
    tables: str = ""  # summary of the plan-table store rebuilt after the ingest

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

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
            f"Lỗi / failed: {len(self.failed)}",
            f"Số đoạn trong chỉ mục / chunks in index: {self.chunks}  Thời gian / time: {self.seconds:.1f}s",
        ]
        for name, reason in self.failed:
            lines.append(f"  ✗ {name}: {reason}")
        return "\n".join(lines)


def chunk_document(doc: SourceDocument) -> list[Chunk]:
    if doc.doc_type in ("guide", LEGAL):
        return GuideChunker().split(doc.doc_id, doc.text, doc.title)
    chunks = PlanChunker().split(doc.doc_id, doc.text)
    chunks.insert(0, card_chunk(doc.doc_id, doc.metadata()))
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


class Ingestor:
    """Sync a set of source files into a new index generation."""

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, index: ChromaIndex | None = None
    ) -> None:
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embed_model)
        self.index = index or ChromaIndex.from_settings(settings)
        self.cache = EmbeddingCache(Path(settings.data_dir) / "embed_cache.sqlite")

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

        old_chunks, old_vecs = self.index.load_all(include_embeddings=True)
        ptr = self.index.current()
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

        iterator = sources
        if progress:
            from tqdm import tqdm

            iterator = tqdm(sources, desc="Nạp tài liệu", unit="tệp", file=sys.stderr)
        for file, defaults in iterator:
            try:
                doc = load_document(file, defaults, progress=progress)
                if doc.doc_id in seen_docs:
                    raise DocumentError(
                        f"{file.name}: trùng doc_id '{doc.doc_id}' / duplicate doc_id"
                    )
                if doc.doc_type == LEGAL:
                    load_card(file)  # a bad card fails here, naming its file
                elif doc.doc_type != "guide" and not doc.commune:
                    raise DocumentError(_no_commune_message(file, doc))
            except CardError as exc:
                report.failed.append((file.name, str(exc)))
                continue
            except DocumentError as exc:
                report.failed.append((file.name, str(exc)))
                continue  # a stored earlier version of this file is kept (see below)
            seen_docs.add(doc.doc_id)
            if doc.scanned:
                self._report_scan(report, file, doc)
            digest = doc.content_hash
            previous = by_doc.get(doc.doc_id, [])
            if (
                previous
                and old_chunks[previous[0]].meta.get("doc_hash") == digest
                and old_vecs is not None
            ):
                report.unchanged.append(doc.doc_id)
                for i in previous:
                    ch = old_chunks[i]
                    keep_ids.append(ch.chunk_id)
                    keep_texts.append(ch.text)
                    keep_metas.append(ch.meta)
                    keep_vecs.append(old_vecs[i])
                continue
            (report.updated if previous else report.added).append(doc.doc_id)
            if doc.facts is not None:
                report.read.append((file.name, _read_line(doc)))
            chunks = chunk_document(doc)
            meta = doc.metadata()
            vecs = self.cache.embed(
                self.embedder, [embedding_text(meta, c.section, c.text) for c in chunks]
            )
            for c, v in zip(chunks, vecs, strict=True):
                keep_ids.append(c.chunk_id)
                keep_texts.append(c.text)
                keep_metas.append(self._chunk_meta(doc, c, digest, origin, file))
                keep_vecs.append(v)

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
        self._build_views(report.generation)
        report.seconds = time.perf_counter() - started
        report.tables = self._rebuild_tables()
        return report

    def _build_views(self, generation: str) -> None:
        """Store the corpus views (lexical index, term statistics) of the generation just
        written, so that serving only opens them (rag.corpus_views)."""
        from rag.corpus_views import build_views, open_views, prune_views, views_dir

        if not generation:
            return
        chunks, _ = self.index.load_all()
        directory = views_dir(self.settings.data_dir, generation)
        if open_views(directory, chunks) is None:
            build_views(directory, chunks)
        prune_views(self.settings.data_dir, keep=self.index.generations())

    def _rebuild_tables(self) -> str:
        """Derive the plan-table store (rag.tables) from the index just written."""
        from rag.tables.build import rebuild_from_index

        try:
            return rebuild_from_index(self.settings, out=None).summary()
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
    def _chunk_meta(doc: SourceDocument, c: Chunk, digest: str, origin: str, file: Path) -> dict:
        on = pages_of(doc.pages, c.start, c.end)
        meta = {
            **doc.metadata(),
            "section": with_label(c.section, scan_label(on, c.text)),
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "units": json.dumps(c.units, ensure_ascii=False),
            "doc_hash": digest,
            "origin": origin,
            "source": str(file.resolve()),
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
