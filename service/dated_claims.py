"""A date in a summary sentence goes with the event the article gives it.

A small model joins one sentence's date to another sentence's event: "he was hired in 2008" where
the article says he was hired last year and shows him with someone else in 2008. Where the article
writes the claim's time expression, one of the sentences that write it must also name the claim's
dated event (the verb or noun the time modifies, by stem: "hired", "the hiring"). A time the
article never writes is the number and date check's job, not this one's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from service.sequence import event_key
from service.timex import time_expressions

# The words that open a time phrase; the rest ("2008", "last year") is what the article must write.
_OPENERS = frozenset(
    (
        "on", "in", "at", "since", "by", "during", "from", "until", "before", "after", "around", "about",
        "early", "late", "earlier", "later", "just", "the",
    )
)  # fmt: skip
# Nouns of time are what a time phrase is made of, not the event it dates.
_TIME_NOUNS = frozenset(
    (
        "day", "days", "week", "weeks", "month", "months", "year", "years", "morning", "afternoon",
        "evening", "night", "weekend", "hour", "hours",
    )
)  # fmt: skip
_MAX_HOPS = 3
# Time words that date nothing in particular ("Now, scientists have found").
_NO_DATE = frozenset(("now", "recently"))
# News writes one death or injury with many words ("were killed", "died", "the deaths"): one event.
_SAME_EVENT = {
    "kill": "die", "death": "die", "dead": "die", "perish": "die", "slain": "die", "slay": "die",
    "wound": "injur", "hurt": "injur",
}  # fmt: skip


def _core(phrase: str) -> str:
    """The time phrase without its opening words ("in 2008" -> "2008", "on the weekend" -> "weekend")."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in _OPENERS:
        words = words[1:]
    return " ".join(words)


def _dated(span: Span) -> Token | None:
    """The verb or noun the time phrase modifies: "hired ... in 2008" -> "hired"."""
    token = span.root
    for _ in range(_MAX_HOPS):
        head = token.head
        if head.i == token.i:
            return None
        if head.pos_ == "VERB" or (head.pos_ == "NOUN" and head.lemma_.lower() not in _TIME_NOUNS):
            return head
        token = head
    return None


def _key(token: Token) -> str | None:
    key = event_key(token)
    return _SAME_EVENT.get(key, key) if key is not None else None


def _writes(sentence: Doc, core: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(core)}(?!\w)", sentence.text, re.IGNORECASE) is not None


def misdated(claim: Doc, article: Sequence[Doc], best: Doc | None = None) -> list[str]:
    """Times the claim gives an event that the article writes only beside other events; a time
    the claim's `best` supporting sentence writes is its own (a paraphrase: "began" for "got under
    way")."""
    problems = []
    for match in time_expressions(claim.text):
        core = _core(match.group(0).rstrip(".,;"))
        if core.lower() in _NO_DATE:
            continue
        holders = [s for s in article if _writes(s, core)]
        if best is not None and _writes(best, core):
            continue
        span = claim.char_span(match.start(), match.end(), alignment_mode="expand")
        event = _dated(span) if holders and span is not None and len(span) else None
        key = _key(event) if event is not None else None
        if key is None:
            continue
        if any(key == _key(t) for s in holders for t in s):
            continue
        problems.append(
            f"dates {event.text!r} {match.group(0)!r}; the article writes {core!r} only of other events"  # type: ignore[union-attr]
        )
    return problems
