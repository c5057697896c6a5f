"""Code checks of one summary sentence: support by one article sentence, not a patchwork of several."""

from __future__ import annotations

import pytest

from service.document import Document
from service.schema import Casualty, Evidence
from service.verify import code_problems, problems_by_check
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


CROWD = (
    "Ingrid Solberg crossed the line first on Sunday.\n\n"
    "Spectators on the quay cheered her on over the last mile. "
    "The bridge was closed because the river flooded."
)


@pytest.mark.parametrize(
    ("sentence", "check", "turned"),
    [
        ("Ingrid Solberg cheered on the spectators on the quay.", "reversed_sides", True),
        ("Spectators on the quay cheered on Ingrid Solberg.", "reversed_sides", False),
        ("The river flooded because the bridge was closed.", "reversed_order", True),
        ("The bridge was closed after the river flooded.", "reversed_order", False),
    ],
)
def test_each_check_is_named_and_joined_into_the_sentences_problems(
    sentence: str, check: str, turned: bool
) -> None:
    doc = Document.from_text(CROWD)
    found, _ = problems_by_check(sentence, doc, [])
    assert bool(found[check]) is turned
    assert set(found[check]) <= set(code_problems(sentence, doc, []).problems)


def test_a_pronoun_does_not_reach_into_the_previous_paragraph() -> None:
    # the same sentences with the pronoun's paragraph starting at it: "her" stands for no one known
    doc = Document.from_text(CROWD.replace("first on Sunday.\n\n", "first on Sunday. "))
    split = Document.from_text(CROWD)
    sentence = "Ingrid Solberg cheered on the runners."
    assert problems_by_check(sentence, doc, [])[0]["reversed_sides"]
    assert not problems_by_check(sentence, split, [])[0]["reversed_sides"]
