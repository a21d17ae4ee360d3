"""GET /v1/communes, /v1/documents, /v1/documents/{doc_id}: what the assistant knows."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Query

from api.deps import EngineDep
from api.errors import error_response
from api.schemas import (
    CommuneOut,
    CommunesResponse,
    DocumentDetail,
    DocumentsResponse,
    DocumentSummary,
    ErrorResponse,
)
from rag.documents import DocumentError, load_document
from rag.engine import Engine
from rag.index import StoredChunk

router = APIRouter(prefix="/v1", tags=["documents"])
_DOC_FIELDS = ("doc_id", "title", "commune", "province", "doc_type", "date", "signer")


def group_documents(chunks: list[StoredChunk]) -> dict[str, list[StoredChunk]]:
    """doc_id -> its chunks, in index order."""
    docs: dict[str, list[StoredChunk]] = {}
    for chunk in chunks:
        docs.setdefault(str(chunk.meta.get("doc_id", "")), []).append(chunk)
    docs.pop("", None)
    return docs


def summary(chunks: list[StoredChunk], count: int | None = None) -> DocumentSummary:
    """A document from its chunks (or its first chunk and `count`)."""
    meta = chunks[0].meta
    return DocumentSummary(
        doc_id=str(meta.get("doc_id", "")),
        title=str(meta.get("title", "")),
        commune=str(meta.get("commune", "")),
        province=str(meta.get("province", "")),
        doc_type=str(meta.get("doc_type", "plan")),
        date=str(meta.get("date", "")),
        signer=str(meta.get("signer", "")),
        slug=str(meta.get("slug", "")),
        last_reviewed=str(meta.get("last_reviewed", "")),
        chunks=len(chunks) if count is None else count,
    )


def _sorted_documents(engine: Engine) -> list[tuple[StoredChunk, int]]:
    """(first chunk, chunk count) of every document, plans first, by commune and title."""
    engine.refresh_if_changed()  # another worker may have ingested a document
    return sorted(
        engine.document_heads(),
        key=lambda head: (
            head[0].meta.get("doc_type", "plan") != "plan",
            str(head[0].meta.get("commune", "")),
            str(head[0].meta.get("title", "")),
        ),
    )


def document_text(chunks: list[StoredChunk]) -> tuple[str, str]:
    """(full text, 'file') re-read from the source if unchanged, else (text, 'chunks')."""
    meta = chunks[0].meta
    source = str(meta.get("source", ""))
    if source:
        path = Path(source)
        try:
            if path.is_file():
                doc = load_document(path, {k: meta.get(k) for k in _DOC_FIELDS if meta.get(k)})
                if doc.content_hash == meta.get("doc_hash"):
                    return doc.text.strip(), "file"
        except (DocumentError, OSError, ValueError):
            pass
    return reconstruct(chunks), "chunks"


def reconstruct(chunks: list[StoredChunk]) -> str:
    """Join a document's chunks in text order, skipping the synthetic card and repeats."""
    body = [c for c in chunks if c.meta.get("kind") != "card"] or chunks
    ordered = sorted(body, key=lambda c: int(c.meta.get("start", 0)))  # stable: keeps piece order
    seen: set[str] = set()
    parts: list[str] = []
    for c in ordered:
        text = c.text.strip()
        if text and text not in seen:
            seen.add(text)
            parts.append(text)
    return "\n\n".join(parts)


@router.get("/communes", response_model=CommunesResponse, summary="Các xã có kế hoạch (phân trang)")
def communes(
    engine: EngineDep,
    q: str = Query("", max_length=100, description="Một phần tên xã, có hoặc không dấu."),
    province: str = Query("", max_length=100, description="Tên tỉnh/thành phố."),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
) -> CommunesResponse:
    engine.refresh_if_changed()  # another worker may have ingested a document
    total, page = engine.directory.page(q, province, limit, offset)
    out = []
    for ref in page:  # one read per commune of the page, not a pass over every chunk
        all_chunks = engine.commune_chunks(ref.commune_id)
        docs = sorted(
            group_documents(all_chunks).values(), key=lambda cs: str(cs[0].meta.get("title", ""))
        )
        out.append(
            CommuneOut(
                commune_id=ref.commune_id,
                name=ref.name,
                province=ref.province,
                documents=[summary(cs) for cs in docs],
                chunks=len(all_chunks),
                indicators=sum(c.meta.get("kind") == "row" for c in all_chunks),
            )
        )
    return CommunesResponse(communes=out, total=total, limit=limit, offset=offset)


@router.get("/documents", response_model=DocumentsResponse, summary="Danh sách tài liệu")
def documents(engine: EngineDep) -> DocumentsResponse:
    return DocumentsResponse(
        documents=[summary([head], count) for head, count in _sorted_documents(engine)]
    )


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentDetail,
    responses={404: {"model": ErrorResponse, "description": "Không có tài liệu này"}},
    summary="Nội dung một tài liệu",
)
def document(doc_id: str, engine: EngineDep):
    engine.refresh_if_changed()
    chunks = engine.document_chunks(doc_id)
    if not chunks:
        return error_response(404, "unknown_document", "Không tìm thấy tài liệu với mã này.")
    text, origin = document_text(chunks)
    return DocumentDetail(**summary(chunks).model_dump(), text=text, text_source=origin)
