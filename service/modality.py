"""Plans, forecasts and claims said as done: a summary may not state as fact what the article only
expects, plans, doubts, denies or makes conditional.

For each main verb of a summary sentence stated plainly (past or perfect), the article's clauses
with the same verb about the same people are read from the parse. When every one of them is hedged
(a modal, a negation, a condition, a hedging adverb, or an infinitive under a word of expectation or
intent: "is expected to", "is the favourite to", "plans to"), the sentence says more than the
article. A sentence the article states plainly anywhere is kept, and a verb the article does not
use is left to the model verifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from service.relations import actions, phrase_words, same_names, subject_of, verb_key
from service.syntax import is_telling

_MODALS = frozenset(("can", "could", "may", "might", "will", "would", "shall", "should", "must", "'ll", "'d"))
_CONDITIONS = frozenset(("if", "unless", "whether", "lest"))
_HEDGE_ADVERBS = frozenset(
    ("reportedly", "allegedly", "possibly", "probably", "perhaps", "supposedly", "potentially", "maybe")
)
# Words under which an infinitive is a plan, a forecast or a claim, not a deed ("is expected to be
# named", "the favourite to win", "hopes to sign"); matched against lemma and text, since the
# lemmatizer misreads some forms ("hopes" -> "hop").
_HEDGE = re.compile(
    r"^(expect\w*|(un)?likel\w*|set|plan\w*|intend\w*|hop(e|es|ed|ing)|aim\w*|pois\w*|tip(ped|s)?|"
    r"favou?rite\w*|odds|due|schedul\w*|want\w*|wish\w*|seek\w*|sought|tr(y|ies|ied|ying)|"
    r"attempt\w*|threat\w*|vow\w*|promis\w*|pledg\w*|prepar\w*|tout\w*|predict\w*|forecast\w*|"
    r"bid\w*|going|rumou?r\w*|believ\w*|thought|think|said|alleg\w*|suppos\w*|reported|"
    r"propos\w*|hoping|ready|eager|keen|understood|appear\w*|seem\w*|presum\w*|rumou?red)$",
    re.IGNORECASE,
)
# Verbs that put someone in a post: "was named host" may restate "is the favourite to take over as
# host", so these compare as one verb.
_APPOINTING = frozenset(
    (
        "name", "appoint", "choose", "select", "pick", "confirm", "hire", "install", "elect",
        "nominate", "crown", "become", "replace", "succeed", "take over", "step in",
    )
)  # fmt: skip
# Verbs and phrases under which an infinitive did happen ("managed to escape", "went on to win").
_IMPLICATIVE = re.compile(
    r"^(manage|go|proceed|force|compel|oblige|help|begin|start|continue|get|dare|bother|happen|"
    r"remember|make|cause|lead|allow|enable|choose)$",
    re.IGNORECASE,
)
# Tellers that make a relative clause's act their word: "the man who police say shot her", "the
# woman prosecutors believe hid the money".
_TOLD_OF = frozenset(("say", "believe", "allege", "claim", "think", "suspect", "contend", "accuse"))
# Words that make what hangs from them an allegation, not a finding ("accused of trying", "charged
# with causing", "on suspicion of attacking", "denies hiding", "prosecutors allege that she hid").
_ALLEGING = frozenset(
    (
        "accuse", "accused", "accusation", "charge", "charged", "suspect", "suspected", "suspicion",
        "allege", "alleged", "allegation", "deny", "denial", "indict", "indictment", "claim",
    )
)  # fmt: skip
# Prepositions under which a gerund gives the reason for or the deed before the main verb, which
# the sentence takes as done ("arrested for trying to enter", "jailed after stealing").
_REASONS = frozenset(("for", "after", "over"))
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))


def _verb(token: Token) -> str:
    """The verb with its particle ("take over"), one key for every spelling."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return " ".join((verb_key(token.lemma_), *particles))


def _same_verb(a: str, b: str) -> bool:
    return a == b or (a in _APPOINTING and b in _APPOINTING)


def _hedge_word(token: Token) -> bool:
    return bool(_HEDGE.match(token.lemma_) or _HEDGE.match(token.text))


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _not_only(neg: Token) -> bool:
    """No denial: "not only signed ... but"."""
    return neg.i + 1 < len(neg.doc) and neg.doc[neg.i + 1].lower_ == "only"


def _marked(verb: Token) -> bool:
    """The verb itself carries a modal, a negation, a condition or a hedging adverb."""
    for child in verb.children:
        if child.dep_ == "neg" and not _not_only(child):
            return True
        if child.dep_ == "aux" and (child.tag_ == "MD" or child.lower_ in _MODALS):
            return True
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return True
        if child.dep_ == "advmod" and child.lower_ in _HEDGE_ADVERBS:
            return True
    return False


