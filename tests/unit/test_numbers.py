"""Numbers stated as digits or words are found with their spans."""

import pytest

from service.numbers import find_numbers, states_number


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("At least 38 people were killed, among them 14 children.", [38, 14]),
        ("a toll of at least 150 wounded", [150]),
        ("the death toll from the latest blast at seven", [7]),
        ("more than 1700 injured", [1700]),
        ("more than 1,700 injured", [1700]),
        ("450.000 Syrians lost their lives", [450000]),
        ("more than 12 million have lost their homes", [12_000_000]),
        ("a dozen people were hurt", [12]),
        ("One young girl was among the dead", [1]),
        ("three hundred and forty-two dead", [342]),
        ("Twenty-one people died", [21]),
        ("1.2 million displaced", [1_200_000]),
        ("killing dozens, according to a monitor", []),
        ("hundreds were hurt", []),
        ("a boy was hurt", []),
    ],
)
def test_find_numbers_values(text: str, values: list[int]) -> None:
    assert [m.value for m in find_numbers(text)] == values


def test_spans_point_at_the_number() -> None:
    text = "Officials said seven people and 12 others died."
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.text


def test_states_number() -> None:
    assert states_number("the toll rose to eleven", 11)
    assert not states_number("the toll rose to eleven", 1_200_000)
