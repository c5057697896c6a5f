"""A driver killed (SIGKILL) mid-run loses nothing: the rerun does exactly the articles not in OUTPUT."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from service.cli import main
from service.pipeline import Pipeline
from tests.batch.fakes import answering_llm

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [
    {"id": f"town-{n}", "text": f"The town hall of Berrow {n} reopened on Monday. The mayor cut a ribbon."}
    for n in range(8)
]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_a_killed_driver_loses_nothing_and_the_rerun_redoes_nothing(tmp_path, monkeypatch) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = [sys.executable, "-m", "tests.batch.slow_cli", "batch", str(source), str(out), "--no-cache"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    driver = subprocess.Popen(argv, cwd=ROOT, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_lines(out)) < 2 and driver.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait()
    written = [json.loads(line) for line in _lines(out)]
    assert driver.returncode == -signal.SIGKILL and 2 <= len(written) < len(ARTICLES)

    fake = answering_llm()
    monkeypatch.setattr(Pipeline, "from_settings", classmethod(lambda cls, s: cls(s, fake)))
    rerun = CliRunner().invoke(main, ["batch", str(source), str(out), "--no-cache"])
    assert rerun.exit_code == 0, rerun.output
    records = [json.loads(line) for line in _lines(out)]
    assert [r["id"] for r in records] == [a["id"] for a in ARTICLES]
    assert records[: len(written)] == written
    assert f"skipped {len(written)} already in OUTPUT" in rerun.stderr
    assert f"done {len(ARTICLES) - len(written)} (cached 0)" in rerun.stderr
