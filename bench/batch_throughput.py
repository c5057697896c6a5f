"""Benchmark: `newsdigest batch` throughput on 50 articles, local engine vs Ray with 1 and 2 workers.

Each run is its own process (`python -m service.cli batch`) with a cold result cache, so the
model load and, for Ray, the cluster start are part of its wall time, as they are for a user.
The articles are the first N eval cases by name (eval/cases/*.txt). Run under the model lock:
    flock /tmp/newsdigest-model.lock python bench/batch_throughput.py [--model NAME] [--articles 50]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "eval" / "cases"

# (label, extra CLI arguments, CPUs the run may use): 2 cores on the reference machine.
RUNS = [
    ("local, 1 process x 2 threads", ["--engine", "local", "--n-threads", "2"], 2),
    ("ray, 1 worker x 2 CPUs", ["--engine", "ray", "--workers", "1", "--worker-cpus", "2"], 2),
    ("ray, 2 workers x 1 CPU", ["--engine", "ray", "--workers", "2", "--worker-cpus", "1"], 2),
]


def write_input(path: Path, count: int) -> int:
    """The first `count` eval articles as JSONL (id = case name); returns how many were written."""
    cases = sorted(CASES.glob("*.txt"))[:count]
    with path.open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps({"id": case.stem, "text": case.read_text(encoding="utf-8")}) + "\n")
    return len(cases)


@dataclass(frozen=True)
class RunResult:
    """What one cold run took and wrote."""

    seconds: float
    done: int
    failed: int
    exit_code: int
    last_line: str


def run(label: str, extra: list[str], source: Path, work: Path, model: str) -> RunResult:
    """One cold run in its own process, with a result cache of its own."""
    slug = "".join(c if c.isalnum() else "-" for c in label)
    out, cache = work / f"{slug}.jsonl", work / f"{slug}-cache"
    argv = [sys.executable, "-m", "service.cli", "batch", str(source), str(out), "--model", model]
    argv += ["--cache-dir", str(cache), *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    failed = sum("error" in json.loads(line) for line in lines)
    stderr = proc.stderr.strip().splitlines()
    return RunResult(seconds, len(lines) - failed, failed, proc.returncode, stderr[-1] if stderr else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nd-bench-batch-") as tmp:
        work = Path(tmp)
        source = work / "articles.jsonl"
        count = write_input(source, args.articles)
        print(f"{count} articles, model {args.model}, {os.cpu_count()} CPUs\n")
        print("| run | wall s | done | failed | articles / h | articles / h per core |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, extra, cpus in RUNS:
            r = run(label, extra, source, work, args.model)
            per_hour = 3600 * r.done / r.seconds
            print(
                f"| {label} | {r.seconds:.0f} | {r.done} | {r.failed} | {per_hour:.0f} | "
                f"{per_hour / cpus:.0f} |",
                flush=True,
            )
            # Exit 1 means some articles failed (counted above); anything else is a broken run.
            if r.exit_code not in (0, 1):
                print(f"  (exit {r.exit_code}: {r.last_line})", flush=True)


if __name__ == "__main__":
    main()
