"""Dependencies shared by the routes: settings and the one engine of this process."""

from __future__ import annotations

from fastapi import Request

from rag.engine import Engine
from rag.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_engine(request: Request) -> Engine:
    engine = getattr(request.app.state, "engine", None)
    if engine is None:
        engine = request.app.state.engine_factory()
        request.app.state.engine = engine
    return engine
