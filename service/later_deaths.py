"""Deaths that came after the event (in hospital, of injuries, days later), as the text writes them.

Two things follow from such a death: the dead are among the hurt the text counted first ("four
were hurt, two of whom later died" is four people, not six), and the event's place and time are
not the death's ("pulled from the canal in X on Sunday ... died in hospital").
"""

from __future__ import annotations

import re

from service.evidence import Casualty
from service.numbers import NumberMention, find_numbers
from service.timex import first_time_expression

# "died in a hospital fire" died in the event, which hit a hospital: not a death in care.
_EVENT_AT = (
    r"(?![\w-]|\s+(?:fire|blaze|blast|explosion|attack|bombing|raid|strike|shooting|collapse|siege)s?\b)"
)
_HOSPITAL_PLACE = rf"(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){{0,3}}hospitals?{_EVENT_AT}"
# Where the hurt are cared for: a death there came after the event, wherever the event was.
_CARE_PLACE = (
    rf"(?:{_HOSPITAL_PLACE}|(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){{0,3}}(?:medical\s+cent(?:er|re)|"
    rf"clinic|infirmary|trauma\s+cent(?:er|re)|intensive\s+care(?:\s+unit)?|burns?\s+unit){_EVENT_AT}|hospice)"
)
# The ways English says someone died: "died", "passed away", "succumbed", "was pronounced dead",
# "lost her life" (a death verb alone does not say when: "died at the scene" is the event's).
_DEATH = (
    r"(?:died|dies|passed\s+away|succumbed|(?:pronounced|declared)\s+dead|"
    r"lost\s+(?:his|her|their)\s+(?:li(?:fe|ves)|(?:fights?|battles?)"
    r"(?:\s+for\s+(?:his\s+|her\s+|their\s+)?li(?:fe|ves))?))"
)
_CARED_FOR = r"(?:taken|rushed|flown|airlifted|transported|transferred|admitted|moved|brought|sent)"
_COUNT_OF = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|few|many)"
_SPAN_OF_TIME = r"(?:days?|weeks?|months?|hours?|minutes?|nights?)"
# A word between the death and its "later" ("pronounced dead from his injuries two hours later"),
# never across a comma or into another clause ("died at the scene, police later said").
_BETWEEN = r"(?:\s+(?!(?:and|but|while|as|scene|said|says|told|police|officials)\b)[\w'-]+){0,7}?"
_AFTERWARDS = (
    rf"{_BETWEEN}\s+(?:later|afterwards?|after(?:wards)?\s+that)\b"
    rf"|\s+(?:(?:less\s+than|more\s+than|about|some|nearly|just)\s+)?(?:{_COUNT_OF}\s+)?{_SPAN_OF_TIME}\s+"
    r"(?:later|after|afterwards?)\b"
    r"|\s+(?:on\s+)?the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night|week)"
    rf"|\s+(?:(?:in|at)\s+{_CARE_PLACE}|(?:on\s+the\s+way|en\s+route|on\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    rf"way)\s+to\b|after\s+(?:being\s+)?{_CARED_FOR}\b|"
    rf"after\s+(?:he|she|they|the\s+[\w-]+)\s+(?:was|were|had\s+been)\s+{_CARED_FOR}\b|"
    r"after\s+(?:arriving|reaching)\s+(?:at\s+)?|while\s+(?:being\s+)?(?:treated|receiving|undergoing)|"
    r"(?:of|from)\s+(?:his\s+|her\s+|their\s+|its\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:injuries|wounds|burns))"
)
LATER_DEATH = re.compile(
    rf"\b(?:later|subsequently|since|eventually|afterwards?|then)\s+(?:been\s+)?{_DEATH}"
    rf"|\b{_DEATH}(?:{_AFTERWARDS})|\bsuccumbed\b|\bdid\s+not\s+survive\s+(?:his|her|their)\s+injuries\b",
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


_DIED = re.compile(rf"\b{_DEATH}", re.IGNORECASE)


def _died_another_day(following: str, when: str | None) -> bool:
    """The sentence says they died on a day that is not the event's ("hurt on Friday ... He
    passed away on Monday"): a death that came after the event."""
    found = _DIED.search(following)
    if not when or found is None:
        return False
    day = first_time_expression(following[found.end() :])
    if day is None:
        return False
    strip = re.compile(r"^(?:on|in|at|early|late|last|this)\s+", re.IGNORECASE)
    theirs, event = strip.sub("", day).lower(), strip.sub("", when).lower()
    return theirs not in event and event not in theirs


def told_dying_later(following: str, group: str | None, when: str | None = None) -> bool:
    """The sentence right after a figure's says those it counts died later: it opens on a pronoun
    or on "the" and the figure's own noun ("The boy died in hospital on Monday"), and says so
    explicitly ("later died", "died of his injuries") or dates the death on another day than the
    event's time `when`."""
    if not following or not (died_later(following) or _died_another_day(following, when)):
        return False
    if _PRONOUN.match(following):
        return True
    opening = _DEFINITE.match(following)
    # "The boy", "The two walkers", "That injured man": the figure's own noun within three words
    words = re.findall(r"[\w-]+", opening.group(1).lower()) if opening else []
    return bool(_nouns(group) & set(words))
