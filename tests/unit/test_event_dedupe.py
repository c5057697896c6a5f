"""One record per real-world event: tolls join their event, details fold in, updated figures supersede."""

from __future__ import annotations

import pytest

from service.document import Document
from service.event_record import EventRecord, When, Where, evidence_spans
from service.events import find_event_records
from service.events.details import states_act
from service.events.merge import places_agree, times_agree
from service.prompts import PromptSet, load_prompts
from service.schema import Casualty, Event, Evidence
from tests.conftest import DATA
from tests.unit.events_fakes import draft, router, scripted

# Written for these tests: a bombing told in parts, an updated toll, a crash elsewhere, history.
ARTICLE = (DATA / "events" / "courthouse.txt").read_text(encoding="utf-8")
PUBLISHED = "2026-05-08"  # a Friday
BOMB = "A car bomb exploded outside the Delmore courthouse"
TOLL = "At least six people were killed in Delmore"
CLAIM = "claimed responsibility for the attack"
ARREST = "Police arrested two men"
CLIMB = "The number of dead has climbed to nine"
BUS = "A bus carrying 30 pupils crashed"
BRIDGE = "The bus crashed through a barrier at Mell Bridge"
HISTORY = "A similar bomb killed three people"
JAILED = "A judge in Delmore jailed a lorry driver"

EXPLODED = draft("A car bomb exploded", "bombing", where="the Delmore courthouse", when="on Thursday")


@pytest.fixture(scope="module")
def prompts() -> PromptSet:
    return load_prompts()


@pytest.fixture(scope="module")
def doc(prompts: PromptSet) -> Document:
    return Document.build(ARTICLE, None, prompts.injection)


def _figure(doc: Document, piece: str, killed: int | None, place: str, date_text: str | None = None) -> Event:
    """A verified figure as service.ground reports it, typed by the figure reader's guess."""
    sentence = next(s for s in doc.body if piece in s.text)
    casualty = Casualty(
        killed=killed,
        injured=None,
        group="people",
        qualifier=None,
        claimed_by=None,
        evidence=doc.evidence(sentence),
    )
    return Event(
        event_type="accident",  # the figure reader's type is a guess: a bombing's toll read as one
        date_text=date_text,
        date=None,
        location=place,
        perpetrator=None,
        target=None,
        casualties=[casualty],
    )


def _records(doc, prompts, events, figures=()) -> list[EventRecord]:
    records = find_event_records(scripted(router(events)), prompts, doc, PUBLISHED, list(figures)).records
    for record in records:
        for _, span in evidence_spans(record):
            assert ARTICLE[span.start : span.end] == span.quote, span
    return records


def test_a_figure_no_event_reads_joins_the_news_event_at_its_place(doc, prompts) -> None:
    records = _records(doc, prompts, {BOMB: [EXPLODED]}, [_figure(doc, TOLL, 6, "Delmore")])
    (bombing,) = records
    assert bombing.event_type == "bombing" and bombing.what.text == "A car bomb exploded"
    assert [(c.killed, c.group) for c in bombing.casualties] == [(6, "people")]
    assert all(m.evidence.quote.startswith(p) for m, p in zip(bombing.mentions, (BOMB, TOLL), strict=True))


def test_a_toll_read_beside_an_act_in_one_sentence_is_part_of_it(doc, prompts) -> None:
    wounding = draft("wounding a guard", "accident", affected=["a guard"])
    (bombing,) = _records(doc, prompts, {BOMB: [EXPLODED, wounding]})
    assert bombing.event_type == "bombing"
    assert ("a guard", "affected") in [(a.name, a.role) for a in bombing.actors]
    assert len(bombing.mentions) == 1  # one sentence, one mention


def test_a_toll_the_model_reads_as_its_own_event_joins_the_event(doc, prompts) -> None:
    killed = draft("six people were killed", "accident", where="Delmore")
    records = _records(doc, prompts, {BOMB: [EXPLODED], TOLL: [killed]}, [_figure(doc, TOLL, 6, "Delmore")])
    (bombing,) = records
    assert [c.killed for c in bombing.casualties] == [6]
    assert bombing.where is not None and bombing.where.place == "the Delmore courthouse"


def test_a_sentence_that_only_tells_a_verified_figure_costs_no_call(doc, prompts) -> None:
    asked: list[str] = []
    answer = router({BOMB: [EXPLODED]})

    def spy(messages):
        asked.append(messages[-1]["content"])
        return answer(messages)

    climb = _figure(doc, CLIMB, 9, "unspecified")
    find_event_records(scripted(spy), prompts, doc, PUBLISHED, [climb])
    assert not any(CLIMB in a for a in asked)  # its toll comes from the figure stage
    asked.clear()
    find_event_records(scripted(spy), prompts, doc, PUBLISHED, [])
    assert any(CLIMB in a for a in asked)  # no verified figure there: the sentence is read


