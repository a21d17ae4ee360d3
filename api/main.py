"""The FastAPI application: thin channel over the shared engine."""

from __future__ import annotations

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routes import ask, health, web
from rag.engine import Engine, get_engine
from rag.settings import Settings, get_settings


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Trợ lý ảo — API",
        description="Hỏi đáp có trích dẫn về kế hoạch chuyển đổi số của xã và hướng dẫn dịch vụ công trực tuyến.",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.engine_factory = lambda: get_engine(settings)
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(ask.router)
    app.include_router(web.router)
    return app
