"""The regression gate: baseline round trip, an altered golden fails it, the eval command exits."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from service.evaluation.commands import run_eval_command
from service.evaluation.gate import baseline_from_scores, compare, format_gate
from service.evaluation.golden import Case, load_cases
from service.evaluation.oracle import oracle_analysis
from service.evaluation.scorers import score_case
from service.schema import Analysis, ArticleInput
from service.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"


def _cases() -> list[Case]:
    return load_cases(DATA / "cases", DATA / "golden")


class OracleAnalyzer:
    """Answers each case's article with its golden facts, optionally damaged by `damage`."""

    def __init__(self, model_name: str, damage: Callable[[Analysis], None] | None = None) -> None:
        self.model_name = model_name
        self.damage = damage
        self.by_text = {c.article: c.golden for c in _cases()}

    def cache_key(self, article: ArticleInput) -> str:
        return str(hash(article.text))

    def lookup(self, article: ArticleInput) -> Analysis | None:
        return None

    def get(self, cache_key: str) -> Analysis | None:
        return None

    def analyze(self, article: ArticleInput, *, use_cache: bool = True) -> Analysis:
        assert article.text is not None
        analysis = oracle_analysis(self.by_text[article.text], article.text, self.model_name)
        if self.damage:
            self.damage(analysis)
        return analysis


def _drop_idlib(analysis: Analysis) -> None:
    for event in analysis.events:
        event.casualties = [c for c in event.casualties if c.killed != 7]


def test_same_scores_pass_the_gate() -> None:
    scores = [score_case(c.golden, oracle_analysis(c.golden, c.article), c.article) for c in _cases()]
    baseline = baseline_from_scores(scores, model="m", prompt_version="p", fast=False)
    result = compare(baseline, scores, fast=False)
    assert result.passed
    assert result.regressions == []
    assert "GATE PASSED" in format_gate(result, fast=False)


def test_gate_fails_when_a_golden_number_is_altered() -> None:
    cases = _cases()
    predictions = {c.name: oracle_analysis(c.golden, c.article) for c in cases}
    scores = [score_case(c.golden, predictions[c.name], c.article) for c in cases]
    baseline = baseline_from_scores(scores, model="m", prompt_version="p", fast=False)
    quake = next(c for c in cases if c.name == "mini-quake")
    altered = quake.golden.model_copy(deep=True)
    altered.casualties[0].killed = 5
    rescored = [
        s if s.case != "mini-quake" else score_case(altered, predictions["mini-quake"], quake.article)
        for s in scores
    ]
    result = compare(baseline, rescored, fast=False)
    assert not result.passed
    failed = {row.metric.name for row in result.rows if row.regressed}
    assert {"casualty_recall", "casualty_precision"} <= failed
    assert any(line.startswith("mini-quake: casualties[0]: expected 5 killed") for line in result.regressions)
    # A wrong figure fails on its own, whatever the aggregate tolerances (no tolerance for numbers).
    assert result.figure_regressions and result.figure_regressions[0].startswith("mini-quake: casualties[0]")
    assert "GATE FAILS: casualty figures regressed" in format_gate(result, fast=False)


def test_tolerance_absorbs_small_drops_on_the_full_suite_only() -> None:
    cases = _cases()
    scores = [score_case(c.golden, oracle_analysis(c.golden, c.article), c.article) for c in cases]
    baseline = baseline_from_scores(scores, model="m", prompt_version="p", fast=False)
    # 60 required figures at recall 1.0 in the baseline, 59 now: a 0.017 drop.
    for case in baseline.cases.values():
        case.counts["claims_required"] *= 20
        case.counts["claims_found"] *= 20
        case.counts["claims_scored"] *= 20
    lowered = [score_case(c.golden, oracle_analysis(c.golden, c.article), c.article) for c in cases]
    for s in lowered:
        s.counts["claims_required"] *= 20
        s.counts["claims_scored"] *= 20
        s.counts["claims_found"] = s.counts["claims_found"] * 20 - (1 if s.case == "mini-quake" else 0)
    assert compare(baseline, lowered, fast=False).passed
    assert not compare(baseline, lowered, fast=True).passed


