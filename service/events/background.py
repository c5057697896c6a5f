"""Is an event told as context (an attack years ago, a war's overall toll) rather than as the news?"""

from __future__ import annotations

import re
from datetime import date, timedelta

from service.dates import MONTH_ALT
from service.event_record import Predicate, When
from service.places import BACKGROUND, EVENT_STEMS
from service.schema import Evidence

# An event more than this before publication is history, not this news cycle.
NEWS_CYCLE = timedelta(days=14)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# BACKGROUND also matches how wide a toll reaches and names of whole conflicts; in an event's own
# predicate only its words of time count ("a nationwide strike", "the outbreak spread" are news).
_OF_TIME = re.compile(r"since|so far|ago|earlier|before|last|past|previous|\d{4}|total|overall|altogether")


# Where one clause ends and another begins; the event's own clause alone says when it happened
# ("fined on Monday after a leak in 2022": the leak is in 2022, not the fine).
_CONNECTIVE = re.compile(r"\b(?:after|before|while|whereas|when|as|since|because|but)\b|;", re.IGNORECASE)


def own_clause(sentence: str, position: int) -> str:
    """The clause of `sentence` that holds `position`, cut at every connective."""
    start, end = 0, len(sentence)
    for match in _CONNECTIVE.finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() > position:
            end = match.start()
            break
    return sentence[start:end]


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def speaks_of_past(text: str) -> bool:
    """The text has words that place something in the past or over a whole period."""
    return any(_OF_TIME.search(m.group(0)) for m in BACKGROUND.finditer(text))


def code_says_background(
    what: Predicate, when: When | None, published: str | None, sentence: Evidence | None = None
) -> bool:
    """True when code can tell: the event's own time or predicate speaks of the past or of a whole
    period ("in 2019", "two years ago", "since the start of the war"), or, when it has no time of
    its own, the clause of its `sentence` that states it does; or its date lies well before the
    article's publication date. False means code cannot tell (the model's flag decides)."""
    if speaks_of_past(what.evidence.quote) or (when is not None and speaks_of_past(when.date_text)):
        return True
    position = max(0, what.evidence.start - sentence.start) if sentence is not None else 0
    if when is None and sentence is not None and speaks_of_past(own_clause(sentence.quote, position)):
        return True
    anchor = _iso(published)
    if anchor is None or when is None:
        return False
    happened = _iso(when.date)
    if happened is not None:
        return anchor - happened > NEWS_CYCLE
    return any(int(year) < anchor.year for year in _YEAR.findall(when.date_text))


# An event noun and what names it just before ("a 2007 mass shooting", "a December raid", "their
# April 2019 attack"): an event named by its year or month is an earlier one.
_EVENT_NOUN = re.compile(rf"\b(?:{'|'.join(EVENT_STEMS)})\w*", re.IGNORECASE)
_NAMED_BY_DATE = re.compile(
    rf"\b(?:a|an|the|its|their)\s+(?:(?:{MONTH_ALT})\s+(?:(?:19|20)\d\d\s+)?|(?:19|20)\d\d\s+)"
    rf"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


def toll_of_an_earlier_event(sentence: str, position: int) -> bool:
    """The casualty word at `position` counts an event the sentence names by its year or month:
    the nearest event noun before it is dated so ("in a 2007 mass shooting in Baghdad that left
    17 people dead", "in a December raid on a quarry near the border that killed 36")."""
    nouns = list(_EVENT_NOUN.finditer(sentence, 0, position))
    return bool(nouns) and bool(_NAMED_BY_DATE.search(sentence[: nouns[-1].start()]))
