"""The error table: every client mistake gets its status and a `{"error", "detail"}` body, no trace."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api import create_app
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer

JSON = {"content-type": "application/json"}

ERROR_TABLE: list[tuple[str, str, str, dict[str, Any], int, str]] = [
    # (case, method, path, request kwargs, status, error code)
    ("empty text", "POST", "/v1/analyses", {"json": {"text": ""}}, 400, "invalid_input"),
    ("blank text", "POST", "/v1/analyses", {"json": {"text": " \n\t "}}, 400, "invalid_input"),
    ("no text nor html", "POST", "/v1/analyses", {"json": {"title": "t"}}, 400, "invalid_input"),
    ("text not a string", "POST", "/v1/analyses", {"json": {"text": 42}}, 400, "invalid_input"),
    ("bad date", "POST", "/v1/analyses", {"json": {"text": "x", "published": "May 5"}}, 400, "invalid_input"),
    ("binary text", "POST", "/v1/analyses", {"json": {"text": "a\x00b"}}, 400, "invalid_input"),
    ("json array", "POST", "/v1/analyses", {"json": ["text"]}, 400, "invalid_input"),
    (
        "malformed json",
        "POST",
        "/v1/analyses",
        {"content": b'{"text": ', "headers": JSON},
        400,
        "bad_request",
    ),
    ("empty body", "POST", "/v1/analyses", {"content": b"", "headers": JSON}, 400, "invalid_input"),
    (
        "not utf-8",
        "POST",
        "/v1/analyses",
        {"content": '{"text": "café"}'.encode("latin-1"), "headers": JSON},
        400,
        "invalid_input",
    ),
    (
        "lone surrogate",
        "POST",
        "/v1/analyses",
        {"content": b'{"text": "\\udc80"}', "headers": JSON},
        400,
        "bad_request",
    ),
    (
        "form content type",
        "POST",
        "/v1/analyses",
        {"content": b"text=hello", "headers": {"content-type": "application/x-www-form-urlencoded"}},
        415,
        "unsupported_media_type",
    ),
    (
        "no content type",
        "POST",
        "/v1/analyses",
        {"content": b'{"text": "hello"}'},
        415,
        "unsupported_media_type",
    ),
    (
        "text/plain",
        "POST",
        "/v1/batches",
        {"content": b"hello", "headers": {"content-type": "text/plain"}},
        415,
        "unsupported_media_type",
    ),
    (
        "over the body limit",
        "POST",
        "/v1/analyses",
        {"content": b'{"text": "' + b"a" * 3000 + b'"}', "headers": JSON},
        413,
        "body_too_large",
    ),
    ("unknown route", "GET", "/v2/analyses", {}, 404, "not_found"),
    ("unknown batch", "GET", "/v1/batches/nope", {}, 404, "not_found"),
    ("wrong method", "DELETE", "/v1/analyses", {}, 405, "method_not_allowed"),
    (
        "no_cache not a bool",
        "POST",
        "/v1/analyses?no_cache=maybe",
        {"json": {"text": "x"}},
        400,
        "invalid_input",
    ),
    ("empty batch", "POST", "/v1/batches", {"json": {"articles": []}}, 400, "invalid_input"),
    (
        "batch item empty",
        "POST",
        "/v1/batches",
        {"json": {"articles": [{"text": "ok"}, {"text": ""}]}},
        400,
        "invalid_input",
    ),
    (
        "batch too big",
        "POST",
        "/v1/batches",
        {"json": {"articles": [{"text": f"a{i}"} for i in range(4)]}},
        400,
        "invalid_input",
    ),
]


@pytest.fixture
def settings(tmp_path: Any) -> Settings:
    """Small limits so the limit rows are cheap to hit."""
    return Settings(data_dir=tmp_path / "data", max_body_bytes=2048, batch_max=3, api_keys=[])


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [row[1:] for row in ERROR_TABLE],
    ids=[row[0] for row in ERROR_TABLE],
)
async def test_error_table(
    client: AsyncTestClient[Litestar],
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    response = await client.request(method, path, **kwargs)

    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "detail"}
    assert body["error"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in response.text


async def test_the_413_detail_names_the_limit(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post("/v1/analyses", content=b"{" + b" " * 4000 + b"}", headers=JSON)

    assert response.status_code == 413
    assert "2048" in response.json()["detail"]


async def test_the_validation_detail_names_the_field(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post("/v1/analyses", json={"text": "x", "published": "May 5"})

    assert "published" in response.json()["detail"]


async def test_an_unexpected_failure_is_a_bare_500_and_the_server_goes_on(
    client: AsyncTestClient[Litestar], fake: FakeAnalyzer
) -> None:
    crashed = await client.post("/v1/analyses", json={"text": "CRASH please"})
    after = await client.post("/v1/analyses", json={"text": "a normal article"})

    assert crashed.status_code == 500
    assert crashed.json() == {
        "error": "internal_error",
        "detail": "unexpected server error; see the server log",
    }
    assert "secret" not in crashed.text
    assert after.status_code == 200


async def test_pipeline_errors_keep_their_own_status(settings: Settings) -> None:
    from service.errors import GenerationError

    class Failing(FakeAnalyzer):
        def analyze(self, article: Any, *, use_cache: bool = True) -> Any:
            raise GenerationError("the model gave no valid answer after 2 tries")

    async with AsyncTestClient(app=create_app(settings, Failing())) as client:
        response = await client.post("/v1/analyses", json={"text": "hello"})

    assert response.status_code == 502
    assert response.json() == {
        "error": "generation_failed",
        "detail": "the model gave no valid answer after 2 tries",
    }


async def test_a_long_multiline_error_is_cut_to_one_line(settings: Settings) -> None:
    from service.errors import GenerationError

    class Verbose(FakeAnalyzer):
        def analyze(self, article: Any, *, use_cache: bool = True) -> Any:
            raise GenerationError("no valid answer: <failed_attempts>\n<completion>" + "x" * 5000)

    async with AsyncTestClient(app=create_app(settings, Verbose())) as client:
        response = await client.post("/v1/analyses", json={"text": "hello"})

    detail = response.json()["detail"]
    assert detail.startswith("no valid answer: <failed_attempts>")
    assert "\n" not in detail and len(detail) <= 300
