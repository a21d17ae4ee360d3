"""The FastAPI application: thin channel over the shared engine."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.admin_guard import AdminKeyGuard
from api.docs_pages import install_docs
from api.drain import Drain, DrainMiddleware
from api.errors import install_error_handlers
from api.loading import EngineLoader
from api.middleware import (
    TELEGRAM_MAX_BODY,
    TELEGRAM_PREFIX,
    BodySizeLimitMiddleware,
    RateLimitMiddleware,
)
from api.routes import admin, ask, communes, feedback, guides, health, search, stream, web
from api.routes import dashboard as admin_dashboard
from api.routes import legal as legal_cards
from api.routes import targets as table_targets
from api.routes import telegram as telegram_webhook
from api.routes import zalo as zalo_webhook
from api.store_errors import install_store_errors
from rag.engine import Engine, get_engine
from rag.settings import Settings, get_settings


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.loader.start()  # the engine loads in the background; see api.loading
        yield
        app.state.executor.shutdown(wait=False, cancel_futures=True)
        app.state.log_executor.shutdown(wait=True)
        logbook = getattr(app.state, "interactions", None)
        if logbook is not None:
            logbook.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Trợ lý ảo — API",
        description="Hỏi đáp có trích dẫn về kế hoạch chuyển đổi số của xã và hướng dẫn dịch vụ công trực tuyến.",
        version="0.1.0",
        docs_url=None,  # served from local files by api.docs_pages
        redoc_url=None,
    )
    install_docs(app)
    app.state.settings = settings
    app.state.engine = engine
    app.state.engine_factory = lambda: get_engine(settings)
    app.state.loader = EngineLoader(app.state, lambda: app.state.engine_factory())
    # Engine calls run here, each bounded by settings.answer_timeout_s (see api.deps).
    app.state.executor = ThreadPoolExecutor(
        max_workers=max(4, min(32, 4 * (os.cpu_count() or 1))), thread_name_prefix="troly-ask"
    )
    app.state.log_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="troly-log")
    app.state.ingest_lock = threading.Lock()
    app.state.interactions = None
    app.state.admin_guard = AdminKeyGuard()  # wrong admin keys: 429 after a few (api.admin_guard)
    install_error_handlers(app)
    install_store_errors(app)
    # Outermost first: rate limit (cheap, no body read), then the body size limit.
    app.add_middleware(BodySizeLimitMiddleware, prefix_limits={TELEGRAM_PREFIX: TELEGRAM_MAX_BODY})
    app.add_middleware(
        RateLimitMiddleware,
        per_minute=max(0, int(settings.rate_limit_per_minute)),
        trust_proxy=bool(settings.trust_proxy),
    )
    if settings.embed_cors_origins.strip():  # a commune site calling the API from its pages
        app.add_middleware(
            CORSMiddleware,
            allow_origins=[o.strip() for o in settings.embed_cors_origins.split(",") if o.strip()],
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            max_age=600,
        )
    # Outermost of all: while stopping (SIGTERM), new requests get 503 (api.drain).
    app.state.drain = Drain()
    app.add_middleware(DrainMiddleware, drain=app.state.drain)
    app.include_router(health.router)
    app.include_router(ask.router)
    app.include_router(stream.router)
    app.include_router(search.router)
    app.include_router(communes.router)
    app.include_router(feedback.router)
    app.include_router(admin.router, include_in_schema=bool(settings.admin_key))
    app.include_router(web.router)
    app.include_router(telegram_webhook.router)
    app.include_router(zalo_webhook.router)
    app.include_router(table_targets.router)
    app.include_router(legal_cards.router)
    app.include_router(guides.router)
    app.include_router(admin_dashboard.router)
    return app
