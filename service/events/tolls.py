"""A casualty figure is the toll of an event, not an event: its own record joins the event it counts."""

from __future__ import annotations

from service.event_types import OTHER, Taxonomy
from service.events.found import Found, replaces
from service.events.merge import absorb, content_stems, places_agree, times_agree, written_in
from service.events.sentences import CASUALTY_STEM, only_toll_words

# Families of the events that kill or hurt people: a toll's home is one of these when code
# cannot tie it to a sentence or a place.
_HARM_FAMILIES = ("security", "harm", "health")


def toll_only(record: Found, taxonomy: Taxonomy) -> bool:
    """The record states a toll and no act: built from a figure, or a predicate whose every event
    word is a casualty word."""
    return record.from_figure or only_toll_words(record.what.text, taxonomy)


def can_count(record: Found, toll: Found, taxonomy: Taxonomy) -> bool:
    """`record` is an event a toll can count: of a family that harms people, or of a type that
    may be the toll's own ("killed 17" beside "was sentenced" counts the crime, not the trial);
    an event of no known type counts only a toll of no known type."""
    family = taxonomy.get(record.event_type).family
    if record.event_type == OTHER:
        # "other" pairs with any type in the eval; as a toll's home it would take every toll of
        # the article ("Most students slept in their beds" holding the attack's dead).
        return toll.event_type == OTHER
    return family in _HARM_FAMILIES or taxonomy.compatible(record.event_type, toll.event_type)


def _home(toll: Found, records: list[Found], taxonomy: Taxonomy) -> Found | None:
    """The event a toll counts: one reporting the toll's own sentence or holding the figure it
    updates; else, for news, one whose time does not disagree and whose place does not either
    (one at the toll's place first) or whose sentences write what the toll names besides the
    dead; else the first whose place and time do not disagree (a toll without a place of its
    own continues the news); background tolls only where a
    place or time ties them. Only events that can count a toll qualify (`can_count`), and a toll
    whose sentence reports an event that cannot ("jailed for a crash that killed two") belongs
    to the event that sentence tells of, which no record holds: it keeps its own."""
    others = [r for r in records if r is not toll and not toll_only(r, taxonomy)]
    same_sentence = [r for r in others if any(r.reports(m.evidence) for m in toll.mentions)]
    acts = [r for r in others if r.background == toll.background and can_count(r, toll, taxonomy)]
    # A figure of change points back at the count it replaces, whatever day its sentence gives.
    updated = [r for r in acts if any(replaces(c, e) for c in toll.casualties for e in r.casualties)]
    if updated:
        return updated[0]
    if same_sentence:
        return next((r for r in same_sentence if r in acts), None)
    timed = [r for r in acts if times_agree(r.when, toll.when)]
    # What the toll names besides the dead ("killed at a dairy factory"): written in an event's
    # sentences ("airstrikes hit a factory that makes dairy products"), it ties the two.
    named = {w for w in content_stems(toll.what.text) if not w.isdigit() and not CASUALTY_STEM.match(w)}
    retold = [r for r in timed if written_in(named, r)]
    agreeing = [r for r in timed if places_agree(r.where, toll.where)]
    if toll.background:
        tied = [
            r
            for r in agreeing
            if (r.where is not None and toll.where is not None)
            or (r.when is not None and toll.when is not None)
        ]
        return tied[0] if tied else None
    placed = [r for r in agreeing if r.where is not None and toll.where is not None]
    return next(iter(placed + retold + agreeing), None)


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
