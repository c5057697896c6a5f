"""Turn the model's drafts of one sentence into grounded events: every field located or dropped."""

from __future__ import annotations

import re

from service.event_record import Mention, Role
from service.event_types import Taxonomy
from service.events.background import code_says_background, own_clause, speaks_of_past
from service.events.fields import ground_actor, ground_what, ground_when, ground_where
from service.events.found import Found
from service.events.nonevents import why_no_event
from service.events.read import EventDraft
from service.schema import Evidence


def _cued(text: str, taxonomy: Taxonomy) -> set[str]:
    """The types whose cue words are written in `text`."""
    low = text.lower()
    return {
        t.name
        for t in taxonomy.types
        if any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", low) for cue in t.cues)
    }


def type_from_cues(proposed: str, what: str, taxonomy: Taxonomy, sentence: str = "") -> str:
    """The model's type, unless the predicate holds cue words of exactly one other type and none
    of its own ("pleaded not guilty" is a court event, whatever the crime behind it); when the
    predicate holds none, the same test on the predicate's clause of its sentence (`sentence`:
    "stole pole position" beside "championship leader" is sport, not court; "fined after a
    leak" keeps the fine, the leak being another clause)."""
    for text in (what, sentence):
        cued = _cued(text, taxonomy)
        if cued:
            return cued.pop() if len(cued) == 1 and proposed not in cued else proposed
    return proposed


def ground_draft(
    draft: EventDraft,
    sentence: Evidence,
    context: Evidence | None,
    published: str | None,
    *,
    main_news: bool,
    warnings: list[str],
    taxonomy: Taxonomy,
) -> Found | None:
    """One draft as a grounded event, or None when its predicate is not in the sentence or
    reports no occurrence (negated, a habit).

    Background: code decides where the event's own words or date say so; otherwise the model's
    flag, taken only when the sentence has words of the past somewhere (on dev the small model
    flagged tolls and details of the news itself) and never for the lead's main event
    (`main_news`), which is the article's news."""
    what = ground_what(draft.what, sentence, warnings)
    if what is None:
        return None
    a, b = what.evidence.start - sentence.start, what.evidence.end - sentence.start
    not_one = why_no_event(what.evidence.quote, sentence.quote, a, b)
    if not_one is not None:
        # A lead must yield an event, so a feature opening ("The sun hadn't risen") is read as one.
        warnings.append(f"event record: dropped event {what.text!r}: {not_one}")
        return None
    when = ground_when(draft.when, sentence, published, warnings)
    where = ground_where(draft.where, sentence, warnings)
    found = Found(
        event_type=type_from_cues(
            draft.type, what.text, taxonomy, own_clause(sentence.quote, what.evidence.start - sentence.start)
        ),
        what=what,
        when=when,
        where=where,
        actors=[],
        background=code_says_background(what, when, published, sentence)
        or (draft.background and not main_news and speaks_of_past(sentence.quote)),
        mentions=[Mention(kind="report", evidence=sentence)],
    )
    named: list[tuple[str, Role]] = [(n, "agent") for n in draft.agents]
    named += [(n, "affected") for n in draft.affected]
    named += [(draft.source, "source")] if draft.source else []
    for name, role in named:
        also_source = bool(draft.source) and name.strip().lower() == (draft.source or "").strip().lower()
        actor = ground_actor(name, role, sentence, context, warnings, also_source=also_source)
        if actor is not None and not (where is not None and actor.name.lower() == where.place.lower()):
            found.add_actor(actor)
    return found
