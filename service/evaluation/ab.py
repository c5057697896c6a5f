"""A/B view: two runs of the same cases side by side, per metric and per case."""

from __future__ import annotations

from service.evaluation.metrics import METRICS, aggregate, format_value, metric_by_name
from service.evaluation.runner import EvalRun

# The per-case columns: the metrics a prompt engineer looks at first.
CASE_METRICS = (
    "casualty_recall",
    "casualty_precision",
    "attribution_accuracy",
    "key_point_coverage",
    "unsupported_numbers",
    "loaded_terms",
)


def _delta(name: str, a: float | None, b: float | None) -> str:
    """B - A, with a mark when B is better (+) or worse (-) in the metric's direction."""
    if a is None or b is None:
        return ""
    diff = b - a
    direction = metric_by_name(name).direction
    if abs(diff) < 1e-9 or direction == "info":
        return f"{diff:+.3f}" if direction == "info" and abs(diff) >= 1e-9 else "="
    better = diff > 0 if direction == "higher" else diff < 0
    return f"{diff:+.3f} {'better' if better else 'WORSE'}"


def side_by_side(a: EvalRun, b: EvalRun) -> str:
    """Markdown tables: metrics of A and B, then the main metrics and wrong facts per case."""
    ma, mb = a.metrics, b.metrics
    lines = [
        f"A = {a.label}",
        f"B = {b.label}",
        "",
        "| metric | A | B | B - A |",
        "|---|---:|---:|---|",
    ]
    lines += [
        f"| {m.name} | {format_value(m, ma[m.name])} | {format_value(m, mb[m.name])} | "
        f"{_delta(m.name, ma[m.name], mb[m.name])} |"
        for m in METRICS
    ]
    header = " | ".join(f"{name} A / B" for name in CASE_METRICS)
    lines += [
        "",
        f"| case | {header} | wrong facts A / B |",
        "|---|" + "---|" * (len(CASE_METRICS) + 1),
    ]
    scores_b = {s.case: s for s in b.scores}
    for score_a in a.scores:
        score_b = scores_b.get(score_a.case)
        if score_b is None:
            continue
        va, vb = aggregate([score_a.counts]), aggregate([score_b.counts])
        cells = [
            f"{format_value(metric_by_name(n), va[n])} / {format_value(metric_by_name(n), vb[n])}"
            for n in CASE_METRICS
        ]
        wrong_a = sum(1 for f in score_a.facts if f.ok is False)
        wrong_b = sum(1 for f in score_b.facts if f.ok is False)
        lines.append(f"| {score_a.case} | {' | '.join(cells)} | {wrong_a} / {wrong_b} |")
    return "\n".join(lines) + "\n"
