"""The openai backend wired through settings, the pipeline, the CLI and the HTTP API."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient

from service.api import create_app
from service.cli import main
from service.pipeline import Pipeline
from service.providers.factory import build_llm
from service.providers.llama_cpp import LazyEngine
from service.providers.openai_compat import OpenAICompatLLM
from service.schema import ArticleInput
from service.settings import Settings
from tests.providers.fake_openai import Reply, RunningServer

ARTICLE = (
    "Ferry fire off Lamu\n\n"
    "A fire broke out on a passenger ferry off Lamu on Thursday. Five passengers were killed and "
    "eight injured, the port authority said.\n\nThe ferry was towed back to the harbour."
)
FACTS = {
    "figures": [{"killed": 5, "injured": 8, "group": "passengers", "source": "the port authority"}],
    "event_type": "fire",
    "place": "Lamu",
    "when": "on Thursday",
    "by": None,
    "target": "a passenger ferry",
}
SUMMARY = {"sentences": ["A passenger ferry caught fire off Lamu on Thursday."]}
SAME = {"sentence": 1, "answer": "same"}
BACKEND_FLAGS = [
    "--backend",
    "--base-url",
    "--backend-api-key",
    "--api-model",
    "--api-timeout-s",
    "--api-retries",
    "--api-concurrency",
    "--api-response-format",
]


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/v1"


def test_settings_come_from_env_vars(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDIGEST_BACKEND", "openai")
    monkeypatch.setenv("NEWSDIGEST_BASE_URL", "http://gpu-box:8000/v1")
    monkeypatch.setenv("NEWSDIGEST_BACKEND_API_KEY", "sk-env-3")
    monkeypatch.setenv("NEWSDIGEST_API_CONCURRENCY", "6")
    settings = Settings()
    assert settings.backend == "openai" and settings.base_url == "http://gpu-box:8000/v1"
    assert settings.backend_api_key is not None and settings.backend_api_key.get_secret_value() == "sk-env-3"
    llm = build_llm(settings)  # sends nothing yet: the server may still be starting
    assert isinstance(llm, OpenAICompatLLM) and llm.max_concurrency == 6


def test_default_backend_is_the_in_process_engine(tmp_path: Path) -> None:
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF not really a model")
    llm = build_llm(Settings(model=str(gguf)))
    assert isinstance(llm, LazyEngine) and not llm.loaded
    assert llm.max_concurrency == 1 and len(llm.fingerprint) == 64
    assert llm.decoding == {"temperature": 0.0, "top_k": 1, "repeat_penalty": 1.0}


def test_every_backend_setting_is_a_cli_flag() -> None:
    help_text = CliRunner().invoke(main, ["analyze", "--help"], terminal_width=200).output
    for flag in BACKEND_FLAGS:
        assert flag in help_text, flag
    assert "NEWSDIGEST_BACKEND_API_KEY" in help_text


def test_an_article_through_the_http_backend(fake_openai: RunningServer, http_settings: Settings) -> None:
    fake_openai.fake.answer(FACTS, SUMMARY, SAME)  # facts, the opening, its one question
    pipeline = Pipeline(http_settings, build_llm(http_settings))
    result = pipeline.analyze(ArticleInput(text=ARTICLE))
    (event,) = result.events
    (figure,) = event.casualties
    assert (figure.killed, figure.injured, event.location) == (5, 8, "off Lamu")
    assert ARTICLE[figure.evidence.start : figure.evidence.end] == figure.evidence.quote
    assert result.provenance.backend == "openai" and result.provenance.model == "tiny-test"
    assert result.provenance.model_fingerprint == pipeline.llm.fingerprint == result.provenance.model_sha256
    assert len(fake_openai.fake.chat()) == 3
    assert pipeline.analyze(ArticleInput(text=ARTICLE)).provenance.cached is True
    assert len(fake_openai.fake.chat()) == 3


def test_cli_server_down_is_one_line_and_exit_1(tmp_path: Path) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    args = ["analyze", "--backend", "openai", "--base-url", closed_port_url(), "--api-retries", "0"]
    result = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "c"), str(article)])
    assert result.exit_code == 1
    (line,) = [x for x in result.stderr.splitlines() if x.strip()]
    assert line.startswith(f"error: {article}: cannot reach the model server at http://127.0.0.1:")
    assert "is it running?" in line


async def ready(client: AsyncTestClient) -> None:
    for _ in range(100):
        if (await client.get("/readyz")).status_code == 200:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the server never became ready")


async def test_api_answers_503_while_the_model_server_is_down(tmp_path: Path) -> None:
    settings = Settings(
        backend="openai",
        base_url=closed_port_url(),
        api_retries=0,
        data_dir=tmp_path / "data",
        cache_dir=tmp_path / "cache",
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        await ready(client)  # a model server that is not up yet does not keep newsdigest unready
        response = await client.post("/v1/analyses", json={"text": ARTICLE})
    assert response.status_code == 503
    assert response.json()["error"] == "backend_unavailable"
    assert "cannot reach the model server" in response.json()["detail"]
    assert "retry-after" in response.headers


async def test_api_answers_504_when_the_model_server_is_too_slow(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.reply(Reply(content=FACTS, delay_s=1.0))
    settings = http_settings.model_copy(update={"api_timeout_s": 0.2, "api_retries": 0})
    async with AsyncTestClient(app=create_app(settings)) as client:
        await ready(client)
        response = await client.post("/v1/analyses", json={"text": ARTICLE})
    assert response.status_code == 504
    body = response.json()
    assert body["error"] == "backend_timeout" and "did not answer within 0.2 s" in body["detail"]
    assert json.dumps(body).count("\n") == 0


def test_a_backend_name_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", "--backend", "ollama", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert "'ollama' is not one of 'llama_cpp', 'openai'" in result.output
