"""The one-worker queue: priority, full queue (503), deadline (504), cache hits while busy, disconnects."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar

from service.api import create_app
from service.api.queue import JobReport, ModelWorker
from service.api.runtime import Runtime
from service.errors import BusyError
from service.schema import ArticleInput
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer


def article(text: str) -> ArticleInput:
    """An article with this text."""
    return ArticleInput(text=text)


async def until(condition: Any, what: str) -> None:
    """Poll `condition()` until true (the model runs on another thread)."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


@pytest.fixture
def gate() -> threading.Event:
    """Closed gate: every model call blocks until the test opens it."""
    return threading.Event()


@pytest.fixture
def fake(gate: threading.Event) -> FakeAnalyzer:
    """A fake analyzer that blocks on the gate."""
    return FakeAnalyzer(gate=gate)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A queue of one waiting request."""
    return Settings(data_dir=tmp_path / "data", queue_size=1, request_timeout_s=60, api_keys=[])


@asynccontextmanager
async def in_loop_client(
    app: Litestar, gate: threading.Event | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """A client that runs the app in the test's own event loop.

    Litestar's AsyncTestClient runs the app behind a blocking portal, one request at a time
    from the caller's view; these tests need truly concurrent requests.
    """
    # Used inside each test, not as an async fixture: anyio's task groups must be entered and
    # left in the same task.
    asgi: Any = app  # Litestar's __call__ is typed with its own ASGI types, httpx with plain dicts
    async with app.lifespan():
        try:
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=asgi), base_url="http://test", timeout=60
            ) as client:
                yield client
        finally:
            if gate is not None:
                gate.set()  # shutdown waits for the running job: never leave it blocked


def runtime_of(app: Litestar) -> Runtime:
    """The app's runtime."""
    runtime: Runtime = app.state.runtime
    return runtime


def test_worker_runs_interactive_jobs_before_batch_jobs(fake: FakeAnalyzer, gate: threading.Event) -> None:
    reports: list[JobReport] = []
    worker = ModelWorker(fake, capacity=4, on_done=reports.append)
    worker.start()
    first = worker.submit(article("first"))
    assert fake.started.wait(10)
    batch = worker.submit(article("batch"), background=True)
    interactive = worker.submit(article("interactive"))

    gate.set()
    results = [f.result(10) for f in (first, interactive, batch)]

    order = [fake.cache_key(article(t)) for t in ("first", "interactive", "batch")]
    assert fake.calls == order
    assert [r.provenance.cache_key for r in results] == order
    assert [r.outcome for r in reports] == ["ok", "ok", "ok"]
    assert worker.stop(10)


def test_worker_rejects_when_full_and_skips_cancelled_jobs(fake: FakeAnalyzer, gate: threading.Event) -> None:
    worker = ModelWorker(fake, capacity=2)
    worker.start()
    running = worker.submit(article("running"))
    assert fake.started.wait(10)
    dropped = worker.submit(article("dropped"))
    kept = worker.submit(article("kept"))

    with pytest.raises(BusyError):
        worker.submit(article("one too many"))
    assert worker.depth() == (2, 0)
    assert dropped.cancel()
    gate.set()
    running.result(10)
    kept.result(10)

    assert fake.calls == [fake.cache_key(article(t)) for t in ("running", "kept")]
    assert worker.stop(10)


def test_worker_survives_a_failing_job(tmp_path: Path) -> None:
    fake = FakeAnalyzer()
    worker = ModelWorker(fake, capacity=2)
    worker.start()

    failed = worker.submit(article("CRASH"))
    fine = worker.submit(article("fine"))

    with pytest.raises(RuntimeError):
        failed.result(10)
    assert fine.result(10).summary.startswith("Summary of fine")
    assert worker.stop(10)


