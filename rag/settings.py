"""One settings object for every channel, read from the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PACKAGE_ROOT / "corpus"


def _env(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class Settings(BaseSettings):
    """All configuration; every field maps to one environment variable."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    data_dir: Path = Field(Path("data"), validation_alias=_env("TROLY_DATA_DIR"))
    corpus_dir: Path = Field(BUNDLED_CORPUS, validation_alias=_env("TROLY_CORPUS_DIR"))
    embed_model: str = Field("", validation_alias=_env("TROLY_EMBED_MODEL"))
    # sentence-transformers device ("cpu", "cuda", "cuda:1"; empty: cuda when present) and
    # passages per batch, for building an index on a GPU machine (README, "Index at scale").
    embed_device: str = Field("", validation_alias=_env("TROLY_EMBED_DEVICE"))
    embed_batch: int = Field(32, ge=1, validation_alias=_env("TROLY_EMBED_BATCH"))
    chroma_host: str = Field("", validation_alias=_env("CHROMA_HOST"))
    chroma_port: int = Field(8000, validation_alias=_env("CHROMA_PORT"))

    telegram_bot_token: str = Field("", validation_alias=_env("TELEGRAM_BOT_TOKEN"))
    telegram_api_base_url: str = Field("", validation_alias=_env("TELEGRAM_API_BASE_URL"))
    telegram_webhook_secret: str = Field("", validation_alias=_env("TELEGRAM_WEBHOOK_SECRET"))
    telegram_rate_limit_per_minute: int = Field(
        10, validation_alias=_env("TELEGRAM_RATE_LIMIT_PER_MINUTE")
    )

    zalo_bot_token: str = Field("", validation_alias=_env("ZALO_BOT_TOKEN"))
    zalo_api_base_url: str = Field(
        "https://bot-api.zaloplatforms.com", validation_alias=_env("ZALO_API_BASE_URL")
    )
    zalo_webhook_secret: str = Field("", validation_alias=_env("ZALO_WEBHOOK_SECRET"))
    zalo_rate_limit_per_minute: int = Field(10, validation_alias=_env("ZALO_RATE_LIMIT_PER_MINUTE"))

    llm_base_url: str = Field("", validation_alias=_env("TROLY_LLM_BASE_URL"))
    llm_model: str = Field("", validation_alias=_env("TROLY_LLM_MODEL"))
    llm_api_key: str = Field("", validation_alias=_env("TROLY_LLM_API_KEY"))
    llm_timeout_s: float = Field(20.0, validation_alias=_env("TROLY_LLM_TIMEOUT"))

    admin_key: str = Field("", validation_alias=_env("TROLY_ADMIN_KEY"))
    rate_limit_per_minute: int = Field(30, validation_alias=_env("TROLY_RATE_LIMIT_PER_MINUTE"))
    trust_proxy: bool = Field(False, validation_alias=_env("TROLY_TRUST_PROXY"))
    log_retention_days: int = Field(90, validation_alias=_env("TROLY_LOG_RETENTION_DAYS"))
    answer_timeout_s: float = Field(15.0, validation_alias=_env("TROLY_ANSWER_TIMEOUT"))
    # Comma-separated origins (https://xa-vi-du.gov.vn) whose pages may call the API (CORS);
    # empty: none, the /embed iframe needs no CORS.
    embed_cors_origins: str = Field("", validation_alias=_env("TROLY_EMBED_CORS_ORIGINS"))

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
