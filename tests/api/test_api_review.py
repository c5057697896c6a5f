"""GET /v1/analyses/{cache_key}/review: the stored analysis drawn on its stored text, as HTML."""

from __future__ import annotations

from pathlib import Path

from litestar import Litestar
from litestar.testing import AsyncTestClient
from pydantic import SecretStr

from service.api import create_app
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer

ARTICLE = {"text": "Two hikers were hurt by a rockfall above Lake Orta on Saturday.", "title": "Rockfall"}


async def test_review_page_of_a_stored_analysis_shows_its_text(client: AsyncTestClient[Litestar]) -> None:
    key = (await client.post("/v1/analyses", json=ARTICLE)).json()["provenance"]["cache_key"]

    page = await client.get(f"/v1/analyses/{key}/review")

    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert ARTICLE["text"] in page.text
    assert "<h1>Rockfall</h1>" in page.text


async def test_review_of_an_unknown_key_is_404_json(client: AsyncTestClient[Litestar]) -> None:
    page = await client.get("/v1/analyses/no-such-key/review")

    assert page.status_code == 404
    assert page.json()["error"] == "not_found"


async def test_review_without_a_stored_text_is_404_with_the_reason(
    client: AsyncTestClient[Litestar], fake: FakeAnalyzer
) -> None:
    key = (await client.post("/v1/analyses", json=ARTICLE)).json()["provenance"]["cache_key"]
    fake.texts.clear()  # as after eviction, or for results stored before texts were kept

    page = await client.get(f"/v1/analyses/{key}/review")

    assert page.status_code == 404
    assert "input text" in page.json()["detail"]


async def test_review_needs_the_key_when_keys_are_set(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", api_keys=[SecretStr("review-key-1")])
    async with AsyncTestClient(app=create_app(settings, FakeAnalyzer())) as client:
        key = (
            await client.post("/v1/analyses", json=ARTICLE, headers={"Authorization": "Bearer review-key-1"})
        ).json()["provenance"]["cache_key"]
        refused = await client.get(f"/v1/analyses/{key}/review")
        allowed = await client.get(
            f"/v1/analyses/{key}/review", headers={"Authorization": "Bearer review-key-1"}
        )
    assert refused.status_code == 401
    assert allowed.status_code == 200


async def test_api_docs_describe_the_review_page(client: AsyncTestClient[Litestar]) -> None:
    doc = (await client.get("/docs/openapi.json")).json()

    operation = doc["paths"]["/v1/analyses/{cache_key}/review"]["get"]
    assert operation["operationId"] == "reviewAnalysis"
    assert "text/html" in operation["responses"]["200"]["content"]
    assert "/review" in doc["info"]["description"]
