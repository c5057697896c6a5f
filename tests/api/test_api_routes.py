"""Routes with the Litestar test client: analyses, cache behaviour, health, docs, metrics, logs."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api import create_app
from service.schema import Analysis
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer

ARTICLE = {"text": "At least 38 people were killed in Aleppo on Tuesday.", "title": "Aleppo"}


async def test_analysis_returns_the_contract_then_answers_from_cache(
    client: AsyncTestClient[Litestar], fake: FakeAnalyzer
) -> None:
    first = await client.post("/v1/analyses", json=ARTICLE)
    second = await client.post("/v1/analyses", json=ARTICLE)

    assert first.status_code == 200, first.text
    assert second.status_code == 200
    one, two = Analysis.model_validate(first.json()), Analysis.model_validate(second.json())
    assert one.provenance.cached is False
    assert two.provenance.cached is True
    assert one.summary == two.summary
    assert one.article.title == "Aleppo"
    assert len(fake.calls) == 1


async def test_no_cache_runs_the_model_again(client: AsyncTestClient[Litestar], fake: FakeAnalyzer) -> None:
    await client.post("/v1/analyses", json=ARTICLE)
    again = await client.post("/v1/analyses", json=ARTICLE, params={"no_cache": "true"})

    assert again.status_code == 200
    assert again.json()["provenance"]["cached"] is False
    assert len(fake.calls) == 2


async def test_html_only_input_is_accepted(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post("/v1/analyses", json={"html": "<p>Two people were hurt.</p>"})

    assert response.status_code == 200
    assert Analysis.model_validate(response.json()).events == []


async def test_stored_analysis_by_cache_key(client: AsyncTestClient[Litestar]) -> None:
    made = (await client.post("/v1/analyses", json=ARTICLE)).json()
    key = made["provenance"]["cache_key"]

    found = await client.get(f"/v1/analyses/{key}")

    assert found.status_code == 200
    assert found.json()["summary"] == made["summary"]
    assert found.json()["provenance"]["cached"] is True


async def test_unknown_cache_key_is_404(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/v1/analyses/0123456789abcdef")

    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "detail": "no stored analysis with key '0123456789abcdef'",
    }


async def test_health_and_readiness(client: AsyncTestClient[Litestar]) -> None:
    health = await client.get("/healthz")
    ready = await client.get("/readyz")

    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["model"] == "fake-model"


async def test_readyz_is_503_while_the_model_loads(settings: Settings) -> None:
    release = threading.Event()

    def slow_factory(_: Settings) -> FakeAnalyzer:
        release.wait(30)
        return FakeAnalyzer()

    app = create_app(settings, analyzer_factory=slow_factory)
    async with AsyncTestClient(app=app) as client:
        health = await client.get("/healthz")
        loading = await client.get("/readyz")
        refused = await client.post("/v1/analyses", json=ARTICLE)
        release.set()
        for _ in range(200):
            if (await client.get("/readyz")).status_code == 200:
                break
            await asyncio.sleep(0.05)
        served = await client.post("/v1/analyses", json=ARTICLE)

    assert health.status_code == 200
    assert loading.status_code == 503 and loading.json()["status"] == "loading"
    assert int(loading.headers["retry-after"]) >= 1
    assert refused.status_code == 503 and refused.json()["error"] == "model_unavailable"
    assert "retry-after" in refused.headers
    assert served.status_code == 200


async def test_a_failed_model_load_is_reported_not_crashed(settings: Settings) -> None:
    def broken_factory(_: Settings) -> FakeAnalyzer:
        raise FileNotFoundError("model file missing")

    app = create_app(settings, analyzer_factory=broken_factory)
    async with AsyncTestClient(app=app) as client:
        for _ in range(200):
            ready = await client.get("/readyz")
            if ready.json()["status"] != "loading":
                break
            await asyncio.sleep(0.05)
        refused = await client.post("/v1/analyses", json=ARTICLE)

    assert ready.status_code == 503
    assert ready.json()["status"] == "failed"
    assert "model file missing" in ready.json()["detail"]
    assert refused.status_code == 503
    assert "model file missing" in refused.json()["detail"]


async def test_openapi_has_every_operation_and_docs_page(client: AsyncTestClient[Litestar]) -> None:
    schema = (await client.get("/docs/openapi.json")).json()
    docs = await client.get("/docs")

    operation_ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "createAnalysis",
        "getAnalysis",
        "createBatch",
        "getBatch",
        "health",
        "ready",
        "metrics",
        "reviewAnalysis",
    } <= operation_ids
    # This server has no keys: the document must not ask for a bearer token (tests/api/test_api_contract.py).
    assert "securitySchemes" not in schema.get("components", {})
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text.lower()


async def test_metrics_count_requests_cache_and_model_tokens(
    client: AsyncTestClient[Litestar],
) -> None:
    await client.post("/v1/analyses", json=ARTICLE)
    await client.post("/v1/analyses", json=ARTICLE)
    await client.get("/nowhere")

    text = (await client.get("/metrics")).text

    assert 'newsdigest_cache_lookups_total{result="hit"} 1.0' in text
    assert 'newsdigest_cache_lookups_total{result="miss"} 1.0' in text
    assert 'newsdigest_http_requests_total{method="POST",route="/v1/analyses",status="200"} 2.0' in text
    assert 'route="<unmatched>",status="404"' in text
    assert 'newsdigest_queue_depth{kind="interactive"} 0.0' in text
    assert 'newsdigest_model_jobs_total{outcome="ok"} 1.0' in text
    assert "newsdigest_model_tokens_per_second" in text
    assert "newsdigest_http_request_duration_seconds_bucket" in text


async def test_each_request_writes_one_json_access_line(
    client: AsyncTestClient[Litestar], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="newsdigest.access"):
        await client.post("/v1/analyses", json=ARTICLE)
        await client.post("/v1/analyses", json=ARTICLE)
        await client.get("/missing")

    lines = [r.fields for r in caplog.records if r.name == "newsdigest.access"]  # type: ignore[attr-defined]
    assert [(x["method"], x["path"], x["status"], x["cache_hit"]) for x in lines] == [
        ("POST", "/v1/analyses", 200, False),
        ("POST", "/v1/analyses", 200, True),
        ("GET", "/missing", 404, None),
    ]
    assert all(isinstance(x["ms"], float) for x in lines)


def test_json_formatter_writes_one_line_with_fields() -> None:
    from service.api.logs import JsonFormatter

    record = logging.LogRecord("newsdigest.access", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.fields = {"status": 200, "ms": 1.5, "cache_hit": True}

    line = JsonFormatter().format(record)

    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["status"] == 200 and parsed["cache_hit"] is True
    assert parsed["logger"] == "newsdigest.access"


def test_create_app_does_not_import_llama_cpp(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from service.api import create_app; from service.settings import Settings;"
        "create_app(Settings(data_dir=sys.argv[1]));"
        "print('llama_cpp' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.strip() == "False"
