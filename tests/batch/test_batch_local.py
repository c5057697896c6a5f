"""`newsdigest batch` with the local engine, on a scripted model: records, resume, errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.batch.items import BatchItem
from service.batch.local import LocalEngine
from service.batch.outcome import Outcome
from service.batch.run import LOST, run_batch
from service.cli import main
from service.llm import FakeLLM
from service.pipeline import Pipeline
from tests.batch.fakes import answering_llm

ARTICLES = [
    {"id": "road", "text": "Floods cut the coastal road at Marrow Bay on Sunday. Crews began clearing mud."},
    {"id": "bridge", "text": "A footbridge over the Kell opened in Sarn on Friday. The mayor walked across."},
    {"id": "fair", "text": "The autumn fair in Tolly drew large crowds on Saturday. Stalls sold apples."},
]


def _write_input(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def fake() -> FakeLLM:
    return answering_llm()


@pytest.fixture
def cli(monkeypatch, fake: FakeLLM):
    """Invoke `newsdigest batch` with pipelines built on the fake model."""
    monkeypatch.setattr(Pipeline, "from_settings", classmethod(lambda cls, s: cls(s, fake)))

    def invoke(*args: str):
        return CliRunner().invoke(main, ["batch", *args])

    return invoke


def test_every_article_gets_one_record_in_input_order(tmp_path, cli, fake) -> None:
    source = _write_input(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "out.jsonl"
    result = cli(str(source), str(out), "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 0, result.output
    records = _read_output(out)
    assert [r["id"] for r in records] == ["road", "bridge", "fair"]
    assert [r["source"] for r in records] == [f"{source}:{n}" for n in (1, 2, 3)]
    assert records[0]["summary"].startswith("Floods cut the coastal road at Marrow Bay")
    assert all(r["provenance"]["cached"] is False and "error" not in r for r in records)
    assert "3 articles: done 3 (cached 0), failed 0" in result.stderr


def test_bad_inputs_become_error_records_and_exit_code_1(tmp_path, cli) -> None:
    lines = [
        json.dumps(ARTICLES[0]),
        json.dumps({"id": "blank", "text": "   \n"}),
        "{broken",
        json.dumps(ARTICLES[1]),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = cli(str(source), str(out), "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 1
    records = _read_output(out)
    assert [r["id"] for r in records] == ["road", "blank", f"{source}:3", "bridge"]
    assert [r.get("error") for r in records] == [None, "invalid_input", "invalid_input", None]
    assert "empty" in records[1]["detail"] and "not JSON" in records[2]["detail"]
    assert "failed 2 (invalid_input 2)" in result.stderr


def test_a_rerun_skips_recorded_ids_and_redoes_a_torn_last_line(tmp_path, cli, fake) -> None:
    source = _write_input(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "out.jsonl"
    args = (str(source), str(out), "--no-cache")
    assert cli(*args).exit_code == 0
    calls_per_run = fake.usage.calls
    first, second, _ = out.read_text(encoding="utf-8").splitlines(keepends=True)
    # A crash while writing the second record: the first is whole, the second torn mid-line.
    out.write_text(first + second[: len(second) // 2], encoding="utf-8")
    result = cli(*args)
    assert result.exit_code == 0
    assert [r["id"] for r in _read_output(out)] == ["road", "bridge", "fair"]
    assert "skipped 1 already in OUTPUT" in result.stderr
    # Only the two missing articles reached the model (the cache is off: nothing else answers).
    assert fake.usage.calls - calls_per_run == 2 * calls_per_run // 3
    before = fake.usage.calls
    again = cli(*args)
    assert again.exit_code == 0 and fake.usage.calls == before
    assert "skipped 3 already in OUTPUT" in again.stderr
    assert len(_read_output(out)) == 3


def test_results_land_in_the_cache_and_a_new_output_is_served_from_it(tmp_path, cli, fake) -> None:
    source = _write_input(tmp_path / "in.jsonl", ARTICLES)
    cache = str(tmp_path / "cache")
    assert cli(str(source), str(tmp_path / "one.jsonl"), "--cache-dir", cache).exit_code == 0
    calls = fake.usage.calls
    result = cli(str(source), str(tmp_path / "two.jsonl"), "--cache-dir", cache)
    assert result.exit_code == 0 and fake.usage.calls == calls
    assert all(r["provenance"]["cached"] for r in _read_output(tmp_path / "two.jsonl"))
    assert "done 3 (cached 3)" in result.stderr


def test_earlier_failures_are_skipped_and_do_not_fail_the_rerun(tmp_path, cli) -> None:
    source = _write_input(tmp_path / "in.jsonl", [ARTICLES[0], {"id": "blank", "text": " "}])
    out = tmp_path / "out.jsonl"
    assert cli(str(source), str(out), "--no-cache").exit_code == 1
    rerun = cli(str(source), str(out), "--no-cache")
    assert rerun.exit_code == 0
    assert "skipped 2 already in OUTPUT (1 of them failures)" in rerun.stderr


class ExplodingAnalyzer:
    """An analyzer with a bug on one article: that article fails, the job goes on."""

    model_name = "exploding"

    def __init__(self, inner: Pipeline) -> None:
        self.inner = inner

    def analyze(self, article, *, use_cache: bool = True):
        if "footbridge" in (article.text or ""):
            raise KeyError("boom")
        return self.inner.analyze(article, use_cache=use_cache)


def test_an_unexpected_error_is_that_articles_failure(tmp_path, settings, fake) -> None:
    source = _write_input(tmp_path / "in.jsonl", ARTICLES)
    engine = LocalEngine(ExplodingAnalyzer(Pipeline(settings, fake)))  # type: ignore[arg-type]
    summary = run_batch(str(source), tmp_path / "out.jsonl", engine)
    records = _read_output(tmp_path / "out.jsonl")
    assert [r.get("error") for r in records] == [None, "internal_error", None]
    assert "KeyError" in records[1]["detail"]
    assert (summary.done, summary.failed_total) == (2, 1)


def test_the_runner_writes_each_id_once_and_records_what_an_engine_lost(tmp_path, settings, fake) -> None:
    """An engine that answers one article twice and drops another (its worker died twice)."""
    source = _write_input(tmp_path / "in.jsonl", ARTICLES)
    local = LocalEngine(Pipeline(settings, fake))

    def flaky(items: list[BatchItem]):
        outcomes = list(local(items[:2]))
        yield from outcomes
        yield outcomes[0]

    seen: list[str] = []
    summary = run_batch(
        str(source), tmp_path / "out.jsonl", flaky, on_outcome=lambda o: seen.append(o.record["id"])
    )
    records = _read_output(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == ["road", "bridge", "fair"]
    assert records[2]["error"] == LOST and "retry" in records[2]["detail"]
    assert seen == ["road", "bridge"]
    assert summary.failed == {LOST: 1}


def test_outcome_carries_the_worker_pid(tmp_path, settings, fake) -> None:
    import os

    (outcome,) = LocalEngine(Pipeline(settings, fake))([BatchItem("a", "a", None, "unreadable")])
    assert outcome == Outcome(
        {"id": "a", "source": "a", "error": "invalid_input", "detail": "unreadable"}, os.getpid()
    )


def test_engine_ray_without_ray_installed_is_a_clear_error(tmp_path, cli, monkeypatch) -> None:
    import sys

    # None in sys.modules makes `import ray` fail as if the extra were not installed.
    monkeypatch.setitem(sys.modules, "ray", None)
    source = _write_input(tmp_path / "in.jsonl", ARTICLES)
    result = cli(str(source), str(tmp_path / "out.jsonl"), "--engine", "ray")
    assert result.exit_code == 1
    assert "pip install 'newsdigest[ray]'" in result.stderr
    assert "Traceback" not in result.output
