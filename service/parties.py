"""Who acted and who was hit: a record's perpetrator or target the model names must be written in
the article, must not be only the one who tells of it ("the neighbour said the suspect said one had
died" names no target in "the neighbour"), and must not be the other side of the harm its
sentence tells ("poachers killed 1,000 rhinos" makes the poachers no target, the rhinos no
perpetrator); one only arrested, tried or jailed for it is a suspect, not its perpetrator.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from service.syntax import is_telling, parser

_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
# Verbs of arrest, trial and release (lemmas): their subject is accused of the harm, not proved
# to have done it ("X was jailed for the shooting", "Y was released after 30 years").
_ACCUSED = frozenset(
    (
        "arrest", "charge", "accuse", "convict", "sentence", "jail", "imprison", "release", "free",
        "acquit", "try", "detain", "suspect", "indict", "exonerate", "clear", "hold", "question",
        "spend", "serve",
    )
)  # fmt: skip
# Verbs of harm done to someone (lemmas): their doer and their object are the two sides.
_HARM = frozenset(
    (
        "kill", "murder", "shoot", "stab", "attack", "bomb", "wound", "injure", "hurt", "hit",
        "slaughter", "massacre", "behead", "execute", "strike", "beat", "assault", "rape", "kidnap",
        "abduct", "poach", "torture", "target", "ambush", "shell",
    )
)  # fmt: skip


def _mentions(party: str, sentence: str) -> list[Token]:
    """The head word of each mention of `party` in `sentence`, in its parse."""
    doc = parser().parse(sentence)
    roots = []
    for match in re.finditer(rf"(?<!\w){re.escape(party)}(?!\w)", sentence, re.IGNORECASE):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span):
            roots.append(span.root)
    return roots


def _side(word: Token) -> str | None:
    """Which side of a verb of harm the word is: "doer" (its active subject or "by" agent), "hit"
    (its object or passive subject), or None."""
    if word.dep_ == "pobj" and word.head.dep_ == "agent":
        verb, side = word.head.head, "doer"
    elif word.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb, side = word.head, "doer" if word.dep_ == "nsubj" else "hit"
    else:
        return None
    return side if verb.lemma_.lower() in _HARM else None


def _why_not(party: str, role: str, sentence: str) -> str | None:
    """Why the sentence makes `party` no `role`: every mention tells of it, or is the other side."""
    words = _mentions(party, sentence)
    if not words:
        return None
    if all(w.dep_ in _SUBJECTS and is_telling(w.head.lemma_.lower()) for w in words):
        return f"in its sentence it tells of the event, it is no {role}"
    if role == "perpetrator" and all(
        w.dep_ in _SUBJECTS and w.head.lemma_.lower() in _ACCUSED for w in words
    ):
        return "in its sentence it is only arrested, tried or held for it, not said to have done it"
    other = "doer" if role == "target" else "hit"
    if all(_side(w) == other for w in words):
        said = "did the harm" if other == "doer" else "suffered the harm"
        return f"in its sentence it {said}, it is no {role}"
    return None


def checked_party(
    value: str | None, role: str, sentence: str, article: str, warnings: list[str]
) -> str | None:
    """`value` as the record's `role` ("perpetrator", "target") when the article writes it and its
    sentence does not make it only the teller; otherwise None, said in `warnings`."""
    if not value or not value.strip():
        return None
    party = value.strip()
    if party.lower() not in article.lower():
        warnings.append(f"dropped {role} {party!r}: not written in the article")
        return None
    why = _why_not(party, role, sentence)
    if why is not None:
        warnings.append(f"dropped {role} {party!r}: {why}")
        return None
    return party
