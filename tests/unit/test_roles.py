"""What a number counts, read from the words next to it (sentences written for these tests)."""

import pytest

from service.numbers import find_numbers
from service.roles import figure_role


def roles(sentence: str) -> list[tuple[str, str | None]]:
    found = find_numbers(sentence)
    return [(m.text, figure_role(sentence, m, found)) for m in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At least 24 passengers were killed and 16 injured near the pass.",
            [("24", "killed"), ("16", "injured")],
        ),
        ("The march ended as police detained more than three dozen students.", [("three dozen", "other")]),
        ("One of the two climbers died and the other was hurt.", [("One", "killed"), ("two", "other")]),
        (
            "The agency said 130 people were wounded, while the toll rose to nine, among them three girls.",
            [("130", "injured"), ("nine", "killed"), ("three", "killed")],
        ),
        (
            "More than 2,000 people were evacuated from the valley, where a dozen residents drowned.",
            [("2,000", "other"), ("a dozen", "killed")],
        ),
        ("The blast killed 12 and injured 30 others.", [("12", "killed"), ("30", "injured")]),
        ("A 23-year-old cyclist was killed when a lorry hit him.", [("23", "other")]),
        ("Lifeguards saved 20 lives but 3 swimmers drowned.", [("20", "other"), ("3", "killed")]),
        ("Officers arrested 12 men after two guards were shot dead.", [("12", "other"), ("two", "killed")]),
        ("About 40 people died on March 3 in the capital.", [("40", "killed"), ("3", "other")]),
        ("Seven hikers remain missing and 4 are dead.", [("Seven", "other"), ("4", "killed")]),
        ("Doctors counted 50 casualties at the scene.", [("50", "either")]),
        ("Two trains carrying 400 commuters collided.", [("Two", None), ("400", "other")]),
        ("The flood left 300 families homeless.", [("300", "other")]),
        ("The virus has infected 1,200 people in the region.", [("1,200", "other")]),
    ],
)
def test_figure_role(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert roles(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three other workers at the plant were not hurt.", [("Three", "other")]),
        ("He pleaded not guilty to killing one guard.", [("one", "killed")]),
        ("Five out of six riders were injured by falling rocks.", [("Five", "injured"), ("six", "other")]),
        ("The agency said it employed three of the dead.", [("three", "killed")]),
        ("The men who were killed were in two vans.", [("two", "other")]),
        ("About 14% of such infections end in death.", [("14", "other")]),
        ("The boy who drowned was aged nine.", [("nine", "other")]),
        ("The blast sent 14 people to hospital.", [("14", "injured")]),
        ("One sailor aboard the tug did die, the navy said.", [("One", "killed")]),
        ("Two miners remain in a critical condition.", [("Two", "injured")]),
        (
            "The toll from the decade-long conflict stands at more than more than 9,000.",
            [("9,000", "killed")],
        ),
        ("Fires in the summer of 2011 caused many deaths.", [("2011", "other")]),
        ("Four U.S. soldiers were wounded in the attack.", [("Four", "injured")]),
    ],
)
def test_figure_role_edge_cases(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert roles(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a hospital visit to be checked counts no injury; a count that mixes both is no injury count
        ("Nine passengers were taken to hospital as a precaution.", [("Nine", "other")]),
        ("Four people were taken to hospital for checks.", [("Four", "other")]),
        (
            "Six people were taken to Mercy Hospital with minor injuries or for further assessment.",
            [("Six", "other")],
        ),
        (
            "Four were injured, and two were taken to hospital as a precaution.",
            [("Four", "injured"), ("two", "other")],
        ),
        (
            "Two people were hurt and 10 were taken to hospital for checks.",
            [("Two", "injured"), ("10", "other")],
        ),
        ("The blast sent 14 people to hospital.", [("14", "injured")]),
    ],
)
def test_a_hospital_check_is_no_injury(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert roles(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the whole of a part counts what its own noun says ("the eight victims", "the 12 dead")
        (
            "Seven of the eight victims were teenagers, the sheriff said.",
            [("Seven", "either"), ("eight", "either")],
        ),
        ("Two of the 12 dead were police officers.", [("Two", "killed"), ("12", "killed")]),
        ("Three of the five climbers were killed.", [("Three", "killed"), ("five", "other")]),
        ("Four of the 30 injured were in a critical condition.", [("Four", "injured"), ("30", "injured")]),
    ],
)
def test_the_whole_of_a_part_counts_what_its_noun_says(
    sentence: str, expected: list[tuple[str, str | None]]
) -> None:
    assert roles(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a headline's reduced passive, parsed as a subject: the lives were saved, nobody died
        (
            "26 lives saved: a chain of kidney transplants began with one donor.",
            [("26", "other"), ("one", None)],
        ),
        ("40 protesters died in the clashes.", [("40", "killed")]),
    ],
)
def test_lives_saved_are_no_deaths(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert roles(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The hiker fell 300 ft to her death from a ledge.", [("300", "other")]),
        ("A climber plunged 80 metres to his death.", [("80", "other")]),
        ("The boy, who weighed 40 kg, was badly hurt.", [("40", "other")]),
        ("Two hikers were killed after falling 300 ft.", [("Two", "killed"), ("300", "other")]),
    ],
)
def test_a_measure_is_never_a_head_count(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert roles(sentence) == expected
