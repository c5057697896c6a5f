"""The eval scorer: a perfect prediction scores 1.0; each defect lowers exactly its own metric."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from service.evaluation.golden import Case, GoldenError, load_case, load_cases
from service.evaluation.metrics import aggregate
from service.evaluation.oracle import oracle_analysis
from service.evaluation.scorers import (
    boilerplate_leaks,
    key_point_covered,
    loaded_terms,
    score_case,
    unsupported_numbers,
)
from service.schema import Analysis

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"
LEXICON = [r"regime", r"militants?"]


def _case(name: str) -> Case:
    return load_case(name, DATA / "cases", DATA / "golden")


def _metrics(case: Case, analysis: Analysis | None) -> dict[str, float | None]:
    return aggregate([score_case(case.golden, analysis, case.article, LEXICON).counts])


def _claim(analysis: Analysis, killed: int) -> tuple[int, int]:
    """(event index, casualty index) of the predicted claim with this killed figure."""
    for ei, event in enumerate(analysis.events):
        for ci, casualty in enumerate(event.casualties):
            if casualty.killed == killed:
                return ei, ci
    raise AssertionError(f"no claim with {killed} killed")


def _wrong_number(a: Analysis) -> None:
    ei, ci = _claim(a, 12)
    a.events[ei].casualties[ci].killed = 21


def _missing_claim(a: Analysis) -> None:
    ei, ci = _claim(a, 7)
    del a.events[ei].casualties[ci]


def _wrong_claimant(a: Analysis) -> None:
    ei, ci = _claim(a, 12)
    a.events[ei].casualties[ci].claimed_by = "the Syrian army"


def _leaked_boilerplate(a: Analysis) -> None:
    a.summary += " Subscribe to our newsletter for daily updates."


def _unsupported_number(a: Analysis) -> None:
    a.summary = a.summary.replace("seven", "nine")


def _loaded_term(a: Analysis) -> None:
    a.summary = a.summary.replace("shelling of Aleppo", "regime shelling of Aleppo")


def _wrong_place(a: Analysis) -> None:
    ei, _ = _claim(a, 7)
    a.events[ei].location = "Hama"


def _bad_offsets(a: Analysis) -> None:
    ei, ci = _claim(a, 12)
    evidence = a.events[ei].casualties[ci].evidence
    evidence.start += 1
    evidence.end += 1


def test_perfect_prediction_scores_one() -> None:
    for name in ("mini-aleppo", "mini-quake"):
        case = _case(name)
        metrics = _metrics(case, oracle_analysis(case.golden, case.article))
        for metric in (
            "casualty_precision",
            "casualty_recall",
            "attribution_accuracy",
            "place_accuracy",
            "date_accuracy",
            "event_recall",
            "grounding_rate",
            "key_point_coverage",
        ):
            assert metrics[metric] == 1.0, (name, metric)
        for count in ("unsupported_numbers", "loaded_terms", "boilerplate_leaks"):
            assert metrics[count] == 0.0, (name, count)
    quake = _case("mini-quake")
    assert _metrics(quake, oracle_analysis(quake.golden, quake.article))["rouge_l"] == 1.0


# mini-aleppo has 2 required figures and 1 optional one (the war-wide toll), so the oracle
# predicts 3 claims of which 2 are scored; all 3 match and have an attribution to check.
# The v2 event scorers read the same v1 events (a claim's claimed_by is a source actor, its quote
# a span), so claim, claimant, place and offset defects move their v2 counterparts too.
@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_wrong_number, {"casualty_recall": 1 / 2, "casualty_precision": 1 / 2}),
        (_missing_claim, {"casualty_recall": 1 / 2, "event_actor_accuracy": 1 / 2}),
        (_wrong_claimant, {"attribution_accuracy": 2 / 3, "event_actor_accuracy": 1 / 2}),
        (_leaked_boilerplate, {"boilerplate_leaks": 1.0}),
        (
            _unsupported_number,
            {
                "unsupported_numbers": 1.0,
                "key_point_coverage": 1 / 2,
                "false_summary_rate": 1.0,
                "false_sentence_rate": 1 / 2,
                "false_sentences": 1.0,
            },
        ),
        (_loaded_term, {"loaded_terms": 1.0}),
        (_wrong_place, {"place_accuracy": 1 / 2, "event_recall": 1 / 2, "event_place_accuracy": 1 / 2}),
        (_bad_offsets, {"grounding_rate": 2 / 3, "span_exact_rate": 2 / 3}),
    ],
    ids=lambda v: v.__name__ if callable(v) else "",
)
def test_each_defect_moves_exactly_its_metrics(
    mutate: Callable[[Analysis], None], expected: dict[str, float]
) -> None:
    case = _case("mini-aleppo")
    perfect = _metrics(case, oracle_analysis(case.golden, case.article))
    analysis = oracle_analysis(case.golden, case.article)
    mutate(analysis)
    got = _metrics(case, analysis)
    for name, value in got.items():
        if name == "summary_words":
            continue  # informational: any summary edit changes the length
        want = expected.get(name, perfect[name])
        assert value == pytest.approx(want) if want is not None else value is None, name


def test_optional_figure_is_neutral_either_way() -> None:
    case = _case("mini-aleppo")
    analysis = oracle_analysis(case.golden, case.article)
    ei, ci = _claim(analysis, 300000)
    del analysis.events[ei].casualties[ci]
    metrics = _metrics(case, analysis)
    assert metrics["casualty_recall"] == 1.0
    assert metrics["casualty_precision"] == 1.0


def test_failed_analysis_scores_as_empty_prediction_and_names_the_error() -> None:
    case = _case("mini-quake")
    score = score_case(case.golden, None, case.article, LEXICON, error="GenerationError: boom")
    metrics = aggregate([score.counts])
    assert metrics["casualty_recall"] == 0.0
    assert metrics["casualty_precision"] is None
    assert score.facts[0].key == "error"


def test_wrong_number_is_reported_as_the_nearest_claim() -> None:
    case = _case("mini-aleppo")
    analysis = oracle_analysis(case.golden, case.article)
    _wrong_number(analysis)
    facts = {f.key: f for f in score_case(case.golden, analysis, case.article).facts}
    assert facts["casualties[0]"].ok is False
    assert facts["casualties[0]"].got.startswith("21 killed, 30 injured")


def test_claim_matches_by_place_when_quote_elsewhere() -> None:
    case = _case("mini-quake")
    analysis = oracle_analysis(case.golden, case.article)
    evidence = analysis.events[0].casualties[0].evidence
    evidence.start, evidence.end, evidence.quote = 0, 1, case.article[0]
    assert _metrics(case, analysis)["casualty_recall"] == 1.0


def test_summary_helpers() -> None:
    article = "At least 38 people were killed, 1,700 injured and a dozen missing."
    assert unsupported_numbers("38 dead, 1700 hurt, 12 missing", article) == []
    assert unsupported_numbers("83 dead and one of them a child", article) == ["83"]
    assert loaded_terms('The regime denied it; rebels called them "regime thugs".', LEXICON) == ["regime"]
    assert loaded_terms("Militants attacked.", LEXICON) == ["Militants"]
    assert boilerplate_leaks("Read more. Subscribe  to our newsletter", ["subscribe to our"]) == [
        "subscribe to our"
    ]
    assert key_point_covered("Bricks were evacuated from 38 floors", [["brick"], ["38"]])
    assert not key_point_covered("138 floors", [["38"]])


def test_golden_validation_catches_a_number_missing_from_its_quote(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "golden").mkdir()
    (tmp_path / "cases" / "mini-quake.txt").write_text((DATA / "cases" / "mini-quake.txt").read_text())
    text = (DATA / "golden" / "mini-quake.json").read_text().replace('"killed": 4', '"killed": 5')
    (tmp_path / "golden" / "mini-quake.json").write_text(text)
    with pytest.raises(GoldenError, match="killed = 5 is not stated"):
        load_cases(tmp_path / "cases", tmp_path / "golden")


def test_fast_selection_and_unknown_case() -> None:
    assert [c.name for c in load_cases(DATA / "cases", DATA / "golden", fast=True)] == ["mini-aleppo"]
    with pytest.raises(GoldenError, match="no golden file"):
        load_cases(DATA / "cases", DATA / "golden", names=["nope"])
