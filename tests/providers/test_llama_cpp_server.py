"""The real 0.5B model behind llama-cpp-python's own OpenAI-compatible server, through the openai backend."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.errors import BackendError
from service.models import resolve
from service.numbers import states_number
from service.pipeline import Pipeline
from service.providers.factory import build_llm
from service.providers.openai_compat import OpenAICompatLLM
from service.schema import Analysis, ArticleInput
from service.settings import Settings
from tests.api.server_process import free_port

pytestmark = pytest.mark.model

ARTICLE = (
    "Landslide buries mountain road\n\n"
    "A landslide buried a mountain road near the village of Kotli on Sunday. Six people were killed "
    "and nine were injured, a district official said.\n\n"
    "Rescue teams cleared the road by evening and the injured were taken to a hospital in the valley."
)
OTHER = ArticleInput(
    text="A roof collapsed at a market in Tarso on Friday. Two traders were killed, police said."
)


class LlamaServer:
    """`python -m llama_cpp.server` with the test model on a free port."""

    def __init__(self, settings: Settings, log_path: Path) -> None:
        model = resolve(settings.model, settings.models_dir)
        self.url = f"http://127.0.0.1:{free_port()}/v1"
        port = self.url.rsplit(":", 1)[1].split("/")[0]
        # The same context, threads and chat format as the in-process engine, so both decode the same.
        argv = [sys.executable, "-m", "llama_cpp.server", "--model", str(model.path), "--host", "127.0.0.1"]
        argv += ["--port", port, "--n_ctx", str(settings.n_ctx), "--n_threads", str(settings.n_threads)]
        argv += ["--chat_format", model.chat_format or "chatml"]
        self.log_path = log_path
        with log_path.open("wb") as log:
            self.proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout_s: float = 120) -> None:
        """Until /v1/models answers; the log in the failure if it never does."""
        deadline = time.monotonic() + timeout_s
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"llama_cpp.server exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/models", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"llama_cpp.server not up in time:\n{self.log_path.read_text()[-3000:]}")
            time.sleep(0.3)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)


@pytest.fixture(scope="module")
def llama_server(model_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """One server for the module (loading the model costs seconds)."""
    # The server's own packages (the test extra); missing ones fail here, not in a subprocess log.
    import llama_cpp.server.app  # noqa: F401

    server = LlamaServer(model_settings, tmp_path_factory.mktemp("llama-server") / "server.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def figures(result: Analysis) -> set[tuple[int | None, int | None, str]]:
    """Every casualty figure with the quote it stands on."""
    return {(c.killed, c.injured, c.evidence.quote) for e in result.events for c in e.casualties}


def test_the_server_backend_gives_the_grounded_events_of_the_in_process_engine(
    llama_server: LlamaServer, model_settings: Settings
) -> None:
    http_settings = model_settings.model_copy(update={"backend": "openai", "base_url": llama_server.url})
    http = Pipeline(http_settings, build_llm(http_settings))
    assert isinstance(http.llm, OpenAICompatLLM)
    over_http = http.analyze(ArticleInput(text=ARTICLE), use_cache=False)
    assert http.llm.response_format == "json_object"  # detected: llama-cpp-python's server
    for event in over_http.events:
        for c in event.casualties:
            assert ARTICLE[c.evidence.start : c.evidence.end] == c.evidence.quote
            assert all(states_number(c.evidence.quote, v) for v in (c.killed, c.injured) if v is not None)
    assert any(c.killed == 6 for e in over_http.events for c in e.casualties), over_http.events
    assert over_http.provenance.backend == "openai"
    assert over_http.provenance.model_fingerprint == http.llm.fingerprint
    assert over_http.provenance.model == str(resolve(model_settings.model, model_settings.models_dir).path)

    local = Pipeline(model_settings, build_llm(model_settings))
    in_process = local.analyze(ArticleInput(text=ARTICLE), use_cache=False)
    # Same weights, prompts and greedy decoding: the same figures on the same quotes.
    assert figures(over_http) == figures(in_process)
    assert over_http.provenance.cache_key != in_process.provenance.cache_key
    local.close()
    http.close()


def test_a_server_that_went_away_is_a_clear_error_not_a_hang(
    llama_server: LlamaServer, model_settings: Settings
) -> None:
    settings = model_settings.model_copy(update={"backend": "openai", "base_url": llama_server.url})
    pipeline = Pipeline(settings, build_llm(settings))
    pipeline.llm.warm_up()
    llama_server.stop()
    started = time.monotonic()
    with pytest.raises(BackendError, match="cannot reach the model server") as caught:
        pipeline.analyze(OTHER, use_cache=False)
    assert caught.value.status_code == 503
    assert time.monotonic() - started < 15
    pipeline.close()
