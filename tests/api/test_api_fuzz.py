"""Schemathesis against a real server process built from its own OpenAPI document (bounded examples).

The server runs the real app and `serve` with the fake analyzer, so no model is called. One check is
left out: `positive_data_acceptance`, because some schema-valid articles are rightly refused with
400 for what a JSON schema cannot say (NUL bytes, mostly control characters, HTML with no article
text in it); every other check, server errors and the auth checks included, must pass."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.server_process import ServerProcess
from tests.api.test_api_server import FAKE_SERVER, fake_env

KEY = "fuzz-key-2468"


@pytest.fixture(scope="module", params=["open", "locked"])
def served_schema(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The OpenAPI document of a real server without keys, then of one with a key."""
    home = tmp_path_factory.mktemp(request.param)
    keys = "[]" if request.param == "open" else f'["{KEY}"]'
    server = ServerProcess(FAKE_SERVER, fake_env(home, NEWSDIGEST_API_KEYS=keys), home / "server.log").start()
    schema = schemathesis.openapi.from_url(f"{server.url}/docs/openapi.json")
    yield schema
    server.kill()


schema = schemathesis.pytest.from_fixture("served_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_server_keeps_its_documented_contract(case: Any) -> None:
    # On the locked server no key is sent: every guarded call must answer a documented 401.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