def test_a_dropped_true_sentence_passes_and_a_new_false_sentence_fails() -> None:
    scores = [score_case(c.golden, oracle_analysis(c.golden, c.article), c.article) for c in _cases()]
    for s in scores:
        s.counts["summary_sentences"] = 10.0
        s.counts["false_sentences"] = 1.0 if s.case == "mini-quake" else 0.0
    baseline = baseline_from_scores(scores, model="m", prompt_version="p", fast=False)
    fewer = [replace(s, counts=dict(s.counts)) for s in scores]
    next(s for s in fewer if s.case == "mini-quake").counts["summary_sentences"] = 9.0
    result = compare(baseline, fewer, fast=False)
    rate = next(row for row in result.rows if row.metric.name == "false_sentence_rate")
    assert rate.current is not None and rate.baseline is not None and rate.current > rate.baseline
    assert result.passed  # the same false sentence over one sentence fewer is no regression
    worse = [replace(s, counts=dict(s.counts)) for s in scores]
    next(s for s in worse if s.case == "mini-aleppo").counts["false_sentences"] = 1.0
    failed = {row.metric.name for row in compare(baseline, worse, fast=False).rows if row.regressed}
    assert "false_sentences" in failed


@pytest.fixture
def eval_dir(tmp_path: Path) -> Path:
    target = tmp_path / "eval"
    shutil.copytree(DATA, target)
    return target


def _run(eval_dir: Path, factory: Callable[[Settings], OracleAnalyzer], **options: object) -> int:
    params: dict[str, object] = {
        "fast": False,
        "update_baseline": False,
        "prompts": None,
        "model": None,
        "report_dir": None,
        "case_names": (),
        "use_cache": False,
        "gate_b": False,
        "eval_dir": eval_dir,
        "progress": False,
        "factory": factory,
    }
    params.update(options)
    return run_eval_command(**params)  # type: ignore[arg-type]


def test_eval_command_baseline_cycle(eval_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def good(settings: Settings) -> OracleAnalyzer:
        return OracleAnalyzer(settings.model)

    def worse(settings: Settings) -> OracleAnalyzer:
        return OracleAnalyzer(settings.model, _drop_idlib)

    assert _run(eval_dir, good) == 2  # no baseline yet
    assert "--update-baseline" in capsys.readouterr().err
    assert _run(eval_dir, good, update_baseline=True) == 0
    recorded = json.loads((eval_dir / "baseline.json").read_text())
    assert recorded["metrics"]["casualty_recall"] == 1.0
    assert set(recorded["cases"]) == {"mini-aleppo", "mini-quake"}
    assert _run(eval_dir, good) == 0
    capsys.readouterr()
    assert _run(eval_dir, worse) == 1
    out = capsys.readouterr().out
    assert "mini-aleppo: casualties[1]: expected 7 killed" in out
    assert "GATE FAILED" in out
    runs = sorted((eval_dir / "runs").iterdir())
    assert (runs[-1] / "predictions" / "mini-aleppo.json").is_file()
    assert "casualties[1]" in (runs[-1] / "report.md").read_text()
    assert "<table>" in (runs[-1] / "report.html").read_text()
    # The saved predictions are re-scored without the model: the bad run fails, the good passes.
    assert _run(eval_dir, good, rescore_dir=runs[-1]) == 1
    assert _run(eval_dir, good, rescore_dir=runs[-2]) == 0


def test_eval_command_ab_prints_both_sides(eval_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def by_model(settings: Settings) -> OracleAnalyzer:
        return OracleAnalyzer(settings.model, _drop_idlib if settings.model == "other" else None)

    assert _run(eval_dir, by_model, fast=True, update_baseline=True) == 0
    capsys.readouterr()
    assert _run(eval_dir, by_model, fast=True, model="other") == 0  # A is gated, A is unchanged
    out = capsys.readouterr().out
    assert "| casualty_recall | 1.000 | 0.500 | -0.500 WORSE |" in out
    assert "| mini-aleppo |" in out
    assert _run(eval_dir, by_model, fast=True, model="other", gate_b=True) == 1
    assert _run(eval_dir, by_model, fast=True, model="other", update_baseline=True) == 2
