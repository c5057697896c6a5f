"""Measure the summary-sentence verifier on development cases: does it reject false statements and
accept true ones, and what does it cost?

False statements: the goldens' traps (claims a careless summary would make). True statements: the
sentences of the journalists' highlights (HaluEval's right summaries; a few state facts the
truncated article lacks, so "true rejected" is an upper bound). Each statement goes through the
code checks first (with the golden figures as the verified figures), then, if code found nothing,
to the model. Dev split only: the test split is never used for choices.

Run: python bench/verifier.py [--model NAME] [--per-case N] [--cases N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from service.document import Document
from service.engine import LazyEngine
from service.evaluation.golden import load_cases
from service.evaluation.oracle import oracle_analysis
from service.models import resolve
from service.prompts import load_prompts
from service.resources import data_dir
from service.settings import Settings
from service.text import sentences
from service.verify import code_problems, model_supports


def main() -> None:
    """Score every sampled statement with code and with the model; print and save a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--per-case", type=int, default=2, help="statements of each kind per case")
    parser.add_argument("--cases", type=int, default=30, help="dev cases to sample")
    parser.add_argument("--out", type=Path, default=Path("eval/runs/verifier.json"))
    args = parser.parse_args()
    settings = Settings(model=args.model, n_threads=2)
    engine = LazyEngine(resolve(settings.model, settings.models_dir), n_ctx=4096, n_threads=2, seed=0)
    prompts = load_prompts()
    eval_dir = data_dir("eval")
    cases = load_cases(eval_dir / "cases", eval_dir / "golden", split="dev")
    rng = random.Random(0)
    cases = rng.sample(cases, min(args.cases, len(cases)))
    rows = []
    for case in cases:
        doc = Document.build(case.article, None, prompts.injection)
        events = oracle_analysis(case.golden, case.article).events
        false = [t.claim for t in case.golden.traps]
        true = [s.text for s in sentences(case.golden.highlights or "")]
        for label, pool in (("false", false), ("true", true)):
            for claim in rng.sample(pool, min(args.per_case, len(pool))):
                check = code_problems(claim, doc, events)
                verdict, seconds = None, 0.0
                if not check.problems:
                    started = time.perf_counter()
                    verdict = model_supports(engine, prompts, claim, check.support)
                    seconds = time.perf_counter() - started
                rows.append(
                    {
                        "case": case.name,
                        "label": label,
                        "claim": claim,
                        "code": check.problems,
                        "model": verdict,
                        "seconds": round(seconds, 2),
                    }
                )
                print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    for label in ("false", "true"):
        part = [r for r in rows if r["label"] == label]
        by_code = sum(1 for r in part if r["code"])
        asked = [r for r in part if not r["code"]]
        by_model = sum(1 for r in asked if r["model"] is not True)
        share = (by_code + by_model) / len(part) if part else 0.0
        print(
            f"{label} statements: {len(part)}; rejected by code {by_code}; asked the model "
            f"{len(asked)}, rejected by it {by_model}; rejected in all {by_code + by_model} ({share:.0%})"
        )
    times = [r["seconds"] for r in rows if r["model"] is not None]
    if times:
        print(f"model question: median {statistics.median(times):.2f} s, mean {statistics.mean(times):.2f} s")


if __name__ == "__main__":
    main()
