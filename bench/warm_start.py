"""Cold and warm seconds per article for two code trees on the same articles, in one run.

cold  one `newsdigest analyze --no-cache FILE` process per article: wall time of the whole process
      (imports, model load, prompt prefixes, the article). Each side gets a fresh cache_dir; on a
      side with prefix states on disk, one extra first process (the first article) saves them and
      is reported apart ("first process ever"), then every article runs with them present.
warm  one `newsdigest analyze --no-cache` process over all the articles: each article's
      `provenance.timings_ms.total` (model loaded, prefixes known).

The result cache is off everywhere, so every article is analyzed by the model. Run it under the
model lock with nothing else running:
  flock /tmp/newsdigest-model.lock python bench/warm_start.py --before /work/main ../shared/seeds/*.txt
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def analyze(tree: Path, files: list[str], model: str, cache_dir: Path) -> tuple[float, list[float]]:
    """Wall seconds of one `analyze` process over `files`, and each article's in-pipeline seconds."""
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "PYTHONDONTWRITEBYTECODE": "1",  # leave the trees as they are
        "NEWSDIGEST_N_THREADS": "2",
        "NEWSDIGEST_SEED": "0",
        "NEWSDIGEST_CACHE_DIR": str(cache_dir),
    }
    command = [sys.executable, "-c", "from service.cli import main; main()", "analyze", "--no-cache"]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--model", model, *files], cwd=tree, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if len(lines) != len(files):
        raise SystemExit(f"{tree}: {len(lines)} results for {len(files)} files: {done.stderr[-2000:]}")
    return wall, [line["provenance"]["timings_ms"]["total"] / 1000 for line in lines]


@dataclass
class Side:
    """One tree's figures: seconds per article, cold (one process each) and warm (one process)."""

    tree: str
    commit: str
    first: float | None
    cold: list[float]
    warm: list[float]
    warm_wall: float
    prefix_state_mb: float


def side(tree: Path, files: list[str], model: str) -> Side:
    """Cold processes, then one warm process, for the code in `tree`."""
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp) / "cache"
        first = None
        if "prefix_state_cache" in (tree / "service" / "settings.py").read_text(encoding="utf-8"):
            first, _ = analyze(tree, files[:1], model, cache_dir)
        cold = [analyze(tree, [f], model, cache_dir)[0] for f in files]
        warm_wall, warm = analyze(tree, files, model, cache_dir)
        saved = sum(f.stat().st_size for f in (cache_dir / "prefix-states").glob("*.kv")) / 1e6
    git = ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()
    return Side(str(tree), commit, first, cold, warm, warm_wall, saved)


def main() -> None:
    """Print both sides' cold and warm seconds per article as a Markdown table (and JSON with --out)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", type=Path, required=True, help="tree with the earlier code (PYTHONPATH)")
    parser.add_argument("--after", type=Path, default=ROOT, help="tree with the new code (default: this one)")
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    files = [str(Path(f).resolve()) for f in args.files]
    before = side(args.before.resolve(), files, args.model)
    after = side(args.after.resolve(), files, args.model)
    print(f"model {args.model}, 2 threads; before {before.commit}, after {after.commit}\n")
    print("| article | cold before s | cold after s | warm before s | warm after s |")
    print("|---|---:|---:|---:|---:|")
    for name, *seconds in zip(files, before.cold, after.cold, before.warm, after.warm, strict=True):
        print(f"| {Path(name).name} | " + " | ".join(f"{x:.1f}" for x in seconds) + " |")
    medians = [statistics.median(x) for x in (before.cold, after.cold, before.warm, after.warm)]
    print("| **median** | " + " | ".join(f"**{x:.1f}**" for x in medians) + " |")
    if after.first is not None:
        print(f"\nafter, first process ever (no prefix states on disk yet): {after.first:.1f} s")
        print(f"prefix states on disk after the run: {after.prefix_state_mb:.0f} MB")
    if args.out:
        figures = {"before": asdict(before), "after": asdict(after)}
        args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
