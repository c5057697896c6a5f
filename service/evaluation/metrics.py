"""The suite's metrics: micro-averaged from per-case counts, each with direction and tolerance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Direction = Literal["higher", "lower", "info"]


@dataclass(frozen=True)
class Metric:
    """A metric = sum(numerator) / sum(denominator) over cases (or a plain total)."""

    name: str
    numerator: str
    denominator: str | None
    direction: Direction
    tolerance: float  # full suite: how far it may move the wrong way before the gate fails
    fast_tolerance: float  # fast subset: deterministic and small, so any loss counts
    description: str


METRICS: tuple[Metric, ...] = (
    Metric(
        "false_summary_rate",
        "false_summaries",
        "summaries",
        "lower",
        0.0,
        0.0,
        "share of summaries with a sentence that states a golden trap or a number, date or name the "
        "article lacks (automatic judge: code)",
    ),
    Metric(
        "false_sentences",
        "false_sentences",
        None,
        "lower",
        0.0,
        0.0,
        "summary sentences judged false (same judge); total",
    ),
    # Reported, not gated: a run that drops a true sentence raises the rate with no new falsehood.
    Metric(
        "false_sentence_rate",
        "false_sentences",
        "summary_sentences",
        "info",
        0.0,
        0.0,
        "share of summary sentences judged false (same judge)",
    ),
    Metric(
        "traps_hit",
        "traps_hit",
        None,
        "lower",
        0.0,
        0.0,
        "golden traps (false statements a careless summary makes) stated by a summary sentence; total",
    ),
    Metric(
        "wrong_role_figures",
        "wrong_role_figures",
        None,
        "lower",
        0.0,
        0.0,
        "figures whose number counts something else (arrests, evacuees) or the other role; total",
    ),
    Metric(
        "draft_loaded_terms",
        "draft_loaded_terms",
        None,
        "lower",
        0.0,
        0.0,
        "loaded terms in the model's own draft, before code replaces them; total",
    ),
    Metric(
        "casualty_precision",
        "claims_found",
        "claims_scored",
        "higher",
        0.05,
        0.0,
        "share of predicted casualty claims that match a required golden claim",
    ),
    Metric(
        "casualty_recall",
        "claims_found",
        "claims_required",
        "higher",
        0.05,
        0.0,
        "share of required golden claims matched by a prediction",
    ),
    Metric(
        "attribution_accuracy",
        "attribution_ok",
        "attribution_n",
        "higher",
        0.05,
        0.0,
        "share of matched claims whose claimed_by is right",
    ),
    Metric(
        "place_accuracy",
        "place_ok",
        "place_n",
        "higher",
        0.05,
        0.0,
        "share of matched claims whose event location is right",
    ),
    Metric(
        "date_accuracy",
        "date_ok",
        "date_n",
        "higher",
        0.05,
        0.0,
        "share of matched claims and events whose date_text is right",
    ),
    Metric(
        "event_recall",
        "events_found",
        "events_gold",
        "higher",
        0.05,
        0.0,
        "share of golden events with a predicted event at the same place",
    ),
    Metric(
        "grounding_rate",
        "evidence_grounded",
        "evidence_n",
        "higher",
        0.0,
        0.0,
        "share of predicted evidence quotes found at their offsets",
    ),
    Metric(
        "event_v2_recall",
        "ev2_found",
        "ev2_gold",
        "higher",
        0.03,
        0.0,
        "share of golden news events (v2 labels, background left out) paired with a predicted event",
    ),
    Metric(
        "event_v2_precision",
        "ev2_found",
        "ev2_pred_scored",
        "higher",
        0.03,
        0.0,
        "share of predicted events paired with a golden news event (those paired with a background "
        "event are left out)",
    ),
    Metric(
        "event_type_accuracy",
        "ev2_type_ok",
        "ev2_type_n",
        "higher",
        0.05,
        0.0,
        "share of paired events whose type (taxonomy name) is the golden one",
    ),
    Metric(
        "event_place_accuracy",
        "ev2_place_ok",
        "ev2_place_n",
        "higher",
        0.05,
        0.0,
        "share of paired events with a golden place whose place matches it or an alias",
    ),
    Metric(
        "event_date_accuracy",
        "ev2_date_ok",
        "ev2_date_n",
        "higher",
        0.05,
        0.0,
        "share of paired events whose date_text matches the golden one or an alias (both null counts)",
    ),
    Metric(
        "event_actor_accuracy",
        "ev2_actor_ok",
        "ev2_actor_n",
        "higher",
        0.05,
        0.0,
        "share of golden actors of paired events found with their role",
    ),
    Metric(
        "event_background_accuracy",
        "ev2_bg_ok",
        "ev2_bg_n",
        "higher",
        0.05,
        0.0,
        "share of paired events whose background flag is the golden one (a missing flag is wrong)",
    ),
    Metric(
        "event_duplicate_rate",
        "ev2_dup",
        "ev2_pred",
        "lower",
        0.02,
        0.0,
        "share of predicted events that repeat a golden event another prediction already took",
    ),
    Metric(
        "casualty_duplicate_rate",
        "cas_dup",
        "cas_n",
        "lower",
        0.02,
        0.0,
        "share of predicted casualty claims restating an earlier claim of the same output",
    ),
    Metric(
        "span_exact_rate",
        "span_ok",
        "span_n",
        "higher",
        0.0,
        0.0,
        "share of every span in the output (events, casualties, summary support) with "
        "text[start:end] == quote",
    ),
    Metric(
        "unsupported_numbers",
        "unsupported_numbers",
        None,
        "lower",
        0.0,
        0.0,
        "numbers in summaries that the article does not state (total)",
    ),
    Metric(
        "loaded_terms",
        "loaded_terms",
        None,
        "lower",
        0.0,
        0.0,
        "lexicon terms in summaries outside quotation marks (total)",
    ),
    Metric(
        "boilerplate_leaks",
        "boilerplate_leaks",
        None,
        "lower",
        0.0,
        0.0,
        "golden boilerplate phrases found in summaries (total)",
    ),
    Metric(
        "key_point_coverage",
        "key_points_covered",
        "key_points",
        "higher",
        0.05,
        0.0,
        "share of golden key points covered by the summary",
    ),
    Metric(
        "summary_words",
        "summary_words",
        "summaries",
        "info",
        0.0,
        0.0,
        "mean summary length in words (informational)",
    ),
    Metric(
        "rouge_l",
        "rouge_l_sum",
        "rouge_l_n",
        "higher",
        0.02,
        0.02,
        "mean ROUGE-L F vs the journalists' highlights (cases that have them)",
    ),
)

EPSILON = 1e-9  # float sums of ratios: equal scores must not read as a regression


def metric_by_name(name: str) -> Metric:
    """The metric called `name`."""
    for metric in METRICS:
        if metric.name == name:
            return metric
    raise KeyError(name)


def total_counts(per_case: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Sum per-case counts key by key."""
    totals: dict[str, float] = {}
    for counts in per_case:
        for name, value in counts.items():
            totals[name] = totals.get(name, 0.0) + value
    return totals


