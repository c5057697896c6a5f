"""Phrases given as a figure's place that do not say where it happened (sentences written for these
tests): an end of a journey, a target."""

import pytest

from service.not_here import aimed_at, journey_end
from tests.unit.test_ground import _ground_sentence, fig


def _at(sentence: str, place: str) -> tuple[str, int, int]:
    start = sentence.index(place)
    return sentence, start, start + len(place)


@pytest.mark.parametrize(
    ("sentence", "place", "end"),
    [
        ("Three men were killed on their way home from a wedding in Tarsa.", "Tarsa", True),
        ("Two people died when a bus returning from a festival in Varna overturned.", "Varna", True),
        ("A bus carrying pilgrims to Ostrel crashed in Tarsa, killing 12.", "Ostrel", True),
        ("Rockets fired from Varna killed three people.", "Varna", True),
        # where it happened
        ("A bus carrying pilgrims to Ostrel crashed in Tarsa, killing 12.", "Tarsa", False),
        ("Five people were killed in Tarsa on Monday.", "Tarsa", False),
        ("Three people were killed in a fire at a hotel in Tarsa.", "Tarsa", False),
        # a place people were taken out of is where they were
        ("Four people were pulled from the rubble in Tarsa.", "Tarsa", False),
        # "to" and "from" that make no movement: a source, a distance
        ("According to the hospital in Tarsa, at least 35 workers were killed.", "Tarsa", False),
        (
            "The cafe is across the street from the Grand Hotel, where 15 people were killed.",
            "the Grand Hotel",
            False,
        ),
        ("A bomb exploded two miles from Varna, killing six.", "Varna", False),
    ],
)
def test_an_end_of_a_journey_is_not_where_it_happened(sentence: str, place: str, end: bool) -> None:
    assert journey_end(*_at(sentence, place)) is end


@pytest.mark.parametrize(
    ("sentence", "place", "target"),
    [
        (
            "A gunman fires a rifle at the Ostrel Front, and says he killed 40 of its fighters.",
            "the Ostrel Front",
            True,
        ),
        ("Troops opened fire at protesters in Tarsa, killing four.", "protesters", True),
        ("Youths threw stones at police in Varna, injuring six.", "police", True),
        ("Four people were killed at a market in Tarsa.", "a market", False),
        ("Two nurses were injured at Tarsa General Hospital.", "Tarsa General Hospital", False),
    ],
)
def test_what_was_aimed_at_is_a_target_not_a_place(sentence: str, place: str, target: bool) -> None:
    assert aimed_at(*_at(sentence, place)) is target


def test_a_figure_is_not_placed_at_the_end_of_a_journey_nor_at_a_target() -> None:
    s = "Tributes were paid to two brothers killed on their way home from a fair in Tarsa."
    report = _ground_sentence(s, [fig(killed=2, group="brothers")], "Tarsa", event_type="accident")
    assert [e.location for e in report.events] == ["unspecified"]
    assert any("going or coming from" in w for w in report.warnings)
    s = "A gunman fires a rifle at the Ostrel Front and says he killed 40 of its fighters."
    report = _ground_sentence(
        s, [fig(killed=40, group="fighters")], "the Ostrel Front", event_type="conflict"
    )
    assert all(e.location == "unspecified" for e in report.events)


@pytest.mark.parametrize(
    ("sentence", "place", "end"),
    [
        # the parse may hang "in Tarsa" on the verb; the words still say whose place it is
        ("Tributes were paid to two brothers killed on their way home from a fair in Tarsa.", "Tarsa", True),
        ("Four workers from a village near Varna were killed.", "Varna", True),
        # a verb between: the place is the verb's
        ("A plane flying from Ostrel to Varna crashed in Tarsa, killing 40.", "Tarsa", False),
        ("The bus left from the station and crashed in Tarsa.", "Tarsa", False),
    ],
)
def test_an_end_of_a_journey_is_read_from_the_words_too(sentence: str, place: str, end: bool) -> None:
    assert journey_end(*_at(sentence, place)) is end
