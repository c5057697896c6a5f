"""Readings that report no occurrence are dropped; tolls and details find the event they belong to."""

from __future__ import annotations

import pytest

from service.document import Document
from service.event_record import EventRecord, Mention, Predicate, Where, evidence_spans
from service.event_types import load_taxonomy
from service.events import find_event_records
from service.events.background import toll_of_an_earlier_event
from service.events.found import Found
from service.events.merge import places_agree, same_event
from service.events.nonevents import why_no_event
from service.events.tolls import can_count
from service.prompts import PromptSet, load_prompts
from service.schema import Casualty, Event, Evidence
from tests.unit.events_fakes import draft, router, scripted

# Written for these tests: a feature opening, a habit, a back-reference, a toll of a dated raid.
ARTICLE = (
    "Night raid on Varn hostel\n\n"
    "The lights had not come on yet in the hostel at Varn. "
    "Most guests were asleep in the dormitory. "
    "Gunmen stormed the hostel on Tuesday and took eleven guests hostage, police said. "
    "The incident happened after a festival in the square of Varn. "
    "By noon, nine people were dead, police said. "
    "The same group has repeatedly raided guesthouses along the coast road. "
    "It also carried out a March raid on a ferry near Olst that killed four sailors."
)
OPENING = "The lights had not come on yet"
ASLEEP = "Most guests were asleep"
STORMED = "Gunmen stormed the hostel"
INCIDENT = "The incident happened after a festival"
DEAD = "By noon, nine people were dead"
HABIT = "The same group has repeatedly raided"
FERRY = "It also carried out a March raid"


@pytest.fixture(scope="module")
def prompts() -> PromptSet:
    return load_prompts()


@pytest.fixture(scope="module")
def doc(prompts: PromptSet) -> Document:
    return Document.build(ARTICLE, None, prompts.injection)


def _figure(doc: Document, piece: str, killed: int, group: str, place: str) -> Event:
    sentence = next(s for s in doc.body if piece in s.text)
    casualty = Casualty(
        killed=killed,
        injured=None,
        group=group,
        qualifier=None,
        claimed_by=None,
        evidence=doc.evidence(sentence),
    )
    return Event(
        event_type="attack",
        date_text=None,
        date=None,
        location=place,
        perpetrator=None,
        target=None,
        casualties=[casualty],
    )


def _records(doc, prompts, events, figures=()) -> tuple[list[EventRecord], list[str]]:
    report = find_event_records(scripted(router(events)), prompts, doc, None, list(figures))
    for record in report.records:
        for _, span in evidence_spans(record):
            assert ARTICLE[span.start : span.end] == span.quote, span
    return report.records, report.warnings


HABIT_SAID = "its clause tells a habit, not one occurrence"
NEGATED = "it is negated"


@pytest.mark.parametrize(
    ("predicate", "sentence", "why"),
    [
        ("had not come on yet", "The lights had not come on yet.", NEGATED),
        ("did not reply to the letter", "The mayor did not reply to the letter.", NEGATED),
        ("raided guesthouses", "The group has repeatedly raided guesthouses.", HABIT_SAID),
        ("floods the lower town", "The river often floods the lower town in spring.", HABIT_SAID),
        ("pleaded not guilty", "The driver pleaded not guilty on Monday.", None),
        ("did not survive the fall", "The climber did not survive the fall.", None),
        ("warned residents not to drink", "Officials warned residents not to drink tap water.", None),
        ("claimed responsibility", "Although few often say so, a group claimed responsibility.", None),
    ],
)  # fmt: skip
def test_a_negated_act_or_a_habit_is_no_occurrence(predicate: str, sentence: str, why: str | None) -> None:
    start = sentence.index(predicate)
    assert why_no_event(predicate, sentence, start, start + len(predicate)) == why


@pytest.mark.parametrize(
    ("sentence", "word", "earlier"),
    [
        ("They were jailed for a 2011 bombing in Tarn that left 12 people dead.", "dead", True),
        ("It carried out a March raid on a ferry near Olst that killed four sailors.", "killed", True),
        ("The June 2014 flood killed nine.", "killed", True),
        ("A bomb killed 17 people on Monday.", "killed", False),
        ("A 2019 report said the attack killed 40 people.", "killed", False),
    ],
)
def test_a_toll_of_an_event_named_by_its_year_or_month_is_background(sentence, word, earlier) -> None:
    assert toll_of_an_earlier_event(sentence, sentence.index(word)) is earlier


def test_a_feature_opening_and_a_habit_make_no_record_and_say_so(doc, prompts) -> None:
    opening = draft("had not come on yet in the hostel", "accident", where="Varn")
    stormed = draft("Gunmen stormed the hostel", "attack", when="on Tuesday", agents=["Gunmen"])
    raided = draft("raided guesthouses along the coast road", "attack", agents=["The same group"])
    records, warnings = _records(doc, prompts, {OPENING: [opening], STORMED: [stormed], HABIT: [raided]})
    assert [r.what.text for r in records if not r.background] == ["Gunmen stormed the hostel"]
    assert any("it is negated" in w for w in warnings)
    assert any("a habit" in w for w in warnings)


def _found(kind: str, text: str, *, from_figure: bool = False) -> Found:
    span = Evidence(quote=text, start=0, end=len(text))
    return Found(
        event_type=kind,
        what=Predicate(text=text, evidence=span),
        when=None,
        where=None,
        actors=[],
        background=False,
        mentions=[Mention(kind="report", evidence=span)],
        from_figure=from_figure,
    )


