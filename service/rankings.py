"""A ranking cut from what it ranks within: "the third convicted killer put to death this year in
Missouri" is not "the third convicted killer in Missouri", nor "the first woman to win the race in
a decade" "the first woman to win the race".

An ordinal, a superlative or "only" on a noun holds only inside the noun's own restricting words
(the clause or phrase after it). For each such noun of a summary sentence, the article's nouns with
the same word and the same ranking word are read from the parse: when every one has a restricting
clause or phrase after it that the summary does not keep, the summary widens the ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

_RANKS = frozenset(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "last", "only", "latest", "biggest", "largest", "youngest", "oldest")
)  # fmt: skip
# Restricting words after a noun: a participle or infinitive clause, a relative clause, a phrase.
_RESTRICTING = frozenset(("acl", "relcl", "prep"))
# Prepositions that say what the noun is, not where the ranking holds ("the first of them").
_LOOSE_PREPS = frozenset(("of",))


def _rank(noun: Token) -> str | None:
    """The ranking word on `noun` ("third", "only", "youngest"), or on a modifier of it (the parser
    hangs "third" on "convicted" in "the third convicted killer"), or None."""
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "advmod", "nummod", "det")]
    modifiers += [g for c in modifiers if c.dep_ == "amod" for g in c.children if g.dep_ == "advmod"]
    for word in modifiers:
        if word.lower_ in _RANKS or word.tag_ == "JJS":
            return word.lower_
    return None


def _restrictions(noun: Token) -> list[Token]:
    """The restricting clauses and phrases after `noun` (one set off by a comma adds a fact and
    restricts nothing: "the tallest tower, built in 2001")."""
    doc = noun.doc
    return [
        c
        for c in noun.rights
        if c.dep_ in _RESTRICTING
        and not (c.dep_ == "prep" and c.lower_ in _LOOSE_PREPS)
        and not (c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ",")
    ]


def _kept(restriction: Token, lemmas: frozenset[str]) -> bool:
    """The summary (its lemmas) keeps the restriction: every name, noun and number of it
    (its verbs may be said in other words: "taken in" for "of")."""
    content = [t for t in restriction.subtree if t.pos_ in ("NOUN", "PROPN", "NUM")]
    return all(t.lemma_.lower() in lemmas for t in content)


@dataclass(frozen=True)
class WidenedRank:
    """A summary's ranked noun whose every article use is ranked only within words it drops."""

    phrase: str
    dropped: str

    def __str__(self) -> str:
        return f"says {self.phrase!r}; the article ranks it only within {self.dropped!r}"


def widened_ranks(claim: Doc, article: list[Doc]) -> list[WidenedRank]:
    """Ranked nouns of `claim` that the article ranks only within words the claim leaves out."""
    found = []
    lemmas = frozenset(t.lemma_.lower() for t in claim)
    for noun in claim:
        if noun.pos_ != "NOUN" or (rank := _rank(noun)) is None:
            continue
        uses = [
            t
            for sentence in article
            for t in sentence
            if t.lemma_.lower() == noun.lemma_.lower() and _rank(t) == rank
        ]
        if not uses:
            continue
        dropped = []
        for use in uses:
            missing = [r for r in _restrictions(use) if not _kept(r, lemmas)]
            if not missing:
                break
            dropped.append(missing[0])
        else:
            words = " ".join(t.text for t in dropped[0].subtree)
            found.append(WidenedRank(f"{rank} {noun.text}", words))
    return found
