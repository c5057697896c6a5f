"""A toll summed over a whole country, state or the roads is no figure of the one event a story is
about (sentences written for these tests)."""

import pytest

from service.extract import FigureDraft, SentenceFacts
from service.ground import check_numbers
from service.missed_figures import missed_figures
from service.numbers import find_numbers
from service.wide_tolls import counts_many_events


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a toll of a whole territory, a holiday's roads, a year's roads
        ("With the crash, the national holiday weekend death toll now stands at 10.", [True]),
        ("The state's road toll for the year rose to 212 on Sunday.", [True]),
        ("The national road toll this year is 340.", [True]),
        ("The collision took the nationwide holiday toll to 14.", [True]),
        ("The region faces an annual toll of 400 deaths on its roads.", [True]),
        # the toll of one event, whatever words of scope stand near it
        ("The national death toll from the floods rose to 50.", [False]),
        ("The death toll from the blast now stands at 10.", [False]),
        ("Ten people died in the crash, state police said.", [False]),
        ("The state police said the toll had risen to 12.", [False]),
        ("A toll of 31 was given by the regional governor.", [False]),
        ("Two national guardsmen were among the 12 killed.", [False, False]),
    ],
)
def test_a_toll_over_many_events_is_told_apart(sentence: str, expected: list[bool]) -> None:
    assert [counts_many_events(sentence, m) for m in find_numbers(sentence)] == expected


def test_a_wide_toll_is_dropped_with_a_warning_and_never_added_from_the_parse() -> None:
    sentence = "Her death took the national holiday road toll to 10, police said."
    warnings: list[str] = []
    draft = FigureDraft(killed=10, injured=None, group="people", qualifier=None, source=None)
    assert check_numbers(draft, sentence, warnings) == (None, None)
    assert "summed over a whole country" in warnings[0]
    facts = SentenceFacts(figures=[], event_type="crash", place=None, when=None, by=None, target=None)
    assert missed_figures(sentence, facts) == []
    # the event's own toll is kept
    own = "The crash killed 10 people, police said."
    assert check_numbers(
        FigureDraft(killed=10, injured=None, group="people", qualifier=None, source=None), own, []
    ) == (10, None)
