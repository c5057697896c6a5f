"""Tolls summed over a whole country, state or road network ("the national death toll over the
holiday stands at 10", "the state's road toll rose to 212"): the count of many events, not the
figure of the one the story is about, unless the toll names that event ("the national toll from
the storm").

The number is read from the parse: it is what a toll noun comes to ("the toll stands at 10", "a
toll of 10", "takes the toll to 10"), and that toll carries a modifier of scope.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from service.numbers import NumberMention
from service.syntax import number_token, parser

_TOLLS = frozenset(("toll", "tally", "total", "count"))
# Words that make a toll reach past one event: a whole territory, or the roads ("road toll" is
# every traffic death of a period).
_SCOPES = frozenset(
    (
        "national", "nationwide", "nation", "statewide", "state", "country", "countrywide",
        "provincial", "province", "regional", "region", "county", "road", "annual", "yearly",
    )
)  # fmt: skip
# Prepositions under which a toll names its event ("the national toll from the floods").
_OF_EVENT = frozenset(("from", "of", "in", "after"))
_MODIFIERS = ("amod", "compound", "nmod", "poss")


def _toll_of(number: Token) -> Token | None:
    """The toll noun the number is the value of: "a toll of 10", "the toll stands at 10", "took
    the toll to 10", "the toll is 10"."""
    if number.dep_ == "nummod" and number.head.pos_ == "NOUN":
        number = number.head  # "a toll of 400 deaths"
    head = number.head
    if number.dep_ == "pobj":
        owner = head.head
        if owner.lemma_.lower() in _TOLLS:
            return owner  # "a toll of 10"
        if owner.pos_ in ("VERB", "AUX"):
            for child in owner.children:
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.lemma_.lower() in _TOLLS:
                    return child  # "the toll stands at 10", "took the toll to 10"
    if number.dep_ in ("attr", "acomp", "dobj") and head.pos_ in ("VERB", "AUX"):
        return next(
            (c for c in head.children if c.dep_ == "nsubj" and c.lemma_.lower() in _TOLLS), None
        )  # "the toll is 10"
    return None


def _scoped(toll: Token, number: Token) -> bool:
    """The toll carries a word of scope among its modifiers ("the national Easter death toll",
    "the state's road toll") and names no event of its own (the "of" that gives its value, "a
    toll of 400 deaths", names none)."""
    modifiers = [t for c in toll.children if c.dep_ in _MODIFIERS for t in c.subtree]
    wide = any(t.lower_ in _SCOPES and t.pos_ != "PROPN" for t in modifiers)
    named = any(c.dep_ == "prep" and c.lower_ in _OF_EVENT and number not in c.subtree for c in toll.children)
    return wide and not named


def wide_toll(doc: Doc, start: int, end: int) -> bool:
    """The number at [start, end) of the parsed text is the value of a toll summed over a territory
    or the roads."""
    number = number_token(doc, start, end)
    toll = _toll_of(number) if number is not None else None
    return toll is not None and number is not None and _scoped(toll, number)


def counts_many_events(sentence: str, mention: NumberMention) -> bool:
    """`mention` in `sentence` is a toll summed over many events (see the module doc)."""
    return wide_toll(parser().parse(sentence), mention.start, mention.end)
