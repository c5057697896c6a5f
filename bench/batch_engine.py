"""Warm seconds per article with `batch_size` 1 (one call at a time) and N (batched); which answers differ.

One process, one run: the articles go through the pipeline with the result cache off, first with
batch_size 1, then with each larger size (a fresh engine each). Before the
timed passes, the first article is analyzed once with batch_size 1 to save the prompt prefixes'
states on disk, so every timed article starts with the model loaded and the prefixes known ("warm").
Every model call's answer is recorded by prompt, so the sizes' answers are compared call by call.
Run it under the model lock with nothing else running:
  flock /tmp/newsdigest-model.lock python bench/batch_engine.py --sizes 1 4 ../shared/seeds/*.txt
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import statistics
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from service.pipeline import Pipeline
from service.providers.factory import build_llm
from service.schema import ArticleInput
from service.settings import Settings

T = TypeVar("T", bound=BaseModel)
# Seconds per article, the answers by (schema, prompt digest), the engine's counters.
Figures = tuple[list[float], dict[tuple[str, str], str], dict[str, Any]]


class Recorder:
    """An LLM wrapper that keeps every answer by (schema, prompt); all else goes to the inner model."""

    def __init__(self, inner: Any) -> None:
        """Wrap `inner`."""
        self._inner = inner
        self._lock = threading.Lock()
        self.answers: dict[tuple[str, str], str] = {}

    def __getattr__(self, name: str) -> Any:
        """The inner model's attribute."""
        return getattr(self._inner, name)

    def structured(self, messages: list[dict[str, str]], response_model: type[T], *, max_tokens: int) -> T:
        """The inner model's answer, remembered."""
        answer = self._inner.structured(messages, response_model, max_tokens=max_tokens)
        prompt = hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest()
        with self._lock:
            self.answers[(response_model.__name__, prompt)] = answer.model_dump_json()
        return answer


def run(settings: Settings, files: list[Path]) -> Figures:
    """Seconds per article, the answers by call, and the engine's counters, for one batch size."""
    recorder = Recorder(build_llm(settings))
    pipeline = Pipeline(settings, recorder)  # type: ignore[arg-type]
    recorder.load()
    seconds: list[float] = []
    stages: list[dict[str, float]] = []
    for path in files:
        article = ArticleInput(text=path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        result = pipeline.analyze(article, use_cache=False)
        seconds.append(time.perf_counter() - started)
        stages.append(result.provenance.timings_ms)
    engine = recorder.load()
    stats = {
        "calls": engine.usage.calls,
        "prompt_tokens": engine.usage.prompt_tokens,
        "completion_tokens": engine.usage.completion_tokens,
        "prefix_evaluated_tokens": engine.prefix_states.stats.evaluated_tokens,
        "widest_batch": engine._scheduler.widest if engine._scheduler else 1,
        # Only the extraction calls of an article are sent together; the other stages stay sequential.
        "extract_s": [round(t.get("extract", 0.0) / 1e3, 1) for t in stages],
    }
    return seconds, recorder.answers, stats


def main() -> None:
    """Print seconds per article for each batch size and the answers that differ from size 1's."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--out", type=Path, help="also write the figures and answers here as JSON")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    began = time.perf_counter()
    figures: dict[int, Figures] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = {"model": args.model, "cache_dir": Path(tmp), "n_threads": 2, "seed": 0, "no_cache": True}
        run(Settings(**base, batch_size=1), args.files[:1])  # saves the prefix states
        gc.collect()
        for size in args.sizes:
            figures[size] = run(Settings(**base, batch_size=size), args.files)
            gc.collect()
    if args.out:
        dump = {
            str(s): {"seconds": f[0], "stats": f[2], "answers": {"|".join(k): v for k, v in f[1].items()}}
            for s, f in figures.items()
        }
        args.out.write_text(json.dumps(dump, indent=2), encoding="utf-8")
    report(figures, args.sizes, args.files, args.model)
    print(f"whole run {time.perf_counter() - began:.0f} s")


def report(figures: dict[int, Figures], sizes: list[int], files: list[Path], model: str) -> None:
    """Markdown table of seconds per article, then the answers that differ from the first size's."""
    print(f"model {model}, 2 threads, sizes {sizes}\n")
    print("| article | " + " | ".join(f"batch {s} s" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for i, path in enumerate(files):
        print(f"| {path.name} | " + " | ".join(f"{figures[s][0][i]:.1f}" for s in sizes) + " |")
    print("| **median** | " + " | ".join(f"**{statistics.median(figures[s][0]):.1f}**" for s in sizes) + " |")
    print("| sum | " + " | ".join(f"{sum(figures[s][0]):.1f}" for s in sizes) + " |")
    reference = figures[sizes[0]][1]
    for size in sizes[1:]:
        answers = figures[size][1]
        same, differ, only = Counter[str](), Counter[str](), Counter[str]()
        for key, text in answers.items():
            if key not in reference:
                only[key[0]] += 1
            elif reference[key] == text:
                same[key[0]] += 1
            else:
                differ[key[0]] += 1
        for schema in sorted(set(same) | set(differ) | set(only)):
            print(
                f"\nbatch {size} vs {sizes[0]}, {schema}: {same[schema]} same, {differ[schema]} differ, "
                f"{only[schema]} prompts not asked with batch {sizes[0]}",
                end="",
            )
        print()
    for size in sizes:
        print(f"batch {size}: {figures[size][2]}")


if __name__ == "__main__":
    main()
