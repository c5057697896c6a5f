"""The real model on articles that forecast an appointment or carry photo captions: the summary
states no forecast as done and no caption label, sub-heading or repeat."""

from __future__ import annotations

import re

import pytest

from service.schema import ArticleInput
from service.summary import is_caption, reframe, repeats

pytestmark = pytest.mark.model

FORECAST = (
    "Quiz host race: Mira Kovac favourite\n\n"
    "Television presenter Mira Kovac is the bookmakers' favourite to take over as host of the "
    "long-running quiz show Brainstorm after its presenter of 12 years stepped down on Friday.\n\n"
    "Odds on Kovac were cut from 5/1 to 2/1 overnight after a flurry of bets, a spokesman for the "
    "bookmaker Fenwick said.\n\n"
    "The channel is expected to name the new host next month. Kovac, 41, could also keep her "
    "morning radio slot, her agent said.\n\n"
    "Comedian Tom Farrah, who is 4/1, is also tipped to replace the outgoing host."
)
CAPTIONS = (
    "Flooded: Water reached the windows of homes on Mill Lane in Orwick on Tuesday.\n\n"
    "Heavy rain flooded 40 homes in the market town of Orwick overnight, the district council said, "
    "and the river burst its banks in two places.\n\n"
    "Residents Ana Holt (left) and her neighbour Pete Marr (right) cleared mud from their kitchens.\n\n"
    "WHAT TO DO IF YOUR HOME FLOODS\n\n"
    "The council opened a rest centre at the town hall and sandbags were handed out at the fire "
    "station. Forecasters expect more rain on Thursday."
)


def _kept(result) -> list[str]:
    return [s.text for s in result.summary_sentences if s.origin == "model" and s.verdict == "kept"]


def test_a_forecast_appointment_is_not_stated_as_done(real_pipeline) -> None:
    result = real_pipeline.analyze(ArticleInput(text=FORECAST), use_cache=False)
    assert result.summary
    done = re.compile(r"\b(?:has|have|had|was|were) (?:been )?(?:named|appointed|chosen|confirmed)\b", re.I)
    assert not done.search(result.summary), result.summary
    assert not re.search(r"\b(?:took over|has taken over|replaced)\b", result.summary, re.I), result.summary


def test_captions_headings_and_repeats_stay_out_of_the_summary(real_pipeline) -> None:
    result = real_pipeline.analyze(ArticleInput(text=CAPTIONS), use_cache=False)
    kept = _kept(result)
    assert result.summary
    assert not any(is_caption(s) or reframe(s) != (s, []) for s in kept), kept
    assert not any(repeats(s, kept[:i]) for i, s in enumerate(kept)), kept
    assert "WHAT TO DO" not in result.summary
