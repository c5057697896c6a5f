"""An event placed where it was told or tried, or where a journey began or ended: not the scene.

"She admitted at the county court to attacking him at his flat" or "speaking in the capital, the
minister said ..." name places where the news was heard, not where it happened; "killed on their
way home from a fair in Tarsa" and "rockets fired at Ostrel" name where a journey began and what
was aimed at (service/not_here.py). A summary sentence that puts its event there ("the attack
happened at the county court", "two were killed in Tarsa") moves the event. For each place a
summary sentence attaches to a verb or noun of its own (in/at/on + a place name), the article's
mentions of that place are read from the parse: when every one hangs from a verb or noun of
telling, trial or proceedings, or ends a journey, or is a target, the sentence is wrong. A place
the article attaches to any other word, or does not name, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from service.not_here import aimed_at, journey_end

_PLACE_PREPS = frozenset(("in", "at", "on", "inside", "outside"))
_PLACE_ENTITIES = frozenset(("GPE", "LOC", "FAC"))
# Verbs of telling, trial and proceedings (lemmas): the place says where it was said or heard.
_TELLING = frozenset(
    (
        "say", "tell", "hear", "plead", "appear", "sentence", "testify", "announce", "report", "speak",
        "charge", "jail", "convict", "acquit", "remand", "try", "admit", "deny", "address", "brief",
        "confirm", "state", "explain", "add", "reveal", "claim", "describe", "insist", "argue", "warn",
        "write", "post", "tweet", "comment", "declare", "publish", "broadcast", "interview", "order",
        "rule", "fine", "imprison", "indict", "prosecute", "question", "cross-examine", "hold",
    )
)  # fmt: skip
# Nouns of proceedings and telling: "a hearing in Leeds", "a court in the capital heard".
_PROCEEDINGS = frozenset(
    (
        "court", "hearing", "trial", "tribunal", "inquest", "inquiry", "conference", "briefing",
        "interview", "statement", "speech", "session", "summit", "meeting", "appearance", "sentencing",
        "testimony", "evidence", "jury", "judge", "magistrate", "case", "news", "rally", "address",
    )
)  # fmt: skip
# Nouns that name an event a summary may place ("the attack in X"); other nouns ("homes in X")
# say where things are, not where something happened.
_EVENT_NOUNS = frozenset(
    (
        "attack", "shooting", "stabbing", "bombing", "blast", "explosion", "crash", "collision",
        "accident", "fire", "blaze", "incident", "killing", "murder", "assault", "raid", "strike",
        "riot", "clash", "fight", "brawl", "robbery", "theft", "burglary", "kidnapping", "abduction",
        "rape", "death", "deaths", "attempt", "ambush", "massacre", "siege", "derailment", "sinking",
    )
)  # fmt: skip
# Heads of a summary's place phrase that say when or how, not where ("in October", "on Monday").
_NOT_PLACES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"))


# Heads of a place name that make it a court ("Leeds Crown Court", "the Old Bailey").
_COURTS = frozenset(("court", "courts", "bailey", "tribunal", "courthouse"))


def _phrase_head(token: Token) -> Token:
    """Up from a name word to the head of its name ("Leeds" -> "Court" in "Leeds Crown Court")."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


def _attachment(place: Token) -> Token | None:
    """The verb or noun a place phrase hangs from through its preposition ("attacked ... in X")."""
    head = _phrase_head(place)
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in _PLACE_PREPS:
        return head.head.head
    return None


def _telling(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return lemma in _TELLING
    return lemma in _PROCEEDINGS


def _under_telling(token: Token) -> bool:
    """A verb of telling or trial governs `token`, not across a reported clause ("a gunman fired
    outside X Court, police said" is where the gunman fired)."""
    while token.head.i != token.i and token.dep_ not in ("ccomp", "parataxis"):
        token = token.head
        if token.pos_ == "VERB" and _telling(token):
            return True
    return False


def _told_only(place: Token) -> bool:
    """This article mention says where something was told, heard or tried, not where it happened:
    it hangs from a verb or noun of telling ("pleaded guilty at X", "a court in X heard"), or it is
    the court that heard it ("X Crown Court heard"). A court's name hung by the parse on a word of
    the charge ("pleaded guilty to assault occasioning harm at X Court") still belongs to the plea."""
    head = _phrase_head(place)
    if head.dep_ in ("nsubj", "nsubjpass") and _telling(head.head):
        return True
    owner = _attachment(place)
    if owner is None:
        return False  # "X's weather bureau said": a name, not where anything was said
    if _telling(owner):
        return True
    if head.lower_ in _COURTS and _under_telling(owner):
        return True
    # "the court in X heard": a noun subject of a verb of telling
    return owner.pos_ in ("NOUN", "PROPN") and owner.dep_ == "nsubj" and _telling(owner.head)


def _places(claim: Doc) -> Iterator[tuple[Span, Token]]:
    """Place names in the claim with the word they attach to through in/at/on."""
    for ent in claim.ents:
        if ent.label_ in _NOT_PLACES:
            continue
        root = ent.root
        if ent.label_ not in _PLACE_ENTITIES and root.pos_ != "PROPN":
            continue
        owner = _attachment(root)
        if owner is not None:
            yield ent, owner
    seen = {t.i for ent in claim.ents for t in ent}
    for token in claim:
        if token.pos_ == "PROPN" and token.i not in seen and token.dep_ == "pobj":
            owner = _attachment(token)
            if owner is not None:
                start = min(t.i for t in token.subtree if t.pos_ == "PROPN")
                yield claim[start : token.i + 1], owner


def _mentions(place: str, article: list[Doc]) -> Iterator[Span]:
    """Each article mention of the place name (exact words, case kept)."""
    pattern = re.compile(rf"(?<!\w){re.escape(place)}(?!\w)")
    for sentence in article:
        for match in pattern.finditer(sentence.text):
            span = sentence.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and len(span):
                yield span


def _not_the_scene(mention: Span) -> str | None:
    """Why this article mention does not say where anything happened, or None when it may."""
    if _told_only(mention.root):
        return "as where it was told or tried"
    sentence, start, end = mention.doc.text, mention.start_char, mention.end_char
    if journey_end(sentence, start, end):
        return "as where a journey began or ended"
    if aimed_at(sentence, start, end):
        return "as what was aimed at"
    return None


@dataclass(frozen=True)
class MovedEvent:
    """A summary's event placed where the article only says it was told or tried."""

    place: str
    word: str
    article: str
    why: str

    def __str__(self) -> str:
        return (
            f"places {self.word!r} in/at {self.place!r}; the article names {self.place!r} only "
            f"{self.why} ({self.article[:80]!r})"
        )


def moved_events(claim: Doc, article: list[Doc]) -> list[MovedEvent]:
    """Places the claim gives its event that the article gives only to telling or proceedings, to a
    journey's end or to a target."""
    found = []
    for place, owner in _places(claim):
        if _telling(owner) or not (owner.pos_ == "VERB" or owner.lemma_.lower() in _EVENT_NOUNS):
            continue
        if journey_end(claim.text, place.start_char, place.end_char) or aimed_at(
            claim.text, place.start_char, place.end_char
        ):
            continue  # the summary keeps the journey or the target ("driving home from X", "shot at X")
        text = place.text.removeprefix("the ").strip()
        reasons = [(_not_the_scene(m), m) for m in _mentions(text, article)]
        if reasons and all(why for why, _ in reasons):
            why, first = reasons[0]
            found.append(MovedEvent(text, owner.text, first.doc.text, str(why)))
    return found
