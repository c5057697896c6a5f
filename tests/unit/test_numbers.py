"""Numbers stated as digits or words are found with their spans."""

import pytest

from service.numbers import find_numbers, states_number


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("At least 41 people were killed, among them 9 children.", [41, 9]),
        ("a toll of at least 160 wounded", [160]),
        ("the death toll from the crash stood at seven", [7]),
        ("the central bank raised its rate to 1.250 percent", [1.25]),
        ("1.250.000 residents lost power", [1_250_000]),
        ("more than 1700 injured", [1700]),
        ("more than 1,700 injured", [1700]),
        ("430.000 people lost their jobs", [430000]),
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
