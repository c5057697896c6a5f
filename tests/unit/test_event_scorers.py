"""Scorers of event records v2, on an article written for this test: a perfect prediction scores 1.0,
each defect moves exactly its own metric, today's v1 events score without crashing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.evaluation.event_matching import assign, candidates, content_words, same_what
from service.evaluation.event_scorers import casualty_duplicates, score_event_records, score_events_v2
from service.evaluation.event_view import PredictedEvent, predicted_events
from service.evaluation.golden import Golden
from service.evaluation.metrics import aggregate
from service.evaluation.oracle import oracle_event_records
from service.event_record import Actor, EventRecord, Mention, Predicate, Where
from service.event_types import load_taxonomy
from service.schema import Analysis, ArticleMeta, Casualty, Event, Evidence, Provenance

TAXONOMY = load_taxonomy()

ARTICLE = (
    "Floodwater closed the coast road into Portmere on Friday after two days of rain, the county "
    "council said. "
    "On Thursday a court in Lindale fined the ferry operator Bluewake for skipping safety checks. "
    "Lifeboat crews rescued four anglers from a sandbank off Portmere on Friday. "
    "The same road was washed away in 2019, when the river burst its banks."
)


def _quote(text: str) -> str:
    assert text in ARTICLE
    return text


def _golden() -> Golden:
    def event(**fields: object) -> dict:
        return {"place_aliases": [], "date_aliases": [], "actors": [], "background": False, **fields}

    return Golden.model_validate(
        {
            "eval_id": "newsdigest.facts.v3",
            "case": "invented-portmere",
            "source": "written for tests",
            "split": "dev",
            "kind": "disaster",
            "outlet": "none",
            "casualties": [],
            "events": [],
            "events_v2": [
                event(
                    event_type="disaster",
                    what="floodwater closed the coast road",
                    place="Portmere",
                    date_text="on Friday",
                    actors=[{"name": "county council", "role": "source", "aliases": ["council"]}],
                    quotes=[_quote("Floodwater closed the coast road into Portmere on Friday")],
                ),
                event(
                    event_type="court",
                    what="a court fined a ferry operator for skipping safety checks",
                    place="Lindale",
                    date_text="On Thursday",
                    actors=[
                        {"name": "court in Lindale", "role": "agent", "aliases": []},
                        {"name": "Bluewake", "role": "affected", "aliases": ["ferry operator"]},
                    ],
                    quotes=[_quote("On Thursday a court in Lindale fined the ferry operator Bluewake")],
                ),
                event(
                    event_type="rescue",
                    what="lifeboat crews rescued four anglers from a sandbank",
                    place="off Portmere",
                    date_text="on Friday",
                    actors=[{"name": "Lifeboat crews", "role": "agent", "aliases": []}],
                    quotes=[
                        _quote("Lifeboat crews rescued four anglers from a sandbank off Portmere on Friday.")
                    ],
                ),
                event(
                    event_type="disaster",
                    what="the river burst its banks and washed the road away",
                    place=None,
                    date_text="in 2019",
                    background=True,
                    quotes=[_quote("The same road was washed away in 2019, when the river burst its banks.")],
                ),
            ],
        }
    )


GOLDEN = _golden()


def _span(text: str) -> Evidence:
    start = ARTICLE.index(text)
    return Evidence(quote=text, start=start, end=start + len(text))


def _metrics(records: list[EventRecord]) -> dict[str, float | None]:
    events = predicted_events(records, TAXONOMY)
    return aggregate([score_event_records(GOLDEN, events, ARTICLE, TAXONOMY).counts])


def _record(
    event_type: str, what: str, place: str | None, sentence: str, background: bool = False
) -> EventRecord:
    where = Where(place=place, relation=None, evidence=_span(place)) if place else None
    return EventRecord(
        event_type=event_type,
        what=Predicate(text=what, evidence=_span(sentence)),
        when=None,
        where=where,
        actors=[],
        casualties=[],
        background=background,
        mentions=[Mention(kind="report", evidence=_span(sentence))],
    )


def _perfect() -> list[EventRecord]:
    return oracle_event_records(GOLDEN, ARTICLE)


def _drop(index: int) -> Callable[[list[EventRecord]], None]:
    return lambda records: records.pop(index) and None


def _extra(records: list[EventRecord]) -> None:
    records.append(_record("sport", "a regatta was cancelled", None, "after two days of rain"))


def _duplicate(records: list[EventRecord]) -> None:
    # The flood again, from a sentence no golden quote covers, at the same place.
    records.append(_record("disaster", "rain cut off the town", "Portmere", "after two days of rain"))


def _near_type(records: list[EventRecord]) -> None:
    records[0] = records[0].model_copy(update={"event_type": "accident"})


def _wrong_family(records: list[EventRecord]) -> None:
    records[1] = records[1].model_copy(update={"event_type": "sport"})


def _wrong_background(records: list[EventRecord]) -> None:
    records[3] = records[3].model_copy(update={"background": False})


def _no_actors(records: list[EventRecord]) -> None:
    records[1] = records[1].model_copy(update={"actors": []})


def _wrong_role(records: list[EventRecord]) -> None:
    agent, affected = records[1].actors
    records[1] = records[1].model_copy(
        update={"actors": [agent, Actor(name=affected.name, role="agent", evidence=affected.evidence)]}
    )


def _wrong_place(records: list[EventRecord]) -> None:
    where = Where(place="Lindale", relation=None, evidence=_span("Lindale"))
    records[2] = records[2].model_copy(update={"where": where})


def _no_date(records: list[EventRecord]) -> None:
    records[0] = records[0].model_copy(update={"when": None})


PERFECT = {
    "event_v2_recall": 1.0,
    "event_v2_precision": 1.0,
    "event_type_accuracy": 1.0,
    "event_place_accuracy": 1.0,
    "event_date_accuracy": 1.0,
    "event_actor_accuracy": 1.0,
    "event_background_accuracy": 1.0,
    "event_duplicate_rate": 0.0,
}


# 3 news events + 1 background; 4 matched pairs, 3 with a golden place, 4 golden actors.
@pytest.mark.parametrize(
    ("mutate", "changed"),
    [
        (lambda records: None, {}),
        # field accuracy counts paired events only: the court's actors drop out with it
        (_drop(1), {"event_v2_recall": 2 / 3}),
        # a missed background event is neutral: no recall or precision change
        (_drop(3), {}),
        (_extra, {"event_v2_precision": 3 / 4}),
        (_duplicate, {"event_v2_precision": 3 / 4, "event_duplicate_rate": 1 / 5}),
        (_near_type, {"event_type_accuracy": 3 / 4}),
        (
            _wrong_family,  # not paired any more: a miss and an extra
            {"event_v2_recall": 2 / 3, "event_v2_precision": 2 / 3},
        ),
        (_wrong_background, {"event_background_accuracy": 3 / 4}),
        (_no_actors, {"event_actor_accuracy": 2 / 4}),
        (_wrong_role, {"event_actor_accuracy": 3 / 4}),
        (_wrong_place, {"event_place_accuracy": 2 / 3}),
        (_no_date, {"event_date_accuracy": 3 / 4}),
    ],
    ids=lambda value: getattr(value, "__name__", "") if callable(value) else "",
)
def test_each_defect_moves_exactly_its_metrics(
    mutate: Callable[[list[EventRecord]], None], changed: dict[str, float]
) -> None:
    records = _perfect()
    mutate(records)
    metrics = _metrics(records)
    for name, perfect in PERFECT.items():
        assert metrics[name] == pytest.approx(changed.get(name, perfect)), name


def test_facts_name_the_missed_extra_and_duplicate_events() -> None:
    records = _perfect()
    records.pop(1)
    _extra(records)
    _duplicate(records)
    facts = {
        f.key: f
        for f in score_event_records(GOLDEN, predicted_events(records, TAXONOMY), ARTICLE, TAXONOMY).facts
    }
    assert facts["events_v2[1]"].got == "missing" and facts["events_v2[1]"].ok is False
    assert facts["events_v2.extra[3]"].expected == "no such event"
    assert facts["events_v2.duplicate[4]"].got.endswith("(again events_v2[0])")


def test_a_missed_background_event_is_shown_but_not_scored() -> None:
    records = _perfect()[:3]
    facts = {
        f.key: f
        for f in score_event_records(GOLDEN, predicted_events(records, TAXONOMY), ARTICLE, TAXONOMY).facts
    }
    assert facts["events_v2[3]"].got == "missing" and facts["events_v2[3]"].ok is None


def test_a_shared_date_does_not_pair_events_whose_places_disagree() -> None:
    # The rescue has its own sentence; a prediction that only shares its date is no match when its
    # place is another town, but is one when it gives no place.
    def event(place: str | None) -> PredictedEvent:
        return PredictedEvent(0, "rescue", "rescue", None, place, "on Friday", (), False, (), ())

    rescue = GOLDEN.events_v2[2]
    golds = [rescue]
    assert candidates(golds, [event("Lindale")], ARTICLE, TAXONOMY) == []
    assert len(candidates(golds, [event(None)], ARTICLE, TAXONOMY)) == 1


def test_strongest_ties_are_assigned_first() -> None:
    # Two floods at Portmere on Friday: the prediction quoting the first golden's sentence takes it,
    # the other one takes the remaining golden event of the same family.
    flood = PredictedEvent(0, "disaster", "flood", None, "Portmere", None, (), None, (), ())
    quoted = PredictedEvent(
        1,
        "disaster",
        "flood",
        None,
        None,
        None,
        (),
        None,
        (("what", _span("Floodwater closed the coast road")),),
        (),
    )
    pairs = assign(candidates(GOLDEN.events_v2, [flood, quoted], ARTICLE, TAXONOMY))
    assert pairs[0].predicted == 1


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("fined the ferry company", "a court fined a ferry operator for skipping safety checks", True),
        ("Fines imposed on ferries", "a court fined a ferry operator", True),
        ("rescued anglers", "floodwater closed the coast road", False),
        (None, "floodwater closed the coast road", False),
        ("the", "floodwater closed the coast road", False),
    ],
)
def test_same_what(predicted: str | None, gold: str, expected: bool) -> None:
    assert same_what(predicted, gold) is expected


def test_content_words_keep_numbers_and_drop_filler() -> None:
    assert content_words("It was said that 1,200 homes were flooded") == {"1200", "home", "floo"}


def _v1_analysis(events: list[Event]) -> Analysis:
    return Analysis(
        summary="Floodwater closed a road.",
        events=events,
        article=ArticleMeta(),
        provenance=Provenance(
            model="m",
            model_sha256="0",
            prompt_version="p",
            schema_version="2",
            package_version="0",
            cache_key="k",
        ),
    )


def _casualty(killed: int | None, injured: int | None, sentence: str, shift: int = 0) -> Casualty:
    span = _span(sentence)
    return Casualty(
        killed=killed,
        injured=injured,
        group="people",
        qualifier=None,
        claimed_by="county council",
        evidence=span.model_copy(update={"start": span.start + shift, "end": span.end + shift}),
    )


def _v1_event(event_type: str, location: str, casualties: list[Casualty]) -> Event:
    return Event(
        event_type=event_type,
        date_text="on Friday",
        date=None,
        location=location,
        perpetrator=None,
        target=None,
        casualties=casualties,
    )


def test_todays_v1_events_score_with_missing_fields_as_missing() -> None:
    flood = _v1_event("flood", "Portmere", [_casualty(None, 2, "Floodwater closed the coast road")])
    score = score_events_v2(GOLDEN, _v1_analysis([flood]), ARTICLE, TAXONOMY)
    metrics = aggregate([score.counts])
    assert metrics["event_v2_recall"] == pytest.approx(1 / 3)
    assert metrics["event_v2_precision"] == 1.0
    assert metrics["event_type_accuracy"] == 1.0  # extract.v3 "flood" reads as "disaster"
    assert metrics["event_background_accuracy"] == 0.0  # v1 has no flag
    assert metrics["event_actor_accuracy"] == 1.0  # claimed_by reads as the source
    assert metrics["span_exact_rate"] == 1.0
    facts = {f.key: f for f in score.facts}
    assert facts["events_v2[0].background"].got == "null"


def test_unspecified_v1_location_is_no_place() -> None:
    (event,) = predicted_events([_v1_event("storm", "unspecified", [])], TAXONOMY)
    assert event.place is None and event.event_type == "disaster" and event.what is None


def test_casualty_claim_restated_is_a_duplicate_unless_places_tell_them_apart() -> None:
    claim = _casualty(None, 2, "Floodwater closed the coast road")
    events = predicted_events(
        [
            _v1_event("flood", "Portmere", [claim]),
            _v1_event("flood", "Lindale", [claim]),  # another town: another figure
            _v1_event("flood", "unspecified", [claim]),  # no place: cannot be told apart
            _v1_event("flood", "Portmere", [_casualty(1, 2, "Floodwater closed the coast road")]),
        ],
        TAXONOMY,
    )
    assert casualty_duplicates(events) == [("events[2].casualties[0]", "events[0].casualties[0]")]
    score = score_events_v2(GOLDEN, _v1_analysis([_v1_event("flood", "Portmere", [claim, claim])]), ARTICLE)
    assert aggregate([score.counts])["casualty_duplicate_rate"] == 1 / 2


def test_span_check_catches_offsets_that_miss_their_quote() -> None:
    good = _casualty(None, 2, "Floodwater closed the coast road")
    bad = _casualty(None, 3, "Lifeboat crews rescued four anglers", shift=1)
    analysis = _v1_analysis([_v1_event("flood", "Portmere", [good, bad])])
    score = score_events_v2(GOLDEN, analysis, ARTICLE)
    assert aggregate([score.counts])["span_exact_rate"] == 1 / 2
    assert [f.key for f in score.facts if f.key.startswith("span:")] == ["span: events[0].casualties[1]"]


def test_a_failed_analysis_scores_as_no_events() -> None:
    metrics = aggregate([score_events_v2(GOLDEN, None, ARTICLE).counts])
    assert metrics["event_v2_recall"] == 0.0
    assert metrics["event_v2_precision"] is None
    assert metrics["span_exact_rate"] is None
