"""Bearer-token auth: /v1 and /metrics need a key when keys are set; health and docs stay open."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from pydantic import SecretStr

from service.api import create_app
from service.api.auth import KeyRing
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer

KEYS = ["first-key-0123", "second-key-4567"]


@pytest.fixture
async def locked(tmp_path: Path) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """A client of an app with two API keys."""
    settings = Settings(data_dir=tmp_path / "data", api_keys=[SecretStr(k) for k in KEYS])
    async with AsyncTestClient(app=create_app(settings, FakeAnalyzer())) as client:
        yield client


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer wrong-key",
        "Basic first-key-0123",
        "first-key-0123",
        "Bearer first-key-012",
        "Bearer first-key-01234",
    ],
)
async def test_missing_or_wrong_key_is_401(
    locked: AsyncTestClient[Litestar], authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    response = await locked.post("/v1/analyses", json={"text": "hello"}, headers=headers)

    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("key", KEYS)
async def test_every_configured_key_is_accepted(locked: AsyncTestClient[Litestar], key: str) -> None:
    headers = {"Authorization": f"Bearer {key}"}

    made = await locked.post("/v1/analyses", json={"text": "hello"}, headers=headers)
    batch = await locked.post("/v1/batches", json={"articles": [{"text": "x"}]}, headers=headers)

    assert made.status_code == 200
    assert batch.status_code == 202


async def test_auth_is_checked_before_the_body(locked: AsyncTestClient[Litestar]) -> None:
    response = await locked.post("/v1/analyses", content=b"not json", headers={"content-type": "text/plain"})

    assert response.status_code == 401


async def test_metrics_need_the_key_but_probes_and_docs_do_not(
    locked: AsyncTestClient[Litestar],
) -> None:
    bare_metrics = await locked.get("/metrics")
    keyed_metrics = await locked.get("/metrics", headers={"Authorization": f"Bearer {KEYS[0]}"})

    assert bare_metrics.status_code == 401
    assert keyed_metrics.status_code == 200
    for path in ("/healthz", "/readyz", "/docs", "/docs/openapi.json"):
        assert (await locked.get(path)).status_code == 200, path


async def test_no_keys_means_no_auth(client: AsyncTestClient[Litestar]) -> None:
    assert (await client.post("/v1/analyses", json={"text": "hello"})).status_code == 200
    assert (await client.get("/metrics")).status_code == 200


def test_key_ring_matches_whole_keys_only() -> None:
    ring = KeyRing(Settings(api_keys=[SecretStr("abc"), SecretStr("d€f")]))

    assert ring.enabled
    assert ring.accepts("abc") and ring.accepts("d€f")
    assert not ring.accepts("ab") and not ring.accepts("abcd") and not ring.accepts("")
    assert not KeyRing(Settings(api_keys=[])).enabled
