"""The HTTP backend's fingerprint, and so the cache key, follows the model the server serves."""

from __future__ import annotations

from service.pipeline import Pipeline
from service.providers.openai_compat import OpenAICompatLLM
from service.providers.server_info import fingerprint
from service.schema import ArticleInput
from service.settings import Settings
from tests.providers.fake_openai import RunningServer

ENTRY = {"id": "qwen-test", "object": "model", "owned_by": "llamacpp", "meta": {"n_params": 494032768}}
ARTICLE = ArticleInput(text="A grain silo collapsed in the port town on Wednesday, killing four workers.")


def test_volatile_fields_do_not_change_the_fingerprint() -> None:
    url = "http://gpu-box:8080/v1"
    base = fingerprint(url, {**ENTRY, "created": 1})
    assert fingerprint(url, {**ENTRY, "created": 2, "permission": [{"id": "modelperm-x"}]}) == base
    assert fingerprint(url + "/", ENTRY) == base
    assert fingerprint(url, {**ENTRY, "meta": {"n_params": 1543714304}}) != base
    assert fingerprint(url, {**ENTRY, "id": "qwen-other"}) != base
    assert fingerprint("http://other-box:8080/v1", ENTRY) != base
    assert len(base) == 64 and int(base, 16) >= 0


def test_cache_key_changes_with_the_servers_model(
    fake_openai: RunningServer, http_settings: Settings
) -> None:
    fake_openai.fake.models = [ENTRY]
    first = Pipeline(http_settings, OpenAICompatLLM(http_settings))
    key = first.cache_key(ARTICLE)
    assert first.cache_key(ARTICLE) == key
    # The same URL, restarted with other weights under the same name: a new process sees a new key.
    fake_openai.fake.models = [{**ENTRY, "meta": {"n_params": 1543714304}}]
    second = Pipeline(http_settings, OpenAICompatLLM(http_settings))
    assert second.cache_key(ARTICLE) != key
    assert second.llm.fingerprint != first.llm.fingerprint


def test_warm_up_rereads_what_the_server_serves(fake_openai: RunningServer, http_settings: Settings) -> None:
    fake_openai.fake.models = [ENTRY]
    llm = OpenAICompatLLM(http_settings)
    before = llm.fingerprint
    fake_openai.fake.models = [{**ENTRY, "id": "qwen-next"}]
    assert llm.fingerprint == before  # read once, not per call
    llm.warm_up()
    assert llm.fingerprint != before and llm.name == "qwen-next"
