"""Batches: 202 at once, progress and results, cache reuse, failures, resume after a crash."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api import create_app
from service.api.batch_runner import MAX_ATTEMPTS
from service.api.batches import BatchStore
from service.schema import Analysis, ArticleInput
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer

TEXTS = ["First article about a flood.", "Second article: 3 killed.", "Third article, a fire."]


async def finished(client: AsyncTestClient[Litestar], batch_id: str) -> dict[str, Any]:
    """Poll the batch until nothing is pending or running; return its view."""
    for _ in range(500):
        view: dict[str, Any] = (await client.get(f"/v1/batches/{batch_id}")).json()
        if view["status"] == "done":
            return view
        await asyncio.sleep(0.02)
    raise AssertionError(f"batch never finished: {view}")


async def test_batch_is_accepted_at_once_and_completes(
    client: AsyncTestClient[Litestar], fake: FakeAnalyzer
) -> None:
    created = await client.post("/v1/batches", json={"articles": [{"text": t} for t in TEXTS]})

    assert created.status_code == 202
    batch_id = created.json()["id"]
    assert created.headers["location"] == f"/v1/batches/{batch_id}"
    assert created.json()["total"] == 3
    view = await finished(client, batch_id)
    assert (view["total"], view["done"], view["failed"], view["pending"]) == (3, 3, 0, 0)
    assert [item["index"] for item in view["items"]] == [0, 1, 2]
    for item, text in zip(view["items"], TEXTS, strict=True):
        result = Analysis.model_validate(item["result"])
        assert result.provenance.cache_key == item["cache_key"] == fake.cache_key(ArticleInput(text=text))
    stored = await client.get(f"/v1/analyses/{view['items'][1]['cache_key']}")
    assert stored.status_code == 200


async def test_batch_reuses_cached_results(client: AsyncTestClient[Litestar], fake: FakeAnalyzer) -> None:
    await client.post("/v1/analyses", json={"text": TEXTS[0]})

    created = await client.post("/v1/batches", json={"articles": [{"text": t} for t in TEXTS]})
    view = await finished(client, created.json()["id"])

    assert view["done"] == 3
    assert view["items"][0]["result"]["provenance"]["cached"] is True
    assert sorted(fake.calls) == sorted(fake.cache_key(ArticleInput(text=t)) for t in TEXTS)


async def test_failed_items_are_reported_and_the_rest_completes(
    client: AsyncTestClient[Litestar],
) -> None:
    articles = [{"text": "good one"}, {"text": "CRASH here"}, {"text": "bad \x00 bytes"}]

    created = await client.post("/v1/batches", json={"articles": articles})
    view = await finished(client, created.json()["id"])

    assert (view["done"], view["failed"]) == (1, 2)
    statuses = [(i["status"], i["error"]) for i in view["items"]]
    assert statuses == [("done", None), ("failed", "internal_error"), ("failed", "invalid_input")]
    assert "secret" not in str(view)


def _analysis_of(fake: FakeAnalyzer, text: str) -> Analysis:
    return FakeAnalyzer().analyze(ArticleInput(text=text))


async def test_restart_resumes_interrupted_items_and_keeps_finished_ones(
    settings: Settings,
) -> None:
    # The state a kill -9 leaves: item 0 committed, item 1 claimed (running), item 2 pending.
    store = BatchStore(settings.data_dir / "batches.sqlite3")
    batch_id = store.create([ArticleInput(text=t) for t in TEXTS])
    first = store.claim_next()
    assert first is not None
    store.finish(first, _analysis_of(FakeAnalyzer(), TEXTS[0]))
    assert store.claim_next() is not None
    store.close()

    fake = FakeAnalyzer()
    async with AsyncTestClient(app=create_app(settings, fake)) as client:
        view = await finished(client, batch_id)

    assert view["done"] == 3
    assert fake.calls == [fake.cache_key(ArticleInput(text=t)) for t in TEXTS[1:]]
    assert view["items"][0]["result"]["summary"] == f"Summary of {TEXTS[0]}"


async def test_an_item_that_keeps_killing_the_server_is_given_up(settings: Settings) -> None:
    store = BatchStore(settings.data_dir / "batches.sqlite3")
    batch_id = store.create([ArticleInput(text="poison")])
    for _ in range(MAX_ATTEMPTS):
        assert store.claim_next() is not None
        store.requeue_running()
    store.close()

    fake = FakeAnalyzer()
    async with AsyncTestClient(app=create_app(settings, fake)) as client:
        view = await finished(client, batch_id)

    assert view["items"][0]["status"] == "failed"
    assert view["items"][0]["error"] == "abandoned"
    assert fake.calls == []


async def test_shutdown_mid_batch_loses_nothing_and_computes_nothing_twice(
    settings: Settings,
) -> None:
    gate = threading.Event()
    fake = FakeAnalyzer(gate=gate)
    async with AsyncTestClient(app=create_app(settings, fake)) as client:
        created = await client.post("/v1/batches", json={"articles": [{"text": t} for t in TEXTS]})
        batch_id = created.json()["id"]
        assert await asyncio.to_thread(fake.started.wait, 30)
        # Open the gate while the server shuts down: the in-flight item must still finish.
        threading.Timer(0.2, gate.set).start()

    store = BatchStore(settings.data_dir / "batches.sqlite3")
    after_stop = [i.status for i in store.items(batch_id)]
    store.close()
    assert after_stop[0] == "done"
    assert "running" not in after_stop

    resumed = FakeAnalyzer()
    resumed.cache.update(fake.cache)  # the result cache survives a restart
    async with AsyncTestClient(app=create_app(settings, resumed)) as client:
        view = await finished(client, batch_id)

    assert view["done"] == 3
    every_call = fake.calls + resumed.calls
    assert sorted(every_call) == sorted({*every_call})


async def test_unknown_batch_is_404(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/v1/batches/0000")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_store_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    store = BatchStore(path)
    batch_id = store.create([ArticleInput(text="a", title="T"), ArticleInput(html="<p>b</p>")])
    store.close()

    reopened = BatchStore(path)
    counts = reopened.counts(batch_id)
    items = reopened.items(batch_id)
    reopened.close()

    assert counts is not None and (counts.total, counts.pending) == (2, 2)
    assert items[0].article == ArticleInput(text="a", title="T")
    assert items[1].article == ArticleInput(html="<p>b</p>")
