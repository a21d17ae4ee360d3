"""Request and response models of the HTTP API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.engine import validate_question


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: str = Field(
        ..., description="Câu hỏi tiếng Việt (có hoặc không dấu), tối đa 1.000 ký tự."
    )
    commune: str | None = Field(None, max_length=100, description="Tên xã, ví dụ 'Phú Trung'.")

    @field_validator("question", mode="before")
    @classmethod
    def _check_question(cls, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError("Câu hỏi phải là một chuỗi văn bản.")
        return validate_question(value)

    @field_validator("commune", mode="before")
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


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody
