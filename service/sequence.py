"""What came first and what caused what: a summary sentence may not turn an order or a cause round.

"The road was closed because the bridge collapsed" said as "the bridge collapsed because the road
was closed"; "he was arrested after police searched his home" as "police searched his home after
he was arrested". The parse links two events of one sentence by "after", "before", "following" or
"because (of)": a verb's clause ("after police searched") or a noun ("after the crash"). Each link
is an order (which came first) or a cause (which led to which); a cause also comes first. The claim
is wrong when the article links the same two events (the same verb, particle included, or the same
noun) the other way round and never the claim's way. Words that can mean a time or a reason
("since", "as", "when") are not read: code cannot tell which.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rouge_score import tokenizers
from spacy.tokens import Doc, Token

from service.relations import verb_key

_LIGHT = frozenset(("be", "have", "do", "say", "tell", "add", "report", "state", "claim"))
_HAPPEN = frozenset(("happen", "occur"))
_AFTER = frozenset(("after", "following", "once"))
_BEFORE = frozenset(("before",))
_BECAUSE = frozenset(("because", "due", "owing"))
_LINK_WORDS = _AFTER | _BEFORE | _BECAUSE
Kind = Literal["order", "cause"]


@dataclass(frozen=True)
class Link:
    """`first` came before `then` (order) or led to it (cause); events are verb or noun keys."""

    kind: Kind
    first: str
    then: str
    # the words as written, for the warning (stems are the keys)
    words: tuple[str, str] = field(default=("", ""), compare=False)


def event_key(token: Token) -> str | None:
    """The key of an event word: a content verb with its particle, or a noun ("the crash"); "the
    crash happened" is the crash."""
    if token.lemma_.lower() in _HAPPEN:
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        return event_key(subject) if subject is not None and subject.pos_ == "NOUN" else None
    if token.pos_ == "VERB" and token.lemma_.lower() not in _LIGHT:
        particle = next((c for c in token.children if c.dep_ == "prt"), None)
        key = _stem(verb_key(token.lemma_))
        return f"{key} {particle.lower_}" if particle is not None else key
    if token.pos_ == "NOUN":
        return _stem(token.lemma_)
    if token.lemma_.lower() == "be":
        # "the bridge was closed" read as "was" and an adjective: the participle is the event
        state = next((c for c in token.children if c.dep_ == "acomp" and c.text.lower().endswith("ed")), None)
        return _stem(state.lemma_) if state is not None else None
    return None


@cache
def _stemmer() -> tokenizers.DefaultTokenizer:
    return tokenizers.DefaultTokenizer(use_stemmer=True)


def _stem(word: str) -> str:
    """One key for a verb's forms and its noun ("closed", "close"; "crashed", "the crash")."""
    stems = _stemmer().tokenize(word)
    return stems[0] if len(stems) == 1 else word.lower()


def _link(word: str, main: Token, other: Token) -> Link | None:
    """The link `word` ("after", "because") makes between the main clause's verb and the other event."""
    a, b = event_key(main), event_key(other)
    if a is None or b is None or a == b:
        return None
    if word in _AFTER:
        return Link("order", b, a, (other.text, main.text))
    if word in _BEFORE:
        return Link("order", a, b, (main.text, other.text))
    if word in _BECAUSE:
        return Link("cause", b, a, (other.text, main.text))
    return None


def _object(word: Token) -> Token | None:
    """What a link word governs: "after the crash", "because of the storm", "due to the fog"."""
    direct = [c for c in word.children if c.dep_ in ("pobj", "pcomp") and c.lower_ not in ("of", "to")]
    if direct:
        return direct[0]
    through = next(
        (c for c in word.children if c.dep_ in ("prep", "pcomp") and c.lower_ in ("of", "to")), None
    )
    return next((c for c in through.children if c.dep_ in ("pobj", "pcomp")), None) if through else None


def _result_of(word: Token) -> Token | None:
    """The cause in "as a result of the flood"."""
    result = next((c for c in word.children if c.dep_ == "pobj" and c.lemma_.lower() == "result"), None)
    return _object(result) if result is not None else None


def clause_head(verb: Token) -> Token:
    """The content verb of a copula clause ("was closed" read as "was" + "closed")."""
    if verb.lemma_.lower() != "be":
        return verb
    state = next(
        (c for c in verb.children if c.dep_ in ("acomp", "attr") and c.pos_ in ("VERB", "ADJ")), None
    )
    return state or verb


def links(doc: Doc) -> Iterable[Link]:
    """Every order and cause the sentence states between two of its events."""
    for token in doc:
        mark = next((c for c in token.children if c.dep_ == "mark"), None)
        link = None
        if token.dep_ == "advcl" and token.head.i != token.i and mark is not None:
            link = _link(mark.lower_, token.head, token)
        elif token.head.pos_ in ("VERB", "AUX") and token.dep_ != "mark":
            word = token.lower_
            other = _object(token) if word in _LINK_WORDS else _result_of(token) if word == "as" else None
            if other is not None:
                link = _link("because" if word == "as" else word, clause_head(token.head), other)
        if link is not None:
            yield link


def _says(link: Link, stated: set[Link]) -> bool:
    """The article states this link, or a cause that gives this order ("A because B": B came first)."""
    return link in stated or (link.kind == "order" and Link("cause", link.first, link.then) in stated)


def unstated_causes(claim: Doc, article: Sequence[Doc]) -> list[str]:
    """Causes the claim states between two events that the article never links either way: a
    small model joins two facts of an article by "because" ("rescued because they were owed pay"
    where the article says some wanted to stay because they were owed pay)."""
    stated = {link for sentence in article for link in links(sentence)}
    problems = []
    for link in links(claim):
        if link.kind != "cause":
            continue
        either = (link, Link("order", link.first, link.then), Link("order", link.then, link.first))
        if any(_says(form, stated) for form in either):
            continue
        first, then = link.words
        problems.append(f"says {first!r} led to {then!r}; the article does not link them")
    return problems


def reversed_order(claim: Doc, article: Sequence[Doc]) -> list[str]:
    """Orders and causes the claim turns round against the article."""
    stated = {link for sentence in article for link in links(sentence)}
    problems = []
    for link in links(claim):
        turned = Link("order", link.then, link.first)
        if _says(link, stated) or not _says(turned, stated):
            continue
        first, then = link.words
        if link.kind == "cause":
            said = f"says {first!r} led to {then!r}; in the article {then!r} came first"
        else:
            said = f"says {first!r} came before {then!r}; the article says the other way round"
        problems.append(said)
    return problems
