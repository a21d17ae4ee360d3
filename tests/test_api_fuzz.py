"""Property-based fuzzing of the OpenAPI schema (schemathesis, in-process ASGI): no 5xx.

Every operation is fuzzed with schema-valid (positive) and schema-violating (negative) inputs;
every answer must be below 500, and every error must have the API's one Vietnamese shape.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from api.main import create_app
from rag.engine import Engine
from rag.interactions import InteractionLog
from rag.settings import Settings

MAX_EXAMPLES = 20


def _cases() -> list[tuple[str, str, GenerationMode]]:
    """(method, path, mode); negative only where there is a query or body to violate."""
    paths = create_app(Settings(data_dir=Path("unused"))).openapi()["paths"]
    out = []
    for path, ops in sorted(paths.items()):
        for method, spec in ops.items():
            out.append((method.upper(), path, GenerationMode.POSITIVE))
            params = [p for p in spec.get("parameters", []) if p.get("in") == "query"]
            if params or "requestBody" in spec:
                out.append((method.upper(), path, GenerationMode.NEGATIVE))
    return out


@pytest.fixture
def api_schema(ingested_dir: Path, engine: Engine, tmp_path: Path):
    app = create_app(Settings(data_dir=ingested_dir, rate_limit_per_minute=0), engine=engine)
    app.state.interactions = InteractionLog(tmp_path / "fuzz-log.sqlite")
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path", "mode"), _cases())
def test_no_server_errors(api_schema, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    statuses: list[int] = []

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        response = case.call()
        statuses.append(response.status_code)
        assert response.status_code < 500, (case.method, case.path, response.text[:300])
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"}, body
            assert not body["error"]["message"].isascii(), body

    run()
    assert statuses
    print(method, path, mode.value, sorted(Counter(statuses).items()))
