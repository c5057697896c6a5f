"""Output contract v2 of an event (docs/events-v2.md): every field read from the text carries its span.

Issue 9. The pipeline fills `Analysis.event_records` with these when the `event_records` setting is
on (service/events/); `Analysis.events` keeps schema v1's `Event`. The eval suite scores both
(service/evaluation/event_view.py).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from service.event_types import load_taxonomy
from service.evidence import Casualty, Evidence

# Bumped when the records' contract or the code that builds them changes what a cached result
# holds (2: `superseded`, tolls folded into their events): part of the cache key when records are on.
RECORDS_VERSION = 2

Role = Literal["agent", "affected", "source"]
MentionKind = Literal["report", "restatement", "update"]


class Predicate(BaseModel):
    """What happened, in a few neutral words, with the clause of the article that states it."""

    text: str = Field(min_length=1, max_length=120, description='e.g. "signed a ceasefire agreement"')
    evidence: Evidence


class When(BaseModel):
    """When the event happened, as the article writes it, and the calendar date when anchored."""

    date_text: str = Field(min_length=1, description='The time expression as written: "on Tuesday".')
    date: str | None = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="YYYY-MM-DD, only when the article's publication date anchors date_text.",
    )
    evidence: Evidence


class Where(BaseModel):
    """Where the event happened, as written, and how the text relates it to that place."""

    place: str = Field(min_length=1, description="The most specific place the text gives for it.")
    relation: str | None = Field(description='"in", "near", "off", "outside"... as written; null if none.')
    evidence: Evidence


class Actor(BaseModel):
    """Someone the event involves: who did it, who it happened to, or who the article credits for it."""

    name: str = Field(min_length=1, description="As the article names them (a person, body or group).")
    role: Role = Field(description="agent: did it; affected: it was done to them; source: tells of it.")
    evidence: Evidence


class Mention(BaseModel):
    """A sentence that reports this event: the first report, a later restatement, or an update."""

    kind: MentionKind = Field(
        description="report: states the event; restatement: repeats a fact already given (a figure "
        "restated later lands here, not in casualties); update: supersedes an earlier fact."
    )
    evidence: Evidence


class Superseded(BaseModel):
    """An earlier figure that a later sentence updated ("the toll rose to 20"): kept, marked replaced."""

    casualty: Casualty = Field(description="The earlier claim, as it was first reported.")
    by: Evidence = Field(description="The sentence of the figure that replaces it (in `casualties`).")


class EventRecord(BaseModel):
    """One real-world event the article reports, every field traceable to the text."""

    event_type: str = Field(description="A name from prompts/event_types.v1.toml.")
    what: Predicate
    when: When | None
    where: Where | None
    actors: list[Actor]
    casualties: list[Casualty]
    background: bool = Field(
        description="True for an event told as context (an earlier attack, a war's overall toll), "
        "false for the news the article reports."
    )
    mentions: list[Mention] = Field(min_length=1)
    superseded: list[Superseded] = Field(
        default_factory=list,
        description="Earlier figures an update replaced; `casualties` holds the current ones.",
    )

    @field_validator("event_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in load_taxonomy().names:
            raise ValueError(f"unknown event type {value!r} (see prompts/event_types.v1.toml)")
        return value


def evidence_spans(record: EventRecord) -> list[tuple[str, Evidence]]:
    """Every span of a record with the field it grounds, in field order."""
    spans: list[tuple[str, Evidence]] = [("what", record.what.evidence)]
    if record.when is not None:
        spans.append(("when", record.when.evidence))
    if record.where is not None:
        spans.append(("where", record.where.evidence))
    spans += [(f"actors[{i}]", actor.evidence) for i, actor in enumerate(record.actors)]
    spans += [(f"casualties[{i}]", casualty.evidence) for i, casualty in enumerate(record.casualties)]
    spans += [(f"mentions[{i}]", mention.evidence) for i, mention in enumerate(record.mentions)]
    for i, old in enumerate(record.superseded):
        spans += [(f"superseded[{i}].casualty", old.casualty.evidence), (f"superseded[{i}].by", old.by)]
    return spans
