"""Who did it and to whom: a summary sentence may not turn an action round.

"The fans cheered him on" said as "he cheered on the fans", "the dog was rescued by firefighters"
said as "the dog rescued firefighters": the same words, the roles reversed. For every content verb
of the claim (its particle included: "cheer on" is not "cheer"), the article's uses of that verb
are read from the parse, active or passive, in relative clauses and reduced ones ("the boy rescued
by the coastguard"). Each side is a party: a name, or a description by its head noun; an article
pronoun ("him") stands for the one person named before it in its sentence, or else in the nearest
earlier sentence of its paragraph that names anyone, and for no one when that is not a single
person. The claim is wrong when its doer is only ever the one the action is done to in the article
(or its undergoer only ever the doer), and every other party on that side of the article's uses can
be told apart from it; a description against a name, or a pronoun that stands for no one known,
keeps the sentence (code cannot tell who "the coach" is).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from service.relations import (
    RELATIVE_PRONOUNS,
    is_name_word,
    is_passive,
    name_words,
    phrase_words,
    same_names,
    verb_key,
)

# Verbs too light to carry a relation ("is", "has", "did"), and verbs of containing, whose two
# sides are a whole and a part, not a doer and an undergoer ("the list included a car").
_LIGHT_WORDS = "be have do become seem get let make say tell include contain involve feature comprise"
_LIGHT = frozenset(_LIGHT_WORDS.split())
# Verbs whose two sides can be named either way round ("A met B" is "B met A"; "the bill passed
# the committee" is "the committee passed the bill").
_SYMMETRIC_WORDS = (
    "meet marry divorce date fight battle clash play face talk speak negotiate join tie draw "
    "collide trade share hug kiss embrace resemble match partner accompany pass clear know befriend"
)
_SYMMETRIC = frozenset(_SYMMETRIC_WORDS.split())
_PERSONAL = frozenset(("he", "him", "she", "her", "himself", "herself"))
# Particles a parser may read as a preposition ("cheered on the fans"); taken as the verb's
# particle only when the article writes that verb with that particle.
_PARTICLES = frozenset(("on", "up", "off", "out", "down", "over", "away", "back", "in", "around"))


@dataclass(frozen=True)
class Party:
    """One side of an action: its name words (empty for a description), its head noun, its words;
    `known` is False for a pronoun or a relative that stands for no one code can name."""

    names: frozenset[str] = frozenset()
    noun: str | None = None
    text: str = ""
    known: bool = True

    def same(self, other: Party) -> bool:
        """Both name the same party (a name word in common, or the same head noun)."""
        if self.names and other.names:
            return same_names(self.names, other.names)
        return not self.names and not other.names and self.noun is not None and self.noun == other.noun

    def comparable(self, other: Party) -> bool:
        """Code can tell the two apart: both known, and both names or both descriptions."""
        return self.known and other.known and bool(self.names) == bool(other.names)


UNKNOWN = Party(known=False)


def _party_of(words: Sequence[Token]) -> Party:
    head = words[0]
    phrase = sorted(phrase_words(head), key=lambda t: t.i)
    noun = head.lemma_.lower() if head.pos_ in ("NOUN", "PROPN") else None
    return Party(name_words(phrase), noun, " ".join(t.text for t in phrase))


def _person(words: Span) -> Party:
    names = frozenset(t.lower_ for t in words if is_name_word(t))
    return Party(names, None, words.text)


def _named(doc: Doc, before: int) -> list[Span]:
    """The people a sentence names before token `before`: its PERSON entities, and the names that
    are the subject of a verb whatever the entity reader calls them (it takes many a surname for a
    place); a place named as a subject only makes a pronoun ambiguous, never resolves it wrongly
    to a person."""
    found = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= before]
    for token in doc[:before]:
        if token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass"):
            words = [t for t in phrase_words(token) if t.pos_ == "PROPN" and t.i < before]
            found.append(doc[min(t.i for t in words) : max(t.i for t in words) + 1])
    return found


def _people(named: Iterable[Span]) -> list[Party]:
    """The distinct people named ("Ana Petrova" and "Petrova" are one)."""
    distinct: list[Party] = []
    for words in named:
        person = _person(words)
        if person.names and not any(person.same(p) for p in distinct):
            distinct.append(person)
    return distinct


class Resolver:
    """Who a personal pronoun of a sentence stands for: the one person named before it in the
    sentence, else in the nearest earlier sentence of the paragraph naming anyone."""

    def __init__(self, earlier: Sequence[Doc]) -> None:
        self.earlier = earlier  # the earlier sentences of the paragraph, nearest last

    def resolve(self, pronoun: Token) -> Party:
        """The person `pronoun` stands for, or UNKNOWN when it is not a single person."""
        people = _people(_named(pronoun.doc, pronoun.i))
        if not people:
            for sentence in reversed(self.earlier):
                people = _people(_named(sentence, len(sentence)))
                if people:
                    break
        return people[0] if len(people) == 1 else UNKNOWN


def _party(token: Token | None, resolver: Resolver) -> Party | None:
    """The party a subject, object or agent token names; None when there is none or it is a number."""
    if token is None or token.pos_ == "NUM":
        return None
    if token.lower_ in _PERSONAL:
        return resolver.resolve(token)
    if token.pos_ == "PRON" or token.lower_ in RELATIVE_PRONOUNS:
        return UNKNOWN
    return _party_of([token])


def _particle(verb: Token, known: frozenset[tuple[str, str]]) -> Token | None:
    """The verb's particle: a `prt`, or a preposition right after it that the article writes as
    this verb's particle."""
    for child in verb.children:
        if child.dep_ == "prt":
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.i == verb.i + 1 and (verb_key(verb.lemma_), child.lower_) in known:
            return child
    return None


