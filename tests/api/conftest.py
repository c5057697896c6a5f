"""Fixtures for the API tests: settings in a temp dir, a fake analyzer, a test client, a real server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api import create_app
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer
from tests.api.server_process import ServerProcess


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings isolated in tmp_path, no auth."""
    return Settings(
        data_dir=tmp_path / "data",
        cache_dir=tmp_path / "cache",
        api_keys=[],
        queue_size=2,
        request_timeout_s=30,
        max_body_bytes=1_000_000,
        batch_max=500,
    )


@pytest.fixture
def fake() -> FakeAnalyzer:
    """A fast fake analyzer."""
    return FakeAnalyzer()


@pytest.fixture
def app(settings: Settings, fake: FakeAnalyzer) -> Litestar:
    """The real app around the fake analyzer."""
    return create_app(settings, fake)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """A test client with the app's lifespan running."""
    async with AsyncTestClient(app=app) as c:
        yield c


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Any]:
    """Build ServerProcess objects; every one still running is killed at the end."""
    made: list[ServerProcess] = []

    def make(argv: list[str], env: dict[str, str]) -> ServerProcess:
        server = ServerProcess(argv, env, tmp_path / f"server{len(made)}.log")
        made.append(server)
        return server

    yield make
    for server in made:
        server.kill()
