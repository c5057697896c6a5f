"""A ranking cut from what it ranks within (sentences written for these tests)."""

import pytest

from service.rankings import widened_ranks
from service.syntax import parser


def _found(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [str(r) for r in widened_ranks(parse(claim), [parse(article)])]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        (
            "Jo Lee became the third runner in Oslo.",
            "Jo Lee became the third runner disqualified this season in Oslo.",
        ),
        (
            "She is the first woman to win the race.",
            "She is the first woman to win the race in a decade.",
        ),
        (
            "It was the largest storm to hit the coast.",
            "It was the largest storm to hit the coast since 1987.",
        ),
    ],
)
def test_a_ranking_cut_from_what_it_ranks_within(claim: str, article: str) -> None:
    assert _found(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the restriction kept, in its words or most of them
        (
            "Jo Lee became the third runner disqualified this season in Oslo.",
            "Jo Lee became the third runner disqualified this season in Oslo.",
        ),
        (
            "She is the first woman to win the race in a decade.",
            "She is the first woman in a decade to win the race.",
        ),
        # the article ranks it plainly somewhere
        ("It is the tallest tower in the city.", "It is the tallest tower in the city, built in 2001."),
        # "the first of them" says which, not where the ranking holds
        ("The first victim was a nurse.", "The first of the victims was a nurse."),
        # no ranking at all
        ("The runner was disqualified.", "The runner was disqualified this season in Oslo."),
    ],
)
def test_a_ranking_kept_or_said_plainly(claim: str, article: str) -> None:
    assert not _found(claim, article)
