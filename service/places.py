"""Where a figure happened, as the article writes it: a place in the figure's own clause with its
relation ("near", "two streets from"), never a destination or a name inside a longer name; the
story's place only for a figure that belongs to the lead's event."""

from __future__ import annotations

import re

from service.dates import MONTH_ALT, MONTHS, WEEKDAYS
from service.not_here import journey_end
from service.syntax import parser

# A locative phrase before a place keeps its meaning: "near the stadium" is not "in the stadium".
_RELATION_BEFORE = re.compile(
    r"(?:\b(?:near|outside|off|around|beyond|opposite|across(?: from)?|close to|next to|"
    r"just (?:north|south|east|west) of|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?: parts?)? of|"
    r"on the (?:outskirts|edge) of|(?:(?:across|down|up|along) )?(?:\S+ )?(?:miles?|km|kilomet(?:er|re)s?|"
    r"metres?|meters?|blocks?|"
    r"streets?|yards?|feet) (?:from|of|outside|away from))\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
# Where people were going or coming from is not where it happened ("a van headed to Atlanta").
_TOWARD = re.compile(
    r"\b(?:to|towards?|for|from|via|bound for|en route to|headed to|heading to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A capitalized word right after a place makes it part of a longer name ("Varna News"), unless
# it is a day or month ("in the capital Tuesday").
_DAY_OR_MONTH = "|".join(
    sorted({w.capitalize() for w in (*WEEKDAYS, *MONTHS) if len(w) > 3}, key=len, reverse=True)
)
_LONGER_NAME = re.compile(rf"\s+(?!(?:{_DAY_OR_MONTH})\b)(?:[A-Z][a-z]+|[A-Z]{{2,}})\b")
_CLAUSE = re.compile(r"\b(?:after|before|while|whereas|when|as|since|because|but)\b|;", re.IGNORECASE)


# "since March 19", "after 10 pm": a preposition before a time, not a new clause.
_BEFORE_TIME = re.compile(
    rf"\s+(?:the\s+)?(?:\d{{1,2}}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)|(?:19|20)\d\d\b|"
    rf"(?:{_DAY_OR_MONTH}|last|this|next|midnight|noon|dawn|dusk|dark)\b)",
    re.IGNORECASE,
)
# "the day before", "two weeks after", "shortly after": an adverb of time, not a new clause.
_TIME_NOUN_BEFORE = re.compile(
    r"\b(?:days?|weeks?|months?|years?|nights?|hours?|minutes?|moments?|shortly|soon|long|just|right)\s+$",
    re.IGNORECASE,
)
# A clause that says how the figure came about: "killed when a bus crashed in X" died in X.
_CAUSE = frozenset(("when", "after", "as"))


def clause_of(sentence: str, position: int) -> tuple[int, int]:
    """The span of the clause of `sentence` that holds `position` (split at connectives), with the
    clause right after it when that one says what caused it ("when", "after", "as")."""
    breaks = [
        m
        for m in _CLAUSE.finditer(sentence)
        if not _BEFORE_TIME.match(sentence, m.end()) and not _TIME_NOUN_BEFORE.search(sentence, 0, m.start())
    ]
    start, end = 0, len(sentence)
    for i, match in enumerate(breaks):
        if match.end() <= position:
            start = match.end()
        elif match.start() > position:
            end = match.start()
            if match.group(0).lower() in _CAUSE:
                end = breaks[i + 1].start() if i + 1 < len(breaks) else len(sentence)
            break
    return start, end


def _inside_word(text: str, start: int, end: int) -> bool:
    """The span [start, end) begins or ends inside a word of `text`."""
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


def place_as_written(place: str, sentence: str, near: int, *, whole: bool = False) -> str | None:
    """The place as the sentence writes it, in the clause of the number at `near` (in the whole
    sentence with `whole`), with a locative relation kept ("near the stadium"); None when it is
    not written there as a place."""
    low, target = sentence.lower(), place.lower()
    a, b = (0, len(sentence)) if whole else clause_of(sentence, near)
    found = low.find(target, a, b)
    # A place name inside a longer name is not a place: "according to Varna News" says nothing
    # about where it happened.
    while (
        found >= 0
        and (
            _LONGER_NAME.match(sentence, found + len(target))
            # inside a word: "Syria" in "Syrian"
            or _inside_word(sentence, found, found + len(target))
            or (_TOWARD.search(sentence[a:found]) and not _RELATION_BEFORE.search(sentence[a:found]))
        )
    ):
        found = low.find(target, found + 1, b)
    if found < 0 or found + len(target) > b:
        return None
    relation = _RELATION_BEFORE.search(sentence[a:found])
    return (relation.group(0) if relation else "") + sentence[found : found + len(target)]


# Nouns (and verb stems) that name what happened: a figure sentence that says "the blast" speaks
# of the blast the lead reports.
EVENT_STEMS = (
    "crash", "collid", "collision", "blast", "explo", "fire", "blaze", "attack", "bomb", "shoot",
    "shot", "collaps", "storm", "flood", "quake", "earthquake", "accident", "incident", "erupt", "derail",
    "stampede", "raid", "strike", "clash", "riot", "sink", "sank", "capsiz", "ambush", "tornado",
    "hurricane", "typhoon", "cyclone", "landslide", "avalanche", "outbreak", "siege",
)  # fmt: skip
_EVENT_ALT = "|".join(EVENT_STEMS)
# A toll for a whole war, country or period is not a toll "in" the place the story is about.
BACKGROUND = re.compile(
    r"\b(since (the )?(start|beginning|outbreak)|so far this (year|month)|in total|overall|altogether|"
    r"(the|this|a) (war|conflict|civil war|insurgency|uprising|crisis|epidemic|pandemic|outbreak)|"
    r"(last|this|past|previous) (year|decade)|since (19|20)\d\d|in (19|20)\d\d|"
    r"(\w+) (years?|months?|decades?) (ago|earlier|before)|a similar (attack|crash|accident|incident)|"
    r"nationwide|countrywide|worldwide|across the (country|region|world)|around the world|globally|"
    # an event named by its month or year is another, earlier one ("in a May raid", "the 2019 attack")
    rf"(a|an) ({MONTH_ALT})( (19|20)\d\d)? ([\w-]+ )?({_EVENT_ALT})\w*|"
    rf"the (({MONTH_ALT}) )?(19|20)\d\d ([\w-]+ )?({_EVENT_ALT})\w*)\b",
    re.IGNORECASE,
)
# Words for the same kind of event ("the blast" of a lead that says "exploded").
_EVENT_FAMILIES = (
    ("blast", "explo", "bomb"),
    ("crash", "collid", "collision", "accident", "derail"),
    ("fire", "blaze", "flames"),
    ("shoot", "shot", "gunfire", "gunm"),
    ("storm", "tornado", "hurricane", "typhoon", "cyclone", "flood"),
    ("quake", "tremor"),
    ("sink", "sank", "capsiz"),
)
_DEFINITE_EVENT = re.compile(
    rf"\b(?:the|this|that|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's|"
    rf"yesterday's|today's|last night's|last week's|(?:last|this) \w+day's)"
    rf"\s+(?:[\w-]+\s+)?(?P<stem>{'|'.join(EVENT_STEMS)})\w*",
    re.IGNORECASE,
)
_LEAD_PLACE = re.compile(
    r"\b(?P<rel>in|near|off|outside|at)\s+(?P<place>(?:the\s+)?[A-Z][\w'’-]+(?:,?\s+[A-Z][\w'’-]+){0,3})"
)
_NAMED_PLACE = re.compile(
    r"\b(?:city|town|village|province|state|region|district|county|capital|island|port)\s+of\s+"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
_NOT_PLACE_TEXT = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december the a an his her their its this that"
)
_NOT_PLACES = frozenset(_NOT_PLACE_TEXT.split())


def lead_place(lead: str | None) -> str | None:
    """The place the lead writes after "in", "near", "off", "outside" or "at" (or "the city of"),
    as written; never a destination ("heading to X")."""
    text = lead or ""
    found = sorted([*_LEAD_PLACE.finditer(text), *_NAMED_PLACE.finditer(text)], key=lambda m: m.start())
    for match in found:
        place = match.group("place").rstrip(",")
        first_word = place.removeprefix("the ").split()[0].lower()
        possessive = place.endswith(("'s", "’s"))  # "off Thailand's coast": the coast is the place
        if first_word in _NOT_PLACES or possessive or _TOWARD.search(text[: match.start()] + " "):
            continue
        at = text.find(place, match.start())
        if at >= 0 and journey_end(text, at, at + len(place)):
            continue  # "on the way home from a fair in Tarsa": the fair's place
        rel = (match.groupdict().get("rel") or "in").lower()
        return place if rel in ("in", "at") else f"{rel} {place}"
    return None


def same_event_place(sentence: str, lead: str | None, known: str | None) -> str | None:
    """The story's place for a figure sentence that refers to the lead's event by name ("the crash"):
    the place of the figure events so far, or the place the lead writes after "in", "near", "off"."""
    reference = _DEFINITE_EVENT.search(sentence)
    if reference is None or BACKGROUND.search(sentence) or over_an_area(sentence) or not lead:
        return None
    stem = reference.group("stem").lower()
    family = next((f for f in _EVENT_FAMILIES if stem in f), (stem,))
    if not any(word in lead.lower() for word in family):
        return None  # the lead does not report that kind of event: another event
    if known and known != "unspecified":
        return known
    return lead_place(lead)


# A figure sentence that speaks of another event than the story's ("in a separate attack").
OTHER_EVENT = re.compile(
    # "in a separate crash", "another attack"; not "a separate official said" (the same event)
    rf"\b((separate|another|unrelated|earlier|previous|similar) ([\w-]+ )?(?:{'|'.join(EVENT_STEMS)})\w*|"
    r"last (week|month|year)|"
    r"(a|one) (day|week|month|year) (earlier|before)|"
    # "died in that attack": points back at the event just mentioned, not at the lead's
    r"(that|those) ([\w-]+ )?(attacks?|raids?|bombings?|blasts?|crash(es)?|fires?|shootings?|"
    r"massacres?|incidents?|assaults?|sieges?|wars?|storms?|floods?|quakes?|earthquakes?))\b",
    re.IGNORECASE,
)
# "Kano, Nigeria (CNN) --": where the reporter files from, not where it happened.
_DATELINE = re.compile(r"^[A-Z][\w .,'’-]{0,60}\((?:[A-Z][\w .&-]{0,30})\)\s*(?:--|—|-|:)?\s*")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_AT_PLACE = frozenset(("in", "at", "inside", "near", "off", "outside"))
_PLACE_NOUNS = frozenset(
    ("city", "town", "village", "province", "state", "region", "district", "county", "capital", "island")
)


def _locative(ent_root: object) -> str | None:
    """The locative preposition a place entity is the object of ("in", "near"...), directly or via
    "the city of X"; None for a destination, a possessive or a subject."""
    token = ent_root
    if getattr(token, "dep_", "") != "pobj":
        return None
    prep = token.head  # type: ignore[attr-defined]
    if prep.lower_ in _AT_PLACE:
        return str(prep.lower_)
    owner = prep.head
    if prep.lower_ == "of" and owner.lemma_.lower() in _PLACE_NOUNS and owner.dep_ == "pobj":
        outer = owner.head.lower_
        return str(outer) if outer in _AT_PLACE else None
    return None


# Verbs whose object is the place an event hit: "a storm battered Tarsa", "a quake struck Varna".
_STRIKE_VERBS = frozenset(
    ("hit", "strike", "batter", "rock", "ravage", "sweep", "shake", "flood", "pound", "lash", "devastate")
)


def _struck(ent_root: object) -> str | None:
    """ "in" for a place that is the object of a verb of striking ("a storm battered Tarsa")."""
    head = ent_root.head  # type: ignore[attr-defined]
    dep = getattr(ent_root, "dep_", "")
    if dep != "dobj" or head.lemma_.lower() not in _STRIKE_VERBS:
        return None
    # "Flooding hit Lagos and Ibadan": two places, no one place of the story
    conjoined = any(c.dep_ == "conj" and c.ent_type_ in _PLACE_LABELS for c in ent_root.children)  # type: ignore[attr-defined]
    return None if conjoined else "in"


def story_place(lead: str | None) -> str | None:
    """Where the lead says its event happened: the first place named (spaCy entities) as the object
    of "in", "at", "near", "off", "outside" (or "the city of X" after one), with the relation kept;
    the dateline is skipped. Falls back to the lead's written pattern (lead_place)."""
    if not lead:
        return None
    skip = _DATELINE.match(lead)
    start = skip.end() if skip else 0
    doc = parser().parse(lead)
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS or ent.start_char < start:
            continue
        relation = _locative(ent.root) or _struck(ent.root)
        if relation is None or journey_end(lead, ent.start_char, ent.end_char):
            continue
        if relation in ("in", "at", "inside"):
            return ent.text.removeprefix("the ")
        return f"{relation} {ent.text}"
    return lead_place(lead[start:])


def story_lead(sentences: list[str]) -> str | None:
    """The lead the story's place is read from: the first news sentence, and the second one too
    when the first names no place ("A church roof collapsed during a service." then "The church in
    Tarsa...") and the second goes on about a thing the first names, not of another event, a
    period or another act ("... children who died in a crash." then "They were buried at X")."""
    if not sentences:
        return None
    first = sentences[0]
    if story_place(first) is not None or len(sentences) < 2:
        return first
    second = sentences[1]
    if BACKGROUND.search(second) or OTHER_EVENT.search(second) or not _shared_noun(first, second):
        return first
    return f"{first} {second}"


def _shared_noun(first: str, second: str) -> bool:
    """The two sentences name one thing with the same noun ("a church roof", "the church")."""
    nouns = [{t.lemma_.lower() for t in parser().parse(s) if t.pos_ == "NOUN"} for s in (first, second)]
    return bool(nouns[0] & nouns[1])


def relation_of(sentence: str, start: int, end: int) -> str | None:
    """The locative relation the parse gives the place at [start, end) when it is not "in" or "at"
    ("near the city of Garowe" -> "near"); None for "in", "at" or no relation."""
    doc = parser().parse(sentence)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    relation = _locative(span.root)
    return relation if relation in ("near", "off", "outside") else None


def _destination(ent_root: object) -> bool:
    """The place is where someone was taken, not where it happened: "taken to the trauma center
    at Tarsa General", "flown to a clinic in Tarsa"."""
    token = ent_root
    for _ in range(4):
        head = token.head  # type: ignore[attr-defined]
        if head is token:
            return False
        if getattr(token, "dep_", "") == "pobj" and head.lower_ in ("to", "towards", "toward", "into"):
            return True
        token = head
    return False


def names_other_place(sentence: str, place: str) -> bool:
    """The sentence names a place (as the object of a locative preposition) other than `place`;
    a destination ("taken to a hospital in X") does not count."""
    target = place.lower()
    for ent in parser().parse(sentence).ents:
        if ent.label_ in _PLACE_LABELS and _locative(ent.root) is not None and not _destination(ent.root):
            name = ent.text.lower()
            if name not in target and target.split()[-1] not in name:
                return True
    return False


def _only_in_longer_names(name: str, sentence: str) -> bool:
    """Every mention of `name` is part of a longer name ("according to Tarsa State Police")."""
    low, target = sentence.lower(), name.lower()
    found = [m.start() for m in re.finditer(re.escape(target), low)]
    return bool(found) and all(_LONGER_NAME.match(sentence, at + len(target)) for at in found)


# A toll counted over an area ("riots across the province killed 40", "deaths in several states")
# is not the toll of one town of it that the article names elsewhere.
_AREA = (
    r"country|nation|province|state|region|island|territory|county|district|countryside|continent|"
    r"(?:north|south|east|west)(?:east|west)?(?:ern)?(?:\s+(?:part|half|regions?))?"
)
_COUNT_OF = (
    r"(?:several|many|multiple|numerous|a\s+dozen|dozens\s+of|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d+)"
)
WIDE_AREA = re.compile(
    rf"\b(?:across|throughout|all\s+over|around)\s+(?:the\s+|this\s+|that\s+|a\s+)?(?:[\w-]+\s+)?(?:{_AREA})\b"
    rf"|\b(?:across|throughout)\s+(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})"
    rf"|\b(?:in|across)\s+{_COUNT_OF}\s+(?:[\w-]+\s+)?(?:provinces|states|cities|towns|districts|regions|countries|"
    r"villages|counties|communities|islands|neighbou?rhoods|municipalities)\b",
)


def over_an_area(sentence: str) -> bool:
    """The sentence counts its toll over an area ("across the province", "in several towns")."""
    return WIDE_AREA.search(sentence) is not None


def inherited_place(
    sentence: str, lead: str | None, date_text: str | None = None, near: int | None = None
) -> str | None:
    """The story's place for a figure sentence that names no place of its own, speaks of no other
    event or period (background, "a separate attack"), names no other place, and gives no date the
    lead does not give (a toll "on January 29" in a story about Wednesday is another event)."""
    if BACKGROUND.search(sentence) or OTHER_EVENT.search(sentence) or over_an_area(sentence):
        return None
    if date_text and (not lead or date_text.lower() not in lead.lower()):
        return None
    place = story_place(lead)
    if place is None or names_other_place(sentence, place):
        return None
    name = place.split(" ", 1)[1] if place.split(" ", 1)[0] in _AT_PLACE and " " in place else place
    if name.lower() in sentence.lower() and not _only_in_longer_names(name, sentence):
        # Written in the figure's own clause (the model proposed a wider place, "Syria" for
        # "killed in Tarsa"): the clause's words; written elsewhere ("flown to Tarsa"): another role.
        return place_as_written(name, sentence, near) if near is not None else None
    return place


# A name that modifies a noun says what the thing is ("a Tarsa storm", "a Varna man", "the Ostrel
# firm"), not where anything happened; the name of a local authority is where it serves ("Tarsa
# police said"), and a name in a place phrase places it ("in a Tarsa suburb").
_MODIFIER_DEPS = frozenset(("compound", "nmod"))
_AUTHORITIES = frozenset(
    (
        "police", "sheriff", "department", "officials", "official", "authorities", "authority", "mayor",
        "council", "coroner", "governor", "government", "prosecutor", "prosecutors", "fire", "county",
        "city", "state", "province", "district", "region", "municipality", "township", "parish",
    )
)  # fmt: skip
_IN_PLACE = frozenset(
    ("in", "at", "near", "outside", "off", "across", "throughout", "inside", "around", "on")
)
# Nouns for firms and people: "at the Ostrel firm" is at a firm based there, not a place there.
_NOT_PLACES_NOUNS = frozenset(
    (
        "firm", "company", "business", "group", "bank", "team", "club", "band", "airline", "carrier",
        "brand", "man", "woman", "boy", "girl", "family", "couple", "native", "resident", "player",
    )
)  # fmt: skip


def names_a_kind(sentence: str, place: str) -> bool:
    """Every mention of `place` in `sentence` modifies a noun that is neither a place phrase nor a
    local authority ("a Tarsa storm killed two", "a Varna man died"): no proof it happened there."""
    doc = parser().parse(sentence)
    found = False
    for match in re.finditer(rf"(?<!\w){re.escape(place)}(?!\w)", sentence, re.IGNORECASE):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        found = True
        root = span.root
        if root.dep_ not in _MODIFIER_DEPS:
            return False
        noun = root.head
        while noun.dep_ in _MODIFIER_DEPS and noun.head.i != noun.i:
            if noun.lower_ in _AUTHORITIES:
                return False
            noun = noun.head
        in_place = noun.dep_ == "pobj" and noun.head.lower_ in _IN_PLACE
        if noun.lower_ in _AUTHORITIES or (in_place and noun.lemma_.lower() not in _NOT_PLACES_NOUNS):
            return False
    return found


def _number_of(token: object) -> int | None:
    """The position of the number a token is or that counts it ("12", "12 deaths"), else None."""
    if getattr(token, "pos_", "") == "NUM":
        return int(token.i)  # type: ignore[attr-defined]
    counts = [c for c in token.children if c.dep_ == "nummod"]  # type: ignore[attr-defined]
    return int(counts[0].i) if counts else None


def place_of_a_part(sentence: str, place: tuple[int, int], number: tuple[int, int]) -> bool:
    """The place at `place` is where another number of the sentence was counted, a part of the
    figure at `number` ("killed 40 people, including 12 in Tarsa": Tarsa is the 12's place)."""
    doc = parser().parse(sentence)
    where = doc.char_span(*place, alignment_mode="expand")
    figure = doc.char_span(*number, alignment_mode="expand")
    if where is None or figure is None or len(where) == 0 or len(figure) == 0:
        return False
    root = where.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    other = _number_of(root.head.head)
    return other is not None and other != figure.root.i
