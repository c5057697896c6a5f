"""The OpenAPI document a real server serves tells the truth: security only with keys, no empty article."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from tests.api.server_process import ServerProcess
from tests.api.test_api_server import FAKE_SERVER, fake_env

KEY = "contract-key-0987"


def _operations(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for path in doc["paths"].values() for op in path.values()}


def _article_schema(doc: dict[str, Any]) -> dict[str, Any]:
    """ArticleInput with its refs resolvable (the document is the root)."""
    return {**doc, "$ref": "#/components/schemas/ArticleInput"}


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Two real fake-analyzer servers: one without keys, one with a key."""
    made: list[ServerProcess] = []
    for name, keys in (("open", "[]"), ("locked", f'["{KEY}"]')):
        home = tmp_path_factory.mktemp(name)
        env = fake_env(home, NEWSDIGEST_API_KEYS=keys)
        made.append(ServerProcess(FAKE_SERVER, env, home / "server.log").start())
    yield made
    for server in made:
        server.kill()


def test_without_keys_no_operation_asks_for_a_token(servers: list[ServerProcess]) -> None:
    open_server = servers[0]
    doc = open_server.request("GET", "/docs/openapi.json").json()

    assert "securitySchemes" not in doc.get("components", {})
    assert "security" not in doc
    asking = [op_id for op_id, op in _operations(doc).items() if op.get("security")]
    assert asking == []
    assert open_server.request("GET", "/v1/analyses/unknown-key").status_code == 404  # not 401


def test_with_keys_every_guarded_operation_declares_bearer(servers: list[ServerProcess]) -> None:
    locked = servers[1]
    doc = locked.request("GET", "/docs/openapi.json").json()

    assert doc["components"]["securitySchemes"]["BearerAuth"] == {"type": "http", "scheme": "bearer"}
    operations = _operations(doc)
    guarded = {op_id for op_id, op in operations.items() if op.get("security") == [{"BearerAuth": []}]}
    open_ops = {"health", "ready"}
    assert guarded == set(operations) - open_ops
    for op_id in ("getAnalysis", "reviewAnalysis"):
        assert op_id in guarded
    assert locked.request("GET", "/v1/analyses/unknown-key").status_code == 401
    assert locked.request("GET", "/healthz").status_code == 200


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({}, False),
        ({"title": "Headline only"}, False),
        ({"text": "   "}, False),
        ({"text": None, "html": None}, False),
        ({"text": "Three miners were trapped."}, True),
        ({"html": "<p>Three miners were trapped.</p>"}, True),
        ({"text": " ", "html": "<p>Three miners were trapped.</p>"}, True),
    ],
)
def test_article_schema_and_server_agree(
    servers: list[ServerProcess], body: dict[str, Any], valid: bool
) -> None:
    open_server = servers[0]
    doc = open_server.request("GET", "/docs/openapi.json").json()
    errors = list(jsonschema.Draft202012Validator(_article_schema(doc)).iter_errors(body))

    answer = open_server.request("POST", "/v1/analyses", json=body)

    assert (not errors) is valid, f"schema says {'valid' if not errors else errors[0].message} for {body}"
    assert (answer.status_code == 200) is valid, f"server answered {answer.status_code} for {body}"


def test_batch_items_use_the_same_article_schema(servers: list[ServerProcess]) -> None:
    doc = servers[0].request("GET", "/docs/openapi.json").json()
    items = doc["components"]["schemas"]["BatchRequest"]["properties"]["articles"]["items"]
    assert items == {"$ref": "#/components/schemas/ArticleInput"}
