"""The chat model: langchain-openai ChatOpenAI against any OpenAI-compatible server."""

from __future__ import annotations

from typing import Any

from rag.settings import Settings

MAX_OUTPUT_TOKENS = 700
TEMPERATURE = 0.1
# Local servers (vLLM, Ollama, llama.cpp) ignore the key but the OpenAI SDK requires one.
PLACEHOLDER_KEY = "not-needed"


def llm_configured(settings: Settings) -> bool:
    return bool(settings.llm_base_url.strip() and settings.llm_model.strip())


def build_chat_model(settings: Settings, max_tokens: int = MAX_OUTPUT_TOKENS) -> Any:
    """ChatOpenAI for TROLY_LLM_BASE_URL / TROLY_LLM_MODEL; retries are done by the generator.

    The token cap is sent both as `max_completion_tokens` (what ChatOpenAI sends) and as
    `max_tokens` (what Ollama and older llama.cpp servers read).
    """
    if not llm_configured(settings):
        raise ValueError("TROLY_LLM_BASE_URL và TROLY_LLM_MODEL chưa được đặt")
    if max_tokens < 16:
        raise ValueError("max_tokens must be at least 16")
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.llm_model.strip(),
        base_url=settings.llm_base_url.strip().rstrip("/"),
        api_key=settings.llm_api_key or PLACEHOLDER_KEY,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        max_tokens=max_tokens,
        temperature=TEMPERATURE,
        extra_body={"max_tokens": max_tokens},
        stream_usage=False,
    )
