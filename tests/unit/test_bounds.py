"""Bounds turned round, on sentences written for the test."""

from __future__ import annotations

import pytest

from service.bounds import reversed_bounds

ARTICLE = [
    "The sniper is credited with no fewer than 212 kills during the siege.",
    "Nearly 40 homes were flooded when the river burst its banks on Sunday.",
    "Up to 15 flights a day could be cut, the airline said.",
    "More than 600 runners took part, and 600 volunteers handed out water.",
    "About 90 people were moved to a school hall.",
    "Officials said 27 people were hurt, one of them badly.",
]


@pytest.mark.parametrize(
    "sentence",
    [
        "Fewer than 212 kills are credited to the sniper.",
        "More than 40 homes were flooded.",
        "At least 15 flights a day could be cut.",
        "The sniper made at most 212 kills.",
        "More than 27 people were hurt.",  # a strict bound leaves the plain 27 out
        "Nearly 27 people were hurt.",
        "Fewer than 600 runners took part.",  # neither "more than 600" nor a plain 600 allows it
    ],
)
def test_a_bound_turned_round_is_found(sentence: str) -> None:
    assert reversed_bounds(sentence, ARTICLE)


@pytest.mark.parametrize(
    "sentence",
    [
        "The sniper is credited with at least 212 kills.",  # the same way, other words
        "Almost 40 homes were flooded.",
        "As many as 15 flights a day could be cut.",
        "Up to 600 volunteers handed out water.",  # inclusive: the plain 600 allows it
        "More than 90 people were moved.",  # "about" bounds neither way
        "At least 27 people were hurt.",  # an inclusive bound allows the plain number
        "More than one person was hurt.",  # small plain numbers are often parts of a sum
        "Over 500 people attended.",  # a number the article does not have
        "The river burst its banks on Sunday.",
    ],
)
def test_a_bound_the_article_allows_is_kept(sentence: str) -> None:
    assert reversed_bounds(sentence, ARTICLE) == []


def test_the_problem_quotes_both_bounds() -> None:
    (found,) = reversed_bounds("Fewer than 212 kills were made.", ARTICLE)
    assert str(found) == "says 'fewer than 212', but the article only has 'no fewer than 212'"


def test_number_words_are_bounded_too() -> None:
    article = ["No fewer than twelve ships were seized."]
    assert reversed_bounds("Fewer than 12 ships were seized.", article)
    assert reversed_bounds("At least 12 ships were seized.", article) == []
