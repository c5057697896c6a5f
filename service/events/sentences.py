"""Pick the sentences worth an event call: the lead sentences, then sentences with an event verb."""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.event_types import Taxonomy
from service.text import Span

LEAD_SENTENCES = 2
# Every pick is one model call (a few seconds on a laptop CPU): the lead and the first event
# sentences carry the news; a long article's later event sentences mostly restate it.
MAX_SENTENCES = 8
_MIN_WORDS = 5

# Stems of verbs and nouns that report something happening or being done (written for this
# module). A stem matches at the start of a word: "sentenc" finds "sentenced" and "sentencing".
_STEMS = (
    # harm and security
    "kill", "died", "dies", "dead", "injur", "wound", "hurt", "attack", "bomb", "explo", "blast",
    "airstrik", "air strik", "twister", "tornado", "hurrican", "cyclon", "typhoon", "landslid",
    "shot", "shoot", "gunfire", "shell", "struck", "strike", "raid", "ambush", "crash", "collid",
    "derail", "capsiz", "sank", "sunk", "collaps", "erupt", "flood", "quake", "storm", "blaze",
    "burn", "fire", "drown", "rescu", "evacuat", "freed", "releas", "kidnap", "abduct", "stabb",
    "outbreak", "infect", "deploy", "seiz", "captur", "invad", "fought", "fight", "clash",
    # justice
    "arrest", "detain", "charg", "sentenc", "convict", "acquit", "jail", "ruled", "ruling",
    "verdict", "sued", "lawsuit", "indict", "plead", "pleaded", "fined", "appeal", "trial",
    # politics and diplomacy
    "elect", "vote", "voted", "won", "wins", "defeat", "resign", "appoint", "nominat", "sworn",
    "signed", "agreed", "agreement", "approv", "passed", "reject", "veto", "bann", "ordered",
    "announc", "declar", "launch", "unveil", "propos", "impos", "sanction", "visit", "met",
    "talks", "summit", "ceasefire", "protest", "march", "rallied", "rally", "demonstrat", "riot",
    # economy, science, sport, culture
    "acquir", "merg", "bought", "sold", "closed", "closing", "shut", "opened", "cut", "raised",
    "layoff", "laid off", "hired", "recall", "invest", "discover", "found", "publish", "study",
    "scored", "beat", "premiere", "award",
)  # fmt: skip
# A sentence that is a quotation from start to end is a reaction, not a report of what happened.
_QUOTATION = re.compile(r'^["“‘\']')
# The sentence names its subject only by a pronoun or a definite back-reference: the model then
# sees the sentence before, to name who that is.
_REFERS_BACK = re.compile(
    r"^(?:he|she|they|it|his|her|their|its|the (?:company|court|judge|group|government|ministry|"
    r"agency|party|team|club|firm|council|police|army|officials?|authorities))\b",
    re.IGNORECASE,
)


# Words that count the dead and hurt rather than tell what happened.
CASUALTY_STEM = re.compile(
    r"^(?:kill|die|died|dies|dead|death|toll|injur|wound|hurt|hospitali|casualt|lives|life|bodies)",
    re.IGNORECASE,
)


def only_toll_words(text: str, taxonomy: Taxonomy) -> bool:
    """The text has casualty words and no event word that is not one ("three children have
    died", "the toll rose to 20"; not "a bomb killed three")."""
    triggers = trigger_pattern(taxonomy)
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return any(CASUALTY_STEM.match(w) for w in words) and all(
        CASUALTY_STEM.match(w) for w in words if triggers.match(w)
    )


@dataclass(frozen=True)
class Pick:
    """A sentence to read for events, the sentence before it when it refers back, and whether it is
    one of the lead sentences (the article's news)."""

    sentence: Span
    context: Span | None
    lead: bool


def trigger_pattern(taxonomy: Taxonomy) -> re.Pattern[str]:
    """The event words: the stems above and the taxonomy's cue words and phrases."""
    cues = {cue.lower() for t in taxonomy.types for cue in t.cues}
    alternatives = sorted({*_STEMS, *cues}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alternatives) + r")", re.IGNORECASE)


def pick_sentences(body: list[Span], taxonomy: Taxonomy) -> list[Pick]:
    """The lead sentences, then the sentences with an event word, in reading order, at most
    MAX_SENTENCES; quotations and very short lines are skipped after the lead."""
    triggers = trigger_pattern(taxonomy)
    picks: list[Pick] = []
    for i, span in enumerate(body):
        if len(picks) >= MAX_SENTENCES:
            break
        lead = i < LEAD_SENTENCES
        if not lead and (
            len(span.text.split()) < _MIN_WORDS
            or _QUOTATION.match(span.text)
            or not triggers.search(span.text)
        ):
            continue
        context = body[i - 1] if i > 0 and _REFERS_BACK.match(span.text) else None
        picks.append(Pick(span, context, lead))
    return picks


def names_an_act(text: str, taxonomy: Taxonomy) -> bool:
    """The text has an event word that does not count casualties ("crashed", "exploded")."""
    triggers = trigger_pattern(taxonomy)
    return any(triggers.match(w) and not CASUALTY_STEM.match(w) for w in re.findall(r"[A-Za-z][\w'-]*", text))
