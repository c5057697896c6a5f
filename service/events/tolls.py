"""A casualty figure is the toll of an event, not an event: its own record joins the event it counts."""

from __future__ import annotations

import re

from service.event_types import Taxonomy
from service.events.found import Found, replaces
from service.events.merge import absorb, places_agree, times_agree
from service.events.sentences import trigger_pattern

_CASUALTY = re.compile(
    r"^(?:kill|die|died|dies|dead|death|toll|injur|wound|hurt|hospitali|casualt|lives|life|bodies)",
    re.IGNORECASE,
)
# Families of the events that kill or hurt people: a toll's home is one of these when code
# cannot tie it to a sentence or a place.
_HARM_FAMILIES = ("security", "harm", "health")


def toll_only(record: Found, taxonomy: Taxonomy) -> bool:
    """The record states a toll and no act: built from a figure, or a predicate whose every event
    word is a casualty word ("three children have died", "the toll rose to 20")."""
    if record.from_figure:
        return True
    triggers = trigger_pattern(taxonomy)
    words = re.findall(r"[A-Za-z][\w'-]*", record.what.text)
    events = [w for w in words if triggers.match(w)]
    tolls = [w for w in words if _CASUALTY.match(w)]
    return bool(tolls) and all(_CASUALTY.match(w) for w in events)


def _home(toll: Found, records: list[Found], taxonomy: Taxonomy) -> Found | None:
    """The event a toll counts: one reporting the toll's own sentence or holding the figure it
    updates; else, for news, one whose
    place and time do not disagree, at the toll's place first, then the first of a harm family
    (the news a toll without a place of its own continues); background tolls only at their
    place or time."""
    acts = [
        r for r in records if r is not toll and not toll_only(r, taxonomy) and r.background == toll.background
    ]
    same_sentence = [r for r in acts if any(r.reports(m.evidence) for m in toll.mentions)]
    # A figure of change points back at the count it replaces, whatever day its sentence gives.
    updated = [r for r in acts if any(replaces(c, e) for c in toll.casualties for e in r.casualties)]
    if same_sentence or updated:
        return (same_sentence + updated)[0]
    agreeing = [r for r in acts if places_agree(r.where, toll.where) and times_agree(r.when, toll.when)]
    if toll.background:
        tied = [
            r
            for r in agreeing
            if (r.where is not None and toll.where is not None)
            or (r.when is not None and toll.when is not None)
        ]
        return tied[0] if tied else None
    placed = [r for r in agreeing if r.where is not None and toll.where is not None]
    harm = [r for r in agreeing if taxonomy.get(r.event_type).family in _HARM_FAMILIES]
    return next(iter(placed + harm), None)


def fold_tolls(records: list[Found], taxonomy: Taxonomy) -> list[Found]:
    """Records in reading order, each toll-only record folded into the event it counts (its
    figures added once: a repeat is a restatement, a figure of change supersedes the old one);
    a toll code cannot tie to an event keeps its own record."""
    out = list(records)
    for toll in [r for r in records if toll_only(r, taxonomy)]:
        home = _home(toll, out, taxonomy)
        if home is None:
            continue
        for casualty in toll.casualties:
            home.add_figure(casualty)  # first, so that a repeated figure's sentence is a restatement
        absorb(home, toll)
        out.remove(toll)
    return sorted(out, key=lambda r: r.first.start)
