"""Ages stay with the person the article gives them to (sentences written for these tests)."""

import pytest

from service.ages import ages, wrong_ages
from service.syntax import parser

ARTICLE = [
    "Rescuers found Lena Okafor, 41, and her neighbour Tomas Reyes, 67, near the bridge.",
    "A 23-year-old student, Priya Nandakumar, was also hurt.",
    "Mr Reyes, a retired teacher, was taken to hospital.",
    "The mayor, Jan de Vries, said 12 homes were lost.",
    "Flood warnings covered Ohio, 14 counties in all.",
]


def _docs() -> list:
    return [parser().parse(s) for s in ARTICLE]


def test_ages_are_read_as_news_writes_them() -> None:
    assert [ages(d) for d in _docs()] == [[("okafor", 41), ("reyes", 67)], [("nandakumar", 23)], [], [], []]
    both = parser().parse("Lena Okafor and Tomas Reyes, both 41, were found.")
    assert ages(both) == [("okafor", 41), ("reyes", 41)]


@pytest.mark.parametrize(
    ("claim", "wrong"),
    [
        ("Lena Okafor and Tomas Reyes, both 41, were found near the bridge.", True),
        ("Tomas Reyes, 41, was found near the bridge.", True),
        # no age for him in the article: left alone, though 67 is another person's age
        ("Jan de Vries, 67, said homes were lost.", False),
        ("A 2-year-old dog named Tank won the show.", False),
        ("Lena Okafor, 41, and Tomas Reyes, 67, were found near the bridge.", False),
        ("The 23-year-old Priya Nandakumar was hurt.", False),
        ("Okafor was found near the bridge.", False),
        ("Flood warnings covered 14 counties in Ohio.", False),
    ],
)
def test_an_age_given_to_the_wrong_person_is_a_problem(claim: str, wrong: bool) -> None:
    assert bool(wrong_ages(parser().parse(claim), _docs())) is wrong
