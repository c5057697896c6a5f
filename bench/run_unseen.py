"""Analyze the unseen articles (eval/unseen/*.txt) with the default pipeline, for hand-judging.

Writes eval/runs/unseen-<UTC time>/predictions/<case>.json (one file per article, saved as each
finishes) and a timing line per article. Runs the model: use the model lock on a shared machine.
    flock /tmp/newsdigest-model.lock python bench/run_unseen.py [--replay FILE]
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from service.evaluation.commands import EVAL_DETERMINISM
from service.pipeline import Pipeline
from service.providers.factory import build_llm
from service.providers.replay import ReplayLLM
from service.schema import ArticleInput
from service.settings import Settings


def main() -> None:
    """Analyze every unseen article once, without the result cache."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("eval/unseen"))
    parser.add_argument("--replay", type=Path, help="answer model calls seen before from this JSONL file")
    args = parser.parse_args()
    settings = Settings(no_cache=True, n_threads=EVAL_DETERMINISM["n_threads"], seed=EVAL_DETERMINISM["seed"])
    llm = build_llm(settings)
    pipeline = Pipeline(settings, ReplayLLM(llm, args.replay) if args.replay else llm)
    out = Path("eval/runs") / f"unseen-{datetime.now(UTC):%Y%m%dT%H%M%SZ}" / "predictions"
    out.mkdir(parents=True)
    for path in tqdm(sorted(args.articles.glob("*.txt")), desc="unseen", unit="article"):
        started = time.perf_counter()
        result = pipeline.analyze(ArticleInput(text=path.read_text(encoding="utf-8")), use_cache=False)
        (out / f"{path.stem}.json").write_text(result.model_dump_json(indent=2), encoding="utf-8")
        tqdm.write(f"{path.stem}: {time.perf_counter() - started:.1f} s")
    print(out.parent)


if __name__ == "__main__":
    main()
