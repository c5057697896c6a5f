"""Baseline file and regression gate: compare a run's metrics and facts with the recorded ones."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ValidationError

from service.errors import InputError
from service.evaluation.golden import EVAL_ID
from service.evaluation.metrics import METRICS, Metric, aggregate, format_value, regressed
from service.evaluation.scorers import CaseScore, Fact


class BaselineError(InputError):
    """The baseline file is missing or unreadable."""

    code = "invalid_baseline"


class BaselineFact(BaseModel):
    """A fact as recorded in the baseline."""

    expected: str
    got: str
    ok: bool | None


class BaselineCase(BaseModel):
    """One case's counts and facts as recorded."""

    counts: dict[str, float]
    facts: dict[str, BaselineFact]
    error: str | None = None


class Baseline(BaseModel):
    """The recorded scores of the current prompts and default model."""

    eval_id: str = EVAL_ID
    created: str
    model: str
    prompt_version: str
    fast: bool
    metrics: dict[str, float | None]
    run_settings: dict[str, int] = {}  # threads, seed, context: what determinism depends on
    cases: dict[str, BaselineCase]


@dataclass(frozen=True)
class MetricRow:
    """One metric in the baseline and now."""

    metric: Metric
    baseline: float | None
    current: float | None
    regressed: bool


@dataclass
class GateResult:
    """What the gate found: metric rows, fact-level regressions and fixes, cases not comparable."""

    rows: list[MetricRow]
    regressions: list[str] = field(default_factory=list)
    # A casualty figure that was right and is now wrong, or a new figure the golden does not have:
    # no tolerance (a wrong number is the worst bug this product can have).
    figure_regressions: list[str] = field(default_factory=list)
    # A golden v2 event the baseline paired and this run does not: fails like a lost figure. Only
    # events the baseline recorded count, so a baseline made before v2 events gates none of them.
    event_regressions: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    not_in_baseline: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when no metric fell beyond its tolerance and no casualty figure or event regressed."""
        return (
            not any(row.regressed for row in self.rows)
            and not self.figure_regressions
            and not self.event_regressions
        )


def baseline_from_scores(
    scores: Sequence[CaseScore], *, model: str, prompt_version: str, fast: bool
) -> Baseline:
    """A baseline recording these scores."""
    cases = {
        s.case: BaselineCase(
            counts=s.counts,
            facts={f.key: BaselineFact(expected=f.expected, got=f.got, ok=f.ok) for f in s.facts},
            error=s.error,
        )
        for s in scores
    }
    return Baseline(
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        model=model,
        prompt_version=prompt_version,
        fast=fast,
        metrics=aggregate(c.counts for c in cases.values()),
        cases=cases,
    )


def merge_baseline(old: Baseline | None, new: Baseline) -> Baseline:
    """`new` with the cases of `old` it does not cover kept (for --case updates)."""
    if old is None:
        return new
    cases = {**old.cases, **new.cases}
    return new.model_copy(
        update={
            "cases": cases,
            "metrics": aggregate(c.counts for c in cases.values()),
        }
    )


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; BaselineError if it is missing or invalid."""
    try:
        return Baseline.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise BaselineError(f"no baseline at {path}") from exc
    except (OSError, json.JSONDecodeError, ValidationError) as exc:
        raise BaselineError(f"unreadable baseline {path}: {exc}") from exc


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write the baseline atomically (a crash never leaves half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _fact_line(case: str, fact: Fact, before: BaselineFact | None) -> str:
    was = f" (baseline got {before.got})" if before is not None and before.got != fact.got else ""
    return f"{case}: {fact.key}: expected {fact.expected} -> got {fact.got}{was}"


def _is_figure(key: str) -> bool:
    """Keys of the casualty numbers themselves ("casualties[2]", "extra: ..."), not their fields."""
    if key.startswith(("extra", "trap[", "wrong_role")):
        return True  # a figure that appears, a trap newly stated, a number given the wrong role
    return key.startswith("casualties[") and key.endswith("]")


def _is_event(key: str) -> bool:
    """Keys of golden v2 events themselves ("events_v2[3]"), not their fields."""
    return re.fullmatch(r"events_v2\[\d+\]", key) is not None


def compare(baseline: Baseline, scores: Sequence[CaseScore], *, fast: bool) -> GateResult:
    """Gate the run against the baseline on the cases both have; list facts that got worse."""
    common = [s for s in scores if s.case in baseline.cases]
    before = aggregate(baseline.cases[s.case].counts for s in common)
    now = aggregate(s.counts for s in common)
    rows = [
        MetricRow(m, before[m.name], now[m.name], regressed(m, before[m.name], now[m.name], fast))
        for m in METRICS
    ]
    result = GateResult(rows, not_in_baseline=[s.case for s in scores if s.case not in baseline.cases])
    for score in common:
        recorded = baseline.cases[score.case].facts
        current_keys = {f.key for f in score.facts}
        for fact in score.facts:
            old = recorded.get(fact.key)
            if fact.ok is False and (old is None or old.ok is not False):
                result.regressions.append(_fact_line(score.case, fact, old))
                if _is_figure(fact.key):
                    result.figure_regressions.append(_fact_line(score.case, fact, old))
                if _is_event(fact.key) and old is not None and old.ok is True:
                    result.event_regressions.append(_fact_line(score.case, fact, old))
            elif fact.ok is True and old is not None and old.ok is False:
                result.fixed.append(f"{score.case}: {fact.key}: now {fact.got}")
        result.fixed.extend(
            f"{score.case}: {key}: gone"
            for key, old in recorded.items()
            if old.ok is False and key not in current_keys
        )
    return result


def format_gate(result: GateResult, *, fast: bool) -> str:
    """Text table of the gate: metric, baseline, now, tolerance, verdict; then fact changes."""
    lines = [f"{'metric':<26} {'baseline':>9} {'now':>9} {'tol':>6}  verdict"]
    for row in result.rows:
        tol = row.metric.fast_tolerance if fast else row.metric.tolerance
        verdict = "REGRESSED" if row.regressed else ("info" if row.metric.direction == "info" else "ok")
        lines.append(
            f"{row.metric.name:<26} {format_value(row.metric, row.baseline):>9} "
            f"{format_value(row.metric, row.current):>9} "
            f"{tol:>6.2f}  {verdict}"
        )
    if result.regressions:
        lines.append("\nfacts that regressed vs the baseline:")
        lines.extend(f"  {line}" for line in result.regressions)
    if result.figure_regressions:
        lines.append("\nGATE FAILS: casualty figures regressed (no tolerance):")
        lines.extend(f"  {line}" for line in result.figure_regressions)
    if result.event_regressions:
        lines.append("\nGATE FAILS: events the baseline found are lost (no tolerance):")
        lines.extend(f"  {line}" for line in result.event_regressions)
    if result.fixed:
        lines.append("\nfacts fixed vs the baseline:")
        lines.extend(f"  {line}" for line in result.fixed)
    if result.not_in_baseline:
        lines.append(f"\ncases not in the baseline (not gated): {', '.join(result.not_in_baseline)}")
    lines.append("\nGATE " + ("PASSED" if result.passed else "FAILED"))
    return "\n".join(lines)
