"""Deaths and injuries a sentence only foresees, orders or threatens are no casualty figure
(sentences written for these tests)."""

import pytest

from service.extract import FigureDraft
from service.foreseen import foreseen
from service.ground import check_numbers
from service.numbers import find_numbers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # still to come: a modal, a condition, an order, a sentence, a schedule, a forecast
        ("Health officials warned a new strain could kill 60,000 in a single winter.", [True]),
        ("As many as 20 people could be killed if the dam fails.", [True]),
        ("The leader and 13 other defendants were ordered to be executed.", [True]),
        ("The court ordered that 13 men be executed.", [True]),
        ("Thirteen men were condemned to death.", [True]),
        ("Nine men were sentenced to death in absentia.", [True]),
        ("Thirteen men are due to be executed.", [True]),
        ("Three men face the death penalty.", [True]),
        ("The toll is expected to rise beyond 50 dead.", [True]),
        ("Officials fear 20 people may have died.", [True]),
        ("Four people were killed and two others could die of their injuries.", [False, True]),
        # happened, however it is reported
        ("At least 20 people were killed in the fire.", [False]),
        ("At least 20 people are believed to have died in the fire.", [False]),
        ("Two people were reported to have died.", [False]),
        ("The storm killed 20 people and injured 45.", [False, False]),
        ("Five prisoners were executed on Monday.", [False]),
        ("The state has executed one man sentenced to death.", [False]),
        ("A gunman opened fire, killing three people.", [False]),
        ("Three people were stabbed to death.", [False]),
        ("The quake, which killed 300, will be remembered.", [False]),
        ("The blast killed 12 people, officials said, and the toll could rise.", [False]),
        ("Police ordered 200 people to leave after two died.", [False, False]),
    ],
)
def test_a_harm_still_to_come_is_foreseen(sentence: str, expected: list[bool]) -> None:
    assert [foreseen(sentence, m) for m in find_numbers(sentence)] == expected


def test_a_foreseen_toll_is_dropped_from_the_record_with_a_warning() -> None:
    warnings: list[str] = []
    sentence = "The ministry warned the virus could kill 80,000 people in a single outbreak."
    draft = FigureDraft(killed=80_000, injured=None, group="people", qualifier=None, source=None)
    assert check_numbers(draft, sentence, warnings) == (None, None)
    assert "could, will or are ordered to happen" in warnings[0]
    plain = "The virus killed 800 people in a single outbreak, the ministry said."
    draft = FigureDraft(killed=800, injured=None, group="people", qualifier=None, source=None)
    assert check_numbers(draft, plain, []) == (800, None)
