"""What a number in a sentence counts: people killed, people injured, or something else.

A casualty figure is a number that the casualty word is about ("38 people were killed", "killing
38", "a death toll of 38"), not any number that shares a sentence with one ("police detained 36
protesters after two were killed": 36 counts arrests). Read by code from the words next to the
number, within its clause, so the model's reading can be checked.
"""

from __future__ import annotations

import re

from service.dates import MONTHS
from service.numbers import NumberMention, find_numbers
from service.syntax import Role, parser

_KILLED = (
    r"kill\w*|dead|deaths?|die|died|dies|dying|lives|bodies|perish\w*|drown\w*|slain|murder\w*|"
    r"fatalit\w*|toll|executed|massacred|lost their lives"
)
_INJURED = (
    r"wound\w*|injur\w*|hurt|hospitali[sz]ed|maimed|treated|(?:to|in) (?:the |a )?hospital|"
    r"in (?:a )?(?:serious|critical|stable|grave) condition|"
    r"(?:medical|hospital) (?:help|attention|treatment|care)"
)
# Casualty words that do not say whether people died or were hurt ("50 casualties", "five shot").
_EITHER = r"casualt\w*|victims?|shot|shooting|stabbed|stabbing|struck"
# Words that make the number count something other than the killed or injured.
_OTHER = (
    r"arrest\w*|detain\w*|held|captured|jailed|imprisoned|charged|convicted|sentenced|indicted|"
    r"deport\w*|evacuat\w*|missing|unaccounted|rescued|saved|survived|survivors?|displaced|"
    r"homeless|fled|stranded|trapped|hostages?|kidnapp\w*|abduct\w*|infected|cases|sick|ill|"
    r"tested|vaccinated|quarantin\w*|protesters|gathered|attended|voted|votes|"
    r"employ\w*|jobs|lost their (?:jobs|homes)|without power|affected|examined|unhurt|uninjured|"
    r"escaped(?: injury| unhurt)?|aged|age of"
)
# A sentence without any of these states no casualty figure (a cheap filter before the parse).
CASUALTY_WORDS = re.compile(rf"\b(?:{_KILLED}|{_INJURED}|{_EITHER})\b", re.IGNORECASE)
# Units right after a number make it a measure, not a head count ("30 years", "16%").
_UNIT = re.compile(
    r"^\s*(?:-|–)?\s*(?:years?[- ]old|months?[- ]old|weeks?[- ]old|days?[- ]old|year|years|"
    r"percent|per cent|%|miles?|km|kilomet\w*|feet|foot|ft|metres?|meters?|yards?|inch\w*|cm|mm|kg|lbs?|"
    r"hours?|"
    r"minutes?|seconds?|days?|weeks?|months?|decades?|centur\w*|dollars?|pounds?|euros?|"
    r"tons?|tonnes?|acres?|degrees?|mph|kph|points?|goals?|runs?|votes?|seats?|times)\b|^\s*%",
    re.IGNORECASE,
)
_WORDS = re.compile(
    rf"(?P<killed>\b(?:{_KILLED})\b)|(?P<injured>\b(?:{_INJURED})\b)|(?P<either>\b(?:{_EITHER})\b)"
    rf"|(?P<other>\b(?:{_OTHER})\b)",
    re.IGNORECASE,
)
# "were not hurt", "no one was killed": the casualty word is denied.
_NEGATION = re.compile(
    r"(?:\b(?:not|never)|n't)(?:\s+(?:been|be|was|were|is|are|seriously|badly|critically|reported|"
    r"believed|thought|to|immediately|yet))*\s*$|\b(?:no one|nobody|none)\b(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
# Where a clause ends (sentences are already split, so a dot is an abbreviation, not a break).
_CLAUSE_BREAK = re.compile(
    r"[;:!?()\[\]]|\s[-–—]\s|,\s*(?:and|but|while|as|after|before|when|where)\b|"
    r"\b(?:and|but|while|whereas|after|before|when|since|as|because|although|though|where)\b",
    re.IGNORECASE,
)
_PARTITIVE_AFTER = re.compile(
    r"^\s+(?:of|out of)\s+(?:the|its|their|these|those|them|all)?\s*", re.IGNORECASE
)
_PARTITIVE_BEFORE = re.compile(r"\b(?:of|out of)\s+(?:the|its|their|these|those|all)?\s*$", re.IGNORECASE)
# A number right after one of these is what the preposition is about ("were in two cars").
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|into|on|from|by|within|across|near|inside|aboard|onboard)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_AMONG = re.compile(r"\b(?:among|including)\s+(?:them|those|whom)\s*$", re.IGNORECASE)
_AFTER_WORDS = 12
# A hospital visit to be checked is no injury: "taken to hospital as a precaution", "for assessment".
_PRECAUTION = re.compile(
    r"\b(?:as a precaution(?:ary measure)?|precautionary|to be (?:checked|assessed|examined)|checked over|"
    r"for (?:further |routine |medical |precautionary )?(?:assessment|checks?|check-ups?|observation|"
    r"evaluation|examinations?|tests))\b",
    re.IGNORECASE,
)
_HURT_WORD = re.compile(r"\b(?:injur\w*|wound\w*|hurt|burns?|treated)\b", re.IGNORECASE)
# Month names except "may", which is mostly the verb ("two more may die").
_MONTHS = "|".join(sorted((m for m in MONTHS if m != "may"), key=len, reverse=True))
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
# "at least", "more than": hedges between a verb and its number (repeated hedges happen).
_HEDGE_TAIL = re.compile(
    r"(?:\b(?:at least|at most|more than|less than|fewer than|over|about|around|nearly|almost|some|"
    r"up to|as many as|an estimated|estimated|roughly|approximately|another|a further|further)\s*)+$",
    re.IGNORECASE,
)


