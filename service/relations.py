"""Who did what: the doer a summary sentence names for an action must be a doer the article names.

A small model paraphrasing an article keeps its words and swaps their roles: the broadcaster that
reported a decision becomes the one that made it, the mother of the groom becomes the groom. For
each action in a sentence whose doer is named, the article's uses of the same verb are read from
the dependency parse. The sentence is wrong when the article names other people for that verb and
never these, when the article only ever writes the verb as a passive that names no doer ("the
warning was cancelled" does not say who cancelled it), or when such a passive's only named people
are the ones who told of it. Descriptions ("officers" for "police") are not compared: code cannot
tell synonyms apart, and where the article does not use the verb at all the model verifier is
asked instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from service.syntax import is_telling

# Verbs too light to carry a relation ("is", "has", "did").
_LIGHT = frozenset(("be", "have", "do", "become", "seem", "get", "let", "make"))
# Relative pronouns: the subject of a relative clause is the noun the clause hangs from.
RELATIVE_PRONOUNS = frozenset(("who", "which", "that", "whom"))
_NAME_DEPS = frozenset(("compound", "amod", "appos", "flat", "poss", "nmod", "conj", "cc"))
# Name words that say what someone is, not who: "Mr Clegg" is "Nick Clegg".
_TITLE_WORDS = (
    "mr mrs ms miss dr sir dame lord lady president prime minister gov governor sen senator rep "
    "king queen prince princess pope judge justice chief general gen col captain capt"
)
_TITLES = frozenset(_TITLE_WORDS.split())


@dataclass(frozen=True)
class Doer:
    """Who does an action: the names that say so (empty for a description or a pronoun), and
    `nobody` for a passive that names no doer."""

    names: frozenset[str] = frozenset()
    nobody: bool = False
    text: str = ""


NOBODY = Doer(nobody=True)
SOMEONE = Doer()


def phrase_words(head: Token, depth: int = 0) -> list[Token]:
    """The head noun with its name parts, modifiers, appositions and conjuncts."""
    found = [head]
    if depth < 3:
        for child in head.children:
            if child.dep_ in _NAME_DEPS:
                found += phrase_words(child, depth + 1)
    return found


def is_name_word(token: Token) -> bool:
    """A proper noun that says who someone is, not what they are (a title)."""
    return token.pos_ == "PROPN" and token.lower_.strip(".") not in _TITLES


def name_words(words: Iterable[Token]) -> frozenset[str]:
    """The name words of a phrase, lower-cased; "the Obamas" is "Barack Obama and his wife": a
    plural name is its family name."""
    return frozenset(
        t.lower_.removesuffix("s") if t.tag_ == "NNPS" else t.lower_ for t in words if is_name_word(t)
    )


def subject_of(
    verb: Token,
    *,
    deps: frozenset[str] = frozenset(("nsubj",)),
    climb: frozenset[str] | None = None,
    levels: int = 4,
) -> Token | None:
    """The subject of `verb`, or of the verb it hangs from (only through the dependencies in
    `climb` when given, at most `levels` verbs up); a relative pronoun is the noun its clause
    describes ("the dog that barked")."""
    token = verb
    for _ in range(levels):
        for child in token.children:
            if child.dep_ in deps:
                if child.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                    return token.head
                return child
        if token.head.i == token.i or (climb is not None and token.dep_ not in climb):
            return None
        token = token.head
    return None


def _doer_of_noun(noun: Token) -> Doer:
    if noun.pos_ == "PRON" or noun.lower_ in RELATIVE_PRONOUNS:
        return SOMEONE
    words = sorted(phrase_words(noun), key=lambda t: t.i)
    return Doer(name_words(words), text=" ".join(t.text for t in words))


def doer(verb: Token, depth: int = 0) -> Doer:
    """Who does `verb`, read from its subject, its "by" agent, or the verb it continues."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return _doer_of_noun(verb.head)
            return _doer_of_noun(child)
        if child.dep_ == "agent":
            noun = next((g for g in child.children if g.dep_ == "pobj"), None)
            return _doer_of_noun(noun) if noun is not None else SOMEONE
    if any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children):
        return NOBODY
    # "decided to appeal", "arrived and signed": the doer of the verb it continues
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i and depth < 4:
        return doer(verb.head, depth + 1)
    return SOMEONE


# British and American spellings of one verb ("criticise"/"criticize", "analyse"/"analyze");
# the lemmatizer already merges "cancelled"/"canceled" and "travelled"/"traveled".
_SPELLING = ((re.compile(r"is(e|ing|ed)$"), r"iz\1"), (re.compile(r"ys(e|ing|ed)$"), r"yz\1"))


def is_passive(verb: Token) -> bool:
    """Whether the verb is passive: a passive subject or auxiliary, a "by" agent, or a conjoined
    participle that shares the passive of the verb before it."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children):
        return True  # "beaten only by the United States": a "by" agent makes it passive too
    # "was arrested and charged": the second verb shares the first one's passive
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" for c in verb.children)
        and (is_passive(verb.head) if verb.head.i != verb.i else False)
    )


def verb_key(lemma: str) -> str:
    """One key for every spelling of a verb's lemma."""
    key = lemma.lower()
    for pattern, american in _SPELLING:
        key = pattern.sub(american, key)
    return key


def _same_name(x: str, y: str) -> bool:
    return x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))


def same_names(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some name word in common ("Clegg" in "Nick Clegg", "Obama" in "the Obamas")."""
    return any(_same_name(x, y) for x in a for y in b)


@dataclass(frozen=True)
class Use:
    """One use of a verb in the article: its doer, and who the sentence says told of it."""

    doer: Doer
    tellers: tuple[Doer, ...]

    def allows(self, claim: Doer) -> bool:
        """The claim's doer can be this use's doer."""
        if self.doer.nobody:
            # a passive with no doer: wrong only to make the teller the doer ("..., NHK said")
            return not any(same_names(claim.names, t.names) for t in self.tellers)
        if not self.doer.names:
            return True  # a description or a pronoun: code cannot tell who it is
        return same_names(claim.names, self.doer.names)


def actions(doc: Doc) -> Iterable[tuple[Token, Doer]]:
    """Every verb of `doc` that carries a relation, with its doer."""
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() not in _LIGHT:
            yield token, doer(token)


def _uses(article: list[Doc]) -> dict[str, list[Use]]:
    uses: dict[str, list[Use]] = {}
    for sentence in article:
        found = list(actions(sentence))
        tellers = tuple(who for verb, who in found if is_telling(verb.lemma_.lower()) and who.names)
        for verb, who in found:
            uses.setdefault(verb_key(verb.lemma_), []).append(Use(who, tellers))
    return uses


def wrong_doers(claim: Doc, article: list[Doc]) -> list[str]:
    """Actions the claim gives a named doer that the article gives someone else, or no one."""
    uses = _uses(article)
    problems = []
    for verb, who in actions(claim):
        written = uses.get(verb_key(verb.lemma_))
        if not who.names or not written:
            continue
        # every use a passive that names no doer ("the warning was cancelled"): a named doer is invented
        invented = all(use.doer.nobody for use in written)
        if not invented and any(use.allows(who) for use in written):
            continue
        named = sorted({use.doer.text for use in written if use.doer.names})
        said = f"says {', '.join(named)} did" if named else "does not say who did"
        problems.append(f"says {who.text!r} {verb.text}; the article {said}")
    return problems
