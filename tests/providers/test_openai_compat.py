"""The OpenAI-compatible backend against a real (fake) HTTP server: request shape, retries, errors."""

from __future__ import annotations

import socket
import time
from typing import Literal

import pytest
from pydantic import BaseModel, SecretStr

from service.errors import BackendError, BackendTimeoutError, GenerationError
from service.providers.openai_compat import OpenAICompatLLM
from service.settings import Settings
from tests.providers.fake_openai import LLAMA_CPP_PYTHON_OPENAPI, Reply, RunningServer


class Toll(BaseModel):
    """A small schema written for these tests."""

    killed: int
    where: Literal["harbour", "market"]


ASK = [{"role": "user", "content": "Two dockers died at the harbour crane on Friday."}]
GOOD = {"killed": 2, "where": "harbour"}


def with_(settings: Settings, **changes: object) -> Settings:
    return settings.model_copy(update=changes)


def test_json_schema_request_carries_model_schema_and_greedy_decoding(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.answer(GOOD)
    llm = OpenAICompatLLM(http_settings)
    answer = llm.structured(ASK, Toll, max_tokens=50)
    assert answer.model_dump() == GOOD
    (request,) = fake_openai.fake.chat()
    body = request.body
    assert body["model"] == "tiny-test"
    assert body["messages"] == ASK
    assert body["max_tokens"] == 50
    assert body["temperature"] == 0.0 and body["seed"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "Toll"
    assert body["response_format"]["json_schema"]["schema"]["required"] == ["killed", "where"]
    # Fields only llama-cpp-python knows would be rejected by OpenAI itself.
    assert "top_k" not in body and "repeat_penalty" not in body
    headers = {k.lower(): v for k, v in request.headers.items()}
    assert headers["authorization"] == "Bearer EMPTY"  # the openai client needs a key; servers ignore it
    assert llm.usage.calls == 1 and llm.usage.prompt_tokens == 11 and llm.usage.completion_tokens == 7
    assert llm.name == "tiny-test"


def test_llama_cpp_python_server_is_detected_and_gets_json_object(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.openapi = LLAMA_CPP_PYTHON_OPENAPI
    fake_openai.fake.answer(GOOD)
    llm = OpenAICompatLLM(http_settings)
    llm.structured(ASK, Toll, max_tokens=50)
    body = fake_openai.fake.chat()[0].body
    assert body["response_format"] == {"type": "json_object", "schema": Toll.model_json_schema()}
    assert body["top_k"] == 1 and body["repeat_penalty"] == 1.0
    assert llm.decoding["response_format"] == "json_object"


def test_response_format_setting_overrides_detection(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.openapi = LLAMA_CPP_PYTHON_OPENAPI
    fake_openai.fake.answer(GOOD)
    llm = OpenAICompatLLM(with_(http_settings, api_response_format="json_schema"))
    llm.structured(ASK, Toll, max_tokens=50)
    assert fake_openai.fake.chat()[0].body["response_format"]["type"] == "json_schema"
    assert not any(s.path == "/openapi.json" for s in fake_openai.fake.seen)


def test_api_key_is_sent_as_bearer_token(fake_openai: RunningServer, http_settings: Settings) -> None:
    fake_openai.fake.answer(GOOD)
    llm = OpenAICompatLLM(with_(http_settings, backend_api_key=SecretStr("sk-harbour-7")))
    llm.structured(ASK, Toll, max_tokens=50)
    headers = {k.lower(): v for k, v in fake_openai.fake.chat()[0].headers.items()}
    assert headers["authorization"] == "Bearer sk-harbour-7"


def test_server_error_is_retried_with_backoff(fake_openai: RunningServer, http_settings: Settings) -> None:
    fake_openai.fake.reply(Reply(status=500), Reply(status=503), Reply(content=GOOD))
    started = time.monotonic()
    answer = OpenAICompatLLM(http_settings).structured(ASK, Toll, max_tokens=50)
    assert answer.killed == 2
    assert len(fake_openai.fake.chat()) == 3
    assert time.monotonic() - started >= 0.5  # the client waited between tries


def test_server_error_after_the_retries_is_a_503_backend_error(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.reply(Reply(status=500), Reply(status=500))
    with pytest.raises(BackendError) as caught:
        OpenAICompatLLM(with_(http_settings, api_retries=1)).structured(ASK, Toll, max_tokens=50)
    assert caught.value.status_code == 503 and caught.value.code == "backend_unavailable"
    assert "failed (500) after 1 retries" in str(caught.value)
    assert len(fake_openai.fake.chat()) == 2


def test_timeout_is_retried_then_a_504(fake_openai: RunningServer, http_settings: Settings) -> None:
    fake_openai.fake.reply(Reply(content=GOOD, delay_s=1.5), Reply(content=GOOD, delay_s=1.5))
    llm = OpenAICompatLLM(with_(http_settings, api_timeout_s=0.3, api_retries=1))
    started = time.monotonic()
    with pytest.raises(BackendTimeoutError) as caught:
        llm.structured(ASK, Toll, max_tokens=50)
    assert caught.value.status_code == 504 and caught.value.code == "backend_timeout"
    assert "did not answer within 0.3 s" in str(caught.value)
    assert len(fake_openai.fake.chat()) == 2
    assert time.monotonic() - started < 5  # never a hang


def test_refused_key_is_not_retried_and_names_the_setting(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.reply(Reply(status=401))
    with pytest.raises(BackendError, match="NEWSDIGEST_BACKEND_API_KEY"):
        OpenAICompatLLM(http_settings).structured(ASK, Toll, max_tokens=50)
    assert len(fake_openai.fake.chat()) == 1


def test_rejected_request_suggests_the_response_format_setting(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.reply(Reply(status=422))
    with pytest.raises(BackendError, match="NEWSDIGEST_API_RESPONSE_FORMAT"):
        OpenAICompatLLM(http_settings).structured(ASK, Toll, max_tokens=50)


def test_server_down_is_a_clear_503_at_once(http_settings: Settings) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    llm = OpenAICompatLLM(with_(http_settings, base_url=f"http://127.0.0.1:{closed}/v1", api_retries=1))
    started = time.monotonic()
    with pytest.raises(BackendError, match="cannot reach the model server") as caught:
        llm.warm_up()
    assert caught.value.status_code == 503
    with pytest.raises(BackendError, match="cannot reach"):
        llm.structured(ASK, Toll, max_tokens=50)
    assert time.monotonic() - started < 10


def test_invalid_json_is_reasked_like_in_process(fake_openai: RunningServer, http_settings: Settings) -> None:
    fake_openai.fake.answer('{"killed": 2, "where": "harb', GOOD)
    assert OpenAICompatLLM(http_settings).structured(ASK, Toll, max_tokens=50).killed == 2
    second = fake_openai.fake.chat()[1].body["messages"]
    assert len(second) > len(ASK)  # instructor showed the model its invalid answer


def test_invalid_json_every_time_is_a_generation_error(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.answer("not json", {"killed": "two"}, {"where": "moon"})
    with pytest.raises(GenerationError, match="no valid Toll after 2 tries"):
        OpenAICompatLLM(http_settings).structured(ASK, Toll, max_tokens=50)


def test_a_body_that_is_not_an_openai_answer_is_a_backend_error(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.reply(Reply(raw=b"<html>proxy error</html>"))
    with pytest.raises(BackendError, match="not a chat completion: '<html>proxy error"):
        OpenAICompatLLM(http_settings).structured(ASK, Toll, max_tokens=50)
    assert len(fake_openai.fake.chat()) == 1  # not re-asked: the model never saw the request


def test_named_model_must_be_served(fake_openai: RunningServer, http_settings: Settings) -> None:
    with pytest.raises(BackendError, match=r"does not serve 'big-model' \(it serves: tiny-test\)"):
        OpenAICompatLLM(with_(http_settings, api_model="big-model")).warm_up()


def test_token_counts_are_an_over_estimate(http_settings: Settings) -> None:
    llm = OpenAICompatLLM(http_settings)
    text = "Rescuers pulled three fishermen from the flooded quarry near the old mill on Sunday."
    assert llm.count_tokens(text) >= len(text.split())
    assert llm.n_ctx == http_settings.n_ctx and llm.max_concurrency == 2
