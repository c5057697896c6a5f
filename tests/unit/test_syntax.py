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


@pytest.mark.parametrize(
    ("sentence", "figure", "time", "dated"),
    [
        (
            "Two people died in the crash, days after a storm hit the town on Monday.",
            "Two",
            "on Monday",
            False,
        ),
        ("Three were hurt in Tarsa a week after floods killed 20 there on 3 May.", "Three", "3 May", False),
        ("Three were hurt in Tarsa a week after floods killed 20 there on 3 May.", "20", "3 May", True),
        (
            "Twelve people were killed when a bomb exploded in the market on Monday.",
            "Twelve",
            "on Monday",
            True,
        ),
        ("On Monday, a bomb killed 12 people in the capital.", "12", "On Monday", True),
        ("The fire, which broke out on Sunday night, killed three people.", "three", "on Sunday night", True),
    ],
)
def test_a_time_dates_a_figure_only_from_its_own_side_of_a_time_clause(
    sentence: str, figure: str, time: str, dated: bool
) -> None:
    from service.syntax import same_time

    doc = parser().parse(sentence)
    i, j = sentence.index(figure), sentence.index(time)
    assert same_time(doc, (i, i + len(figure)), (j, j + len(time))) is dated
