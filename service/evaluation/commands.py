"""`newsdigest eval` (golden suite, gate, A/B, HaluEval) and `newsdigest check` (faithfulness)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from service.errors import NewsdigestError
from service.evaluation.ab import side_by_side
from service.evaluation.gate import (
    BaselineError,
    baseline_from_scores,
    compare,
    format_gate,
    load_baseline,
    merge_baseline,
    write_baseline,
)
from service.evaluation.golden import Case, load_cases
from service.evaluation.halueval import REPORT_START
from service.evaluation.halueval import evaluate as evaluate_halueval
from service.evaluation.report import write_reports
from service.evaluation.runner import EvalRun, evaluate_cases, load_lexicon, rescore
from service.faithfulness import CheckConfig, check_summary
from service.pipeline import Analyzer
from service.resources import data_dir
from service.settings import Settings

FAST_MODEL = "qwen2.5-0.5b"
EXIT_OK, EXIT_REGRESSION, EXIT_USAGE = 0, 1, 2
EVAL_DETERMINISM = {"n_threads": 2, "seed": 0}


@dataclass(frozen=True)
class RunConfig:
    """One side of an eval: the settings to build the analyzer from, and a name for it."""

    name: str
    settings: Settings

    @property
    def prompts(self) -> Path:
        """The prompt set directory in use (the bundled one by default)."""
        return (self.settings.prompts_dir or data_dir("prompts")).resolve()


def build_analyzer(settings: Settings) -> Analyzer:
    """The real pipeline with the configured model (loaded here: the slow part)."""
    from service.pipeline import Pipeline

    return Pipeline.from_settings(settings)


def replaying_analyzer(record: Path) -> Callable[[Settings], Analyzer]:
    """The real pipeline whose model calls are answered from `record` when seen before."""

    def build(settings: Settings) -> Analyzer:
        from service.pipeline import Pipeline
        from service.providers.factory import build_llm
        from service.providers.replay import ReplayLLM

        return Pipeline(settings, ReplayLLM(build_llm(settings), record))

    return build


def _configs(
    fast: bool, model: str | None, prompts: Path | None, use_cache: bool
) -> tuple[RunConfig, RunConfig | None]:
    """A = the defaults (fast: the 0.5B model); B = A with --model/--prompts, if they differ."""
    overrides: dict[str, Any] = {"no_cache": not use_cache}  # env vars/TOML give the rest
    # Same threads and seed on every machine unless the user sets them: llama.cpp's sums can
    # round differently with another thread count, and the fast gate tolerates no change.
    for name, value in EVAL_DETERMINISM.items():
        if f"NEWSDIGEST_{name.upper()}" not in os.environ:
            overrides[name] = value
    base = Settings(**overrides)
    default = base.model_copy(update={"model": FAST_MODEL}) if fast else base
    a = RunConfig("A", default)
    b_settings = default.model_copy(
        update={
            **({"model": model} if model else {}),
            **({"prompts_dir": prompts} if prompts else {}),
        }
    )
    b = RunConfig("B", b_settings)
    differs = (b.settings.model != a.settings.model) or (b.prompts != a.prompts)
    return a, (b if differs else None)


def _determinism(settings: Settings) -> dict[str, int]:
    """The settings a deterministic run depends on besides model and prompts."""
    return {"n_threads": settings.n_threads, "seed": settings.seed, "n_ctx": settings.n_ctx}


def _run(
    config: RunConfig,
    cases: list[Case],
    eval_dir: Path,
    use_cache: bool,
    progress: bool,
    factory: Callable[[Settings], Analyzer],
    fast: bool,
) -> EvalRun:
    analyzer = factory(config.settings)
    try:
        return evaluate_cases(
            cases,
            analyzer,
            lexicon=load_lexicon(),
            runs_dir=eval_dir / "runs",
            use_cache=use_cache,
            progress=progress,
            fast=fast,
        )
    finally:
        close = getattr(analyzer, "close", None)
        if callable(close):
            close()  # free the model before side B loads its own


def run_eval_command(
    *,
    fast: bool,
    update_baseline: bool,
    prompts: Path | None,
    model: str | None,
    report_dir: Path | None,
    case_names: tuple[str, ...],
    use_cache: bool,
    gate_b: bool,
    eval_dir: Path,
    progress: bool,
    factory: Callable[[Settings], Analyzer] = build_analyzer,
    rescore_dir: Path | None = None,
    split: str = "dev",
) -> int:
    """The body of `newsdigest eval`; returns the exit code."""
    baseline_path = eval_dir / ("baseline-fast.json" if fast else "baseline.json")
    a, b = _configs(fast, model, prompts, use_cache)
    if update_baseline and b is not None:
        click.echo(
            "--update-baseline records the default configuration only; adopt the new "
            "prompts/model as defaults first, or drop --prompts/--model.",
            err=True,
        )
        return EXIT_USAGE
    if rescore_dir is not None and b is not None:
        click.echo(
            "--rescore re-scores one saved run; it cannot be combined with --prompts/--model.", err=True
        )
        return EXIT_USAGE
    try:
        baseline = None if update_baseline and not baseline_path.exists() else load_baseline(baseline_path)
        cases = load_cases(eval_dir / "cases", eval_dir / "golden", fast=fast, names=case_names, split=split)
        click.echo(f"split: {split} ({len(cases)} cases)", err=True)
    except BaselineError as exc:
        click.echo(
            f"{exc}. Create it on purpose with: newsdigest eval {'--fast ' if fast else ''}--update-baseline",
            err=True,
        )
        return EXIT_USAGE
    except NewsdigestError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_USAGE
    runs: dict[str, EvalRun] = {}
    if rescore_dir is not None:
        runs["A"] = rescore(rescore_dir, cases, load_lexicon())
        runs["A"].fast = fast
        paths = write_reports(runs["A"], report_dir)
        click.echo(f"A report: {paths[0]}  {paths[1]}")
    for config in (a, b) if rescore_dir is None else ():
        if config is None:
            continue
        try:
            runs[config.name] = _run(config, cases, eval_dir, use_cache, progress, factory, fast)
        except NewsdigestError as exc:
            click.echo(f"error ({config.name}: {config.settings.model}): {exc}", err=True)
            return EXIT_USAGE
        paths = write_reports(runs[config.name], report_dir / config.name if report_dir and b else report_dir)
        click.echo(f"{config.name} report: {paths[0]}  {paths[1]}")
    if "B" in runs:
        table = side_by_side(runs["A"], runs["B"])
        click.echo("\n" + table)
        if runs["A"].run_dir is not None:
            (runs["A"].run_dir / "ab.md").write_text(table, encoding="utf-8")
    gated_config = b if gate_b and b is not None else a
    gated = runs[gated_config.name]
    # A re-scored run was made with settings this process cannot know.
    now = {} if rescore_dir is not None else _determinism(gated_config.settings)
    if update_baseline:
        fresh = baseline_from_scores(
            gated.scores, model=gated.model, prompt_version=gated.prompt_version, fast=fast
        ).model_copy(update={"run_settings": now})
        write_baseline(baseline_path, merge_baseline(baseline, fresh) if case_names else fresh)
        click.echo(f"baseline written: {baseline_path}")
        return EXIT_OK
    assert baseline is not None  # loaded above unless updating
    result = compare(baseline, gated.scores, fast=fast)
    if baseline.run_settings and now and baseline.run_settings != now:
        click.echo(
            f"warning: baseline was recorded with {baseline.run_settings}, this run used "
            f"{now}: scores may differ for that reason alone",
            err=True,
        )
    click.echo(f"\ngate ({gated.label} vs baseline {baseline.model} / prompts {baseline.prompt_version}):")
    click.echo(format_gate(result, fast=fast))
    return EXIT_OK if result.passed else EXIT_REGRESSION


@click.command("eval")
@click.option(
    "--fast",
    is_flag=True,
    help="The CI subset: cases marked fast, the 0.5B model, eval/baseline-fast.json.",
)
@click.option("--update-baseline", is_flag=True, help="Record this run's scores as the baseline.")
@click.option(
    "--prompts",
    type=click.Path(exists=True, path_type=Path),
    help="Prompt set (dir with set.toml) for side B of an A/B run.",
)
@click.option("--model", help="Model name or GGUF path for side B of an A/B run.")
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write report.md/report.html here (default: the run folder).",
)
@click.option("--case", "case_names", multiple=True, help="Only this case (repeatable).")
@click.option("--use-cache", is_flag=True, help="Reuse cached results (default: recompute).")
@click.option("--gate-b", is_flag=True, help="In an A/B run, gate side B instead of A.")
@click.option(
    "--halueval",
    type=click.IntRange(min=1),
    metavar="N",
    help="Instead: evaluate `newsdigest check` on N HaluEval pairs (no model).",
)
@click.option(
    "--halueval-start",
    type=click.IntRange(min=0),
    default=REPORT_START,
    show_default=True,
    help="First HaluEval line of the slice.",
)
@click.option(
    "--eval-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Suite folder with cases/, golden/ and baselines (default: the bundled eval/).",
)
@click.option(
    "--rescore",
    "rescore_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Re-score the predictions saved in a run folder (no model), then report and gate.",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "test", "all"]),
    default="dev",
    show_default=True,
    help="Which cases: dev (tune on these), test (frozen: score, never tune), or all.",
)
@click.option(
    "--replay",
    "replay",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Development: answer model calls seen before from this JSONL file and append new ones "
    "(re-scores a change after the model in seconds; report numbers from runs without it).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def eval_command(
    fast: bool,
    update_baseline: bool,
    prompts: Path | None,
    model: str | None,
    report_dir: Path | None,
    case_names: tuple[str, ...],
    use_cache: bool,
    gate_b: bool,
    halueval: int | None,
    halueval_start: int,
    eval_dir: Path | None,
    rescore_dir: Path | None,
    split: str,
    replay: Path | None,
    quiet: bool,
) -> None:
    """Run the golden eval suite and gate it against the baseline (exit 1 on a regression)."""
    if halueval:
        try:
            full = evaluate_halueval(halueval_start, halueval, progress=not quiet)
            wording = evaluate_halueval(
                halueval_start, halueval, progress=not quiet, config=CheckConfig(check_entities=False)
            )
        except NewsdigestError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        click.echo("newsdigest check (numbers, dates, names and wording):")
        click.echo(full.summary())
        click.echo("\nablation, wording rule alone (no number/date/name checks):")
        click.echo(wording.summary())
        return
    code = run_eval_command(
        fast=fast,
        update_baseline=update_baseline,
        prompts=prompts,
        model=model,
        report_dir=report_dir,
        case_names=case_names,
        use_cache=use_cache,
        gate_b=gate_b,
        eval_dir=eval_dir or data_dir("eval"),
        progress=not quiet,
        rescore_dir=rescore_dir,
        split="all" if case_names else split,
        factory=replaying_analyzer(replay) if replay else build_analyzer,
    )
    sys.exit(code)


def _read(path: str, what: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"cannot read {what} {path}: {exc}") from exc


@click.command("check")
@click.argument("article", metavar="ARTICLE")
@click.argument("summary", metavar="SUMMARY")
def check_command(article: str, summary: str) -> None:
    """Say which claims of SUMMARY the ARTICLE does not support (files; "-" = stdin for one).

    Prints JSON; exits 0 when supported, 1 when not, 2 on bad input."""
    if article == "-" and summary == "-":
        raise click.UsageError("only one of ARTICLE and SUMMARY can be read from stdin")
    article_text, summary_text = _read(article, "article"), _read(summary, "summary")
    if not article_text.strip() or not summary_text.strip():
        raise click.UsageError("the article and the summary must both be non-empty")
    result = check_summary(article_text, summary_text)
    click.echo(result.model_dump_json(indent=2))
    sys.exit(EXIT_OK if result.supported else EXIT_REGRESSION)
