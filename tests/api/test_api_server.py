"""The real server process on a loopback port: real HTTP, SIGKILL mid-batch, SIGTERM, the real model."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from service.schema import Analysis
from tests.api.server_process import REPO, ServerProcess

SEEDS = sorted((REPO / "eval" / "cases").glob("seed-*.txt"))
# The shortest seed: one real analysis with the small model is the slow part of this file.
SEED_FOR_MODEL = "seed-003"
FAKE_SERVER = ["-m", "tests.api.fake_server"]


def wait_for(server: ServerProcess, batch_id: str, done_at_least: int) -> dict[str, Any]:
    """Poll a batch until `done_at_least` items are finished; return its view."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        view: dict[str, Any] = server.request("GET", f"/v1/batches/{batch_id}").json()
        if view["done"] + view["failed"] >= done_at_least:
            return view
        time.sleep(0.1)
    raise AssertionError(f"batch stuck: {view}")


def fake_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Env of a fake-analyzer server keeping its state under tmp_path."""
    return {
        "NEWSDIGEST_DATA_DIR": str(tmp_path / "data"),
        "NEWSDIGEST_CACHE_DIR": str(tmp_path / "cache"),
        "NEWSDIGEST_FAKE_ANALYZER_LOG": str(tmp_path / "model-calls.log"),
        "NEWSDIGEST_API_KEYS": "[]",
        **extra,
    }


def test_batch_of_the_seeds_survives_sigkill_and_finishes_without_recomputing(
    tmp_path: Path, server_factory: Any
) -> None:
    assert len(SEEDS) == 5
    articles = [{"text": p.read_text(encoding="utf-8"), "title": p.stem} for p in SEEDS]
    slow = server_factory(FAKE_SERVER, fake_env(tmp_path, NEWSDIGEST_FAKE_ANALYZER_DELAY="1.0")).start()
    created = slow.request("POST", "/v1/batches", json={"articles": articles})
    assert created.status_code == 202
    batch_id = created.json()["id"]

    before = wait_for(slow, batch_id, done_at_least=2)
    slow.kill()  # SIGKILL: no shutdown code runs at all

    done_before = {i["index"]: i for i in before["items"] if i["status"] == "done"}
    assert 2 <= len(done_before) < 5
    with sqlite3.connect(tmp_path / "data" / "batches.sqlite3") as db:
        left_running = db.execute("SELECT count(*) FROM items WHERE status='running'").fetchone()
    assert left_running[0] <= 1

    fast = server_factory(FAKE_SERVER, fake_env(tmp_path)).start()
    after = wait_for(fast, batch_id, done_at_least=5)
    fast.terminate()

    assert (after["done"], after["failed"], after["status"]) == (5, 0, "done")
    for index, item in done_before.items():
        assert after["items"][index]["result"] == item["result"]  # kept, not redone
    calls = (tmp_path / "model-calls.log").read_text().split()
    finished_keys = [item["cache_key"] for item in done_before.values()]
    assert all(calls.count(key) == 1 for key in finished_keys), calls
    assert {i["cache_key"] for i in after["items"]} <= set(calls)


def test_sigterm_lets_the_in_flight_request_finish(tmp_path: Path, server_factory: Any) -> None:
    server = server_factory(FAKE_SERVER, fake_env(tmp_path, NEWSDIGEST_FAKE_ANALYZER_DELAY="2.0")).start()
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(server.request, "POST", "/v1/analyses", json={"text": "in flight"})
        deadline = time.monotonic() + 60
        while "newsdigest_model_busy 1.0" not in server.request("GET", "/metrics").text:
            assert time.monotonic() < deadline, "the model never started"
            time.sleep(0.05)
        exit_code = server.terminate()
        answer = pending.result(60)

    assert answer.status_code == 200
    assert answer.json()["summary"] == "Summary of in flight"
    assert exit_code == -signal.SIGTERM


@pytest.fixture
def locked_server(tmp_path: Path, server_factory: Any) -> Iterator[ServerProcess]:
    """A fake-analyzer server with one API key and a 4 kB body limit."""
    env = fake_env(tmp_path, NEWSDIGEST_API_KEYS='["s3cret-key"]', NEWSDIGEST_MAX_BODY_BYTES="4096")
    yield server_factory(FAKE_SERVER, env).start()


AUTH = {"Authorization": "Bearer s3cret-key"}


def test_real_http_errors_auth_logs_and_graceful_stop(locked_server: ServerProcess, tmp_path: Path) -> None:
    s = locked_server

    no_key = s.request("POST", "/v1/analyses", json={"text": "hello"})
    made = s.request("POST", "/v1/analyses", json={"text": "hello"}, headers=AUTH)
    cached = s.request("POST", "/v1/analyses", json={"text": "hello"}, headers=AUTH)
    latin1 = s.request(
        "POST",
        "/v1/analyses",
        content='{"text": "é"}'.encode("latin-1"),
        headers={**AUTH, "content-type": "application/json"},
    )
    chunked = s.request(
        "POST",
        "/v1/analyses",
        content=iter([b'{"text": "', b"a" * 8000, b'"}']),
        headers={**AUTH, "content-type": "application/json"},
    )
    declared = s.request(
        "POST",
        "/v1/analyses",
        content=b'{"text": "' + b"a" * 8000 + b'"}',
        headers={**AUTH, "content-type": "application/json"},
    )
    form = s.request("POST", "/v1/analyses", data={"text": "x"}, headers=AUTH)
    metrics = s.request("GET", "/metrics", headers=AUTH)
    exit_code = s.terminate()

    assert no_key.status_code == 401
    assert made.status_code == 200 and Analysis.model_validate(made.json())
    assert cached.json()["provenance"]["cached"] is True
    assert (latin1.status_code, latin1.json()["error"]) == (400, "invalid_input")
    assert (chunked.status_code, chunked.json()["error"]) == (413, "body_too_large")
    assert (declared.status_code, declared.json()["error"]) == (413, "body_too_large")
    assert (form.status_code, form.json()["error"]) == (415, "unsupported_media_type")
    assert 'newsdigest_cache_lookups_total{result="hit"} 1.0' in metrics.text
    assert exit_code == -signal.SIGTERM  # uvicorn re-raises the signal after a clean shutdown
    assert "Application shutdown complete" in s.log_path.read_text()
    access = [
        json.loads(line) for line in s.log_path.read_text().splitlines() if '"newsdigest.access"' in line
    ]
    analyses = [a for a in access if a["path"] == "/v1/analyses"]
    assert [(a["status"], a["cache_hit"]) for a in analyses[:3]] == [(401, None), (200, False), (200, True)]
    assert all({"method", "path", "status", "ms", "cache_hit"} <= set(a) for a in access)


@pytest.mark.model
def test_serve_answers_a_seed_with_the_real_model(
    tmp_path: Path, server_factory: Any, model_settings: Any
) -> None:
    """The real 0.5B model (fetched by the model_settings fixture) behind the real server process."""
    env = {
        "NEWSDIGEST_MODEL": "qwen2.5-0.5b",
        "NEWSDIGEST_CACHE_DIR": str(tmp_path / "cache"),
        "NEWSDIGEST_DATA_DIR": str(tmp_path / "data"),
        "NEWSDIGEST_API_KEYS": "[]",
        "NEWSDIGEST_REQUEST_TIMEOUT_S": "600",
    }
    server = server_factory(["-m", "service.api.serve"], env).start(ready_timeout_s=300)
    seed = (REPO / "eval" / "cases" / f"{SEED_FOR_MODEL}.txt").read_text(encoding="utf-8")

    first = server.request("POST", "/v1/analyses", json={"text": seed, "title": SEED_FOR_MODEL}, timeout=900)
    assert first.status_code == 200, first.text  # before anything else: a miss would run the model again
    again = server.request("POST", "/v1/analyses", json={"text": seed, "title": SEED_FOR_MODEL})
    key = first.json()["provenance"]["cache_key"]
    stored = server.request("GET", f"/v1/analyses/{key}")
    metrics = server.request("GET", "/metrics").text
    exit_code = server.terminate()

    analysis = Analysis.model_validate(first.json())
    assert analysis.summary and analysis.provenance.cached is False
    assert analysis.provenance.model == "qwen2.5-0.5b"
    assert again.json()["provenance"]["cached"] is True
    assert again.json()["events"] == first.json()["events"]
    assert stored.status_code == 200
    assert "newsdigest_model_tokens_total" in metrics
    assert exit_code == -signal.SIGTERM
