"""Readings that report no occurrence: a negated act ("hadn't risen"), a habit, a state told once."""

from __future__ import annotations

import re

from service.events.details import states_act
from service.events.found import Found
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


def _copula_only(text: str) -> bool:
    """The phrase's only finite verb is "be" with no participle ("teams are on alert"): a state."""
    tokens = list(parser().parse(text))
    finite = [t for t in tokens if t.tag_ in ("VBD", "VBZ", "VBP") and t.dep_ not in ("aux", "auxpass")]
    return bool(finite) and all(t.lemma_ == "be" for t in finite) and not any(t.tag_ == "VBN" for t in tokens)


def unanchored_state(record: Found) -> bool:
    """A news record that states no act ("directing the feature", "teams are on alert"), told in
    one sentence with no time, place or toll: a state or a detail, not an event."""
    quote = record.what.evidence.quote
    return (
        not record.background
        and not record.from_figure
        and len(record.mentions) == 1
        and record.when is None
        and record.where is None
        and not record.casualties
        and (not states_act(quote) or _copula_only(quote))
    )