def particles(docs: Iterable[Doc]) -> frozenset[tuple[str, str]]:
    """Every (verb, particle) pair the sentences write with a `prt` ("cheered him on")."""
    return frozenset(
        (verb_key(t.head.lemma_), t.lower_)
        for doc in docs
        for t in doc
        if t.dep_ == "prt" and t.lower_ in _PARTICLES
    )


def _subject(verb: Token, depth: int = 0) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head  # "the mayor, who was booed": the mayor
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # "the boy rescued by the coastguard"
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        # "persuaded the gunman to free them": the one persuaded frees, not the persuader
        told = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if told is not None:
            return told
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i and depth < 3:
        return _subject(verb.head, depth + 1)  # "arrived and cheered", "began to cheer"
    return None


@dataclass(frozen=True)
class Action:
    """One use of a verb: its key (lemma and particle), doer and undergoer (None: not written),
    and the subject of a use without an object, whose role is open ("the fans cheered": doers;
    "the ship sank": what it happened to)."""

    key: str
    verb: Token
    doer: Party | None
    undergoer: Party | None
    open_subject: Party | None


def actions(doc: Doc, known: frozenset[tuple[str, str]], resolver: Resolver) -> Iterable[Action]:
    """Every content verb of `doc` with who does it and to whom."""
    for verb in doc:
        lemma = verb_key(verb.lemma_)
        if verb.pos_ != "VERB" or lemma in _LIGHT:
            continue
        particle = _particle(verb, known)
        key = f"{lemma} {particle.lower_}" if particle is not None else lemma
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None and particle is not None and particle.dep_ == "prep":
            obj = next((g for g in particle.children if g.dep_ == "pobj"), None)
        agent_prep = next((c for c in verb.children if c.dep_ == "agent"), None)
        agent = next((g for g in agent_prep.children if g.dep_ == "pobj"), None) if agent_prep else None
        subject = _subject(verb)
        if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            yield Action(key, verb, _party(agent, resolver), _party(subject, resolver), None)
        elif obj is not None:
            yield Action(key, verb, _party(subject, resolver), _party(obj, resolver), None)
        else:
            yield Action(key, verb, None, None, _party(subject, resolver))


def _paragraph_windows(article: Sequence[Doc], new_paragraph: Sequence[bool] | None) -> list[list[Doc]]:
    """For each sentence, the earlier sentences of its paragraph (all earlier ones if unknown)."""
    windows: list[list[Doc]] = []
    start = 0
    for i in range(len(article)):
        if new_paragraph is not None and new_paragraph[i]:
            start = i
        windows.append(list(article[start:i]))
    return windows


def article_actions(
    article: Sequence[Doc], new_paragraph: Sequence[bool] | None = None
) -> dict[str, list[Action]]:
    """Every use of each verb of the article, by verb key."""
    known = particles(article)
    found: dict[str, list[Action]] = {}
    for sentence, earlier in zip(article, _paragraph_windows(article, new_paragraph), strict=True):
        for action in actions(sentence, known, Resolver(earlier)):
            found.setdefault(action.key, []).append(action)
    return found


def _only_done_to(party: Party, uses: list[Action], doing: bool) -> bool:
    """In the article `party` is only ever the undergoer of these uses (with `doing`: only ever the
    doer), as far as code can tell: it is on that side of some use, and every party on the other
    side of any use is someone else (the other side of a use with `party` in it is someone else by
    the sentence itself; a pronoun for no one known, or a description against a name, may be it)."""

    def this(use: Action) -> Party | None:
        return use.doer if doing else use.undergoer

    def that(use: Action) -> Party | None:
        return use.undergoer if doing else use.doer

    sides = [this(u) for u in uses]
    if not party.known or not any(p is not None and party.same(p) for p in sides):
        return False
    for use in uses:
        rivals = [that(use), use.open_subject]
        for rival in rivals:
            if rival is None:
                continue
            if party.same(rival):
                return False
            paired = this(use)
            if paired is not None and party.same(paired):
                continue  # "Varga was cheered on by the crowd": the crowd is not Varga
            if not party.comparable(rival):
                return False
    return True


def reversed_sides(
    claim: Doc, article: Sequence[Doc], new_paragraph: Sequence[bool] | None = None
) -> list[str]:
    """Actions the claim turns round: its doer is only ever the one the action is done to in the
    article (or its undergoer only ever the one doing it)."""
    sides = article_actions(article, new_paragraph)
    known = particles([*article, claim])
    problems = []
    for action in actions(claim, known, Resolver([])):
        if action.key.split()[0] in _SYMMETRIC or action.key not in sides:
            continue
        uses = sides[action.key]
        doer, undergoer = action.doer, action.undergoer
        if doer is not None and _only_done_to(doer, uses, doing=False):
            by = sorted({u.doer.text for u in uses if u.doer is not None and u.doer.known})
            told = f" (by {', '.join(by)})" if by else ""
            problems.append(
                f"says {doer.text!r} {action.verb.text}; in the article {doer.text!r} is the one it is "
                f"done to{told}"
            )
        elif undergoer is not None and _only_done_to(undergoer, uses, doing=True):
            problems.append(
                f"makes {undergoer.text!r} the one it is done to ({action.verb.text}); in the article "
                f"{undergoer.text!r} does it"
            )
    return problems
