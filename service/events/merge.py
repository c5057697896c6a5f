"""One event per real-world occurrence: mentions of the same event, proved by code, become one record."""

from __future__ import annotations

import re

from service.event_record import When, Where
from service.event_types import OTHER, Taxonomy
from service.events.fields import FUNCTION_WORDS
from service.events.found import Found
from service.events.locate import locate
from service.events.sentences import names_an_act, only_toll_words

_ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _norm(text: str) -> str:
    return _ARTICLES.sub("", " ".join(text.lower().split())).strip(" ,.")


def overlaps(a: str, b: str) -> bool:
    """One phrase contains the other, case, spacing and a leading article aside."""
    x, y = _norm(a), _norm(b)
    return bool(x) and bool(y) and (x in y or y in x)


def same_family(taxonomy: Taxonomy, a: str, b: str) -> bool:
    """Two types of one taxonomy family; "other" joins any type, but only with a stronger tie."""
    return a == b or taxonomy.get(a).family == taxonomy.get(b).family


def content_stems(text: str) -> set[str]:
    """The first five letters of each content word (function words left out), and numbers."""
    return {w[:5] for w in re.findall(r"[a-z][a-z'-]+|\d+", text.lower()) if w not in FUNCTION_WORDS}


def written_in(words: set[str], record: Found) -> bool:
    """At least two of `words`, and at least half of them, are written in the record's sentences."""
    written = set().union(*(content_stems(m.evidence.quote) for m in record.mentions))
    return len(words & written) >= 2 and 2 * len(words & written) >= len(words)


def _shared_predicate(a: Found, b: Found) -> bool:
    """The shorter predicate shares at least half of its content words with the other."""
    x, y = content_stems(a.what.text), content_stems(b.what.text)
    short = min(x, y, key=len)
    return bool(short) and 2 * len(x & y) >= len(short)


def _shared_actor(a: Found, b: Found) -> bool:
    """A party named in both, whatever its role ("elected Kessly", "Kessly took 54 percent"); a
    source tells of many events, so it does not count."""
    return any(
        "source" not in (x.role, y.role) and overlaps(x.name, y.name) for x in a.actors for y in b.actors
    )


def _retold(a: Found, b: Found) -> bool:
    """One event's predicate is retold in a sentence of the other: at least two of its content
    words, and at least half of them, are written there ("is cutting his own salary" and, a
    sentence later, "pays for it by cutting his salary")."""
    return written_in(content_stems(a.what.text), b) or written_in(content_stems(b.what.text), a)


def same_event(a: Found, b: Found, taxonomy: Taxonomy) -> bool:
    """Code's proof that two mentions report one event: types of one family ("other" only with a
    shared predicate; near types of other families, news only, when one's act is retold in the
    other's sentence), the same background flag, no place or time that disagrees, and for news
    nothing more; for background, the same place or time, or the same type and a shared actor or
    predicate."""
    if a.background != b.background:
        return False
    if OTHER in (a.event_type, b.event_type) and a.event_type != b.event_type:
        return _shared_predicate(a, b) and _no_conflict(a, b)
    if not _no_conflict(a, b):
        return False
    if not same_family(taxonomy, a.event_type, b.event_type):
        # Types listed as near (a court order and a political decision) are one news event only
        # when one's act is retold in the other's sentence.
        return not a.background and taxonomy.compatible(a.event_type, b.event_type) and _retold(a, b)
    place = a.where is not None and b.where is not None and overlaps(a.where.place, b.where.place)
    time = a.when is not None and b.when is not None and overlaps(a.when.date_text, b.when.date_text)
    if place or time or not a.background:
        # Two news mentions of one family whose places and times do not disagree are, in one
        # article, one event told twice or in parts (a result announced after the vote it counts;
        # the rescue and the closed airport of a crash landing).
        return True
    # Background events are often several of a kind (earlier attacks): they need a tie of their own.
    return a.event_type == b.event_type and (_shared_actor(a, b) or _shared_predicate(a, b))


def _generic(place: str) -> bool:
    """A common noun, not a name ("the runway", "a nearby town"): it does not tell events apart."""
    return not any(word[:1].isupper() for word in place.split()[1:] or place.split())


# A place given as a bearing from a landmark ("south-west of Leeds", "40 km from the border")
# names a reference point, not where the event was: it contradicts no place.
_REFERENCE_POINT = re.compile(r"^(?:of|from)\s", re.IGNORECASE)
_BEARING = re.compile(
    r"^(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west) of|of|from)$"
)
# Words that name a day, a month or a year. A time without one ("this afternoon", "just before
# 4pm", "around 8:30 p.m.") is a time of day: it cannot contradict a day-level time.
_DAY = re.compile(
    r"\b(?:today|yesterday|tomorrow|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week|weekend|month|year|"
    r"(?:19|20)\d\d|\d{1,2}(?:st|nd|rd|th)?\s+of\b)",
    re.IGNORECASE,
)


def places_agree(a: Where | None, b: Where | None) -> bool:
    """No place of one contradicts the other's: either is missing, one holds the other, or one is
    a common noun ("the runway") or a reference point ("north of X")."""
    if a is None or b is None or overlaps(a.place, b.place):
        return True
    return any(
        _generic(w.place) or _BEARING.match(w.relation or "") or _REFERENCE_POINT.match(w.place)
        for w in (a, b)
    )


def times_agree(a: When | None, b: When | None) -> bool:
    """No time of one contradicts the other's: either is missing, one holds the other, both are
    the same anchored day, or one is only a time of day."""
    if a is None or b is None or overlaps(a.date_text, b.date_text):
        return True
    if a.date is not None and b.date is not None:
        return a.date == b.date
    return not (_DAY.search(a.date_text) and _DAY.search(b.date_text))


def _places_written(a: Found, b: Found) -> bool:
    """A sentence of `b` writes `a`'s place ("crash landed at Hiroshima Airport" in a record placed
    in "Japan"): the text ties the two places, whatever their names."""
    return a.where is not None and any(locate(a.where.place, m.evidence) is not None for m in b.mentions)


def _no_conflict(a: Found, b: Found) -> bool:
    """No place and no time of one contradicts the other's (a generic place contradicts none, nor
    one the other's sentences write)."""
    places = places_agree(a.where, b.where) or _places_written(a, b) or _places_written(b, a)
    return places and times_agree(a.when, b.when)


def absorb(into: Found, other: Found) -> None:
    """Merge `other`'s mention into `into`: fields `into` lacks are filled, actors added once."""
    into.when = into.when or other.when
    into.where = into.where or other.where
    for actor in other.actors:
        into.add_actor(actor)
    for mention in other.mentions:
        into.mention(mention.evidence)


def merge_mentions(found: list[Found], taxonomy: Taxonomy) -> list[Found]:
    """Events in reading order, each later mention folded into the first event it proves the same."""
    merged: list[Found] = []
    for event in found:
        target = next((m for m in merged if same_event(m, event, taxonomy)), None)
        if target is None:
            merged.append(event)
            continue
        if only_toll_words(target.what.text, taxonomy) and names_an_act(event.what.text, taxonomy):
            # A toll told first ("three children have died") is not what happened: the act is.
            target.what, target.event_type = event.what, event.event_type
        absorb(target, event)
    return merged
