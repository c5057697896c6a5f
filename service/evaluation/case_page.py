"""The review page of one eval case: golden and predicted figures on the article, verdicts marked."""

from __future__ import annotations

from service.evaluation.golden import Golden
from service.evaluation.matching import spans_of
from service.evaluation.runner import CaseResult
from service.evaluation.scorers import Fact, _claims, describe_claim, describe_gold, match_casualties
from service.review import ReviewPage, Row, Span, Table
from service.review.analysis import FIGURE_COLUMNS, figure_cells, provenance, sentences

# What each mark or row status means on a case page (shown as the page's legend).
LEGEND = {
    "ok": "predicted figure matching a golden one, source, place and date right",
    "wrong": "predicted figure matching a golden one, with a wrong source, place or date",
    "extra": "predicted figure the golden does not have",
    "found": "golden figure the prediction found",
    "missed": "golden figure the prediction missed",
    "optional": "golden background figure (not scored)",
}


def _wrong_fields(facts: list[Fact], gold_index: int) -> list[str]:
    """Names of the checked fields of one matched golden figure that the prediction got wrong."""
    prefix = f"casualties[{gold_index}]."
    return [f.key.removeprefix(prefix) for f in facts if f.key.startswith(prefix) and f.ok is False]


def _gold_spans(golden: Golden, article: str, statuses: list[str]) -> list[Span]:
    """Every place each golden quote occurs (a quote may repeat), kind `gold`, id g<N>."""
    return [
        Span("gold", start, end, f"g{gi}", gold.quote, statuses[gi])
        for gi, gold in enumerate(golden.casualties)
        for start, end in spans_of(gold.quote, article)
    ]


def case_page(result: CaseResult) -> ReviewPage:
    """Golden vs predicted on the case's article, plus the scorer's facts, summary and warnings."""
    golden, article, analysis, score = result.case.golden, result.case.article, result.analysis, result.score
    claims = _claims(analysis)  # the scorer's own claim order, so pairs index the same figures
    by_claim = {ci: gi for gi, ci in match_casualties(golden, claims, article)}
    by_gold = {gi: ci for ci, gi in by_claim.items()}

    gold_status = [
        "found" if gi in by_gold else ("missed" if gold.required else "optional")
        for gi, gold in enumerate(golden.casualties)
    ]
    gold_rows = [
        Row(
            f"g{gi}",
            [
                f"g{gi + 1}",
                describe_gold(gold),
                describe_claim(claims[by_gold[gi]]) if gi in by_gold else "not found",
            ],
            gold_status[gi],
            "" if spans_of(gold.quote, article) else "golden quote not found in the article",
        )
        for gi, gold in enumerate(golden.casualties)
    ]

    predicted_rows, predicted_spans = [], []
    for ci, claim in enumerate(claims):
        gi = by_claim.get(ci)
        wrong = _wrong_fields(score.facts, gi) if gi is not None else []
        status = "extra" if gi is None else ("wrong" if wrong else "ok")
        note = (
            f"matches g{gi + 1}" + (f"; wrong: {', '.join(wrong)}" if wrong else "") if gi is not None else ""
        )
        record = f"p{ci}"
        e = claim.casualty.evidence
        predicted_spans.append(Span("casualty", e.start, e.end, record, e.quote, status))
        predicted_rows.append(
            Row(record, figure_cells(f"p{ci + 1}", claim.event, claim.casualty), status, note)
        )

    fact_rows = [
        Row(
            _fact_record(f.key, i),
            [f.key, f.expected, f.got, {True: "ok", False: "✗", None: "·"}[f.ok]],
            {True: "ok", False: "wrong", None: ""}[f.ok],
        )
        for i, f in enumerate(score.facts)
    ]
    summary = sentences(analysis) if analysis is not None else []
    notes = [("Summary", analysis.summary)] if analysis is not None else []
    notes += [("Journalists' highlights", golden.highlights)] if golden.highlights else []
    warnings = ([f"analysis failed: {score.error}"] if score.error else []) + (
        list(analysis.warnings) if analysis is not None else []
    )
    return ReviewPage(
        title=f"{score.case}: golden vs predicted",
        text=article,
        spans=_gold_spans(golden, article, gold_status)
        + predicted_spans
        + [s for sentence in summary for s in sentence.support],
        tables=[
            Table("Golden figures", ["figure", "expected", "predicted"], gold_rows, "None.", "golden figure"),
            Table("Predicted figures", FIGURE_COLUMNS, predicted_rows, "None.", "predicted figure"),
            Table("Every checked fact", ["fact", "expected", "got", ""], fact_rows, "None.", "fact"),
        ],
        sentences=summary,
        warnings=warnings,
        notes=notes,
        provenance=provenance(analysis) if analysis is not None else [("analysis", "failed")],
        legend=LEGEND,
    )


def _fact_record(key: str, index: int) -> str:
    """Fact rows about golden figure N select that figure's marks (g<N>); other facts stand alone."""
    if key.startswith("casualties["):
        return "g" + key[len("casualties[") :].split("]", 1)[0]
    return f"f{index}"
