"""A thing the article only hedges, named plainly: "a suspected gas leak" may not become "a gas leak".

modality.py reads hedges on verbs (plans and forecasts said as done); this module reads them on
noun phrases. A noun is hedged where the article writes it with a hedging modifier ("the alleged
gunman", "a possible motive", "an attempted robbery"), as what something only seems or is believed
to be ("what appears to be a tunnel", "it may have been a leak"), or inside a clause under a verb of
belief or a modal ("police suspect a leak caused it"). When every article mention of a noun (its
head lemma, with its compound: "gas leak") is hedged and the summary names it with no hedge, the
summary states as fact what the article does not. One plain mention anywhere keeps the sentence,
unless it is of another named person's things ("Smith's victims") or of the kind in general ("the
rights of victims").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from service.voice import quoted_spans

# Modifiers that say the thing is not established ("suspect" as a noun is a person, not a hedge:
# only the adjective or participle reads as one).
_HEDGE_MODIFIERS = frozenset(
    (
        "suspected", "apparent", "alleged", "possible", "presumed", "probable", "likely",
        "purported", "potential", "putative", "supposed", "so-called", "rumoured", "rumored",
        "unconfirmed", "attempted", "presumptive",
    )
)  # fmt: skip
_HEDGE_ADVERBS = frozenset(
    ("reportedly", "allegedly", "apparently", "possibly", "probably", "perhaps", "supposedly", "presumably")
)
_MODALS = frozenset(("may", "might", "could", "would", "should", "must", "will", "'ll", "shall"))
# Verbs under which a clause is a belief, not a finding ("police believe a leak caused it", "what
# appears to be a tunnel", "is thought to be").
_BELIEF = frozenset(
    ("believe", "think", "suspect", "appear", "seem", "suggest", "presume", "speculate", "fear", "suppose",
     "allege", "assume", "guess", "look")
)  # fmt: skip
# Of those, the ones that put their clause's subject in doubt: "a leak is believed to have caused
# it" does, "the claim seems to be wrong" and "logos appeared on the screen" do not.
_SUBJECT_BELIEF = _BELIEF - {"appear", "seem", "look"}
_CONDITIONS = frozenset(("if", "unless", "whether"))
_INDEFINITE = frozenset(("a", "an", "some", "any"))
# Heads too general to be a thing of their own ("a possible way"), and counts, which the number
# checks read ("thousands of houses").
_GENERAL = frozenset(
    (
        "thing", "way", "one", "part", "lot", "kind", "sort", "type", "number", "time", "dozen",
        "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "score",
    )
)  # fmt: skip


def _modifier_hedge(noun: Token) -> bool:
    """The noun carries a hedging modifier ("a suspected leak", "a leak, apparently, ...")."""
    return any(
        c.dep_ in ("amod", "compound", "advmod", "nmod") and c.lower_ in _HEDGE_MODIFIERS | _HEDGE_ADVERBS
        for c in noun.children
    )


def _marked(verb: Token) -> bool:
    """A clause verb that carries a modal, a hedging adverb, a negation or a condition."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            return True
        if child.dep_ == "advmod" and child.lower_ in _HEDGE_ADVERBS:
            return True
        if child.dep_ == "neg":
            return True
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return True
    return False


def _clause_verb(noun: Token) -> Token | None:
    """The verb whose clause names the noun, read up through prepositions and noun phrases."""
    token = noun
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.i != noun.i:
            return token
        if token.head.i == token.i or token.dep_ in ("relcl", "acl", "advcl", "appos"):
            return None
        token = token.head
    return None


def _indefinite(noun: Token) -> bool:
    """Introduced, not referred back to: "a leak", "leaks"; not "the claim" or "the film's depiction",
    whose existence a hedge on the clause does not put in doubt."""
    dets = [c for c in noun.children if c.dep_ in ("det", "poss")]
    return not dets or any(d.lower_ in _INDEFINITE for d in dets)


def hedged_mention(noun: Token, *, anywhere: bool = False) -> bool:
    """This mention of the noun does not state that the thing exists: a hedging modifier ("a
    suspected leak"), what something only may be or seems to be ("what appears to be a tunnel", "it
    may have been a leak"), or the subject of a belief ("police believe a leak caused it"). A modal
    or a condition on another verb puts that verb in doubt, not the noun ("check if the buttons were
    missing" still has buttons). With `anywhere`, any hedged clause above the noun counts (for the
    summary's own words: "police believe the fire was started by a leak" names no leak as fact)."""
    if _modifier_hedge(noun):
        return True
    predicate = noun.dep_ in ("attr", "oprd")
    in_doubt = predicate or noun.dep_ in ("nsubj", "nsubjpass")
    if not anywhere and not (in_doubt and _indefinite(noun)):
        return False
    beliefs = _BELIEF if predicate or anywhere else _SUBJECT_BELIEF
    verb = _clause_verb(noun)
    # up from the noun's clause through complements: "is believed to be", "police suspect (that) ..."
    for _ in range(3):
        if verb is None:
            return False
        # the subject of "believe" is who believes ("viewers believed ..."), not what is in doubt
        believer = noun.dep_ == "nsubj" and noun.head.i == verb.i
        # "the victims could sue": a modal doubts the act, not the definite subject doing it
        given = noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == verb.i and not _indefinite(noun)
        marked = (predicate or anywhere) and _marked(verb) and not given
        if (verb.lemma_.lower() in beliefs and not believer) or marked:
            return True
        if verb.dep_ not in ("xcomp", "ccomp") or verb.head.i == verb.i:
            return False
        if verb.dep_ == "ccomp" and not anywhere:
            # past a reported clause only a belief counts: "I will admit that cameras are a
            # solution" does not doubt the solution
            predicate = False
        verb = verb.head
    return False


