"""Phrases a model gives as a figure's place that do not say where it happened.

Two general shapes: an end of a journey ("killed on their way home from a fair in Tarsa": the fair
was in Tarsa, the deaths were not; "rockets fired from Varna"; "a bus taking pilgrims to Ostrel"),
and a target ("fired at the Ostrel Front": the group shot at, not a place).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from service.syntax import parser

# Where a movement starts or ends. "into" is left out: "crashed into a river in Tarsa" is in Tarsa.
_JOURNEY_PREPS = frozenset(("from", "to", "towards", "toward"))
# "pulled from the rubble in Tarsa", "rescued from a river": where they were, so where it happened.
_TAKEN_OUT = frozenset(("pull", "rescue", "recover", "retrieve", "free", "dig", "drag", "evacuate", "escape"))
_MAX_HOPS = 6
# Heads of "to" and "from" that make no movement: a source ("according to the hospital in X"), a
# nearness or a distance ("next to", "across the street from", "two miles from": places.py keeps
# those as the place's relation).
_NOT_MOVING = frozenset(
    (
        "according", "due", "owing", "thanks", "next", "close", "near", "prior", "adjacent", "opposite",
        "similar", "compared", "relative", "addition", "across", "away", "far", "apart", "street",
        "mile", "km", "kilometre", "kilometer", "metre", "meter", "block", "yard", "foot", "feet",
        "door", "minute", "hour", "distance",
    )
)  # fmt: skip
# Verbs of aiming: what follows "at" is a target ("fired at the Ostrel Front", "threw stones at
# police"), which is not where anyone was killed or hurt.
_AIM_VERBS = frozenset(
    ("fire", "shoot", "aim", "throw", "hurl", "point", "lob", "launch", "open", "fling", "toss", "swing")
)


def _span(sentence: str, start: int, end: int) -> Span | None:
    span = parser().parse(sentence).char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def still(prep: Token) -> bool:
    """A "to" or "from" that makes no movement: "according to", "next to", "a mile from" (the word
    is its head or, as the parse often has it, one of the three words before it)."""
    near = [prep.head, *prep.doc[max(0, prep.i - 3) : prep.i]]
    return any(t.lemma_.lower() in _NOT_MOVING or t.lower_ in _NOT_MOVING for t in near)


def _journey_prep(token: Token) -> Token | None:
    """The "from"/"to" on the way up from a place to the first verb above it, if there is one."""
    for _ in range(_MAX_HOPS):
        head = token.head
        if head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return None
        if token.dep_ == "pobj" and head.lower_ in _JOURNEY_PREPS:
            return None if still(head) else head
        token = head
    return None


def _written_after_journey(span: Span) -> Token | None:
    """The "from"/"to" a few words before the place with no verb or comma between ("from a fair
    in Tarsa"), for when the parse hangs the place on the verb instead."""
    doc = span.doc
    for i in range(span.start - 1, max(-1, span.start - 8), -1):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or token.text in (",", ";", "(", ":"):
            return None
        if token.lower_ in _JOURNEY_PREPS and i < span.start - 2 and not still(token):
            between = doc[i + 1 : span.start]
            return token if between[-1].lower_ in ("in", "at", "near") else None
    return None


def journey_end(sentence: str, start: int, end: int) -> bool:
    """The place at [start, end) is where a movement began or ended, reached through "from" or
    "to" before any verb ("on the way home from a fair in Tarsa", "flown to Tarsa", "people from
    a village near Tarsa"), except a place people were taken out of ("pulled from the rubble in
    Tarsa")."""
    span = _span(sentence, start, end)
    if span is None:
        return False
    prep = _journey_prep(span.root) or _written_after_journey(span)
    if prep is None:
        return False
    return not (prep.lower_ == "from" and prep.head.lemma_.lower() in _TAKEN_OUT)


def aimed_at(sentence: str, start: int, end: int) -> bool:
    """The words at [start, end) follow "at" after a verb of aiming, directly or through its
    object ("fired at the Ostrel Front", "fires a gun at the Front", "opened fire at protesters"):
    a target, not the place of the deaths."""
    span = _span(sentence, start, end)
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ != "at":
        return False
    head = span.root.head.head
    if head.lemma_.lower() in _AIM_VERBS:
        return True
    return head.dep_ == "dobj" and head.head.lemma_.lower() in _AIM_VERBS
