"""POST /v1/checks: the faithfulness checker over HTTP."""

from typing import Any

from litestar.testing import AsyncTestClient

ARTICLE = "At least 38 people were killed in Aleppo on Tuesday, the Syrian Observatory said."


async def test_check_flags_an_unsupported_number(client: AsyncTestClient[Any]) -> None:
    ok = await client.post(
        "/v1/checks", json={"article": ARTICLE, "summary": "38 people were killed in Aleppo."}
    )
    assert ok.status_code == 200 and ok.json()["supported"] is True
    bad = await client.post(
        "/v1/checks", json={"article": ARTICLE, "summary": "83 people were killed in Aleppo."}
    )
    body = bad.json()
    assert body["supported"] is False
    assert any(issue["text"] == "83" for issue in body["issues"])


async def test_check_rejects_empty_input(client: AsyncTestClient[Any]) -> None:
    response = await client.post("/v1/checks", json={"article": " ", "summary": "x"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_input"
