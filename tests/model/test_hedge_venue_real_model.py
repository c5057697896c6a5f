"""The real model on a court report with a hedged cause: the summary names no hedged thing as fact
and puts no event in the court that heard it."""

from __future__ import annotations

import re

import pytest

from service.schema import ArticleInput

pytestmark = pytest.mark.model

COURT_REPORT = (
    "Roofer jailed for warehouse fire\n\n"
    "A roofer has been jailed for four years after he admitted starting a fire that destroyed a "
    "warehouse in the village of Halden.\n\n"
    "Tobias Renn, 34, pleaded guilty at Marlow Crown Court to arson. The court heard that he set "
    "light to a pile of pallets behind the warehouse after a row with its owner in March.\n\n"
    "Firefighters at first blamed a suspected gas leak for the blaze. Investigators later found "
    "what appeared to be a petrol can near the loading bay.\n\n"
    "Judge Ellen Marsh told Renn at Marlow Crown Court that he had put the lives of firefighters at "
    "risk. Nobody was hurt in the fire."
)
_HEDGE = re.compile(
    r"\b(suspected|apparent|appeared|possible|believed|blamed|may|might|could|thought)\b", re.I
)


def _kept(result) -> list[str]:
    return [s.text for s in result.summary_sentences if s.verdict == "kept"]


def test_no_hedged_thing_as_fact_and_no_event_placed_at_the_court(real_pipeline) -> None:
    result = real_pipeline.analyze(ArticleInput(text=COURT_REPORT), use_cache=False)
    kept = _kept(result)
    assert result.summary and kept
    for sentence in kept:
        if re.search(r"\bgas leak\b|\bpetrol can\b", sentence, re.I):
            assert _HEDGE.search(sentence), sentence
        # the fire was at the warehouse in Halden; Marlow is where the case was heard
        assert not re.search(
            r"\b(fire|blaze|started|destroyed|happened|occurred)\b[^.]*\b(in|at) Marlow\b", sentence
        ), sentence