def test_an_updated_figure_supersedes_the_earlier_one(doc, prompts) -> None:
    figures = [_figure(doc, TOLL, 6, "Delmore"), _figure(doc, CLIMB, 9, "unspecified")]
    (bombing,) = _records(doc, prompts, {BOMB: [EXPLODED]}, figures)
    assert [c.killed for c in bombing.casualties] == [9]
    (old,) = bombing.superseded
    assert old.casualty.killed == 6 and old.casualty.evidence.quote.startswith(TOLL)
    assert old.by.quote.startswith(CLIMB)
    assert [m.kind for m in bombing.mentions] == ["report", "report", "update"]


def test_an_update_read_as_an_event_of_another_day_still_supersedes(doc, prompts) -> None:
    climbed = draft("The number of dead has climbed to nine", "accident", when="on Friday")
    figures = [_figure(doc, TOLL, 6, "Delmore"), _figure(doc, CLIMB, 9, "unspecified")]
    records = _records(doc, prompts, {BOMB: [EXPLODED], CLIMB: [climbed]}, figures)
    (bombing,) = records
    assert [c.killed for c in bombing.casualties] == [9]
    assert [o.casualty.killed for o in bombing.superseded] == [6]


def test_the_same_figure_again_is_a_restatement_not_an_update(doc, prompts) -> None:
    figures = [_figure(doc, TOLL, 6, "Delmore"), _figure(doc, CLIMB, 6, "unspecified")]
    (bombing,) = _records(doc, prompts, {BOMB: [EXPLODED]}, figures)
    assert [c.killed for c in bombing.casualties] == [6] and bombing.superseded == []
    assert [m.kind for m in bombing.mentions] == ["report", "report", "restatement"]


def test_part_of_a_figure_said_again_even_after_an_update_is_a_restatement() -> None:
    from service.events.found import restates

    def figure(killed: int | None, injured: int | None, group: str | None = None) -> Casualty:
        quote = "written for this test"
        return Casualty(
            killed=killed,
            injured=injured,
            group=group,
            qualifier=None,
            claimed_by=None,
            evidence=Evidence(quote=quote, start=0, end=len(quote)),
        )

    assert restates(figure(7, None), figure(7, 14))
    assert restates(figure(None, 14), figure(7, 14))
    assert not restates(figure(11, None), figure(7, 14))
    assert not restates(figure(7, None, "miners"), figure(7, 14, "guards"))


def test_a_detail_that_points_back_at_the_event_is_folded_but_an_arrest_is_not(doc, prompts) -> None:
    claimed = draft(CLAIM, "crime", agents=["the Free Hills Front"])
    arrested = draft("Police arrested two men over the attack", "arrest", when="on Friday")
    records = _records(doc, prompts, {BOMB: [EXPLODED], CLAIM: [claimed], ARREST: [arrested]})
    assert [r.event_type for r in records] == ["bombing", "arrest"]
    bombing = records[0]
    assert ("the Free Hills Front", "agent") in [(a.name, a.role) for a in bombing.actors]
    assert any(CLAIM in m.evidence.quote for m in bombing.mentions)


def test_a_bearing_and_a_time_of_day_do_not_tell_one_crash_apart(doc, prompts) -> None:
    crashed = draft(
        "A bus carrying 30 pupils crashed into a river", "accident", where="Tarrin", when="this afternoon"
    )
    left = draft("The bus crashed through a barrier", "accident", where="Mell Bridge", when="just before 3pm")
    records = _records(doc, prompts, {BOMB: [EXPLODED], BUS: [crashed], BRIDGE: [left]})
    crash = records[1]
    assert len(records) == 2 and crash.where is not None
    assert (crash.where.place, crash.where.relation) == ("Tarrin", "south-west of")
    assert [m.evidence.quote[:20] for m in crash.mentions] == [BUS[:20], BRIDGE[:20]]


def _when(text: str, day: str | None = None) -> When:
    return When(date_text=text, date=day, evidence=Evidence(quote=text, start=0, end=len(text)))


def _where(place: str, relation: str | None = None) -> Where:
    return Where(place=place, relation=relation, evidence=Evidence(quote=place, start=0, end=len(place)))


def test_days_and_named_places_that_differ_disagree() -> None:
    assert not times_agree(_when("on Thursday", "2026-05-07"), _when("on Tuesday", "2026-05-05"))
    assert not times_agree(_when("on Thursday"), _when("last week"))
    assert times_agree(_when("late on Thursday"), _when("Thursday"))  # one holds the other
    assert times_agree(_when("on Thursday", "2026-05-07"), _when("around 9.30pm"))  # a time of day
    assert not places_agree(_where("Harlow"), _where("Penmoor"))
    assert places_agree(_where("Harlow"), _where("Penmoor", "north of"))  # a reference point
    assert places_agree(_where("Harlow"), _where("the car park"))  # a common noun


def test_a_background_toll_stays_apart_from_the_news(doc, prompts) -> None:
    figures = [_figure(doc, TOLL, 6, "Delmore"), _figure(doc, HISTORY, 3, "Delmore", "in 2021")]
    records = _records(doc, prompts, {BOMB: [EXPLODED]}, figures)
    assert [(r.background, [c.killed for c in r.casualties]) for r in records] == [(False, [6]), (True, [3])]


