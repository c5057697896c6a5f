"""Only phrases made of time words are dates (phrases written for these tests)."""

import pytest

from service.timex import is_time_expression, time_phrase


@pytest.mark.parametrize(
    "text",
    [
        "on Tuesday",
        "late on Sunday night",
        "since March 19",
        "at around 3.30pm local time",
        "in 2014",
        "last week",
        "Tuesday morning",
        "two days ago",
        "earlier this month",
        "the previous day",
        "overnight",
    ],
)
def test_time_expressions(text: str) -> None:
    assert is_time_expression(text)


@pytest.mark.parametrize(
    "text", ["three days of national mourning", "an overnight operation", "the stadium", "Ramadan talks"]
)
def test_phrases_that_are_not_dates(text: str) -> None:
    assert time_phrase(text) is None


def test_time_expression_inside_a_longer_phrase_needs_its_preposition() -> None:
    assert time_phrase("killed in the north on Monday") == "on Monday"