def _implicative(head: Token) -> bool:
    """A word under which an infinitive did happen: "managed to escape", "the first to climb"."""
    if _IMPLICATIVE.match(head.lemma_) and head.tag_ != "VBG":
        return True
    words = [head, *(c for c in head.children if c.dep_ in ("amod", "attr", "acomp", "advmod"))]
    return any(
        w.tag_ == "JJS" or w.ent_type_ == "ORDINAL" or w.lower_ in ("first", "last", "only") for w in words
    )


def _irrealis(verb: Token) -> bool:
    """An infinitive says what is planned, expected or wanted, not what was done ("is expected to
    be named", "is the favourite to win", "hopes to sign"), unless the word above it says it
    happened ("managed to", "was forced to", "the first to")."""
    token = verb
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            return True
        if _hedge_word(head) or _marked(head):
            return True
        if _implicative(head):
            return False
        if head.pos_ == "NOUN" and token.dep_ in ("acl", "relcl") and head.dep_ != "attr":
            # "closed a deal to join", "won the right to host": code cannot tell; "is the man to
            # beat" is read on up to the "is"
            return False
        if head.tag_ in _FINITE or head.head.i == head.i:
            return True
        token = head
    return True


def _told_in_relative(verb: Token) -> bool:
    """`verb` is what a teller inside a relative clause tells ("the man who police say shot her":
    shot)."""
    head = verb.head
    return verb.dep_ in ("ccomp", "xcomp") and head.dep_ == "relcl" and head.lemma_.lower() in _TOLD_OF


def alleged(verb: Token) -> bool:
    """`verb` hangs from a word of accusation or denial ("accused of trying to enter", "on
    suspicion of attacking", "denies hiding"), through prepositions, clauses and infinitives, below
    any other verb, or from a teller inside a relative clause ("the man who police say shot her"):
    "police said he was accused of stealing" is alleged, "police said he stole" is not."""
    token = verb
    for _ in range(5):
        head = token.head
        if head.i == token.i:
            return False
        if _told_in_relative(token):
            return True  # "a woman who police say duped a mother": the act is the police's word
        if (head.lemma_.lower() in _ALLEGING or head.lower_ in _ALLEGING) and head.head.lower_ != "in":
            # "accused of", "charged with", "denies hiding", "alleges that"; not "charged after
            # stabbing" (a deed), nor "in charge of running" (a post)
            if token.dep_ == "prep":
                return token.lower_ in ("of", "with")
            return token.dep_ in ("ccomp", "xcomp", "acl")
        if head.pos_ in ("VERB", "AUX") and head.tag_ in _FINITE:
            return False
        token = head
    return False


def hedged(verb: Token) -> bool:
    """The article's use of `verb` does not state that it happened."""
    if _marked(verb) or alleged(verb):
        return True
    if _infinitive(verb):
        return _irrealis(verb)
    if verb.dep_ == "conj" and verb.tag_ not in _FINITE and verb.head.pos_ in ("VERB", "AUX"):
        return hedged(verb.head)  # "will sign and join": the second verb shares the modal
    return False


# Words under which an infinitive is a death or harm still to come: ordered, sentenced, due,
# threatened, warned, feared ("ordered to be executed", "due to be hanged", "threatens to kill").
_TO_COME = re.compile(
    r"^(order\w*|sentenc\w*|condemn\w*|due|set|schedul\w*|plan\w*|threat\w*|warn\w*|vow\w*|"
    r"expect\w*|(un)?likel\w*|risk\w*|fac(e|es|ed|ing)|intend\w*|want\w*|tr(y|ies|ied|ying)|"
    r"attempt\w*|seek\w*|sought|plot\w*|go(ing)?|about|enough|able|poised|liable)$",
    re.IGNORECASE,
)


def foretold(verb: Token) -> bool:
    """The article's use of `verb` says it may, will or is ordered to happen, not that it did: a
    modal ("could kill 80,000"), a condition ("if it fails, 200 would die"), or an infinitive under
    an order, sentence, threat, plan or forecast ("ordered to be executed", "due to be hanged").
    A report or belief ("is believed to have died", "reportedly killed") still says it happened."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and (child.tag_ == "MD" or child.lower_ in _MODALS):
            return True
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return True
    if _infinitive(verb) and not any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children):
        head = verb.head
        return head.i != verb.i and bool(_TO_COME.match(head.lemma_) or _TO_COME.match(head.lower_))
    if verb.dep_ in ("advcl", "conj") and verb.tag_ not in _FINITE and verb.head.pos_ in ("VERB", "AUX"):
        return foretold(verb.head)  # "will sweep in, killing hundreds": the participle shares the modal
    return False


def plainly_done(verb: Token) -> bool:
    """A past or perfect assertion: "signed", "has signed", "was named", "has been named", "were
    fighting"."""
    if hedged(verb) or _infinitive(verb):
        return False
    if verb.tag_ == "VBD":
        return True
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ in ("VBN", "VBG") and any(a.lemma_ == "have" or a.tag_ == "VBD" for a in auxes)


