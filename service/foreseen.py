"""Casualties a sentence only foresees: deaths or injuries it says could, will or are ordered to
happen ("a new superbug could kill 80,000", "13 defendants were ordered to be executed", "faces a
death sentence"), which no one has suffered, so they are no casualty figure.

The casualty word nearest the number is read from the parse; the verb that carries it (the word
itself, or the verb a casualty noun hangs from) is foretold when a modal, a condition or a word of
order, plan or threat governs it (service/modality.py). Reports and beliefs still count as said
("is believed to have died").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from service.modality import foretold
from service.numbers import NumberMention
from service.roles import CASUALTY_WORDS
from service.syntax import number_token, parser

# Nouns that make a death word name a penalty or a threat, not a death ("death sentence").
_NOT_A_DEATH = re.compile(r"^(sentences?|penalt\w*|row|threats?|warrants?|squads?|camps?|wish\w*)$", re.I)
# Verbs that pass a death on someone who has not died ("condemned to death", "sentenced to die").
_PENALTY = re.compile(r"^(sentenc\w*|condemn\w*|order\w*|doom\w*)$", re.I)
_VERBS = ("VERB", "AUX")


def _carrier(word: Token) -> Token:
    """The verb a casualty word speaks through: itself, or the verb its noun phrase hangs from."""
    token = word
    for _ in range(4):
        if token.pos_ in _VERBS or token.head.i == token.i:
            return token
        token = token.head
    return token


def _casualty_word(doc: Doc, number: Token) -> Token | None:
    """The casualty word the number goes with: one carried by the number's own verb ("two others
    could die"), else one under that verb ("13 were ordered to be executed"), else the nearest."""
    words = [t for t in doc if CASUALTY_WORDS.fullmatch(t.text)]
    verb = _carrier(number)
    own = [w for w in words if _carrier(w) == verb]
    below = [w for w in words if verb in _carrier(w).ancestors]
    return min(own or below or words, key=lambda t: abs(t.i - number.i), default=None)


def foreseen(sentence: str, mention: NumberMention) -> bool:
    """True when `sentence` gives the casualties `mention` counts as still to come (or a penalty):
    "could kill 80,000", "ordered to be executed", "face the death penalty"."""
    doc = parser().parse(sentence)
    number = number_token(doc, mention.start, mention.end)
    word = _casualty_word(doc, number) if number is not None else None
    if word is None:
        return False
    if word.pos_ == "NOUN" and (
        _NOT_A_DEATH.match(word.head.lower_) or any(_NOT_A_DEATH.match(c.lower_) for c in word.children)
    ):
        return True
    carrier = _carrier(word)
    if word.dep_ == "pobj" and word.head.lower_ == "to" and _PENALTY.match(carrier.lemma_):
        return True  # "condemned to death"
    if carrier.dep_ == "ccomp" and _PENALTY.match(carrier.head.lemma_):
        return True  # "the court ordered that 13 men be executed"
    return foretold(carrier)
