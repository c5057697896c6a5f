"""Code checks of one summary sentence: support by one article sentence, not a patchwork of several."""

from __future__ import annotations

import pytest

from service.document import Document
from service.schema import Casualty, Evidence
from service.verify import code_problems
from tests.unit.test_summary import event

ARTICLE = (
    "Anna Berg, 41, won the regional chess title in Tarnow on Saturday. "
    "Her brother Tomas finished third in the junior league last year. "
    "The tournament drew 300 players from nine countries."
)


def _joined(sentence: str) -> bool:
    return any("joins facts" in p for p in code_problems(sentence, Document.from_text(ARTICLE), []).problems)


@pytest.mark.parametrize(
    "sentence",
    [
        # one sentence's person given another sentence's result
        "Anna Berg won the regional chess title and finished third in the junior league last year.",
        "Tomas Berg won the chess title after finishing third in the tournament of nine countries.",
    ],
)
def test_a_sentence_stitched_from_several_article_sentences_is_dropped(sentence: str) -> None:
    assert _joined(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Anna Berg, 41, took the regional chess title in Tarnow on Saturday.",
        "Her brother Tomas came third in the junior league last year.",
        "The tournament brought together 300 players from nine countries.",
    ],
)
def test_a_paraphrase_of_one_article_sentence_is_kept(sentence: str) -> None:
    assert not _joined(sentence)


def test_the_hurt_in_all_are_a_verified_figure_when_some_of_them_died() -> None:
    quote = "Five workers were hurt in the blast, two of whom later died in hospital."
    c = Casualty(
        killed=2, injured=3, group="workers", qualifier=None, claimed_by=None,
        evidence=Evidence(quote=quote, start=0, end=len(quote)),
    )  # fmt: skip
    events = [event(location="unspecified", date_text=None, event_type="other", casualties=[c])]
    problems = code_problems(
        "Five workers were hurt in the blast.", Document.from_text(quote), events
    ).problems
    assert not any("no verified figure" in p for p in problems)
