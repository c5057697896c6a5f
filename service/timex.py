"""Is a phrase a time expression? ("on Tuesday", "late last night", "since March 19"), not any phrase.

A small model asked for "when" sometimes returns whatever follows the place ("three days of
national mourning", "an overnight operation"); only a phrase made of time words is kept.
"""

from __future__ import annotations

import re

from service.dates import MONTH_ALT, MONTHS, WEEKDAYS

_MONTH = MONTH_ALT
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
# Short forms that are also words ("sun", "sat", "mar") or too short to be sure of.
_ABBREVIATIONS = frozenset(
    w for w in (*MONTHS, *WEEKDAYS) if len(w) <= 4 and w not in ("may", "june", "july")
)
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|a few)"
_PART = r"(?:morning|afternoon|evening|night|weekend|hours)"
_CORE = (
    rf"(?:(?:{_WEEKDAY})\.?(?:\s+{_PART})?(?:,?\s+(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTH})(?:\s+\d{{4}})?|(?:19|20)\d\d|the\s+(?:19|20)\d0s"
    # ("now" is the time of writing, the state things are in, never the day an event happened)
    rf"|today|yesterday|tonight|overnight|recently"
    rf"|(?:this|last|next|that|the\s+previous|the\s+following)\s+(?:week|month|year|weekend|"
    rf"{_PART}|{_WEEKDAY}|{_MONTH})"
    rf"|(?:earlier|later)\s+(?:this|that|last|in\s+the)\s+(?:week|month|year|day|{_PART})"
    # "two days ago" counts back from the day of writing; "two hours before", "three days later"
    # count from another event (the rescue, the crash) and say nothing of when without it
    rf"|{_COUNT}\s+(?:days?|weeks?|months?|years?|hours?|minutes?)\s+ago"
    # a time zone is written in capitals ("EST"): case-blind, "4pm on Sunday" would end at "on"
    rf"|\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+(?:local\s+time|(?-i:[A-Z]{{2,4}})))?"
    rf"|(?:the\s+)?(?:past|last|previous|following|next)\s+(?:{_COUNT}\s+)?"
    rf"(?:days?|weeks?|months?|years?|hours?|night|{_PART})"
    rf"|the\s+day\s+(?:before|after)|the\s+night|the\s+same\s+day"
    rf"|(?:the\s+)?(?:early|late)\s+hours|dawn|dusk|midnight|noon|the\s+weekend)"
)
_LEAD = r"(?:on|in|at|since|by|during|from|until|before|after|around|about|early|late|earlier|later|"
_LEAD += r"just|shortly\s+(?:before|after)|the)\s+"
# "at 4.30pm on Sunday", "on Sunday at dawn": a clock time and a day make one phrase
_PHRASE = rf"(?:{_LEAD})*(?:{_CORE})(?:\s+(?:{_PART}|local\s+time))?(?:\s+(?:on|at)\s+(?:{_CORE}))?"
_FULL = re.compile(rf"^(?:{_PHRASE})(?:\s*(?:,|and|or|to|-|–)\s*(?:{_PHRASE}))*$", re.IGNORECASE)
_OPENED = re.compile(r"^(?:on|in|at|since|during|until|early|late|earlier|later|last|this)\s", re.I)
_SEARCH = re.compile(rf"(?<!\w)(?:{_PHRASE})(?!\w)", re.IGNORECASE)


def _lowercase_month(text: str) -> bool:
    """A month name written in lower case is another word: "two more may die", "they march"."""
    return any(word in MONTHS and word.islower() for word in re.findall(r"[A-Za-z]+", text))


def is_time_expression(text: str) -> bool:
    """True when the whole phrase is a time expression ("on Tuesday", "late on Sunday night")."""
    return bool(_FULL.match(" ".join(text.strip(" ,.;").split()))) and not _lowercase_month(text)


def time_phrase(text: str | None) -> str | None:
    """`text` if it is a time expression, else the first time expression inside it, else None."""
    if not text or not text.strip():
        return None
    cleaned = " ".join(text.strip(" ,.;").split())
    if is_time_expression(cleaned):
        return cleaned
    # Inside a longer phrase, only a time expression opened by a preposition counts ("killed in
    # the north on Monday" -> "on Monday"); a bare time word in a noun phrase does not.
    for found in _SEARCH.finditer(cleaned):
        if _OPENED.match(found.group(0)) and not _lowercase_month(found.group(0)):
            return found.group(0)
    return None


def time_expressions(text: str) -> list[re.Match[str]]:
    """Every time expression written in `text`, with its preposition, where it is written."""
    return [m for m in _SEARCH.finditer(text) if not _lowercase_month(m.group(0))]


def first_time_expression(text: str | None) -> str | None:
    """The first time expression written in `text`, with its preposition ("on Friday", "Friday")."""
    for found in _SEARCH.finditer(text or ""):
        phrase = found.group(0)
        last = phrase.split()[-1].lower().rstrip(".")
        # "The sun", "Sat", "the 2007 shooting": an abbreviation or a year inside a noun phrase is
        # not the day the lead's event happened.
        if last in _ABBREVIATIONS or re.fullmatch(r"(?:19|20)\d\d|(?:19|20)\d0s", last):
            continue
        if is_time_expression(phrase):
            # "on Monday." at a sentence end: the dot ends the sentence ("Mon." keeps its own)
            return phrase.rstrip(".") if len(last) > 4 else phrase
    return None


# "after last Thursday", "before March 3", "until Monday": a date after a preposition of sequence
# names another moment (the day something else happened), not the moment itself. A clock time
# or a part of the day stays close enough to be the moment ("shortly after 3am", "before dawn").
# ("since March 19" opens the period a toll was counted over: a date of the toll, kept.)
_SEQUENCE = re.compile(
    r"\b(?:after|before|until|till|following|prior\s+to|ahead\s+of|in\s+the\s+wake\s+of)\s+$",
    re.IGNORECASE,
)
_CLOSE_MOMENT = re.compile(
    rf"^(?:the\s+)?(?:\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hours?\b)|midnight|noon|"
    rf"dawn|dusk|daybreak|sunrise|sunset|nightfall|dark|first\s+light|(?:early|late)\s+(?:morning|"
    rf"afternoon|evening)|{_PART})",
    re.IGNORECASE,
)
_SEQUENCE_PHRASE = re.compile(
    r"^(?:(?:shortly|just|soon|long|right)\s+)?(?:after|before|until|till|following|prior\s+to|ahead\s+of)\s+",
    re.IGNORECASE,
)


def names_another_moment(phrase: str, sentence: str = "") -> bool:
    """The date is written after a preposition of sequence ("after last Thursday", "before May 3"),
    in the phrase or in `sentence` before every place it is written: it says when something else
    happened, not when this did. A clock time or a part of the day is not another moment."""
    cleaned = " ".join(phrase.strip(" ,.;").split())
    opened = _SEQUENCE_PHRASE.match(cleaned)
    if opened:
        return not _CLOSE_MOMENT.match(cleaned[opened.end() :])
    if _CLOSE_MOMENT.match(cleaned):
        return False
    found = [m.start() for m in re.finditer(re.escape(cleaned), sentence, re.IGNORECASE)]
    return bool(found) and all(_SEQUENCE.search(sentence[max(0, at - 30) : at]) for at in found)
