"""The gate and v2 events: a golden event the baseline found and the run lost fails the gate like a
lost figure; a baseline recorded before v2 events gates none of them."""

from __future__ import annotations

from service.evaluation.gate import Baseline, baseline_from_scores, compare, format_gate
from service.evaluation.scorers import CaseScore, Fact

FOUND = Fact(
    "events_v2[0]", "court: fined a ferry operator (Lindale, on Thursday)", "court: fined (Lindale, -)", True
)
LOST = Fact("events_v2[0]", FOUND.expected, "missing", False)
FIELD_WRONG = Fact("events_v2[0].date_text", "on Thursday", "null", False)


def _baseline(*facts: Fact) -> Baseline:
    return baseline_from_scores([CaseScore("c", {}, list(facts))], model="m", prompt_version="p", fast=False)


def test_a_lost_event_the_baseline_found_fails_the_gate() -> None:
    result = compare(_baseline(FOUND), [CaseScore("c", {}, [LOST])], fast=False)
    assert not result.passed
    assert result.event_regressions == [
        "c: events_v2[0]: expected "
        + FOUND.expected
        + " -> got missing (baseline got court: fined (Lindale, -))"
    ]
    assert "GATE FAILS: events the baseline found are lost" in format_gate(result, fast=False)


def test_a_baseline_without_v2_events_gates_none_of_them() -> None:
    result = compare(_baseline(), [CaseScore("c", {}, [LOST])], fast=False)
    assert result.passed
    assert result.event_regressions == []
    assert any(line.startswith("c: events_v2[0]") for line in result.regressions)  # still listed


def test_a_wrong_field_of_a_found_event_is_listed_not_failed() -> None:
    result = compare(_baseline(FOUND), [CaseScore("c", {}, [FOUND, FIELD_WRONG])], fast=False)
    assert result.passed
    assert result.regressions == ["c: events_v2[0].date_text: expected on Thursday -> got null"]
