"""Deaths that came after the event (in hospital, of injuries, days later), as the text writes them.

Two things follow from such a death: the dead are among the hurt the text counted first ("four
were hurt, two of whom later died" is four people, not six), and the event's place and time are
not the death's ("pulled from the canal in X on Sunday ... died in hospital").
"""

from __future__ import annotations

import re

from service.evidence import Casualty
from service.numbers import NumberMention, find_numbers

_HOSPITAL_PLACE = r"(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}hospital"
LATER_DEATH = re.compile(
    r"\b(?:later|subsequently|since|eventually)\s+(?:died|passed away)\b|\b(?:died|passed away)\s+(?:later|"
    r"(?:a\s+few\s+|several\s+|two\s+|three\s+)?(?:days?|weeks?|hours?)\s+(?:later|after)|"
    r"the\s+(?:next|following)\s+(?:day|morning|night|week)|"
    rf"(?:in|at)\s+{_HOSPITAL_PLACE}|on\s+the\s+way\s+to\s+{_HOSPITAL_PLACE}|"
    r"after\s+being\s+(?:taken|rushed|flown|airlifted|transported)\s+to|"
    r"(?:of|from)\s+(?:his\s+|her\s+|their\s+|its\s+)?(?:injuries|wounds|burns))|"
    rf"\bpronounced\s+dead\s+(?:at|in)\s+{_HOSPITAL_PLACE}|\bsuccumbed\b",
    re.IGNORECASE,
)
_OF_THEM = re.compile(r"\s+(?:of|among)\s+(?:them|whom|those|these)\b", re.IGNORECASE)
# A sentence that goes on about the same person or people: a pronoun, or "the" and the same noun.
_PRONOUN = re.compile(r"^\s*[\"'‘“]?(?:he|she|they|both|both\s+of\s+them)\b", re.IGNORECASE)
_DEFINITE = re.compile(r"^\s*(?:the|that|this|these|those)\s+((?:[\w-]+\s+){0,2}[\w-]+)", re.IGNORECASE)
_SINGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman"}


def died_later(text: str) -> bool:
    """`text` says someone died after the event ("later died in hospital", "died of her injuries")."""
    return LATER_DEATH.search(text) is not None


def dead_among(quote: str, hurt: NumberMention, dead: NumberMention) -> bool:
    """The dead number counts some of the hurt one written before it: "two of them died", "taken
    to hospital, where one later died"."""
    if dead.start <= hurt.start:
        return False
    later = LATER_DEATH.match(quote, dead.end) or LATER_DEATH.match(quote, dead.end + 1)
    return bool(_OF_THEM.match(quote, dead.end) or later)


def hurt_before(quote: str, killed: int, hurt: int) -> bool:
    """The quote writes `hurt` people hurt and then `killed` of them dead."""
    mentions = find_numbers(quote)
    first = next((m for m in mentions if m.value == hurt), None)
    if first is None:
        return False
    return any(m.value == killed and dead_among(quote, first, m) for m in mentions if m.start > first.start)


def hurt_in_all(c: Casualty) -> int | None:
    """How many the quote says were hurt when the record's dead are among them ("four were hurt,
    two of whom later died"): the record counts the dead and the surviving hurt (2 and 2), the
    quote the hurt in all (4); None for a record of dead and hurt who are different people."""
    if c.killed is None or c.injured is None:
        return None
    total = c.killed + c.injured
    return total if hurt_before(c.evidence.quote, c.killed, total) else None


def _nouns(group: str | None) -> set[str]:
    """The noun a later sentence may use for the people a figure counts ("children" or "child")."""
    if not group:
        return set()
    last = group.lower().split()[-1]
    return {last, _SINGULAR.get(last, last[:-1] if last.endswith("s") and not last.endswith("ss") else last)}


def told_dying_later(following: str, group: str | None) -> bool:
    """The sentence right after a figure's says those it counts died later: it opens on a pronoun
    or on "the" and the figure's own noun ("The boy died in hospital on Monday"), and says so
    explicitly ("later died", "died of his injuries")."""
    if not following or not died_later(following):
        return False
    if _PRONOUN.match(following):
        return True
    opening = _DEFINITE.match(following)
    # "The boy", "The two walkers", "That injured man": the figure's own noun within three words
    words = re.findall(r"[\w-]+", opening.group(1).lower()) if opening else []
    return bool(_nouns(group) & set(words))