def test_a_record_of_no_known_type_takes_no_toll() -> None:
    taxonomy = load_taxonomy()
    toll = _found("attack", "nine people were dead", from_figure=True)
    assert not can_count(_found("other", "Most guests were asleep"), toll, taxonomy)
    assert can_count(_found("attack", "Gunmen stormed the hostel"), toll, taxonomy)
    assert can_count(_found("other", "Something happened"), _found("other", "two died"), taxonomy)


def test_a_subject_that_names_the_event_told_before_folds_into_it(doc, prompts) -> None:
    stormed = draft("Gunmen stormed the hostel", "attack", when="on Tuesday", where="the hostel")
    happened = draft("happened after a festival in the square of Varn", "other", where="Varn")
    records, _ = _records(doc, prompts, {STORMED: [stormed], INCIDENT: [happened]})
    (attack,) = records
    assert any(INCIDENT in m.evidence.quote for m in attack.mentions)


def test_the_toll_of_a_raid_named_by_its_month_is_background(doc, prompts) -> None:
    stormed = draft("Gunmen stormed the hostel", "attack", when="on Tuesday")
    figures = [_figure(doc, FERRY, 4, "sailors", "Olst")]
    records, _ = _records(doc, prompts, {STORMED: [stormed]}, figures)
    (toll,) = [r for r in records if r.casualties]
    assert toll.background and [c.killed for c in toll.casualties] == [4]


def test_a_state_told_once_with_nothing_to_anchor_it_is_no_record(doc, prompts) -> None:
    asleep = draft("Most guests were asleep in the dormitory", "other", agents=["Most guests"])
    stormed = draft("Gunmen stormed the hostel", "attack", when="on Tuesday")
    records, warnings = _records(doc, prompts, {ASLEEP: [asleep], STORMED: [stormed]})
    assert [r.what.text for r in records] == ["Gunmen stormed the hostel"]
    assert any("it states no act, time, place or toll" in w for w in warnings)
    placed = draft("Most guests were asleep in the dormitory", "other", where="the dormitory")
    records, _ = _records(doc, prompts, {ASLEEP: [placed], STORMED: [stormed]})
    assert len(records) == 2  # a place anchors it: code cannot tell it from an event


# Written for this test: a toll told at a city, then again at a square the sentence places in it.
SQUARE = (
    "Guards jailed over city shooting\n\n"
    "Three guards were jailed on Friday over a shooting in Dunmere that left 12 people dead. "
    "Prosecutors said the guards opened fire at Hollin Square in Dunmere, killing 12 people."
)


def test_a_figure_again_at_a_spot_its_sentence_places_in_the_city_is_a_restatement(prompts) -> None:
    doc = Document.build(SQUARE, None, prompts.injection)

    def told(piece: str, place: str) -> Event:
        sentence = next(s for s in doc.body if piece in s.text)
        casualty = Casualty(
            killed=12,
            injured=None,
            group="people",
            qualifier=None,
            claimed_by=None,
            evidence=doc.evidence(sentence),
        )
        return Event(
            event_type="shooting",
            date_text=None,
            date=None,
            location=place,
            perpetrator=None,
            target=None,
            casualties=[casualty],
        )

    jailed = draft("Three guards were jailed", "court", when="on Friday")
    figures = [
        told("Three guards were jailed", "Dunmere"),
        told("opened fire at Hollin Square", "Hollin Square"),
    ]
    report = find_event_records(scripted(router({"Three guards": [jailed]})), prompts, doc, None, figures)
    tolls = [r for r in report.records if r.casualties]
    assert len(tolls) == 1 and [c.killed for c in tolls[0].casualties] == [12]
    assert [m.kind for m in tolls[0].mentions] == ["report", "restatement"]


def test_places_the_sentences_tie_do_not_keep_one_event_apart() -> None:
    taxonomy = load_taxonomy()
    text = "A cargo plane skidded off the runway at Pellam Airport in Norland on Monday."
    later = "The airport in Pellam stayed shut, officials in Norland said."
    crash = _found("accident", text)
    crash.where = Where(place="Norland", relation="in", evidence=Evidence(quote="Norland", start=53, end=60))
    closed = _found("accident", later)
    closed.mentions = [Mention(kind="report", evidence=Evidence(quote=later, start=80, end=80 + len(later)))]
    closed.where = Where(place="Pellam", relation="in", evidence=Evidence(quote="Pellam", start=96, end=102))
    assert not places_agree(crash.where, closed.where)  # two names: code cannot tell one holds the other
    assert same_event(crash, closed, taxonomy)  # but the crash's sentence writes both
    elsewhere = _found("accident", "A lorry overturned near Tobb.")
    elsewhere.where = Where(place="Tobb", relation="near", evidence=Evidence(quote="Tobb", start=24, end=28))
    assert not same_event(crash, elsewhere, taxonomy)


def test_a_figure_brings_the_people_it_counts_and_its_claimant_as_actors(doc, prompts) -> None:
    stormed = draft("Gunmen stormed the hostel", "attack", when="on Tuesday", agents=["Gunmen"])
    sentence = next(s for s in doc.body if DEAD in s.text)
    casualty = Casualty(
        killed=9,
        injured=None,
        group="people",
        qualifier=None,
        claimed_by="police",
        evidence=doc.evidence(sentence),
    )
    figure = Event(
        event_type="attack",
        date_text=None,
        date=None,
        location="unspecified",
        perpetrator=None,
        target=None,
        casualties=[casualty],
    )
    records, _ = _records(doc, prompts, {STORMED: [stormed]}, [figure])
    (attack,) = [r for r in records if r.casualties]
    parties = [(a.name, a.role, a.evidence.start >= doc.evidence(sentence).start) for a in attack.actors]
    assert ("people", "affected", True) in parties and ("police", "source", True) in parties
