"""Benchmark: the five seeds end to end (cold cache) against raw llama-cpp-python doing the same work.

The raw side replays every model call the pipeline made (same messages, same number of output
tokens, no grammar, no instructor, no checks) on the same loaded model, so the ratio shows what
newsdigest adds on top of llama.cpp. Run: python bench/seeds.py [--model NAME] [SEED_FILES...]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from service.pipeline import Pipeline
from service.schema import ArticleInput
from service.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def record_calls(engine: Any) -> list[dict[str, Any]]:
    """Wrap the engine's completion call to remember messages and token counts of each call."""
    calls: list[dict[str, Any]] = []
    inner = engine._complete

    def spy(**kwargs: Any) -> Any:
        response = inner(**kwargs)
        calls.append(
            {
                "messages": kwargs["messages"],
                "completion_tokens": response.usage.completion_tokens,
                "prompt_tokens": response.usage.prompt_tokens,
            }
        )
        return response

    engine._complete = spy
    import instructor

    engine._create = instructor.patch(create=spy, mode=instructor.Mode.JSON_SCHEMA)
    return calls


def replay_raw(engine: Any, calls: list[dict[str, Any]]) -> float:
    """Seconds raw llama.cpp takes for the same calls, forced to the same output length."""
    llama = engine._llama
    eos = llama.token_eos()
    started = time.perf_counter()
    for call in calls:
        llama.create_chat_completion(
            messages=call["messages"],
            max_tokens=call["completion_tokens"],
            temperature=0.0,
            logit_bias={eos: -1e9},
            top_k=1,
        )
    return time.perf_counter() - started


def main() -> None:
    """Time each seed through the pipeline, then raw, and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--out", type=Path, help="also write the analyses here as JSON Lines")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings(model=args.model, cache_dir=Path(cache_dir))
        pipeline = Pipeline.from_settings(settings)
        t0 = time.perf_counter()
        engine = pipeline.llm.load()  # type: ignore[attr-defined]
        load_s = time.perf_counter() - t0
        rows = []
        for path in files:
            article = ArticleInput(text=path.read_text(encoding="utf-8"))
            calls = record_calls(engine)
            t = time.perf_counter()
            result = pipeline.analyze(article)
            pipe_s = time.perf_counter() - t
            raw_s = replay_raw(engine, calls)
            t = time.perf_counter()
            hit = pipeline.analyze(article)
            hit_ms = (time.perf_counter() - t) * 1e3
            assert hit.provenance.cached
            rows.append(
                (
                    path.name,
                    len(calls),
                    sum(c["prompt_tokens"] for c in calls),
                    sum(c["completion_tokens"] for c in calls),
                    pipe_s,
                    raw_s,
                    hit_ms,
                    len(result.events),
                )
            )
    print(f"model {args.model}, load {load_s:.1f} s, threads {settings.n_threads}\n")
    print("| seed | calls | prompt tok | output tok | pipeline s | raw s | ratio | cache hit ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, p, c, ps, rs, hm, _ in rows:
        print(f"| {name} | {n} | {p} | {c} | {ps:.1f} | {rs:.1f} | {ps / rs:.2f} | {hm:.1f} |")
    pipe = [r[4] for r in rows]
    raw = [r[5] for r in rows]
    hits = statistics.median(r[6] for r in rows)
    med_pipe, med_raw = statistics.median(pipe), statistics.median(raw)
    print(f"\nmedian pipeline {med_pipe:.1f} s/article, median raw {med_raw:.1f} s")
    print(f"ratio of sums {sum(pipe) / sum(raw):.2f}, median cache hit {hits:.1f} ms")


if __name__ == "__main__":
    main()
