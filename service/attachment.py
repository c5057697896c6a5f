"""A relative clause given to the wrong noun: "the wife of a farmer who was stabbed" is the farmer.

After "the N1 of a N2" or "N1, linked to a N2", a relative clause ("who was stabbed", "that caused
chaos") is read with the nearer noun, N2; a small model often gives it to N1 ("the farmer's wife
was stabbed", "the group linked to the movement caused chaos"). The parse cannot
settle the attachment either (it sometimes hangs the clause on N1), so this reads the words: the
claim is wrong when its subject is N1 (or is named and described as N1), its verb is the relative
clause's, and no other article use of that verb could have N1 as its subject.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from service.relations import RELATIVE_PRONOUNS, is_passive, verb_key

_LINKS = frozenset(("of", "for"))
# Words that tie N1 to N2 through "to" or "with" ("linked to", "close to", "allied with").
_TIES = frozenset(
    (
        "linked",
        "connected",
        "tied",
        "related",
        "affiliated",
        "allied",
        "close",
        "attached",
        "loyal",
        "associated",
    )
)
# Words between N1 and its tie ("the group, who are linked to", "a man reportedly linked to").
_TIE_GAP = frozenset(
    ("who", "which", "that", "is", "are", "was", "were", ",", "closely", "reportedly", "allegedly")
)
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
# Words between the link and N2 ("of an Australian baseball player").
_MODIFIER_POS = frozenset(("DET", "ADJ", "NUM", "PROPN", "NOUN", "PUNCT", "PART"))
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Nouns that say a person's sex: a "he" elsewhere cannot be "the girlfriend".
_FEMALE = frozenset(
    (
        "wife", "girlfriend", "mother", "daughter", "sister", "widow", "aunt", "niece", "grandmother",
        "granddaughter", "fiancee", "fiancée", "mum", "mom", "woman", "girl", "lady", "stepmother",
    )
)  # fmt: skip
_MALE = frozenset(
    (
        "husband", "boyfriend", "father", "son", "brother", "widower", "uncle", "nephew", "grandfather",
        "grandson", "fiance", "fiancé", "dad", "man", "boy", "stepfather",
    )
)  # fmt: skip


@dataclass(frozen=True)
class MisattachedClause:
    """A claim that gives N1 the relative clause the article writes after N2."""

    subject: str
    verb: str
    nearer: str
    article: str

    def __str__(self) -> str:
        return (
            f"gives the {self.subject} {self.verb!r}, which the article's relative clause says of the "
            f"{self.nearer} ({self.article[:80]!r})"
        )


def _relative_verb(pronoun: Token) -> Token | None:
    """The verb a relative pronoun is the subject of ("who was shot" -> shot)."""
    return pronoun.head if pronoun.dep_ in _SUBJECTS and pronoun.head.pos_ in ("VERB", "AUX") else None


def _first_noun(doc: Doc, pronoun: Token) -> Token | None:
    """N1 of "N1 of/for [modifiers] N2 who ...", or None when the words before are not that."""
    i = pronoun.i - 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    for j in range(i - 1, max(-1, i - 7), -1):
        token = doc[j]
        if token.lower_ in _LINKS:
            n1 = doc[j - 1] if j > 0 else None
            return n1 if n1 is not None and n1.pos_ == "NOUN" else None
        if token.lower_ in ("to", "with") and j > 0 and doc[j - 1].lower_ in _TIES:
            return _tied_noun(doc, j - 1)
        if token.pos_ not in _MODIFIER_POS:
            return None
    return None


def _tied_noun(doc: Doc, tie: int) -> Token | None:
    """N1 of "N1, who is linked to ...": the noun before the tie word, across the words between."""
    for k in range(tie - 1, max(-1, tie - 6), -1):
        if doc[k].pos_ in ("NOUN", "PROPN"):
            return doc[k]
        if doc[k].lower_ not in _TIE_GAP:
            return None
    return None


def _ambiguous(article: list[Doc]) -> Iterator[tuple[Token, Token, Token]]:
    """(N1, verb, pronoun) for each "N1 of a N2 who V" of the article."""
    for sentence in article:
        for token in sentence:
            if token.lower_ in RELATIVE_PRONOUNS and (verb := _relative_verb(token)) is not None:
                n1 = _first_noun(sentence, token)
                if n1 is not None:
                    yield n1, verb, token


def _subject_lemmas(verb: Token) -> set[str]:
    """The lemmas of the verb's subject with its appositions ("Ann Lee, the wife of ...")."""
    found: set[str] = set()
    if verb.dep_ == "conj" and not any(c.dep_ in _SUBJECTS for c in verb.children):
        verb = verb.head  # "is linked to X and has caused chaos": the subject of the first verb
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            found.add(child.lemma_.lower())
            found |= {a.lemma_.lower() for a in child.children if a.dep_ == "appos"}
    return found


def _could_be(subject: Token, n1: str, claimed: set[str]) -> bool:
    """Whether an article subject of the verb could be the N1 person (or the claim's subject)."""
    word = subject.lower_
    if word in _PRONOUN_GENDER:
        sex = _PRONOUN_GENDER[word]
        return not ((sex == "m" and n1 in _FEMALE) or (sex == "f" and n1 in _MALE))
    if subject.pos_ == "PRON" or word in RELATIVE_PRONOUNS:
        return True
    return subject.lemma_.lower() == n1 or subject.lemma_.lower() in claimed


def misattached_clauses(claim: Doc, article: list[Doc]) -> list[MisattachedClause]:
    """Verbs the claim gives N1 that the article writes only in a relative clause after N2."""
    ambiguous = list(_ambiguous(article))
    found = []
    for verb in claim:
        if verb.pos_ != "VERB":
            continue
        subjects = _subject_lemmas(verb)
        for n1, relative, pronoun in ambiguous:
            n1_lemma = n1.lemma_.lower()
            same_verb = verb_key(relative.lemma_) == verb_key(verb.lemma_)
            if not same_verb or is_passive(relative) != is_passive(verb) or n1_lemma not in subjects:
                continue
            if not _said_elsewhere(verb, n1_lemma, subjects, article, pronoun):
                nearer = pronoun.doc[pronoun.i - 1].text
                found.append(MisattachedClause(n1.text, verb.text, nearer, pronoun.sent.text))
                break
    return found


def _said_elsewhere(verb: Token, n1: str, claimed: set[str], article: list[Doc], pronoun: Token) -> bool:
    """Some other article use of the verb, in the same voice, could have N1 as its subject."""
    for sentence in article:
        for token in sentence:
            if token.pos_ != "VERB" or verb_key(token.lemma_) != verb_key(verb.lemma_):
                continue
            if is_passive(token) != is_passive(verb):
                continue
            if token.doc is pronoun.doc and any(c.i == pronoun.i for c in token.children):
                continue  # the ambiguous clause itself
            subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
            if any(_could_be(s, n1, claimed) for s in subjects):
                return True
    return False
