"""Bounds turned round: a summary may not bound a number the other way from the article.

"No fewer than 300" rewritten as "fewer than 300", "nearly 50" as "more than 50", "up to 20" as "at
least 20": the number is the article's, so the number checks pass, but the sentence says the
opposite. A strict bound ("more than 300", "nearly 300") also contradicts a plain 300 the article
gives. A summary bound is kept when any article mention of the same value allows it: bounded the
same way, hedged ("about"), or plain under an inclusive bound ("at least 300", "up to 300").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from service.ground import hedge_at
from service.numbers import find_numbers

Direction = Literal["at least", "at most"]

# Bounds that leave the number itself out: "more than 300" is not 300.
_STRICT = frozenset(
    (
        *("more than", "over", "upwards of", "in excess of"),
        *("fewer than", "less than", "nearly", "almost", "close to"),
    )
)
# Below this a plain number often counts one of several groups ("one man was arrested ... two
# women were held"), so "more than one" may be their sum; a strict bound is checked against a
# plain number only from here up.
_PLAIN_FROM = 10

# Which way each hedge of ground.HEDGES bounds its number; hedges of size ("about", "some", "an
# estimated") bound it neither way and are left out.
_DIRECTIONS: dict[str, Direction] = {
    "no fewer than": "at least",
    "no less than": "at least",
    "not fewer than": "at least",
    "not less than": "at least",
    "at least": "at least",
    "more than": "at least",
    "over": "at least",
    "upwards of": "at least",
    "in excess of": "at least",
    "no more than": "at most",
    "not more than": "at most",
    "at most": "at most",
    "up to": "at most",
    "as many as": "at most",
    "fewer than": "at most",
    "less than": "at most",
    "nearly": "at most",
    "almost": "at most",
    "close to": "at most",
}


@dataclass(frozen=True)
class ReversedBound:
    """One number the summary bounds one way and the article only the other."""

    said: str
    written: str

    def __str__(self) -> str:
        return f"says {self.said!r}, but the article only has {self.written!r}"


def _bounds(text: str) -> Iterable[tuple[float, str | None, str]]:
    """(value, hedge or None, hedge and number as written) for every number of `text`."""
    for mention in find_numbers(text):
        hedge = hedge_at(text, mention)
        yield mention.value, hedge, f"{hedge} {mention.text}" if hedge else mention.text


def _allows(article_hedge: str | None, direction: Direction, strict: bool) -> bool:
    """Whether an article mention hedged `article_hedge` allows a summary bound `direction`."""
    if article_hedge is None:
        return not strict
    written = _DIRECTIONS.get(article_hedge)
    return written is None or written == direction


def reversed_bounds(sentence: str, article_sentences: Iterable[str]) -> list[ReversedBound]:
    """The numbers `sentence` bounds the other way from every mention of them in the article."""
    article = [b for text in article_sentences for b in _bounds(text)]
    found: list[ReversedBound] = []
    for value, hedge, said in _bounds(sentence):
        direction = _DIRECTIONS.get(hedge or "")
        if direction is None:
            continue
        same = [(h, written) for v, h, written in article if v == value]
        strict = hedge in _STRICT and value >= _PLAIN_FROM
        if same and not any(_allows(h, direction, strict) for h, _ in same):
            found.append(ReversedBound(said, same[0][1]))
    return found
