"""An event being assembled from its mentions: its grounded fields, made an EventRecord at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.event_record import (
    Actor,
    EventRecord,
    Mention,
    MentionKind,
    Predicate,
    Superseded,
    When,
    Where,
)
from service.schema import Casualty, Evidence

# A later sentence that supersedes an earlier fact ("the toll rose to 20").
UPDATE = re.compile(
    r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|grew|mounted|soared|went up|revised|"
    r"updated|now stands|has reached|have reached)\b",
    re.I,
)


def _roles(casualty: Casualty) -> set[str]:
    return {role for role in ("killed", "injured") if getattr(casualty, role) is not None}


def same_figure(a: Casualty, b: Casualty) -> bool:
    """The same numbers for the same group (a missing group tells nothing apart)."""
    return (a.killed, a.injured) == (b.killed, b.injured) and (
        a.group is None or b.group is None or a.group == b.group
    )


def restates(later: Casualty, earlier: Casualty) -> bool:
    """`later` says again part or all of `earlier`: every number it gives is `earlier`'s for that
    role, for the same group ("seven died" after "seven killed and 14 injured")."""
    roles = _roles(later)
    groups_agree = later.group is None or earlier.group is None or later.group == earlier.group
    return bool(roles) and groups_agree and all(getattr(later, r) == getattr(earlier, r) for r in roles)


def replaces(update: Casualty, earlier: Casualty) -> bool:
    """`update`, said in a sentence of change, gives another number for a role `earlier` counts
    for the same group: the earlier claim is out of date."""
    shared = _roles(update) & _roles(earlier)
    groups_agree = update.group is None or earlier.group is None or update.group == earlier.group
    return (
        bool(UPDATE.search(update.evidence.quote))
        and bool(shared)
        and groups_agree
        and any(getattr(update, r) != getattr(earlier, r) for r in shared)
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
    superseded: list[Superseded] = field(default_factory=list)
    # Built by code from a verified figure's sentence, not read by the model as an event.
    from_figure: bool = False

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
        """Add `sentence` as a mention once, as `kind`; without one, `update` when it is a
        sentence of change, else `report`."""
        if self.reports(sentence):
            return
        # A kind given by the caller wins: the same figure again is a restatement, even in a
        # sentence of change ("the toll has risen to six" after "six died").
        chosen: MentionKind = kind or ("update" if UPDATE.search(sentence.quote) else "report")
        self.mentions.append(Mention(kind=chosen, evidence=sentence))

    def add_figure(self, casualty: Casualty) -> None:
        """Add a verified figure once: a figure told before, whole or in part (also one since
        superseded), is a `restatement` mention; a figure
        of change ("the toll rose to 20") supersedes the earlier ones it replaces, which move to
        `superseded`; anything else is one more figure of the event."""
        told = [*self.casualties, *(s.casualty for s in self.superseded)]
        if any(restates(casualty, c) for c in told):
            self.mention(casualty.evidence, "restatement")
            return
        replaced = [c for c in self.casualties if replaces(casualty, c)]
        self.casualties = [c for c in self.casualties if c not in replaced]
        self.superseded += [Superseded(casualty=c, by=casualty.evidence) for c in replaced]
        self.casualties.append(casualty)
        self.mention(casualty.evidence, "update" if replaced else None)

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
            mentions=sorted(self.mentions, key=lambda m: m.evidence.start),
            superseded=list(self.superseded),
        )
