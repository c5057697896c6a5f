"""Predicted events in one shape for the v2 scorers, whether they come as v1 `Event` or v2 `EventRecord`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.event_record import EventRecord, evidence_spans
from service.event_types import Taxonomy
from service.schema import Analysis, Casualty, Event, Evidence

_NO_PLACE = {"", "unspecified", "unknown"}


@dataclass(frozen=True)
class PredictedEvent:
    """What the scorers read of one predicted event; None (or empty) where the prediction lacks it."""

    index: int
    event_type: str  # a taxonomy name; "other" when the prediction's type is not one
    raw_type: str
    what: str | None
    place: str | None
    date_text: str | None
    actors: tuple[tuple[str, str], ...]  # (name, role)
    background: bool | None
    spans: tuple[tuple[str, Evidence], ...]  # (field, span), every span the event carries
    casualties: tuple[Casualty, ...]


def from_v1(index: int, event: Event, taxonomy: Taxonomy) -> PredictedEvent:
    """A schema-v1 event: no predicate, no background flag; perpetrator, target and claimants read as
    agent, affected and source actors; the casualty quotes are its only spans."""
    actors = [(event.perpetrator, "agent"), (event.target, "affected")]
    actors += [(c.claimed_by, "source") for c in event.casualties]
    place = event.location if event.location.strip().lower() not in _NO_PLACE else None
    return PredictedEvent(
        index=index,
        event_type=taxonomy.normalize(event.event_type),
        raw_type=event.event_type,
        what=None,
        place=place,
        date_text=event.date_text,
        actors=tuple((name, role) for name, role in actors if name),
        background=None,
        spans=tuple((f"casualties[{i}]", c.evidence) for i, c in enumerate(event.casualties)),
        casualties=tuple(event.casualties),
    )


def from_v2(index: int, record: EventRecord, taxonomy: Taxonomy) -> PredictedEvent:
    """A v2 record, field by field."""
    return PredictedEvent(
        index=index,
        event_type=taxonomy.normalize(record.event_type),
        raw_type=record.event_type,
        what=record.what.text,
        place=record.where.place if record.where else None,
        date_text=record.when.date_text if record.when else None,
        actors=tuple((actor.name, actor.role) for actor in record.actors),
        background=record.background,
        spans=tuple(evidence_spans(record)),
        casualties=tuple(record.casualties),
    )


def predicted_events(events: Sequence[Event | EventRecord], taxonomy: Taxonomy) -> list[PredictedEvent]:
    """Each predicted event in reading order of the output, v1 or v2 alike."""
    return [
        from_v2(i, event, taxonomy) if isinstance(event, EventRecord) else from_v1(i, event, taxonomy)
        for i, event in enumerate(events)
    ]


def analysis_events(analysis: Analysis | None, taxonomy: Taxonomy) -> list[PredictedEvent]:
    """The events of an analysis (none for a failed one)."""
    return predicted_events(list(analysis.events), taxonomy) if analysis else []


def analysis_spans(analysis: Analysis | None, events: Sequence[PredictedEvent]) -> list[tuple[str, Evidence]]:
    """Every span the output claims: each event's spans, then each summary sentence's support."""
    spans = [(f"events[{e.index}].{name}", span) for e in events for name, span in e.spans]
    if analysis is not None:
        spans += [
            (f"summary_sentences[{si}].support[{ki}]", span)
            for si, sentence in enumerate(analysis.summary_sentences)
            for ki, span in enumerate(sentence.support)
        ]
    return spans
