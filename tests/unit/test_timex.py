"""Only phrases made of time words are dates (phrases written for these tests)."""

import pytest

from service.timex import first_time_expression, is_time_expression, time_phrase


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
    "text",
    ["three days of national mourning", "an overnight operation", "the stadium", "Ramadan talks", "now"],
)
def test_phrases_that_are_not_dates(text: str) -> None:
    assert time_phrase(text) is None


def test_time_expression_inside_a_longer_phrase_needs_its_preposition() -> None:
    assert time_phrase("killed in the north on Monday") == "on Monday"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("A bus fell into a ravine near Cusco on Monday, police said.", "on Monday"),
        ("Rebels claimed a bomb attack Friday near the embassy.", "Friday"),
        ("Three children died after a car crashed into a lake this afternoon.", "this afternoon"),
        ("The sun had not risen over the campus.", None),  # "sun" is not Sunday
        ("A guard was sentenced for the 2007 shooting in the square.", None),  # a year in a noun phrase
        # "now" says where things stand when the story is written, not when the killing happened
        ("A man now in custody is suspected of killing his landlord.", None),
    ],
)
def test_first_time_expression_of_a_lead(lead: str, expected: str | None) -> None:
    from service.timex import first_time_expression

    assert first_time_expression(lead) == expected


def test_may_the_verb_and_a_sentence_end_dot_are_not_part_of_a_date() -> None:
    from service.timex import first_time_expression, is_time_expression

    assert (
        first_time_expression("Two hikers may be among the six who died when the bridge fell today.")
        == "today"
    )
    assert not is_time_expression("may") and is_time_expression("in May")
    assert first_time_expression("Crowds gathered in Tarsa on Monday.") == "on Monday"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The boat sank at 4.30pm on Sunday off the cape.", "at 4.30pm on Sunday"),
        ("The blast came around 9pm on Friday.", "around 9pm on Friday"),
        ("It struck at 3am EST near the coast.", "at 3am EST"),
        ("It struck on Monday at dawn.", "on Monday at dawn"),
    ],
)
def test_a_clock_time_and_its_day_are_one_phrase(text: str, expected: str) -> None:
    assert first_time_expression(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "two hours before",
        "about three days later",
        "a day earlier",
        "for five days",
        "36 hours",
        "a month after the landslide",
        "minutes later",
        "six weeks before the vote",
    ],
)
def test_a_duration_or_an_offset_from_another_event_is_no_date(text: str) -> None:
    # "two hours before" what? Without the other event the phrase places nothing in time.
    assert not is_time_expression(text)
    assert time_phrase(text) is None
    assert first_time_expression(f"The ferry sank {text}.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry sank three days ago.", "three days ago"),
        ("The ferry sank last week.", "last week"),
        ("The ferry sank in the past 24 hours.", "in the past 24 hours"),
        ("The ferry sank on Thursday evening, two hours before the storm.", "on Thursday evening"),
    ],
)
def test_times_counted_from_the_day_of_writing_stay_dates(text: str, expected: str) -> None:
    assert first_time_expression(text) == expected
