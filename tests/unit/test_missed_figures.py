"""Figures the parse reads that the model's reading left out (sentences written for these tests)."""

import pytest

from service.extract import Candidate, FigureDraft, Reading, SentenceFacts
from service.ground import ground
from service.missed_figures import complete_readings, missed_figures
from service.schema import Evidence
from service.text import Span


def _facts(*figures: FigureDraft) -> SentenceFacts:
    return SentenceFacts(
        figures=list(figures), event_type="storm", place=None, when=None, by=None, target=None
    )


def _fig(killed: int | None = None, injured: int | None = None, source: str | None = None) -> FigureDraft:
    return FigureDraft(killed=killed, injured=injured, group=None, source=source)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the model read nothing: both counts come from the parse, with the speaker who gives them
        (
            "The gale killed at least 14 people and injured 80 more, officials told reporters.",
            [(14, None, "officials"), (None, 80, "officials")],
        ),
        ("The pile-up left 5 dead and 17 hurt.", [(5, None, None), (None, 17, None)]),
        ("Three hikers were taken to hospital with burns.", [(None, 3, None)]),
        # a number that counts something else is never a casualty figure
        ("Police detained 36 protesters after two were killed.", [(2, None, None)]),
        ("The plant employs 300 people and a fire there killed a guard.", []),
        ("The dam holds 40 million cubic metres of water.", []),
        # the whole of a part is not a toll: "one of the two" died
        (
            "One of the two climbers died of his injuries and the other was less seriously hurt.",
            [(1, None, None)],
        ),
        # a part of a toll is left to the model
        ("Forty people died, including 12 children.", [(40, None, None)]),
        ("At least 30 were hurt, among them six firefighters.", [(None, 30, None)]),
        ("Among the dead were two guides and a cook.", []),
        ("The charity said it employed four of the dead.", []),
        # "according to" names who gives the figure
        ("Two people died in the crash, according to police in the town.", [(2, None, "police")]),
        # a standard is not a speaker
        ("Six people died in the storm, according to the forecast models.", [(6, None, None)]),
        ("An inquiry found 14 of the deaths avoidable, according to the rules.", []),
        # a capacity, a rate or a doer is no toll
        ("One hornet can kill 40 bees in a minute.", []),
        ("The virus may have killed 300 people.", []),
        ("Floods kill about 40 people a year in the valley.", []),
        # hearsay (one teller giving what another told) is the model's to weigh, not the parse's
        ("The landlord said his tenant had told him that three people were hurt in the fire.", []),
        ("Police said three people were hurt in the fire.", [(None, 3, "Police")]),
        # a denied casualty word counts no one
        ("No one was hurt when 12 carriages left the rails.", []),
    ],
)
def test_the_parse_adds_the_casualty_counts_of_a_sentence_the_model_left_out(
    sentence: str, expected: list[tuple[int | None, int | None, str | None]]
) -> None:
    assert [(d.killed, d.injured, d.source) for d in missed_figures(sentence, _facts())] == expected


def test_a_number_the_model_already_used_is_not_added_again() -> None:
    sentence = "The gale killed 14 people and injured 80 more."
    assert missed_figures(sentence, _facts(_fig(killed=14, injured=80))) == []
    # the model put 80 in the wrong field: grounding moves it, code adds nothing
    assert missed_figures(sentence, _facts(_fig(killed=80))) == [_fig(killed=14)]


def _ground_one(sentence: str, facts: SentenceFacts | None) -> list[tuple[int | None, int | None]]:
    span = Span(0, len(sentence), sentence)
    candidate = Candidate(span, "")
    readings = [Reading(candidate, facts)] if facts is not None else []
    completed, _ = complete_readings(readings, [candidate])
    report = ground(completed, {0: Evidence(quote=sentence, start=0, end=len(sentence))}, sentence, None)
    return [(c.killed, c.injured) for e in report.events for c in e.casualties]


def test_the_hurt_the_model_left_out_join_the_figure_of_the_dead() -> None:
    sentence = "Twelve people were killed and 30 were injured in the blast, police said."
    assert _ground_one(sentence, _facts(_fig(killed=12, source="police"))) == [(12, 30)]


def test_a_sentence_the_model_could_not_answer_gets_the_figures_the_parse_reads() -> None:
    assert _ground_one("The pile-up left 5 dead and 17 hurt.", None) == [(5, 17)]
    # nothing the parse can read: no reading at all
    _, warnings = complete_readings([], [Candidate(Span(0, 9, "It rained"), "")])
    assert warnings == []


def test_each_added_figure_is_said_in_the_warnings() -> None:
    sentence = "The pile-up left 5 dead and 17 hurt."
    candidate = Candidate(Span(0, len(sentence), sentence), "")
    _, warnings = complete_readings([Reading(candidate, _facts())], [candidate])
    assert [w.split(" from")[0] for w in warnings] == ["added killed=5", "added injured=17"]


def test_a_toll_the_model_read_in_another_sentence_is_not_added_again() -> None:
    sentence = "The flood that killed 14 people was the worst in years."
    assert missed_figures(sentence, _facts(), frozenset({14})) == []
    assert missed_figures(sentence, _facts()) == [_fig(killed=14)]
