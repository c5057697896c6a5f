"""Ages in a summary sentence belong to the person the article gives them to.

A small model merges people: "A, 39, and B, 52" becomes "A and B, both 39". Every age is a number
the article states, so the number check passes; only the pairing of a name and an age is false.
Ages are read as news writes them: "Name, 39,", "Name, aged 39", "a 39-year-old ... Name", and
"A and B, both 39".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

_AGE = r"(\d{1,3})"
# "Smith, 39," / "Smith, aged 39" / "Smith, 39 years old"; not "Smith, 39 years ago" or a share.
_AFTER = re.compile(
    rf"^,\s*(?:who\s+(?:is|was)\s+)?(?:aged\s+)?{_AGE}(?:\s+years?\s+old|\s*-year-old)?(?=\s*(?:,|\.|;|\)|and\b|$))"
)
_BOTH = re.compile(
    rf"^,?\s*(?:who\s+(?:are|were)\s+)?both\s+(?:aged\s+)?{_AGE}(?:\s+years?\s+old)?(?=\s*(?:,|\.|;|\)|and\b|$))"
)
_BEFORE = re.compile(rf"\b{_AGE}-year-old\s+(?:[\w'-]+,?\s+){{0,3}}$")
_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")


_PARTICLES = frozenset(("de", "van", "von", "da", "di", "del", "der", "al", "bin", "le", "la"))


def _key(person: Span) -> str:
    """A person as the family name they are called by later ("Jacob M. Austin" -> "austin")."""
    return re.sub(r"['’]s$", "", person[-1].text).lower()


def _people(doc: Doc) -> list[Span]:
    """Runs of proper nouns ("Jacob M. Austin", "Jan de Vries"): the small parser's entity labels
    miss too many names to rely on, and an age after a place name is rare."""
    runs: list[Span] = []
    start: int | None = None
    for token in doc:
        inside = token.pos_ == "PROPN" or (
            start is not None
            and token.lower_ in _PARTICLES
            and token.i + 1 < len(doc)
            and doc[token.i + 1].pos_ == "PROPN"
        )
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            runs.append(doc[start : token.i])
            start = None
    if start is not None:
        runs.append(doc[start:])
    return runs


def _chain(people: list[Span], last: int, text: str) -> list[Span]:
    """The people joined by "and" or commas that end with `people[last]` ("A, B and C")."""
    chain = [people[last]]
    for i in range(last - 1, -1, -1):
        if not _JOIN.match(text[people[i].end_char : chain[0].start_char]):
            break
        chain.insert(0, people[i])
    return chain


def ages(doc: Doc) -> list[tuple[str, int]]:
    """(family name, age) for every age the text gives a named person."""
    text = doc.text
    people = _people(doc)
    found: list[tuple[str, int]] = []
    for i, person in enumerate(people):
        tail = text[person.end_char :]
        if (after := _AFTER.match(tail)) is not None:
            found.append((_key(person), int(after.group(1))))
        elif (both := _BOTH.match(tail)) is not None:
            found += [(_key(p), int(both.group(1))) for p in _chain(people, i, text)]
        if (before := _BEFORE.search(text[: person.start_char])) is not None:
            found.append((_key(person), int(before.group(1))))
    return found


def wrong_ages(claim: Doc, article: Iterable[Doc]) -> list[str]:
    """Problems with the ages the claim gives people: a person the article gives another age."""
    stated: dict[str, set[int]] = {}
    for doc in article:
        for name, age in ages(doc):
            stated.setdefault(name, set()).add(age)
    # A person the article gives no age is left alone, even when the number is someone else's age:
    # the reading of names is loose ("a 2-year-old dog from Des Moines named Tank").
    return [
        f"gives {name.title()} the age {age}; the article says {sorted(stated[name])}"
        for name, age in ages(claim)
        if stated.get(name) and age not in stated[name]
    ]
