"""Per-article time of an earlier commit and of the working tree, in one run, on the same articles.

Each side is one `newsdigest analyze --no-cache` process over all the articles (model loaded once,
prefixes warmed as in real use); the time per article is read from each result's
`provenance.timings_ms.total`. The earlier commit is checked out into a temporary git worktree.
Run: python bench/before_after.py --before f7f0a71 ../shared/seeds/*.txt
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timings(tree: Path, files: list[str], model: str) -> list[float]:
    """Seconds per article for the code in `tree` (one process, no result cache)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "NEWSDIGEST_N_THREADS": "2", "NEWSDIGEST_SEED": "0"}
    command = [sys.executable, "-c", "from service.cli import main; main()", "analyze", "--no-cache"]
    done = subprocess.run(
        [*command, "--model", model, *files],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if not lines:
        raise SystemExit(f"no results from {tree}: {done.stderr[-2000:]}")
    return [line["provenance"]["timings_ms"]["total"] / 1000 for line in lines]


def main() -> None:
    """Print seconds per article for both sides and the ratio of medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True, help="git revision to compare against")
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    files = [str(Path(f).resolve()) for f in args.files]
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "before"
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(tree), args.before], cwd=ROOT, check=True
        )
        try:
            before = timings(tree, files, args.model)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
    after = timings(ROOT, files, args.model)
    print("| article | before s | after s |")
    print("|---|---:|---:|")
    for name, b, a in zip(files, before, after, strict=True):
        print(f"| {Path(name).name} | {b:.1f} | {a:.1f} |")
    mb, ma = statistics.median(before), statistics.median(after)
    print(f"\nmedian before {mb:.1f} s, after {ma:.1f} s, ratio {ma / mb:.2f}")


if __name__ == "__main__":
    main()
