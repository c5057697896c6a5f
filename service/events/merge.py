"""One event per real-world occurrence: mentions of the same event, proved by code, become one record."""

from __future__ import annotations

import re

from service.event_types import OTHER, Taxonomy
from service.events.fields import FUNCTION_WORDS
from service.events.found import Found

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


def _content(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z][a-z'-]+|\d+", text.lower()) if w not in FUNCTION_WORDS}


def _shared_predicate(a: Found, b: Found) -> bool:
    """The shorter predicate shares at least half of its content words with the other."""
    x, y = _content(a.what.text), _content(b.what.text)
    short = min(x, y, key=len)
    return bool(short) and 2 * len(x & y) >= len(short)


def _shared_actor(a: Found, b: Found) -> bool:
    """A party named in both, whatever its role ("elected Kessly", "Kessly took 54 percent"); a
    source tells of many events, so it does not count."""
    return any(
        "source" not in (x.role, y.role) and overlaps(x.name, y.name) for x in a.actors for y in b.actors
    )


def same_event(a: Found, b: Found, taxonomy: Taxonomy) -> bool:
    """Code's proof that two mentions report one event: types of one family ("other" only with a
    shared predicate), the same background flag, no place or time that disagrees, and for news
    nothing more; for background, the same place or time, or the same type and a shared actor or
    predicate."""
    if a.background != b.background:
        return False
    if OTHER in (a.event_type, b.event_type) and a.event_type != b.event_type:
        return _shared_predicate(a, b) and _no_conflict(a, b)
    if not same_family(taxonomy, a.event_type, b.event_type) or not _no_conflict(a, b):
        return False
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


def _no_conflict(a: Found, b: Found) -> bool:
    """No place and no time of one contradicts the other's (a generic place contradicts none)."""
    if (
        a.where is not None
        and b.where is not None
        and not overlaps(a.where.place, b.where.place)
        and not (_generic(a.where.place) or _generic(b.where.place))
    ):
        return False
    return a.when is None or b.when is None or overlaps(a.when.date_text, b.when.date_text)


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
        else:
            absorb(target, event)
    return merged