def _compounds(noun: Token) -> frozenset[str]:
    return frozenset(c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN")


def _same_thing(claim: Token, mention: Token) -> bool:
    """Same head lemma, and no compound that tells two kinds apart ("gas leak" is not "water leak")."""
    if claim.lemma_.lower() != mention.lemma_.lower():
        return False
    a, b = _compounds(claim), _compounds(mention)
    return not a or not b or bool(a & b)


def _things(doc: Doc) -> Iterator[Token]:
    for token in doc:
        # a compound is part of its head's name ("gas" of "gas leak"), compared with it
        noun = token.pos_ == "NOUN" and token.dep_ != "compound" and token.is_alpha
        if noun and token.lemma_.lower() not in _GENERAL:
            yield token


def _phrase(noun: Token) -> str:
    words = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i] + [noun]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


@dataclass(frozen=True)
class PlainClaim:
    """A noun the summary states plainly that the article only ever hedges."""

    thing: str
    article: str

    def __str__(self) -> str:
        return (
            f"names {self.thing!r} as fact; the article only calls it suspected, alleged, possible or "
            f"apparent ({self.article[:80]!r})"
        )


def _own_voice_things(doc: Doc) -> Iterator[Token]:
    """The things `doc` names outside quotation marks: a quoted "victims" is the speaker's word and
    says nothing of whether the article itself hedges them ("the alleged victims")."""
    quoted = quoted_spans(doc.text)
    for noun in _things(doc):
        if not any(a <= noun.idx < b for a, b in quoted):
            yield noun


def _names_in(tokens: Iterator[Token]) -> set[str]:
    return {t.lower_ for t in tokens if t.pos_ == "PROPN"}


def _tied_names(noun: Token) -> set[str]:
    """The names a mention belongs to: its possessor ("Smith's victims", "Smith's dozens of
    victims"), its "of" or "by" phrase ("the victims of Lord Smith") or the agent of its participle
    ("victims abused by Smith")."""
    owners = [c for c in noun.children if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by"))]
    owners += [g for c in noun.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"]
    # "victims abused by Smith" parsed as a clause: the subject of a bare participle with an agent
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        owners += [c for c in verb.children if c.dep_ == "agent"]
    # "Smith's dozens of victims": the possessor of the quantity the mention counts
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "NUM"):
        owners += [c for c in noun.head.head.children if c.dep_ == "poss"]
    # the head of each owner ("Smith" of "Lord Smith"), so a shared title does not make two people one
    heads = [
        g
        for o in owners
        for g in ([o] if o.dep_ not in ("prep", "agent") else [c for c in o.children if c.dep_ == "pobj"])
    ]
    return _names_in(iter(heads))


def _generic(noun: Token) -> bool:
    """A bare plural after a preposition of another noun ("the rights of victims", "help for
    families"): things of that kind in general, not the particular ones a summary refers to."""
    bare = not any(c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in noun.children)
    of_noun = noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN"
    return bare and noun.tag_ == "NNS" and of_noun


def _particular(noun: Token) -> bool:
    """A mention of particular things: owned or with a definite article ("his victims", "the victims")."""
    definite = ("the", "these", "those")
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in definite) for c in noun.children)


def _elsewhere(mention: Token, claim_names: set[str], particular: bool) -> bool:
    """A mention that is not of the claim's thing: another named person's ("Smith's victims" where
    the claim names no Smith), or things of its kind in general when the claim means particular ones."""
    tied = _tied_names(mention)
    return bool(tied and not tied & claim_names) or (particular and _generic(mention))


def hedged_things(claim: Doc, article: list[Doc]) -> list[PlainClaim]:
    """Nouns the claim names with no hedge where every article mention of them in the article's
    own voice is hedged."""
    found: list[PlainClaim] = []
    mentions = [t for sentence in article for t in _own_voice_things(sentence)]
    claim_names = _names_in(iter(claim))
    for noun in _own_voice_things(claim):
        if hedged_mention(noun, anywhere=True):
            continue
        particular = _particular(noun)
        # only a plain mention of the claim's own thing unhedges it; every hedged one counts
        same = [
            m
            for m in mentions
            if _same_thing(noun, m) and (hedged_mention(m) or not _elsewhere(m, claim_names, particular))
        ]
        if same and all(hedged_mention(m) for m in same):
            found.append(PlainClaim(_phrase(noun), same[0].sent.text))
    return found
