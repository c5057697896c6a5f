"""Scorers for false statements: traps, wrong-role figures, false sentences, the draft's wording."""

from __future__ import annotations

from pathlib import Path

from service.evaluation.gate import baseline_from_scores, compare
from service.evaluation.golden import NonFigure, load_case
from service.evaluation.matching import term_in, trap_hit
from service.evaluation.oracle import oracle_analysis
from service.evaluation.scorers import score_case
from service.evaluation.truth import score_truth, summary_sentence_facts, wrong_role_facts

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"
CASE = load_case("mini-aleppo", DATA / "cases", DATA / "golden")


def test_term_rule_matches_from_word_starts() -> None:
    assert term_in("evacuat", "they were evacuated")
    assert not term_in("UN", "on Sunday")
    assert not term_in("no ", "a notice")
    assert term_in("no ", "there was no one")
    assert not term_in("38", "138 died")


def test_a_trap_needs_every_term_list_and_no_unless_term() -> None:
    terms = [["30", "thirty"], ["killed", "died"]]
    assert trap_hit(terms, ["wounded"], "Thirty people were killed.")
    assert not trap_hit(terms, ["wounded"], "Twelve were killed and 30 wounded.")
    assert not trap_hit(terms, [], "Thirty people were hurt.")


def test_a_summary_stating_a_trap_is_false_sentence_by_sentence() -> None:
    summary = "Shells hit Aleppo on Tuesday. Seven civilians were killed in Aleppo."
    facts, traps, false = summary_sentence_facts(CASE.golden, summary, CASE.article)
    assert (traps, false) == (1, 1)
    assert [f.ok for f in facts if f.key.startswith("summary.sentence")] == [True, False]
    assert "trap[1] (place)" in facts[1].got


def test_a_number_the_article_lacks_makes_a_sentence_false() -> None:
    _, traps, false = summary_sentence_facts(CASE.golden, "Nine people died in Hama.", CASE.article)
    assert (traps, false) == (0, 1)


def test_wrong_role_figures() -> None:
    analysis = oracle_analysis(CASE.golden, CASE.article)
    assert wrong_role_facts(CASE.golden, analysis, CASE.article) == []
    # The 30 wounded reported as killed.
    first = analysis.events[0].casualties[0]
    first.killed, first.injured = 30, None
    (fact,) = wrong_role_facts(CASE.golden, analysis, CASE.article)
    assert fact.expected == "30 injured" and fact.got == "killed"
    # A number that counts something else, reported as a casualty figure.
    golden = CASE.golden.model_copy(
        update={"non_figures": [NonFigure(value=30, counts="wounded (test)", quote="30 wounded")]}
    )
    assert any(f.expected == "30 wounded (test)" for f in wrong_role_facts(golden, analysis, CASE.article))


def test_loaded_terms_are_counted_in_the_models_draft() -> None:
    analysis = oracle_analysis(CASE.golden, CASE.article)
    analysis.summary_draft = "The regime shelled Aleppo."
    assert score_truth(CASE.golden, analysis, CASE.article, [r"regime"]).counts["draft_loaded_terms"] == 1


def test_the_gate_fails_on_a_trap_the_baseline_did_not_hit() -> None:
    good = oracle_analysis(CASE.golden, CASE.article)
    baseline = baseline_from_scores(
        [score_case(CASE.golden, good, CASE.article)], model="m", prompt_version="p", fast=False
    )
    altered = oracle_analysis(CASE.golden, CASE.article)
    altered.summary += " Thirty people were killed in Aleppo."
    result = compare(baseline, [score_case(CASE.golden, altered, CASE.article)], fast=False)
    assert not result.passed
    assert any("trap[0]" in line for line in result.figure_regressions)
