"""POST /v1/batches has its own body limit (batch_max_body_bytes); other routes keep max_body_bytes."""

from __future__ import annotations

from pathlib import Path

from litestar.testing import AsyncTestClient

from service.api import create_app
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer

# Twenty articles of 3 kB each: over the single-request limit, under the batch limit.
ARTICLES = [
    {"text": f"Article {i} about the harbour in Lessing. " + "The quay was rebuilt. " * 140}
    for i in range(20)
]


def _settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        cache_dir=tmp_path / "cache",
        api_keys=[],
        max_body_bytes=10_000,
        batch_max_body_bytes=200_000,
    )


async def test_a_batch_larger_than_the_single_request_limit_is_accepted(tmp_path: Path) -> None:
    async with AsyncTestClient(app=create_app(_settings(tmp_path), FakeAnalyzer())) as client:
        created = await client.post("/v1/batches", json={"articles": ARTICLES})
        single = await client.post("/v1/analyses", json={"text": ARTICLES[0]["text"] * 4})
    assert created.status_code == 202 and created.json()["total"] == 20
    assert single.status_code == 413 and "10000 bytes" in single.json()["detail"]


async def test_a_batch_over_its_own_limit_is_413_naming_that_limit(tmp_path: Path) -> None:
    async with AsyncTestClient(app=create_app(_settings(tmp_path), FakeAnalyzer())) as client:
        response = await client.post("/v1/batches", json={"articles": ARTICLES * 4})
    assert response.status_code == 413
    assert response.json() == {
        "error": "body_too_large",
        "detail": "the body is larger than the limit of 200000 bytes",
    }
