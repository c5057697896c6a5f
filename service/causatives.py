"""A causative said as the deed: "a fan had a replica built for him by prop makers" may not become
"a fan built a replica", nor "the council got the wall painted" "the council painted the wall".

For each active verb of a summary sentence with a subject, the article's uses of the same verb are
read from the parse. When the article uses the verb, some use is a participle under "have" or
"get" (the thing had done: "had X built", "got X painted") and every other use is done by someone
else (a passive with a "by" agent, or another subject), the article says someone else did it for
the subject, and the sentence gives the subject the deed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from service.relations import actions, is_passive, subject_of, verb_key

_CAUSING = frozenset(("have", "get"))
# Verbs of finding and knowing are no deed one has done for oneself ("had it found" is rare, and
# the parser reads "had found" wrongly often enough).
_NOT_DEEDS = frozenset(("find", "see", "know", "hear", "learn", "discover", "say", "tell"))


def _had_done(use: Token) -> bool:
    """A participle under a causative "have" or "get": "had a toilet built", "got the wall
    painted" (the parser hangs it on the object or on the verb)."""
    if use.dep_ == "ccomp" and use.tag_ == "VBD" and use.head.lemma_.lower() in _CAUSING:
        return True  # the tagger reads some participles as past tenses ("had the car restored")
    if use.tag_ != "VBN":
        return False
    if use.dep_ == "acl":
        noun = use.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            noun = noun.head.head  # "had a replica of the ship built"
        return noun.dep_ == "dobj" and noun.head.lemma_.lower() in _CAUSING
    return use.dep_ in ("ccomp", "xcomp", "oprd") and use.head.lemma_.lower() in _CAUSING


def _nouns(phrase: Token) -> set[str]:
    """The noun and name lemmas of a phrase."""
    return {t.lemma_.lower() for t in phrase.subtree if t.pos_ in ("NOUN", "PROPN")}


def _done_by(use: Token, subject: Token) -> bool:
    """The use's "by" agent is the summary's subject ("built for him by a team" for "the team
    built"): a noun word in common."""
    words = _nouns(subject)
    return any(_nouns(c) & words for c in use.children if c.dep_ == "agent")


def _by_another(use: Token, subject: Token) -> bool:
    """Done by someone else: a passive with a "by" agent ("was built by a team of prop makers"),
    or an active use whose subject (its own, or that of the verb it hangs from: "the show
    specialises in building") shares no noun with the summary's subject."""
    if is_passive(use):
        return any(c.dep_ == "agent" for c in use.children)
    own = subject_of(use, levels=3)
    return own is not None and own.pos_ != "PRON" and not (_nouns(own) & _nouns(subject))


@dataclass(frozen=True)
class CausedDeed:
    """A summary verb whose every article use is a thing had done by someone else."""

    subject: str
    verb: str
    article: str

    def __str__(self) -> str:
        return (
            f"says {self.subject!r} {self.verb}; the article says it was done for them "
            f"({self.article[:80]!r})"
        )


def caused_deeds(claim: Doc, article: list[Doc]) -> list[CausedDeed]:
    """Active verbs of `claim` that the article writes only as a thing had done ("had X built")."""
    found = []
    for verb, _ in actions(claim):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or is_passive(verb) or _had_done(verb) or verb.lemma_.lower() in _NOT_DEEDS:
            continue
        key = verb_key(verb.lemma_)
        uses = [t for sentence in article for t in sentence if t.pos_ == "VERB" and verb_key(t.lemma_) == key]
        # each use a thing had done, or done by someone else ("was built by a team")
        others = [u for u in uses if not _done_by(u, subject) and (_had_done(u) or _by_another(u, subject))]
        if uses and len(others) == len(uses) and any(_had_done(u) for u in uses):
            words = sorted(subject.subtree, key=lambda t: t.i)
            found.append(CausedDeed(" ".join(t.text for t in words), verb.text, uses[0].sent.text))
    return found
