"""One's act given to many: "the dogs rested their muzzles on her ear" where the article says
only that one named dog did ("Sadie rests her muzzle on her ear").

For each action of a summary sentence whose doer is a plural noun ("the dogs", "the pupils"), the
article's uses of the same verb are read from the parse. When the article uses the verb and every
use has one named doer (a single proper name, or "he" or "she"), and none a group, the sentence
widens the act to people the article does not say did it. Verbs of telling are left out ("officials
said" for one named official is attribution, read elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from service.relations import actions, phrase_words, subject_of, verb_key
from service.syntax import is_telling

_ONE_PERSON_PRONOUNS = frozenset(("he", "she"))
# Verbs whose act lies in the verb they govern ("began barking", "tried to leave"): who began is
# not what the sentence tells.
_AS_THE_NEXT_VERB = frozenset(
    (
        "begin", "start", "continue", "try", "attempt", "want", "decide", "go", "come", "keep",
        "stop", "manage", "need", "plan", "hope", "seek", "help", "use",
    )
)  # fmt: skip
# How a verb continues the one before it, whose subject it shares.
_CONTINUED = frozenset(("xcomp", "conj", "advcl"))
# Named things that are groups or places, not one doer ("Hamas", "Britain", "the Democrats").
_GROUP_ENTITIES = frozenset(("ORG", "GPE", "NORP", "FAC", "LOC"))


def _subject(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it continues ("began barking and then rested")."""
    return subject_of(verb, climb=_CONTINUED, levels=5)


def _group(noun: Token) -> bool:
    """A plural common noun, or nouns joined by "and"."""
    if any(c.dep_ == "conj" for c in noun.children):
        return True
    return noun.pos_ == "NOUN" and noun.tag_ == "NNS"


def _one_named(noun: Token, people: frozenset[str]) -> bool:
    """One named doer: a single proper name that is no group or place (or that the article names
    a person elsewhere: the tagger reads some first names as firms), or "he"/"she"; nothing joined
    by "and" anywhere in its phrase (the parse may hang "and the star" inside a relative clause)."""
    if any(t.dep_ == "cc" or t.dep_ == "conj" for t in noun.subtree):
        return False
    if noun.pos_ == "PRON":
        return noun.lower_ in _ONE_PERSON_PRONOUNS
    return noun.tag_ == "NNP" and (noun.ent_type_ not in _GROUP_ENTITIES or noun.lower_ in people)


@dataclass(frozen=True)
class WidenedAct:
    """A summary's group doer for an act the article gives one named doer alone."""

    group: str
    verb: str
    one: str

    def __str__(self) -> str:
        return f"says {self.group!r} {self.verb}; the article says only {self.one!r} did"


def widened_acts(claim: Doc, article: list[Doc]) -> list[WidenedAct]:
    """Acts of `claim` done by a group that every article use of the verb gives one named doer."""
    found = []
    people = frozenset(t.lower_ for sentence in article for t in sentence if t.ent_type_ == "PERSON")
    for verb, _ in actions(claim):
        subject = _subject(verb)
        lemma = verb.lemma_.lower()
        if subject is None or not _group(subject) or is_telling(lemma) or lemma in _AS_THE_NEXT_VERB:
            continue
        key = verb_key(verb.lemma_)
        doers = [
            _subject(use)
            for sentence in article
            for use, _ in actions(sentence)
            if verb_key(use.lemma_) == key
        ]
        named = [d for d in doers if d is not None]
        if named and len(named) == len(doers) and all(_one_named(d, people) for d in named):
            words = sorted(subject.subtree, key=lambda t: t.i)
            group = " ".join(t.text for t in words if t.i <= subject.i)
            one = " ".join(t.text for t in sorted(phrase_words(named[0]), key=lambda t: t.i))
            found.append(WidenedAct(group, verb.text, one))
    return found