def _roles_in(window: str) -> list[Role]:
    """Casualty and count words of `window` in order, a denied casualty word counting as other."""
    found: list[Role] = []
    for match in _WORDS.finditer(window):
        role = match.lastgroup
        if role in ("killed", "injured", "either") and _NEGATION.search(window[: match.start()]):
            role = "other"
        found.append(role)  # type: ignore[arg-type]
    return found


def _first_role(window: str) -> Role | None:
    """The role of the first casualty or count word in `window` ("shot dead" says killed)."""
    found = _roles_in(window)
    if found[:1] == ["either"] and len(found) > 1 and found[1] in ("killed", "injured"):
        return found[1]
    return found[0] if found else None


def _last_role(window: str) -> Role | None:
    """The role of the last casualty or count word in `window` (the one nearest the number)."""
    found = _roles_in(window)
    return found[-1] if found else None


def _clause_after(sentence: str, start: int) -> str:
    """The words after a number up to the end of its clause or the next number (at most 12 words)."""
    tail = sentence[start:]
    nxt = next((m for m in find_numbers(tail) if m.start > 0), None)
    if nxt is not None:
        tail = tail[: nxt.start]
    cut = _CLAUSE_BREAK.search(tail)
    if cut is not None:
        tail = tail[: cut.start()]
    return " ".join(tail.split()[:_AFTER_WORDS])


def _clause_before(sentence: str, end: int) -> str:
    """The words before a number back to the start of its clause or the previous number."""
    head = sentence[:end]
    previous = [m for m in find_numbers(head) if m.end <= end]
    if previous:
        head = head[previous[-1].end :]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    # "killing 12 and injuring 30": the casualty word after "and" still speaks about 30.
    return head[breaks[-1].end() :] if breaks else head


def _is_year(mention: NumberMention) -> bool:
    return mention.text.isdigit() and len(mention.text) == 4 and 1900 <= mention.value <= 2100


def figure_role(
    sentence: str, mention: NumberMention, mentions: list[NumberMention] | None = None
) -> Role | None:
    """What `mention` counts in `sentence`: killed, injured, either, other, or None (no word says).

    The dependency parse decides when a casualty or count word governs the number; the word
    window reading below decides the rest (bench/roles_check.py measures both)."""
    if _UNIT.match(sentence[mention.end :]):
        return "other"  # a measure, whatever the parse hangs it on ("plunged 140 ft to her death")
    role = parser().role(sentence, mention.start, mention.end)
    if role is None:
        role = window_role(sentence, mention, mentions)
    if role == "injured" and _checked_not_hurt(sentence[mention.end :]):
        return "other"
    return role


def _checked_not_hurt(tail: str) -> bool:
    """The people the number counts went to hospital to be checked, or some were checked and
    some hurt ("with minor injuries or for assessment"): not a count of the injured."""
    check = _PRECAUTION.search(tail)
    if check is None:
        return False
    hurt = _HURT_WORD.search(tail, 0, check.start())
    return hurt is None or re.search(r"\bor\b", tail[hurt.end() : check.start()]) is not None


def window_role(
    sentence: str, mention: NumberMention, mentions: list[NumberMention] | None = None
) -> Role | None:
    """What `mention` counts by the words next to it, within its clause (no parse)."""
    mentions = mentions if mentions is not None else find_numbers(sentence)
    before_text = sentence[: mention.start]
    earlier = [m for m in mentions if m.end <= mention.start]
    if earlier and _PARTITIVE_BEFORE.search(before_text[earlier[-1].end :]):
        # "one of the two climbers": two is the whole group, not a count of casualties.
        return "other"
    after_text = sentence[mention.end :]
    if _is_year(mention) or _UNIT.match(after_text):
        return "other"  # a year or a measure ("30 years", "16%", "a 23-year-old")
    if _MONTH_BEFORE.search(before_text) or _MONTH_AFTER.match(after_text):
        return "other"  # a day of the month ("March 3", "3 March")
    before = _clause_before(sentence, mention.start)
    adjacent = _HEDGE_TAIL.sub("", before).rstrip()
    end = mention.end
    partitive = _PARTITIVE_AFTER.match(after_text)
    if partitive is not None:
        rest = sentence[end + partitive.end() :]
        whole = next((m for m in find_numbers(rest) if m.start == 0), None)
        if whole is None:
            # "four of the dead": the part counts what the whole is.
            role = _first_role(" ".join(rest.split()[:2]))
            if role in ("killed", "injured"):
                return role
        end = end + partitive.end() + (whole.end if whole else 0)
    if _PREPOSITION_BEFORE.search(adjacent + " "):
        return "other"  # "the women who were killed were in two cars"
    verb = _WORDS.search(adjacent[-24:]) if adjacent else None
    if verb is not None and verb.end() >= len(adjacent[-24:]) - 1 and verb.lastgroup != "either":
        # The number is the object of the verb right before it: "detained 36", "saved 20 lives".
        return _last_role(adjacent[-24:])
    role = _first_role(_clause_after(sentence, end))
    if role is not None:
        return role
    if _AMONG.search(before) and earlier:
        # "the toll rose to nine, among them three children": three counts what nine counts.
        return window_role(sentence, earlier[-1], mentions)
    return _last_role(before)
