"""The Ray engine on a real local cluster (2 CPUs, 2 workers) with the real 0.5B model.

Same records as the local engine, a worker killed mid-run loses nothing, and a resumed run
recomputes nothing. Run under the model lock: `flock /tmp/newsdigest-model.lock pytest tests/batch`."""

from __future__ import annotations

import json
import os
import signal
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.batch.local import LocalEngine
from service.batch.outcome import Outcome
from service.batch.ray_engine import RayEngine, RayOptions
from service.batch.run import run_batch
from service.batch.summary import BatchSummary
from service.cli import main
from service.pipeline import Pipeline
from service.settings import Settings

ray = pytest.importorskip("ray")

pytestmark = pytest.mark.model

# Short articles written for this test: one casualty sentence each keeps a model run to seconds.
ARTICLES = [
    {"id": "quarry", "text": "A wall fell at a quarry near Penrick on Monday. Two workers were injured."},
    {"id": "ferry", "text": "A ferry ran aground off Hollin Point on Tuesday. Nobody was hurt, police said."},
    {"id": "storm", "text": "A storm tore roofs off homes in Ardley on Wednesday. One man was killed."},
    {"id": "fire", "text": "Fire destroyed a warehouse in Corran on Thursday. Three firefighters were hurt."},
]


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _comparable(record: dict) -> dict:
    """A record without what may differ between two runs of the same input: timings, cache hits."""
    provenance = {k: v for k, v in record["provenance"].items() if k not in ("timings_ms", "cached")}
    return {**record, "provenance": provenance}


@pytest.fixture(scope="module")
def cluster():
    """A local Ray cluster of 2 CPUs, shared by the tests of this module."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def batch_settings(model_settings: Settings) -> Settings:
    """The small model, one thread per process (what a 1-CPU worker runs), code checks only (fast)."""
    return model_settings.model_copy(update={"n_threads": 1, "verify_summary": False})


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("in") / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_records(source: Path, batch_settings: Settings, tmp_path_factory) -> list[dict]:
    """The local engine's records for the same input, in a cache of their own."""
    settings = batch_settings.model_copy(update={"cache_dir": tmp_path_factory.mktemp("local-cache")})
    out = tmp_path_factory.mktemp("local") / "out.jsonl"
    pipeline = Pipeline.from_settings(settings)
    try:
        summary = run_batch(str(source), out, LocalEngine(pipeline))
    finally:
        pipeline.close()
    assert summary.done == len(ARTICLES)
    return _records(out)


@dataclass
class RayRun:
    """One Ray run with a worker killed after the first answer: what it wrote and who answered."""

    settings: Settings
    output: Path
    records: list[dict]
    pids: list[int]
    killed: int
    summary: BatchSummary


@pytest.fixture(scope="module")
def ray_run(cluster, source: Path, batch_settings: Settings, tmp_path_factory) -> RayRun:
    """Run the Ray engine (2 workers, a fresh cache) and kill the worker that answers first."""
    work = tmp_path_factory.mktemp("ray")
    settings = batch_settings.model_copy(update={"cache_dir": work / "cache"})
    out = work / "out.jsonl"
    pids: list[int] = []

    def kill_first_worker(outcome: Outcome) -> None:
        """SIGKILL the worker that answered first, while it holds its next article."""
        pids.append(outcome.worker_pid)
        if len(pids) == 1:
            os.kill(outcome.worker_pid, signal.SIGKILL)

    engine = RayEngine(settings, RayOptions(workers=2))
    summary = run_batch(str(source), out, engine, on_outcome=kill_first_worker)
    return RayRun(settings, out, _records(out), pids, pids[0], summary)


def test_ray_runs_the_local_engines_pipeline(ray_run: RayRun, local_records: list[dict]) -> None:
    """Same ids, same cache keys (same input, model, prompts and shipped settings), no failures."""
    assert ray_run.summary.failed_total == 0 and ray_run.summary.done == len(ARTICLES)
    assert sorted(r["id"] for r in ray_run.records) == sorted(a["id"] for a in ARTICLES)
    ray_keys = {r["id"]: r["provenance"]["cache_key"] for r in ray_run.records}
    assert ray_keys == {r["id"]: r["provenance"]["cache_key"] for r in local_records}
    ray_by_id = {r["id"]: r for r in ray_run.records}
    for local in local_records:
        assert ray_by_id[local["id"]]["article"] == local["article"]


def test_ray_gives_the_local_engines_records(ray_run: RayRun, local_records: list[dict]) -> None:
    ray_by_id = {r["id"]: _comparable(r) for r in ray_run.records}
    local_by_id = {r["id"]: _comparable(r) for r in local_records}
    differing = {
        item_id: [key for key in record if record[key] != local_by_id[item_id].get(key)]
        for item_id, record in ray_by_id.items()
        if record != local_by_id[item_id]
    }
    assert not differing, f"fields that differ from the local engine's records: {differing}"


def test_a_killed_worker_is_replaced_and_loses_nothing(ray_run: RayRun) -> None:
    assert len(ray_run.records) == len(ARTICLES) and not any("error" in r for r in ray_run.records)
    # The killed worker's article was answered by its replacement: a third process.
    assert len(set(ray_run.pids)) == 3 and ray_run.killed not in ray_run.pids[1:]


def test_a_resumed_run_recomputes_nothing(ray_run: RayRun, source: Path) -> None:
    """The driver died after two records (the third torn mid-line); the rerun does the rest."""
    out = ray_run.output
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + lines[2][:40], encoding="utf-8")
    settings = ray_run.settings
    args = ["batch", str(source), str(out), "--engine", "ray", "--workers", "2", "--no-verify-summary"]
    args += ["--model", settings.model, "--cache-dir", str(settings.cache_dir), "--n-threads", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    records = _records(out)
    assert sorted(r["id"] for r in records) == sorted(a["id"] for a in ARTICLES)
    assert records[:2] == ray_run.records[:2]
    # The two it redid came from the cache the first run filled: no model call was made.
    assert [r["provenance"]["cached"] for r in records[2:]] == [True, True]
    assert "skipped 2 already in OUTPUT" in result.stderr and "done 2 (cached 2)" in result.stderr