def _subject(verb: Token) -> Token | None:
    """The subject of `verb` or of the nearest verb above it ("Lind is expected to be named"); in
    "the man who police say shot her" the man, not the police."""
    if _told_in_relative(verb) and not any(c.dep_ in _SUBJECTS for c in verb.children):
        return verb.head.head
    return subject_of(verb, deps=_SUBJECTS)


def _words(noun: Token | None) -> frozenset[str]:
    """Name and noun words of a participant ("the new chair" -> chair); none for a pronoun."""
    if noun is None or noun.pos_ == "PRON":
        return frozenset()
    return frozenset(t.lower_ for t in phrase_words(noun) if t.pos_ in ("PROPN", "NOUN"))


def _about(verb: Token, subject: frozenset[str]) -> bool:
    """The article's clause may be about `subject`: it names it as its subject, an object or its
    "by" agent, or one of them is a pronoun or missing (code cannot tell who "she" is)."""
    own = _words(_subject(verb))
    others = _participants(verb)
    if not subject or not own or any(t.pos_ == "PRON" for t in others):
        return True
    return same_names(subject, own | {w for t in others for w in _words(t)})


def _participants(verb: Token) -> list[Token]:
    """Who else the clause is about: its objects and its "by" agent."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr")]
    for child in verb.children:
        if child.dep_ == "agent":
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


@dataclass(frozen=True)
class _MainVerb:
    """A verb that carries a summary sentence's news."""

    token: Token
    reason: bool  # given as a reason ("arrested for trying"), so taken as done without a past tense
    told: bool  # reported by a verb of telling ("police said he fled")


def _main_verbs(claim: Doc) -> Iterator[_MainVerb]:
    """The verbs that carry the sentence's news: the root (or what a root of telling reports), the
    verbs coordinated with it, and the deeds they give as reasons ("arrested for trying to enter":
    trying, enter)."""
    verbs = {verb.i: verb for verb, _ in actions(claim)}
    for root in (t for t in claim if t.dep_ == "ROOT"):
        heads = [root]
        told = is_telling(root.lemma_.lower())
        if told:
            heads = [c for c in root.children if c.dep_ == "ccomp"] or heads
        for head in heads:
            for verb in (head, *(c for c in head.children if c.dep_ == "conj")):
                reported = told and verb is not root
                if verb.i in verbs:
                    yield _MainVerb(verb, False, reported)
                yield from (_MainVerb(deed, True, reported) for deed in _reasons(verb))
                # what a relative clause on one of its participants states ("a woman who duped")
                for noun in (c for c in verb.children if c.dep_ in _SUBJECTS or c.dep_ == "dobj"):
                    for clause in (c for c in noun.children if c.dep_ == "relcl" and c.i in verbs):
                        yield _MainVerb(clause, False, reported)


def _reasons(verb: Token) -> Iterator[Token]:
    """Gerunds a reason preposition hangs on `verb`, with the infinitives they govern ("for trying
    to enter" -> trying, enter)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _REASONS):
        for gerund in (c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"):
            yield gerund
            yield from (c for c in gerund.children if c.dep_ == "xcomp" and _infinitive(c))


@dataclass(frozen=True)
class Overstatement:
    """A verb the summary states as done that every matching article clause only hedges."""

    verb: str
    subject: str
    article: str

    def __str__(self) -> str:
        who = f"{self.subject!r} " if self.subject else ""
        return (
            f"says {who}{self.verb} as done; the article only expects, plans, doubts or denies it "
            f"({self.article[:80]!r})"
        )


def overstatements(claim: Doc, article: list[Doc]) -> list[Overstatement]:
    """Main verbs of `claim` stated as done that the article states only as hedged."""
    found = []
    for main in _main_verbs(claim):
        verb = main.token
        if hedged(verb) if main.reason else not plainly_done(verb):
            continue
        subject = _words(_subject(verb))
        key = _verb(verb)
        uses = [
            token
            for sentence in article
            for token in sentence
            if token.pos_ == "VERB" and _same_verb(_verb(token), key) and _about(token, subject)
        ]
        # an allegation reported as someone's word is what the article says ("police said he
        # attacked" for "held on suspicion of attacking")
        if uses and all(hedged(use) for use in uses) and not (main.told and any(alleged(u) for u in uses)):
            who = _subject(verb)
            words = sorted(phrase_words(who), key=lambda t: t.i) if who is not None else []
            found.append(Overstatement(verb.text, " ".join(t.text for t in words), uses[0].sent.text))
    return found
