"""Benchmark: per-article wall time in-process vs through an OpenAI-compatible server (cold cache).

Runs the same articles through the in-process engine, then through `--base-url` (any
OpenAI-compatible server you started, e.g. `llama-server -m MODEL.gguf -np 4 -c 16384`) once per
`--concurrency` value, and prints a Markdown table with each article's seconds and the medians.
Under the model lock, machine quiet, nothing else running:
  flock /tmp/newsdigest-model.lock python bench/backends.py --base-url http://127.0.0.1:8080/v1 \
      --concurrency 1,4 ../shared/seeds/*.txt
Without --base-url only the in-process column is measured.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from service.pipeline import Pipeline
from service.schema import ArticleInput
from service.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seconds_per_article(settings: Settings, files: list[Path]) -> list[float]:
    """Wall seconds of each article, the backend warmed up first (load time is not an article's)."""
    pipeline = Pipeline.from_settings(settings)
    pipeline.llm.warm_up()
    times = []
    for path in files:
        started = time.perf_counter()
        pipeline.analyze(ArticleInput(text=path.read_text(encoding="utf-8")))
        times.append(time.perf_counter() - started)
    pipeline.close()
    return times


def main() -> None:
    """Measure each configuration in turn and print one table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="qwen2.5-1.5b", help="in-process model (registry name or GGUF)")
    parser.add_argument("--base-url", help="an OpenAI-compatible server serving the same model")
    parser.add_argument("--concurrency", default="1,4", help="api_concurrency values to try, comma-separated")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.txt"))
    columns: dict[str, list[float]] = {}
    base = Settings(model=args.model, no_cache=True)
    columns["in-process"] = seconds_per_article(base, files)
    if args.base_url:
        for n in (int(v) for v in args.concurrency.split(",")):
            http = base.model_copy(
                update={"backend": "openai", "base_url": args.base_url, "api_concurrency": n}
            )
            columns[f"server, {n} at once"] = seconds_per_article(http, files)
    print(f"model {args.model}, threads {base.n_threads}, {len(files)} articles\n")
    print("| article | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for i, path in enumerate(files):
        print(f"| {path.name} | " + " | ".join(f"{col[i]:.1f}" for col in columns.values()) + " |")
    print("| **median** | " + " | ".join(f"**{statistics.median(c):.1f}**" for c in columns.values()) + " |")


if __name__ == "__main__":
    main()
