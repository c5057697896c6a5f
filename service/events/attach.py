"""Attach today's verified casualty figures (service.ground) to the event records they belong to."""

from __future__ import annotations

import re

from service.event_record import Actor, Mention, Predicate, Role
from service.event_types import Taxonomy
from service.events.background import code_says_background, toll_of_an_earlier_event
from service.events.fields import ground_when, ground_where
from service.events.found import Found, replaces, same_figure
from service.events.locate import cut, locate
from service.events.merge import overlaps, same_event
from service.places import clause_of
from service.schema import Casualty, Event

_CASUALTY_WORD = re.compile(
    r"\b(?:killed|killing|died|dead|deaths?|death toll|lost their lives|injured|injuring|wounded|"
    r"wounding|hurt|hospitali[sz]ed)\b",
    re.IGNORECASE,
)


def _home(event: Event, casualty: Casualty, records: list[Found], taxonomy: Taxonomy) -> Found | None:
    """The record a figure belongs to: one reporting the figure's sentence (of a compatible type,
    news before background), else one of a compatible type at the figure's place and time, else
    a news record of any type at its place and on its day."""
    kind = taxonomy.normalize(event.event_type)
    compatible = [r for r in records if taxonomy.compatible(r.event_type, kind)]
    here = [r for r in compatible if r.reports(casualty.evidence)]
    if here:
        return min(here, key=lambda r: r.background)
    if event.location == "unspecified":
        return None
    for record in compatible:
        place = record.where is not None and overlaps(record.where.place, event.location)
        time = (
            event.date_text is None or record.when is None or overlaps(record.when.date_text, event.date_text)
        )
        if place and time:
            return record
    # The figure reader's type is a guess ("accident" for a bombing's toll): a news record at the
    # figure's place and on its day is its event whatever either type says.
    for record in records:
        if (
            not record.background
            and record.where is not None
            and record.when is not None
            and event.date_text is not None
            and overlaps(record.where.place, event.location)
            and overlaps(record.when.date_text, event.date_text)
        ):
            return record
    return None


def _known(casualty: Casualty, record: Found) -> bool:
    """The record already holds this figure (the same numbers for the same group)."""
    return any(same_figure(c, casualty) for c in record.casualties)


def _restated(event: Event, casualty: Casualty, records: list[Found]) -> Found | None:
    """A record that already holds the same figure at a place that does not tell them apart (one
    holds the other, or the figure's sentence writes the record's place as well)."""
    for record in records:
        place_differs = (
            record.where is not None
            and event.location != "unspecified"
            and not overlaps(record.where.place, event.location)
            # "at the X traffic circle in Baghdad" writes the record's place too: X lies in it
            and locate(record.where.place, casualty.evidence) is None
        )
        if _known(casualty, record) and not place_differs:
            return record
    return None


def _updated(casualty: Casualty, records: list[Found]) -> Found | None:
    """The record holding the figure this one updates ("the toll has climbed to 20"): a figure of
    change points back at the count it replaces, wherever its sentence is."""
    return next((r for r in records if any(replaces(casualty, c) for c in r.casualties)), None)


def _from_figure(event: Event, casualty: Casualty, taxonomy: Taxonomy, published: str | None) -> Found:
    """A record for a figure no event record reports: its predicate is the clause of the casualty
    word in the figure's sentence; place, time and actors only as that sentence writes them."""
    sentence = casualty.evidence
    word = _CASUALTY_WORD.search(sentence.quote)
    a, b = clause_of(sentence.quote, word.start() if word else 0)
    clause = cut(sentence, sentence.start + a, sentence.start + b)
    text = " ".join(clause.quote.split()).strip(" ,.;")[:120].rstrip() or sentence.quote[:120]
    what = Predicate(text=text, evidence=clause)
    ignored: list[str] = []  # the figure was grounded already; a field its quote lacks is left out
    when = ground_when(event.date_text, sentence, published, ignored)
    where = ground_where(event.location if event.location != "unspecified" else None, sentence, ignored)
    found = Found(
        event_type=taxonomy.normalize(event.event_type),
        what=what,
        when=when,
        where=where,
        actors=[],
        background=code_says_background(what, when, published, sentence)
        or toll_of_an_earlier_event(sentence.quote, word.start() if word else 0),
        mentions=[Mention(kind="report", evidence=sentence)],
        from_figure=True,
    )
    named: list[tuple[str | None, Role]] = [(event.perpetrator, "agent"), (casualty.claimed_by, "source")]
    for name, role in named:
        span = locate(name, sentence)
        if span is not None:
            found.add_actor(Actor(name=span.quote, role=role, evidence=span))
    return found


def _add_parties(record: Found, casualty: Casualty) -> None:
    """The people a figure counts are affected by its event and its claimant is a source, each
    only where the figure's sentence writes the name ("at least 35 workers ..., according to the
    medical center")."""
    parties: list[tuple[str | None, Role]] = [(casualty.group, "affected"), (casualty.claimed_by, "source")]
    for name, role in parties:
        span = locate(name, casualty.evidence)
        if span is not None:
            record.add_actor(Actor(name=span.quote, role=role, evidence=span))


def attach_figures(
    records: list[Found], events: list[Event], taxonomy: Taxonomy, published: str | None
) -> list[Found]:
    """Each verified figure once, on the record it belongs to; a figure restated in a later
    sentence becomes a `restatement` mention, not a second figure; a figure no record reports
    joins one the merge rule proves the same, else gets a record of its own. Records come back
    in reading order."""
    out = list(records)
    for event in events:
        for casualty in event.casualties:
            earlier = _restated(event, casualty, out)
            if earlier is not None:
                earlier.mention(casualty.evidence, "restatement")
                continue
            home = _home(event, casualty, out, taxonomy) or _updated(casualty, out)
            if home is None:
                own = _from_figure(event, casualty, taxonomy, published)
                # A record of its own only when no event is proved the same by the merge rule.
                home = next((r for r in out if same_event(r, own, taxonomy)), None)
                if home is None:
                    own.casualties.append(casualty)
                    _add_parties(own, casualty)
                    out.append(own)
                    continue
            home.add_figure(casualty)
            _add_parties(home, casualty)
            if home.where is None and event.location != "unspecified":
                home.where = ground_where(event.location, casualty.evidence, [])
            if home.when is None and event.date_text:
                home.when = ground_when(event.date_text, casualty.evidence, published, [])
    return sorted(out, key=lambda r: r.first.start)
