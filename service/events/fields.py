"""Ground each field the model proposed for an event in the words of its sentence, or drop it and say so."""

from __future__ import annotations

import re

from service.dates import MONTHS, WEEKDAYS, resolve_date
from service.event_record import Actor, Predicate, Role, When, Where
from service.events.locate import cut, find_all, locate, locate_name
from service.schema import Evidence
from service.syntax import parser
from service.timex import time_phrase

# A name that says nothing on its own: the model was asked for names as written.
_NOT_NAMES_TEXT = (
    "he she they it we i you him her them his its their someone anyone nobody none null unknown "
    "n/a the article said"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
# Longer is a description ("the families of the workers who lost their jobs at the old mill"),
# not a name.
_MAX_NAME = 60
# Words that credit someone for the account; without one, a proposed source is not the sentence's.
_CREDIT = re.compile(
    r"\b(said|says|say|told|tells|according|reported|reports|announced|announces|confirmed|stated|"
    r"statement|added|wrote|posted|claimed|estimated|testified|argued|insisted|warned|disclosed)\b",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^(?:,[^,]{0,60},)?\s+(?:has |have |had )?"
    r"(?:said|says|say|told|estimated|reported|announced|confirmed)\b",
    re.IGNORECASE,
)
_CREDITED_BY = re.compile(r"\b(?:according to|said|says|told|citing)\s+(?:the\s+)?$", re.IGNORECASE)
_RELATION = re.compile(
    r"\b(?P<rel>in|at|near|off|outside|inside|around|across|along|on the outskirts of|"
    r"(?:north|south)(?:-?(?:east|west))? of|east of|west of|close to|next to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where people went or came from is not where the event happened ("flown to Lindport").
_TOWARD = re.compile(r"\b(?:to|towards?|for|from|via|into|bound for)\s+(?:the\s+)?$", re.IGNORECASE)
_DAY_OR_MONTH = "|".join(sorted({w.capitalize() for w in (*WEEKDAYS, *MONTHS)}, key=len, reverse=True))
# A capitalized word right after the name makes it part of a longer name ("Lindport Gazette").
_LONGER_NAME = re.compile(rf"\s+(?!(?:{_DAY_OR_MONTH})\b)[A-Z][a-z]+")
_FUNCTION_TEXT = (
    "the a an of to in on at for and or but with by from its their his her that this these those "
    "was were is are be been has have had will would"
)
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
_TIME_OPENER = re.compile(r"\b(?:on|in|at|since|during|by|until|early|late|earlier|later)\s+$", re.I)
_WORDS = re.compile(r"[A-Za-z][\w'-]*|\d[\d,.]*")


def ground_what(proposed: str, sentence: Evidence, warnings: list[str]) -> Predicate | None:
    """The predicate copied from the sentence (its span is the phrase); else, when at least half
    of its content words are written there, the article's words from the first to the last of
    them (the model's wording only if that stretch is over 120 characters); else None, said."""
    text = " ".join(proposed.split()).strip(" ,.;")[:120].rstrip()
    if not text:
        warnings.append(f"event record: dropped an event with no predicate at {sentence.start}")
        return None
    exact = locate(text, sentence)
    if exact is not None:
        return Predicate(text=exact.quote[:120], evidence=exact)
    words = [w for w in _WORDS.findall(text) if w.lower() not in FUNCTION_WORDS]
    hits = [found for w in words if (found := _word_in(w, sentence)) is not None]
    if words and 2 * len(hits) >= len(words):
        span = cut(sentence, min(h.start for h in hits), max(h.end for h in hits))
        # The article's own words when they are short enough: a reworded predicate may add a claim.
        written = " ".join(span.quote.split())
        return Predicate(text=written if len(written) <= 120 else text, evidence=span)
    warnings.append(f"event record: dropped event {text!r}: its predicate is not written in its sentence")
    return None


def _word_in(word: str, sentence: Evidence) -> Evidence | None:
    """A word of the predicate written in the sentence, allowing another ending ("rule" for "ruled")."""
    stem = word if len(word) <= 4 or word[0].isdigit() else word[: max(4, len(word) - 2)]
    found = re.search(rf"(?<!\w){re.escape(stem)}\w*", sentence.quote, re.IGNORECASE)
    if found is None:
        return None
    return cut(sentence, sentence.start + found.start(), sentence.start + found.end())


def ground_when(
    proposed: str | None, sentence: Evidence, published: str | None, warnings: list[str]
) -> When | None:
    """A time expression written in the sentence, with its calendar date when the publication
    date anchors it; a phrase that is not a time expression or is not written there is dropped."""
    if not proposed or not proposed.strip():
        return None
    phrase = time_phrase(proposed)
    found = locate(phrase, sentence) if phrase else None
    if found is None:
        why = "is not a time expression" if phrase is None else "is not written in its sentence"
        warnings.append(f"event record: dropped when={proposed!r}: it {why}")
        return None
    opener = _TIME_OPENER.search(sentence.quote[: found.start - sentence.start])
    if opener is not None:
        # "Wednesday" is written "on Wednesday": the expression as written keeps its preposition.
        found = cut(sentence, sentence.start + opener.start(), found.end)
    return When(date_text=found.quote, date=resolve_date(found.quote, published), evidence=found)


def ground_where(proposed: str | None, sentence: Evidence, warnings: list[str]) -> Where | None:
    """The place as the sentence writes it, with the locative word before it ("near", "in") in its
    span and `relation`; never a destination or a name inside a longer name."""
    if not proposed or not proposed.strip():
        return None
    place = re.sub(r"^(?:in|at|near|off|outside|inside)\s+", "", proposed.strip(" ,."), flags=re.I)
    bare: Evidence | None = None
    for found in find_all(place, sentence):
        before = sentence.quote[: found.start - sentence.start]
        after = sentence.quote[found.end - sentence.start :]
        if _TOWARD.search(before) or _LONGER_NAME.match(after):
            continue
        relation = _RELATION.search(before)
        if relation is not None:
            span = cut(sentence, sentence.start + relation.start(), found.end)
            return Where(place=found.quote, relation=relation.group("rel").lower(), evidence=span)
        bare = bare or (found if _names_a_place(found, sentence) else None)
    if bare is not None:
        return Where(place=bare.quote, relation=None, evidence=bare)
    warnings.append(f"event record: dropped where={proposed!r}: not written in its sentence as a place")
    return None


def _names_a_place(found: Evidence, sentence: Evidence) -> bool:
    """A phrase with no locative word before it is a place only if the parse calls it one (a
    broadcaster or a company at the start of a sentence is not where it happened)."""
    doc = parser().parse(sentence.quote)
    a, b = found.start - sentence.start, found.end - sentence.start
    return any(
        ent.label_ in ("GPE", "LOC", "FAC") and ent.start_char < b and a < ent.end_char for ent in doc.ents
    )


def ground_actor(
    name: str,
    role: Role,
    sentence: Evidence,
    context: Evidence | None,
    warnings: list[str],
    *,
    also_source: bool = False,
) -> Actor | None:
    """An actor whose name is written in the sentence (or, for a pronoun resolved by the model, in
    the sentence before); a source only when the sentence credits someone. An agent or affected
    party the sentence credits for the account ("police said") is its source, unless the model
    named it as the source too (`also_source`: "the company said it would close a plant")."""
    clean = " ".join(name.split()).strip(" ,.;:")
    if clean.lower() in _NOT_NAMES or len(clean) < 2 or len(clean) > _MAX_NAME:
        return None
    if role == "source" and not _CREDIT.search(sentence.quote):
        warnings.append(f"event record: dropped source {clean!r}: the sentence credits no one")
        return None
    found = locate_name(clean, sentence) or (locate_name(clean, context) if context is not None else None)
    if found is None:
        warnings.append(f"event record: dropped {role} {clean!r}: not written in its sentence")
        return None
    if _in_dateline(found, sentence):
        return None  # "Seoul (CNN)": the outlet that files the story, not a party to it
    if role != "source" and not also_source and _credited(found, sentence):
        role = "source"  # "police said", "according to the ministry": who tells it, not who did it
    return Actor(name=found.quote, role=role, evidence=found)


def _in_dateline(found: Evidence, sentence: Evidence) -> bool:
    """The name is the outlet in parentheses of a dateline ("Lindport (Harbour News) --")."""
    a, b = found.start - sentence.start, found.end - sentence.start
    return sentence.quote[a - 1 : a] == "(" and sentence.quote[b : b + 1] == ")"


def _credited(found: Evidence, sentence: Evidence) -> bool:
    """The sentence credits this name for the account: "X said", "X estimated", "according to X"."""
    if not (sentence.start <= found.start and found.end <= sentence.end):
        return False
    before = sentence.quote[: found.start - sentence.start]
    after = sentence.quote[found.end - sentence.start :]
    return bool(_CREDITED_BY.search(before) or _CREDITS.match(after))