def aggregate(per_case: Iterable[Mapping[str, float]]) -> dict[str, float | None]:
    """Every metric over the given cases; None when its denominator is zero."""
    totals = total_counts(per_case)
    values: dict[str, float | None] = {}
    for metric in METRICS:
        numerator = totals.get(metric.numerator, 0.0)
        if metric.denominator is None:
            values[metric.name] = numerator
            continue
        denominator = totals.get(metric.denominator, 0.0)
        values[metric.name] = numerator / denominator if denominator else None
    return values


def format_value(metric: Metric, value: float | None) -> str:
    """A metric value as text: totals as integers, ratios with three decimals."""
    if value is None:
        return "-"
    if metric.denominator is None:
        return f"{value:.0f}"
    return f"{value:.1f}" if metric.name == "summary_words" else f"{value:.3f}"


def regressed(metric: Metric, baseline: float | None, current: float | None, fast: bool) -> bool:
    """True when `current` is worse than `baseline` by more than the metric's tolerance."""
    if metric.direction == "info" or baseline is None:
        return False
    if current is None:
        return True  # the metric had data in the baseline and has none now (nothing predicted)
    allowed = (metric.fast_tolerance if fast else metric.tolerance) + EPSILON
    if metric.direction == "higher":
        return current < baseline - allowed
    return current > baseline + allowed
