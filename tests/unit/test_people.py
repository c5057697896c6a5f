"""People counted from the words when no number counts them (sentences written for these tests)."""

import pytest

from service.extract import FigureDraft
from service.ground import check_numbers
from service.people import counted_people
from service.syntax import parser


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("A police officer was shot dead in Tarsa on Monday.", [("killed", 1)]),
        ("Seneng Tamsi and Rina Marlow were found dead in the flat.", [("killed", 2)]),
        ("The gunman killed a guard and a cleaner before fleeing.", [("killed", 2)]),
        ("Jane Doe, 34, died at the scene.", [("killed", 1)]),
        ("A boy was taken to hospital.", [("injured", 1)]),
        ("A boy from the village was killed.", [("killed", 1)]),
        # not provably a count of people: left to a number, or to nothing
        ("Ana Ruiz, Tom Bell, Eva Stone and Li Wei were killed in the crash.", []),
        ("He was killed instantly.", []),
        ("The driver was injured.", []),
        ("A family was killed in the fire.", []),
        ("A woman was not hurt.", []),
        ("Two people were killed.", []),
    ],
)
def test_people_are_counted_only_where_the_words_prove_it(sentence: str, counted: list) -> None:
    assert [(c.role, c.count) for c in counted_people(parser().parse(sentence))] == counted


def test_a_figure_the_words_count_is_kept_and_one_they_do_not_is_dropped() -> None:
    warnings: list[str] = []
    two = FigureDraft(killed=2, injured=None, group=None, qualifier=None, source=None)
    assert check_numbers(two, "Seneng Tamsi and Rina Marlow were found dead in the flat.", warnings) == (
        2,
        None,
    )
    assert check_numbers(two, "Seneng Tamsi was found dead in the flat.", warnings) == (None, None)
    assert "not in its sentence" in warnings[-1]
