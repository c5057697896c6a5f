"""An event being assembled from its mentions: its grounded fields, made an EventRecord at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.event_record import Actor, EventRecord, Mention, MentionKind, Predicate, When, Where
from service.schema import Casualty, Evidence

# A later sentence that supersedes an earlier fact ("the toll rose to 20").
UPDATE = re.compile(
    r"\b(?:rose|risen|climbed|increased|jumped|grew|revised|updated|now stands|has reached)\b", re.I
)


@dataclass
class Found:
    """One event's grounded fields and the sentences that report it (first report first)."""

    event_type: str
    what: Predicate
    when: When | None
    where: Where | None
    actors: list[Actor]
    background: bool
    mentions: list[Mention]
    casualties: list[Casualty] = field(default_factory=list)

    @property
    def first(self) -> Evidence:
        """The sentence of the first report."""
        return self.mentions[0].evidence

    def reports(self, sentence: Evidence) -> bool:
        """True when `sentence` is already one of this event's mentions."""
        return any(
            m.evidence.start == sentence.start and m.evidence.end == sentence.end for m in self.mentions
        )

    def mention(self, sentence: Evidence, kind: MentionKind | None = None) -> None:
        """Add `sentence` as a mention once: `update` when it supersedes a fact, else `kind`
        (default `report`)."""
        if self.reports(sentence):
            return
        chosen: MentionKind = "update" if UPDATE.search(sentence.quote) else (kind or "report")
        self.mentions.append(Mention(kind=chosen, evidence=sentence))

    def add_actor(self, actor: Actor) -> None:
        """Add an actor unless one with the same name and role is already there."""
        if not any(a.role == actor.role and a.name.lower() == actor.name.lower() for a in self.actors):
            self.actors.append(actor)

    def to_record(self) -> EventRecord:
        """The v2 record (validated: the type must be in the taxonomy)."""
        return EventRecord(
            event_type=self.event_type,
            what=self.what,
            when=self.when,
            where=self.where,
            actors=list(self.actors),
            casualties=list(self.casualties),
            background=self.background,
            mentions=list(self.mentions),
        )
