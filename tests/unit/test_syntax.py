"""What a number counts, by the dependency parse first (sentences written for these tests)."""

import json
from pathlib import Path

import pytest

from service.numbers import find_numbers
from service.roles import figure_role, window_role
from service.syntax import parser

_CASES = [
    json.loads(line)
    for line in (Path(__file__).parents[1] / "data" / "roles" / "sentences.jsonl").read_text().splitlines()
    if line.strip()
]


def _mention(sentence: str, number: str):
    return next(m for m in find_numbers(sentence) if number in m.text)


@pytest.mark.parametrize("case", _CASES, ids=lambda c: f"{c['number']}:{c['sentence'][:40]}")
def test_role_of_each_written_sentence(case: dict[str, str]) -> None:
    sentence = case["sentence"]
    got = figure_role(sentence, _mention(sentence, case["number"]))
    if case["role"] == "not_casualty":
        assert got not in ("killed", "injured", "either")
    else:
        assert got == case["role"]


@pytest.mark.parametrize(
    ("sentence", "number", "window_says", "parse_says"),
    [
        # The whole group of a partitive is not a casualty count, however near "hurt" is.
        ("None of the 40 passengers was hurt.", "40", "injured", "other"),
        # "no one" denies the casualty word.
        ("The storm damaged 200 homes but no one was injured.", "one", "injured", "other"),
        # Six were shot, two of them died: six is not a death toll.
        ("A gunman shot six people at a bar, killing two of them.", "six", "killed", "either"),
    ],
)
def test_parse_corrects_the_word_window(
    sentence: str, number: str, window_says: str, parse_says: str
) -> None:
    mention = _mention(sentence, number)
    assert window_role(sentence, mention) == window_says
    assert parser().role(sentence, mention.start, mention.end) == parse_says
    assert figure_role(sentence, mention) == parse_says


def test_parse_follows_structure_across_clauses() -> None:
    sentence = "Officials said 12 people were missing and 30 had been evacuated after the dam burst."
    assert parser().role(sentence, *_span(sentence, "12")) == "other"
    assert parser().role(sentence, *_span(sentence, "30")) == "other"


def _span(sentence: str, number: str) -> tuple[int, int]:
    m = _mention(sentence, number)
    return m.start, m.end


_RELEASED = "Five people who were injured in a crash on Monday were released on Tuesday."


@pytest.mark.parametrize(
    ("sentence", "date", "number", "dates_it"),
    [
        ("A blast on Tuesday killed five people.", "on Tuesday", "five", True),
        ("Police said on Tuesday that five people were killed.", "on Tuesday", "five", True),
        ("Five people were killed when a bomb exploded on Tuesday.", "on Tuesday", "Five", True),
        ("The death toll rose to 20 on Tuesday.", "on Tuesday", "20", True),
        # The day the bodies were found, a release, a later announcement: not the day of the deaths.
        ("Rescuers found five bodies on Tuesday.", "on Tuesday", "five", False),
        (
            "The bodies of five climbers who died last week were found on Tuesday.",
            "on Tuesday",
            "five",
            False,
        ),
        (
            "Five people who were injured in a crash on Monday were released on Tuesday.",
            "on Tuesday",
            "Five",
            False,
        ),
        (
            "Five people who were injured in a crash on Monday were released on Tuesday.",
            "on Monday",
            "Five",
            True,
        ),
    ],
)
def test_a_date_attaches_to_figure_only_through_its_casualty_word(
    sentence: str, date: str, number: str, dates_it: bool
) -> None:
    from service.syntax import attaches_to_figure

    at = sentence.index(date)
    assert attaches_to_figure(sentence, (at, at + len(date)), _span(sentence, number)) is dates_it


@pytest.mark.parametrize(
    ("sentence", "place", "number", "places_it"),
    [
        ("Five people were killed in Tarsa when a truck hit a bus.", "Tarsa", "Five", True),
        ("A blast in the market killed five people.", "the market", "five", True),
        ("Police in Tarsa said five people were killed.", "Tarsa", "five", True),
        ("Four people died after a small plane crashed in woodland near Tarsa.", "Tarsa", "Four", True),
        ("Jets struck Kavra after 25 people were killed in bombings in Selim.", "Kavra", "25", False),
        ("Jets struck Kavra after 25 people were killed in bombings in Selim.", "Selim", "25", True),
        # Where bodies were taken or found is not where the people died.
        ("The bodies of five miners who died were flown to Tarsa.", "Tarsa", "five", False),
        ("Divers recovered five bodies from the lake.", "the lake", "five", False),
    ],
)
def test_a_place_belongs_to_the_figure_only_through_its_casualty_word(
    sentence: str, place: str, number: str, places_it: bool
) -> None:
    from service.syntax import attaches_to_figure

    at = sentence.index(place)
    assert attaches_to_figure(sentence, (at, at + len(place)), _span(sentence, number)) is places_it