def test_stop_finishes_the_running_job_and_cancels_the_waiting_ones(
    fake: FakeAnalyzer, gate: threading.Event
) -> None:
    worker = ModelWorker(fake, capacity=2)
    worker.start()
    running = worker.submit(article("running"))
    assert fake.started.wait(10)
    waiting = worker.submit(article("waiting"))
    stopper = threading.Thread(target=worker.stop, args=(30,))
    stopper.start()

    gate.set()
    stopper.join(30)

    assert running.result(0).summary.startswith("Summary of running")
    assert waiting.cancelled()
    assert not worker.alive
    with pytest.raises(BusyError):
        worker.submit(article("late"))


async def test_full_queue_is_503_at_once_and_cache_hits_never_wait(
    app: Litestar, fake: FakeAnalyzer, gate: threading.Event
) -> None:
    done_before = FakeAnalyzer().analyze(article("cached"))
    fake.cache[done_before.provenance.cache_key] = done_before
    async with in_loop_client(app, gate) as client:
        await _full_queue_scenario(app, client, fake, gate)


async def _full_queue_scenario(
    app: Litestar, client: httpx.AsyncClient, fake: FakeAnalyzer, gate: threading.Event
) -> None:
    worker = runtime_of(app).worker
    assert worker is not None

    running = asyncio.create_task(client.post("/v1/analyses", json={"text": "running"}))
    await until(fake.started.is_set, "the model started")
    waiting = asyncio.create_task(client.post("/v1/analyses", json={"text": "waiting"}))
    await until(lambda: worker.depth() == (1, 0), "one request waits")
    refused = await client.post("/v1/analyses", json={"text": "refused"})
    cached = await client.post("/v1/analyses", json={"text": "cached"})
    assert not running.done() and not waiting.done()
    gate.set()
    answered = await asyncio.gather(running, waiting)

    assert refused.status_code == 503
    assert refused.json()["error"] == "busy"
    assert int(refused.headers["retry-after"]) >= 1
    assert cached.status_code == 200 and cached.json()["provenance"]["cached"] is True
    assert [r.status_code for r in answered] == [200, 200]
    metrics = (await client.get("/metrics")).text
    assert "newsdigest_rejected_total 1.0" in metrics


async def test_waiting_past_the_deadline_is_504_and_the_result_is_kept(
    tmp_path: Path, fake: FakeAnalyzer, gate: threading.Event
) -> None:
    settings = Settings(data_dir=tmp_path / "data", request_timeout_s=0.2, api_keys=[])
    async with in_loop_client(create_app(settings, fake), gate) as client:
        late = await client.post("/v1/analyses", json={"text": "slow article"})
        gate.set()
        await until(lambda: fake.calls, "the model finished anyway")
        again = await client.post("/v1/analyses", json={"text": "slow article"})

    assert late.status_code == 504
    assert late.json()["error"] == "deadline_exceeded"
    assert again.status_code == 200 and again.json()["provenance"]["cached"] is True
    assert len(fake.calls) == 1


def _http_scope(path: str, body: bytes) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        "state": {},
    }


async def test_a_request_whose_client_left_is_dropped_before_the_model_sees_it(
    app: Litestar, fake: FakeAnalyzer, gate: threading.Event
) -> None:
    async with in_loop_client(app, gate) as client:
        await _disconnect_scenario(app, client, fake, gate)


async def _disconnect_scenario(
    app: Litestar, client: httpx.AsyncClient, fake: FakeAnalyzer, gate: threading.Event
) -> None:
    worker = runtime_of(app).worker
    assert worker is not None
    running = asyncio.create_task(client.post("/v1/analyses", json={"text": "running"}))
    await until(fake.started.is_set, "the model started")

    body = json.dumps({"text": "abandoned"}).encode()
    leave = asyncio.Event()
    sent: list[dict[str, Any]] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await leave.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asgi: Any = app  # a raw ASGI call, with hand-made scope and messages
    abandoned = asyncio.create_task(asgi(_http_scope("/v1/analyses", body), receive, send))
    await until(lambda: worker.depth() == (1, 0), "the abandoned request waits")
    leave.set()
    await abandoned
    gate.set()
    await running

    assert worker.depth() == (0, 0)
    assert fake.calls == [fake.cache_key(article("running"))]
    assert sent[0]["status"] == 499
