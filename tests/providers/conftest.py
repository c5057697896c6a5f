"""Fixtures for the backend tests: a fake OpenAI-compatible server and settings pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.settings import Settings
from tests.providers.fake_openai import FakeOpenAI, RunningServer


@pytest.fixture
def fake_openai() -> Iterator[RunningServer]:
    """A fake OpenAI-compatible server on a free port (json_schema style: no llama-cpp-python title)."""
    server = RunningServer(FakeOpenAI())
    yield server
    server.close()


@pytest.fixture
def http_settings(tmp_path: Path, fake_openai: RunningServer) -> Settings:
    """Settings for the openai backend at the fake server; fast retries and timeouts."""
    return Settings(
        backend="openai",
        base_url=fake_openai.url,
        api_timeout_s=5,
        api_retries=2,
        api_concurrency=2,
        cache_dir=tmp_path / "cache",
        data_dir=tmp_path / "data",
    )
