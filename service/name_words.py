"""Part of a name read as a thing: "a bridge" invented from "Denby Bridge quarry" or "Bridge Street".

A small model that meets "Lake Orlan" or "Denby Bridge quarry" may write "a lake" or "a bridge": a
thing the article never mentions. A summary sentence that introduces a common noun with an
indefinite article, where the article writes that word only capitalized inside a multi-word name
and not as the name's head (and never as a common noun), invents it. A name that ends in the word
mostly is such a thing ("St Anne's Church" is a church), so it is left alone; so is a word at a
sentence start or in a title-case line (no evidence either way), and a definite reference ("the
river" for "the Severn River") is coreference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

_INDEFINITE = frozenset(("a", "an"))
# Share of capitalized words above which a sentence is a headline in title case.
_TITLE_CASE = 0.6


def _title_case(sentence: Doc) -> bool:
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.text[0].isupper() for t in words) / len(words) > _TITLE_CASE


def _not_head(token: Token) -> bool:
    """The word modifies what the name is ("Lake Orlan", "Bridge Street", "Denby Bridge quarry");
    a name that ends in it mostly is one ("St Anne's Church" is a church, "Marsh Valley College" a
    college)."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    capitalized_after = after is not None and after.is_alpha and after.text[:1].isupper()
    # a place's name before a noun ("Denby Bridge quarry") is where the noun is; a body's name
    # before one ("the Budget Committee meeting") is still that body
    place = token.ent_type_ in ("GPE", "LOC", "FAC")
    return capitalized_after or (place and token.dep_ == "compound" and token.head.i > token.i)


def _in_name(token: Token) -> bool:
    """A capitalized word inside a multi-word name that is not the name's head ("Denby Bridge
    quarry", "Lake Orlan"), not at the sentence start."""
    if not token.text[:1].isupper() or token.is_sent_start or token.i == 0 or not _not_head(token):
        return False
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.text in ("'s", "’s") and before.i > 0:
        before = doc[before.i - 1]
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    # a neighbour at the sentence start may be capitalized only for being there
    return any(
        n is not None and n.text[:1].isupper() and n.is_alpha and not (n.is_sent_start or n.i == 0)
        for n in (before, after)
    )


def _introduced(claim: Doc) -> Iterator[Token]:
    """Common nouns the claim introduces with "a" or "an"."""
    for token in claim:
        introduced = any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in token.children)
        if introduced and token.pos_ == "NOUN" and token.text.islower() and token.is_alpha:
            yield token


def _occurrences(word: Token, article: list[Doc]) -> Iterator[Token]:
    lemma, text = word.lemma_.lower(), word.lower_
    for sentence in article:
        if _title_case(sentence):
            continue
        for token in sentence:
            if token.lower_ in (lemma, text) or token.lemma_.lower() == lemma:
                yield token


@dataclass(frozen=True)
class NameAsThing:
    """A thing the summary introduces that the article writes only inside a name."""

    word: str
    name: str

    def __str__(self) -> str:
        return (
            f"introduces a {self.word!r}; the article writes {self.word!r} only as part of the name "
            f"{self.name!r}"
        )


def _name_around(token: Token) -> str:
    doc = token.doc
    start = token.i
    while start > 1 and (doc[start - 1].text[:1].isupper() or doc[start - 1].text in ("'s", "’s")):
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    return doc[start:end].text


def names_as_things(claim: Doc, article: list[Doc]) -> list[NameAsThing]:
    """Nouns the claim introduces ("a lake") that the article writes only inside a capitalized name."""
    found = []
    for noun in _introduced(claim):
        seen = list(_occurrences(noun, article))
        if not seen or any(t.is_sent_start or t.i == 0 for t in seen):
            continue
        if all(_in_name(t) for t in seen):
            found.append(NameAsThing(noun.text, _name_around(seen[0])))
    return found
