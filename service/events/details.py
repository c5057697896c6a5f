"""A detail of an event told before is not an event: "claimed responsibility for the attack"."""

from __future__ import annotations

import re

from service.event_types import Taxonomy
from service.events.found import Found
from service.events.merge import absorb
from service.events.tolls import can_count, toll_only
from service.syntax import parser

# Nouns that name an event already told, with the families of events they can name. A predicate
# that points back at one with a definite word ("the attack", "this week's vote") tells a part
# of that event: who claimed it, who helped, how it went on.
_BACK_NOUNS: dict[str, tuple[str, ...]] = {
    "security": (
        "incident", "attack", "attacks", "assault", "bombing", "bombings", "blast", "explosion", "shooting",
        "strike", "strikes", "airstrike", "airstrikes", "raid", "ambush", "offensive", "fighting",
    ),
    "harm": (
        "incident", "crash", "collision", "accident", "fire", "blaze", "eruption", "earthquake", "quake",
        "flood", "flooding", "storm", "collapse", "explosion", "blast", "evacuation", "evacuations", "rescue",
        "search", "sinking", "derailment",
    ),
    "justice": ("incident", "killing", "murder", "crime"),
    "health": ("outbreak", "epidemic", "infections", "recall"),
    "politics": ("vote", "election", "protest", "protests", "rally", "march", "talks", "deal", "decision"),
    "economy": ("deal", "merger", "takeover", "closure", "recall", "sale", "cuts"),
}  # fmt: skip
_DEFINITE = r"(?:the|this|that|these|those|its|their|(?:\w+day|week|month|year)'s)"
# Events of their own even when they point back at another: an arrest or a trial over an
# attack, a protest against it, a government's answer to it are second events (docs/events-v2.md).
_OWN_EVENTS = ("arrest", "court", "election", "protest", "political_decision", "diplomacy")


def _pointed_families(what: str) -> set[str]:
    """The families of the events a predicate points back at with a definite noun."""
    families: set[str] = set()
    for family, nouns in _BACK_NOUNS.items():
        pattern = rf"\b{_DEFINITE}\s+(?:[\w-]+\s+)?(?:{'|'.join(nouns)})\b"
        if re.search(pattern, what, re.IGNORECASE):
            families.add(family)
    return families


_CLAUSE_START = re.compile(r"[,;:]\s*")


def _subject(record: Found) -> str:
    """The words of the predicate's clause before it ("The incident" of "The incident happened
    after a meeting"): a subject that names an event told before points back as well."""
    sentence = record.what.evidence
    for mention in record.mentions:
        if mention.evidence.start <= sentence.start and sentence.end <= mention.evidence.end:
            before = mention.evidence.quote[: sentence.start - mention.evidence.start]
            return _CLAUSE_START.split(before)[-1]
    return ""


def fold_details(records: list[Found], taxonomy: Taxonomy) -> list[Found]:
    """Records in reading order, each news record that points back at an event told before it
    ("assisting with the evacuations") folded into the nearest such event of a fitting family;
    arrests, trials, votes, protests, decisions and diplomacy stay events of their own."""
    out: list[Found] = []
    for record in sorted(records, key=lambda r: r.first.start):
        families = _pointed_families(record.what.text) | _pointed_families(_subject(record))
        home = None
        if families and not record.background and record.event_type not in _OWN_EVENTS:
            home = next(
                (
                    r
                    for r in reversed(out)
                    if not r.background and taxonomy.get(r.event_type).family in families
                ),
                None,
            )
        if home is None:
            out.append(record)
            continue
        for casualty in record.casualties:
            home.add_figure(casualty)
        absorb(home, record)
    return out


def states_act(text: str) -> bool:
    """The phrase has a finite verb of its own ("took pole", "was sentenced", "have died"); a noun
    phrase ("pole position") or an -ing form ("assisting with the evacuations", "is directing
    the film") tells a detail or a state, not an act."""
    for token in parser().parse(text):
        if token.dep_ in ("aux", "auxpass"):
            continue
        if token.tag_ in ("VBD", "VBZ", "VBP"):
            return True
        if token.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in token.children):
            return True
    return False


def _part_of(reading: Found, home: Found, taxonomy: Taxonomy) -> bool:
    """A reading without an act may be part of `home`: a type that may be the same event, or a
    toll of an event that can count it."""
    if taxonomy.compatible(reading.event_type, home.event_type):
        return True
    return toll_only(reading, taxonomy) and can_count(home, reading, taxonomy)


def one_act_per_sentence(found: list[Found], taxonomy: Taxonomy) -> list[Found]:
    """Events read from one sentence, with every reading that states no act folded into the
    first that does and may be the same event ("hit a dairy factory" takes "killing 35
    workers"), or into the first reading when none does; news and background, and readings
    grounded in the sentence before, are never folded together."""
    out: list[Found] = []
    for key in dict.fromkeys((f.background, f.first.start) for f in found):
        group = [f for f in found if (f.background, f.first.start) == key]
        acts = [f for f in group if states_act(f.what.evidence.quote)]
        first = (acts or group)[0]
        for event in group:
            home = next((a for a in [first, *acts] if a is not event and _part_of(event, a, taxonomy)), None)
            if event is first or event in acts or home is None:
                out.append(event)
            else:
                absorb(home, event)  # read from one sentence, before any figure is attached
    return sorted(out, key=lambda f: f.first.start)
