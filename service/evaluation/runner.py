"""Run an analyzer over the eval cases, saving each prediction as it comes, and score the run."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from service.errors import NewsdigestError
from service.evaluation.golden import Case, load_cases
from service.evaluation.metrics import aggregate
from service.evaluation.scorers import CaseScore, score_case
from service.pipeline import Analyzer
from service.prompts import load_prompts
from service.resources import data_dir
from service.schema import Analysis, ArticleInput


@dataclass
class CaseResult:
    """One case's prediction (None if the analysis failed) and its scores."""

    case: Case
    analysis: Analysis | None
    score: CaseScore


@dataclass
class EvalRun:
    """A scored run of one configuration over the selected cases."""

    model: str
    prompt_version: str
    run_dir: Path | None
    results: list[CaseResult] = field(default_factory=list)
    fast: bool = False

    @property
    def scores(self) -> list[CaseScore]:
        """Per-case scores in case order."""
        return [result.score for result in self.results]

    @property
    def metrics(self) -> dict[str, float | None]:
        """Micro-averaged metrics over all cases of the run."""
        return aggregate(score.counts for score in self.scores)

    @property
    def label(self) -> str:
        """model / prompt version, for tables and headings."""
        return f"{self.model} / prompts {self.prompt_version}"


def default_runs_dir() -> Path:
    """eval/runs/ next to the cases (gitignored)."""
    return data_dir("eval") / "runs"


def load_lexicon(prompts_dir: Path | None = None) -> list[str]:
    """Regexes of the loaded terms of a prompt set (default: the bundled one); [] when none.

    Both sides of an A/B run are measured with the same (default) lexicon: one yardstick."""
    try:
        return [term.pattern.pattern for term in load_prompts(prompts_dir).lexicon]
    except (NewsdigestError, FileNotFoundError):
        return []


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "unknown"


def _new_run_dir(runs_dir: Path, model: str, prompt_version: str) -> Path:
    """A fresh folder <UTC timestamp>-<model>-<prompt version>, suffixed if taken."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    model_tag = _slug(Path(model).stem if "/" in model else model)
    base = runs_dir / f"{stamp}-{model_tag}-{_slug(prompt_version)}"
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    candidate.mkdir(parents=True)
    return candidate


def _save_prediction(run_dir: Path, name: str, analysis: Analysis | None, error: str | None) -> None:
    payload = analysis.model_dump(mode="json") if analysis else {"error": error}
    path = run_dir / "predictions" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def save_scores(run: EvalRun) -> None:
    """Write scores.json (metrics and per-case counts and facts) into the run folder."""
    if run.run_dir is None:
        return
    payload = {
        "model": run.model,
        "prompt_version": run.prompt_version,
        "fast": run.fast,
        "metrics": run.metrics,
        "cases": {
            s.case: {"counts": s.counts, "error": s.error, "facts": [f.__dict__ for f in s.facts]}
            for s in run.scores
        },
    }
    (run.run_dir / "scores.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def evaluate_cases(
    cases: Sequence[Case],
    analyzer: Analyzer,
    *,
    lexicon: Sequence[str] = (),
    runs_dir: Path | None = None,
    use_cache: bool = False,
    progress: bool = True,
    fast: bool = False,
) -> EvalRun:
    """Analyze and score each case in order; a failing case scores as an empty prediction."""
    run = EvalRun(model=analyzer.model_name, prompt_version="unknown", run_dir=None, fast=fast)
    bar = tqdm(
        cases,
        desc=f"eval {analyzer.model_name}",
        unit="case",
        file=sys.stderr,
        disable=not progress,
    )
    for case in bar:
        analysis: Analysis | None = None
        error: str | None = None
        try:
            analysis = analyzer.analyze(ArticleInput(text=case.article, published=None), use_cache=use_cache)
        except NewsdigestError as exc:
            error = f"{type(exc).__name__}: {exc}"
        if run.run_dir is None and runs_dir is not None:
            if analysis is not None:
                run.prompt_version = analysis.provenance.prompt_version
            run.run_dir = _new_run_dir(runs_dir, run.model, run.prompt_version)
        if run.run_dir is not None:
            _save_prediction(run.run_dir, case.name, analysis, error)
        score = score_case(case.golden, analysis, case.article, lexicon, error)
        run.results.append(CaseResult(case, analysis, score))
    if run.prompt_version == "unknown":
        run.prompt_version = next(
            (r.analysis.provenance.prompt_version for r in run.results if r.analysis is not None),
            "unknown",
        )
    save_scores(run)
    return run


def run_eval(
    cases_dir: Path,
    golden_dir: Path,
    analyzer: Analyzer,
    fast: bool = False,
    progress: bool = True,
    *,
    names: Iterable[str] = (),
    lexicon: Sequence[str] | None = None,
    runs_dir: Path | None = None,
    use_cache: bool = False,
) -> EvalRun:
    """Load the selected cases and evaluate `analyzer` on them (see `evaluate_cases`)."""
    cases = load_cases(cases_dir, golden_dir, fast=fast, names=names)
    return evaluate_cases(
        cases,
        analyzer,
        lexicon=load_lexicon() if lexicon is None else lexicon,
        runs_dir=runs_dir,
        use_cache=use_cache,
        progress=progress,
        fast=fast,
    )


def rescore(run_dir: Path, cases: Sequence[Case], lexicon: Sequence[str] = ()) -> EvalRun:
    """Score the predictions saved in `run_dir` against the current goldens (no model needed);
    a case without a saved prediction scores as a failed analysis."""
    run = EvalRun(model="unknown", prompt_version="unknown", run_dir=run_dir)
    for case in cases:
        path = run_dir / "predictions" / f"{case.name}.json"
        analysis: Analysis | None = None
        error: str | None = None
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            if "error" in payload and "summary" not in payload:
                error = str(payload["error"])
            else:
                analysis = Analysis.model_validate(payload)
        except (OSError, ValueError) as exc:  # ValueError covers JSON and validation errors
            error = f"no usable saved prediction: {exc}"
        if analysis is not None and run.model == "unknown":
            run.model = analysis.provenance.model
            run.prompt_version = analysis.provenance.prompt_version
        run.results.append(
            CaseResult(case, analysis, score_case(case.golden, analysis, case.article, lexicon, error))
        )
    save_scores(run)
    return run
