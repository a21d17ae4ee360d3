"""Request and response models of the HTTP API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.engine import validate_question


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: str = Field(
        ..., description="Câu hỏi tiếng Việt (có hoặc không dấu), tối đa 1.000 ký tự."
    )
    commune: str | None = Field(None, max_length=100, description="Tên xã, ví dụ 'Phú Trung'.")
    commune_id: str | None = Field(
        None,
        max_length=200,
        description="Mã xã (xã + tỉnh) từ /v1/communes, ví dụ 'phu-trung-dong-nai'; ưu tiên hơn 'commune'.",
    )

    @field_validator("question", mode="before")
    @classmethod
    def _check_question(cls, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError("Câu hỏi phải là một chuỗi văn bản.")
        return validate_question(value)

    @field_validator("commune", "commune_id", mode="before")
    @classmethod
    def _check_commune(cls, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or "\x00" in value:
            raise ValueError("Tên xã không hợp lệ.")
        return value.strip() or None


class CitationOut(BaseModel):
    doc_id: str
    title: str
    commune: str
    province: str
    section: str
    quote: str


class AskResponse(BaseModel):
    answer: str
    refused: bool
    citations: list[CitationOut]
    latency_ms: float
    answer_id: str


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    answer_id: str = Field(
        ...,
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Mã câu trả lời (answer_id) nhận được từ /v1/ask.",
    )
    rating: Literal["up", "down"] = Field(..., description="'up' (hữu ích) hoặc 'down'.")
    comment: str | None = Field(None, max_length=1000, description="Góp ý thêm (không bắt buộc).")

    @field_validator("comment", mode="before")
    @classmethod
    def _check_comment(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Góp ý chứa ký tự không hợp lệ.")
        return value


class OkResponse(BaseModel):
    ok: bool


class SearchHitOut(BaseModel):
    rank: int
    score: float
    dense: float
    sparse: float
    chunk_id: str
    text: str
    doc_id: str
    title: str
    commune: str
    province: str
    doc_type: str
    section: str
    kind: str


class SearchResponse(BaseModel):
    query: str
    commune: str | None
    hits: list[SearchHitOut]


class DocumentSummary(BaseModel):
    doc_id: str
    title: str
    commune: str
    province: str
    doc_type: str
    date: str
    signer: str
    slug: str
    last_reviewed: str
    chunks: int


class DocumentDetail(DocumentSummary):
    text: str
    text_source: Literal["file", "chunks"]


class CommuneOut(BaseModel):
    commune_id: str
    name: str
    province: str
    documents: list[DocumentSummary]
    chunks: int
    indicators: int


class CommunesResponse(BaseModel):
    communes: list[CommuneOut]
    total: int = 0
    limit: int = 0
    offset: int = 0


class DocumentsResponse(BaseModel):
    documents: list[DocumentSummary]


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody
