"""Predicates that report no occurrence: a negated act ("hadn't risen") or a habit ("repeatedly attack")."""

from __future__ import annotations

import re

from service.syntax import parser

# A negated verb that still reports something that happened: not surviving is dying.
_HAPPENED_ANYWAY = frozenset({"survive", "make", "recover", "return", "wake"})
# Words that turn a clause into a habit or a pattern told as context ("have repeatedly carried
# out attacks", "often floods"), which the event labels leave out: no time, no single occurrence.
_HABIT = re.compile(
    r"\b(?:repeatedly|regularly|routinely|frequently|often|usually|typically|habitually|"
    r"time and again|time after time|every (?:year|month|week|day|summer|winter)|each year)\b",
    re.IGNORECASE,
)


def negated(predicate: str) -> bool:
    """The predicate's own verb is negated: it says something did not happen ("hadn't risen", "did
    not reply"); a denied verdict ("pleaded not guilty") negates an adjective, and "warned them not
    to eat it" a verb below the act."""
    for token in parser().parse(predicate):
        head = token.head
        if (
            token.dep_ == "neg"
            and head.dep_ == "ROOT"
            and head.pos_ == "VERB"
            and head.lemma_.lower() not in _HAPPENED_ANYWAY
        ):
            return True
    return False


# Where the clause that leads up to a predicate begins.
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:although|though|while|whereas|but|after|before|when|since)\b", re.I)


def habitual(sentence: str, start: int, end: int) -> bool:
    """The words from the start of the clause to the end of the predicate (`start`-`end` in
    `sentence`) tell a habit or a pattern, not one occurrence."""
    opening = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    return bool(_HABIT.search(sentence[opening:end]))


def why_no_event(predicate: str, sentence: str, start: int, end: int) -> str | None:
    """Why a predicate written at `start`-`end` of `sentence` reports no occurrence, or None."""
    if negated(predicate):
        return "it is negated"
    if habitual(sentence, start, end):
        return "its clause tells a habit, not one occurrence"
    return None