def test_a_toll_in_a_sentence_about_a_trial_is_not_the_trials(doc, prompts) -> None:
    jailed = draft("jailed a lorry driver", "court", when="on Monday", agents=["A judge in Delmore"])
    figures = [_figure(doc, JAILED, 2, "Delmore", "on Monday")]
    records = _records(doc, prompts, {BOMB: [EXPLODED], JAILED: [jailed]}, figures)
    assert [(r.event_type, [c.killed for c in r.casualties]) for r in records] == [
        ("bombing", []),
        ("court", []),
        ("accident", [2]),
    ]


@pytest.mark.parametrize(
    ("phrase", "act"),
    [
        ("took pole position in Suzuka", True),
        ("was sentenced to nine years", True),
        ("two climbers have died", True),
        ("pole position", False),
        ("assisting with the evacuations", False),
        ("is directing the new series", False),
        ("killing four passers-by", False),
    ],
)
def test_an_act_needs_a_finite_verb(phrase: str, act: bool) -> None:
    assert states_act(phrase) is act


def test_near_types_are_one_news_event_when_one_act_is_retold_in_the_other(prompts) -> None:
    text = (
        "Mill owner cuts own pay\n\n"
        "Rhea Voss, who owns the Calder mill, is cutting her own salary by half. "
        "The mill has raised its lowest wage to 20 pounds an hour, "
        "and Voss pays for it by cutting her salary. "
        "The town council fined the mill for late tax returns."
    )
    doc = Document.build(text, None, prompts.injection)
    cutting = draft("is cutting her own salary", "court")  # a wrong type the model might give
    raised = draft("has raised its lowest wage", "economic")
    fined = draft("fined the mill", "political_decision")  # near court, but nothing retold
    events = {"is cutting her own": [cutting], "has raised its lowest": [raised], "council fined": [fined]}
    records = find_event_records(scripted(router(events)), prompts, doc, PUBLISHED, []).records
    assert [(r.event_type, len(r.mentions)) for r in records] == [("court", 2), ("political_decision", 1)]


def test_a_toll_joins_the_event_whose_sentence_writes_what_it_names(prompts) -> None:
    text = (
        "Miners die in Varnia\n\n"
        "Twelve miners have died at a copper mine in Varnia, officials said. "
        "A gas explosion tore through the Kessel copper mine near Dorn on Tuesday, the operator said. "
        "A storm flooded a road near Ulm."
    )
    doc = Document.build(text, None, prompts.injection)
    died = draft("have died at a copper mine", "accident", where="Varnia")
    blast = draft(
        "A gas explosion tore through the Kessel copper mine", "accident", where="Dorn", when="on Tuesday"
    )
    slide = draft("A storm flooded a road", "disaster", where="Ulm")
    events = {"Twelve miners": [died], "A gas explosion": [blast], "A storm flooded": [slide]}
    records = find_event_records(scripted(router(events)), prompts, doc, PUBLISHED, []).records
    # "copper mine" is written in the explosion's sentence: the toll is its, not the storm's.
    assert [(r.what.text, len(r.mentions)) for r in records] == [
        ("A gas explosion tore through the Kessel copper mine", 2),
        ("A storm flooded a road", 1),
    ]


def test_a_record_told_first_by_its_toll_takes_the_act_as_what_happened(prompts) -> None:
    text = (
        "Children die in Lorne\n\n"
        "Two children have died in Lorne this morning, police said. "
        "A van carrying a family crashed into a canal in Lorne at about 8am."
    )
    doc = Document.build(text, None, prompts.injection)
    died = draft("Two children have died", "accident", where="Lorne", when="this morning")
    crashed = draft(
        "A van carrying a family crashed into a canal", "accident", where="Lorne", when="at about 8am"
    )
    events = {"Two children have died": [died], "A van carrying": [crashed]}
    (record,) = find_event_records(scripted(router(events)), prompts, doc, PUBLISHED, []).records
    assert record.what.text == "A van carrying a family crashed into a canal"
    assert [m.evidence.quote[:10] for m in record.mentions] == ["Two childr", "A van carr"]


def test_a_protest_against_an_attack_is_an_event_of_its_own(prompts) -> None:
    text = (
        "Bomb in Sarn\n\n"
        "A bomb exploded at the Sarn bus depot on Monday, police said. "
        "Hundreds of students marched through Sarn to denounce the attack. "
        "Soldiers were helping with the search for survivors after the attack."
    )
    doc = Document.build(text, None, prompts.injection)
    bomb = draft("A bomb exploded", "bombing", where="the Sarn bus depot", when="on Monday")
    march = draft("marched through Sarn to denounce the attack", "protest", where="Sarn")
    helping = draft("were helping with the search for survivors after the attack", "military")
    events = {"A bomb exploded": [bomb], "Hundreds of students": [march], "Soldiers were": [helping]}
    records = find_event_records(scripted(router(events)), prompts, doc, PUBLISHED, []).records
    assert [(r.event_type, len(r.mentions)) for r in records] == [("bombing", 2), ("protest", 1)]
