"""Dates that are not the casualty's date are declined (sentences written for these tests)."""

import pytest

from service.extract import Candidate, FigureDraft, Reading, SentenceFacts
from service.ground import GroundingReport, ground
from service.schema import Evidence
from service.text import Span
from service.timex import names_another_moment


def _ground(sentence: str, killed: int, when: str | None) -> GroundingReport:
    span = Span(0, len(sentence), sentence)
    figure = FigureDraft(killed=killed, injured=None, group=None, source=None)
    facts = SentenceFacts(figures=[figure], event_type="flood", place=None, when=when, by=None, target=None)
    evidence = {0: Evidence(quote=sentence, start=0, end=len(sentence))}
    return ground([Reading(Candidate(span, ""), facts)], evidence, sentence, None)


@pytest.mark.parametrize(
    ("sentence", "killed", "when"),
    [
        (
            "About 300 villagers died in the mudslide, and the search for bodies ended last November.",
            300,
            "last November",
        ),
        ("Twelve miners were killed; the inquiry into the blast opened on Tuesday.", 12, "on Tuesday"),
        ("Nine fishermen drowned, and their funerals were held on Saturday.", 9, "on Saturday"),
        (
            "Rescuers called off the hunt for survivors on Friday after 40 people were confirmed dead.",
            40,
            "on Friday",
        ),
        # a court, a charge, a verdict over the deaths
        ("The pilot appeared in court on Monday charged with killing two passengers.", 2, "on Monday"),
        ("A man was charged on Friday with the murder of three people.", 3, "on Friday"),
        ("A jury on Tuesday found the driver guilty of killing four cyclists.", 4, "on Tuesday"),
    ],
)
def test_the_date_of_an_act_after_the_deaths_is_not_their_date(sentence: str, killed: int, when: str) -> None:
    report = _ground(sentence, killed, when)
    assert [e.date_text for e in report.events] == [None]
    assert any(when in w and "not used" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("Two more patients died after last Thursday, bringing the toll to 11.", "after last Thursday"),
        ("Two more patients died after last Thursday, bringing the toll to 11.", "last Thursday"),
        ("Four walkers had drowned before March 3, the park said.", "before March 3"),
    ],
)
def test_a_date_after_a_preposition_of_sequence_names_another_moment(sentence: str, when: str) -> None:
    report = _ground(sentence, 2 if "patients" in sentence else 4, when)
    assert [e.date_text for e in report.events] == [None]


@pytest.mark.parametrize(
    ("sentence", "killed", "when"),
    [
        ("Two hikers were killed by a rockfall last Thursday.", 2, "last Thursday"),
        ("Three climbers died shortly after 2am on Sunday.", 3, "shortly after 2am on Sunday"),
        ("Six people were killed during a rescue operation on Monday.", 6, "on Monday"),
        ("Since March 19, 14 people have died in the floods.", 14, "Since March 19"),
        # the date of what is charged is the deaths' own
        ("He is accused of killing two hikers on March 3.", 2, "on March 3"),
        ("Two hikers were killed on Monday, and a man was later charged.", 2, "on Monday"),
    ],
)
def test_the_figures_own_date_is_kept(sentence: str, killed: int, when: str) -> None:
    assert [e.date_text for e in _ground(sentence, killed, when).events] == [when]


def test_a_clock_time_or_a_part_of_the_day_after_before_is_the_moment_itself() -> None:
    assert not names_another_moment("shortly before midnight")
    assert not names_another_moment("just after dawn")
    assert names_another_moment("until Monday")
    assert names_another_moment("Monday", "The toll rose until Monday.")
    assert not names_another_moment("Monday", "Four died on Monday.")
