"""Fixtures for the API tests: settings in a temp dir, a fake analyzer, a test client, a real server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_fakes import FakeAnalyzer
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api import create_app
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings isolated in tmp_path, no auth."""
    return Settings(
        data_dir=tmp_path / "data", cache_dir=tmp_path / "cache", api_keys=[], queue_size=2,
        request_timeout_s=30, max_body_bytes=1_000_000, batch_max=500,
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


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """A real server in a subprocess on a free loopback port."""

    def __init__(self, argv: list[str], env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.argv = argv
        self.env = {**os.environ, "PYTHONPATH": str(REPO), **env,
                    "NEWSDIGEST_HOST": "127.0.0.1", "NEWSDIGEST_PORT": str(self.port)}
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, ready_timeout_s: float = 120) -> ServerProcess:
        """Start and wait until /readyz says ready."""
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, *self.argv], cwd=REPO, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + ready_timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited early:\n{self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.kill()
        raise AssertionError(f"server not ready in time:\n{self.log_path.read_text()[-3000:]}")

    def request(self, method: str, path: str, **kw: Any) -> httpx.Response:
        """One real HTTP request."""
        return httpx.request(method, f"{self.url}{path}", timeout=kw.pop("timeout", 60), **kw)

    def terminate(self, timeout_s: float = 60) -> int:
        """SIGTERM and wait; return the exit code."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout_s)

    def kill(self) -> None:
        """SIGKILL (no cleanup at all) and reap."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)


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
