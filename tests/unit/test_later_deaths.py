"""Deaths that came after the event, as a text writes them (sentences written for these tests)."""

import pytest

from service.later_deaths import hurt_in_all, told_dying_later
from service.schema import Casualty, Evidence


@pytest.mark.parametrize(
    ("following", "group", "later"),
    [
        ("She later died in hospital.", "walkers", True),
        ("They both died of their injuries overnight.", "walkers", True),
        ("The walker died at Vell Royal Hospital on Monday.", "walker", True),
        ("The two walkers later died.", "walkers", True),
        # no word that the death came later, or about someone else
        ("She was a keen runner.", "walkers", False),
        ("He died at the scene.", "walkers", False),
        ("A farmer died in hospital on Monday.", "walkers", False),
        ("The driver later died in hospital.", "walkers", False),
        ("", "walkers", False),
    ],
)
def test_a_next_sentence_says_the_figures_people_died_later_only_in_so_many_words(
    following: str, group: str, later: bool
) -> None:
    assert told_dying_later(following, group) is later


def _record(quote: str, killed: int, injured: int) -> Casualty:
    evidence = Evidence(quote=quote, start=0, end=len(quote))
    return Casualty(
        killed=killed, injured=injured, group=None, qualifier=None, claimed_by=None, evidence=evidence
    )


def test_the_hurt_in_all_is_the_dead_and_the_surviving_hurt_when_the_quote_counts_them_so() -> None:
    assert hurt_in_all(_record("Nine riders were hurt, three of whom later died.", 3, 6)) == 9
    # different people: three died and six others were hurt
    assert hurt_in_all(_record("Three riders died and six were hurt.", 3, 6)) is None
