"""Journeys turned round: a summary sentence that gives a place as where a journey began ("a flight
from Varna") when the article names it only as where it was going ("a Varna-bound flight", "flew
from Ostrel to Varna"), or the reverse.

A place's direction is read from the parse: "from X" on a word of travel, "left X", and "out of X"
make an origin; "X-bound", "bound for X", "to X" on a word of travel, "reached X" and "arrived in X"
make a destination. The sentence is wrong only when every mention of the place in the article has
a direction and each is the other one; a place the article also names any other way is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from service.not_here import still

Direction = Literal["origin", "destination"]

_PLACES = frozenset(("GPE", "LOC", "FAC"))
# Words whose "from" and "to" say where a journey starts and ends (lemmas).
_TRAVEL = frozenset(
    (
        "flight", "plane", "jet", "aircraft", "airliner", "train", "bus", "coach", "ferry", "ship",
        "boat", "vessel", "cruise", "journey", "trip", "voyage", "route", "service", "ride",
        "fly", "travel", "drive", "sail", "return", "come", "arrive", "depart", "leave", "head",
        "go", "move", "walk", "run", "march", "swim", "cross", "divert", "bind", "set", "take",
        "transfer", "deport", "evacuate", "migrate", "emigrate", "relocate", "commute",
    )
)  # fmt: skip
_LEAVE = frozenset(("leave", "depart", "flee", "exit", "quit"))
_REACH = frozenset(("reach", "enter"))
_ARRIVE = frozenset(("arrive", "land"))
_FOR = frozenset(("bind", "bound", "head", "leave", "depart", "sail", "set", "destine"))


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def direction(place: Token) -> Direction | None:
    """Whether the place whose root is `place` is where a journey began or where it was going."""
    head = place.head
    if place.dep_ in ("npadvmod", "compound") and head.lower_ == "bound":
        return "destination"  # "a Varna-bound flight"
    if place.dep_ == "dobj":
        return "origin" if _lemma(head) in _LEAVE else "destination" if _lemma(head) in _REACH else None
    if place.dep_ != "pobj" or still(head):
        return None
    word = head.head
    if head.lower_ == "from" and _lemma(word) in _TRAVEL:
        return "origin"
    if head.lower_ == "of" and word.lower_ == "out" and _lemma(word.head) in _TRAVEL:
        return "origin"
    if head.lower_ in ("to", "towards", "toward"):
        on_route = word.dep_ == "pobj" and word.head.lower_ == "from"  # "from Ostrel to Varna"
        return "destination" if on_route or _lemma(word) in _TRAVEL else None
    if head.lower_ == "for" and (_lemma(word) in _FOR or word.lower_ in _FOR):
        return "destination"
    if head.lower_ in ("in", "at") and _lemma(word) in _ARRIVE:
        return "destination"
    return None


@dataclass(frozen=True)
class TurnedJourney:
    """A place the summary gives one direction that the article gives only the other."""

    place: str
    said: Direction

    def __str__(self) -> str:
        other = "destination" if self.said == "origin" else "origin"
        return (
            f"it gives {self.place!r} as the journey's {self.said}; the article names it only as its {other}"
        )


def turned_journeys(claim: Doc, article: list[Doc]) -> list[TurnedJourney]:
    """Places of `claim` whose direction every mention in the article gives the other way."""
    found: list[TurnedJourney] = []
    for ent in claim.ents:
        said = direction(ent.root) if ent.label_ in _PLACES else None
        if said is None:
            continue
        name = ent.text.lower()
        there = [direction(e.root) for doc in article for e in doc.ents if e.text.lower() == name]
        if there and all(d is not None and d != said for d in there):
            found.append(TurnedJourney(ent.text, said))
    return found
