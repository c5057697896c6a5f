"""Verified casualty figures stated as sentences by code: the number, group, place and time only
as the figure's own quote writes them, the source the article credits, one sentence per toll."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from service.dates import MONTH_ALT
from service.ground import hedge_at
from service.later_deaths import died_later, hurt_in_all, told_dying_later
from service.numbers import NumberMention, find_numbers
from service.places import BACKGROUND, place_of_a_part
from service.schema import Casualty, Event
from service.syntax import counts_remains, hedge_adverb, parser, same_clause, same_time
from service.text import sentences

MAX_FIGURE_SENTENCES = 2
# Enough of the article after a figure's quote to hold the next sentence.
_FOLLOWING_CHARS = 400
SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
SINGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman"}
# How a figure sentence names the event ("killed in a fire in Tarsa").
EVENT_PHRASES = {
    "airstrike": " in airstrikes",
    "shelling": " in shelling",
    "bombing": " in a bombing",
    "shooting": " in a shooting",
    "ground_assault": " in a ground assault",
    "clash": " in clashes",
    "attack": " in an attack",
    "accident": " in an accident",
    "crash": " in a crash",
    "fire": " in a fire",
    "explosion": " in an explosion",
    "collapse": " in a collapse",
    "flood": " in floods",
    "earthquake": " in an earthquake",
    "storm": " in a storm",
}

EVENT_CUES = {
    kind: re.compile(rf"\b({words})", re.IGNORECASE)
    for kind, words in {
        "airstrike": "air ?strikes?|airstrikes?|air raids?|bombard|warplanes?",
        "shelling": "shell(ing|ed|s)?\\b|artillery|mortars?|rockets?",
        "bombing": "bomb|blast|explosi",
        "shooting": "shoot|shot|gunm[ae]n|gunfire",
        "ground_assault": "assault|offensive|ground attack",
        "clash": "clash|fighting",
        "attack": "attack",
        "accident": "accident",
        "crash": "crash|collid|collision",
        "fire": "fire|blaze|flames",
        "explosion": "explo|blast",
        "collapse": "collaps",
        "flood": "flood",
        "earthquake": "earthquake|quake|tremor",
        "storm": "storm|hurricane|typhoon|cyclone|tornado",
    }.items()
}
_KILL_VERB = re.compile(r"\b(kill\w*|slain|murder\w*|massacre\w*|shot dead|executed)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    ("in", "near", "outside", "at", "on", "off", "around", "beyond", "opposite", "close", "next", "just")
)
_HURT = re.compile(r"\b(injur\w*|wound\w*|hurt|maimed|casualt\w*|burns?|lacerations?)\b", re.IGNORECASE)
_HOSPITAL = re.compile(r"\bhospital\w*", re.IGNORECASE)
_REMAINS = frozenset(("bodies", "corpses", "remains", "body", "corpse"))
_ANY = frozenset(("people", "persons", "person"))
# How bodies come to light, said in two words: found, or recovered (pulled, dug out, retrieved).
_FOUND_VERB = re.compile(
    r"\b(found|discovered|located|spotted|recovered|retrieved|pulled|dug|exhumed|unearthed|identified)\b",
    re.IGNORECASE,
)
_FOUND_SAID = {
    **dict.fromkeys(("found", "discovered", "located", "spotted"), "found"),
    **dict.fromkeys(("recovered", "retrieved", "pulled", "dug", "exhumed", "unearthed"), "recovered"),
    "identified": "identified",
}
# A place in these relations names a kind of thing ("Seattle storm", "Georgia's police").
_MODIFIER_DEPS = frozenset(("compound", "amod", "nmod", "poss"))
_OVER_A_PERIOD = re.compile(
    r"\b(?:since|so far|to date|in all|in total|altogether)\b"
    # a span of time counted over ("over the past two months", "in the last week")
    r"|\b(?:over|during|in|within|throughout)\s+the\s+(?:past|last|previous)\s+(?:[\w-]+\s+)?"
    r"(?:days?|weeks?|months?|years?)\b"
    # many events counted together ("in twelve coordinated attacks", "a wave of bombings")
    r"|\b(?:attacks|bombings|shootings|strikes|airstrikes|air strikes|raids|blasts|explosions|crashes|"
    r"clashes|fires|storms|assaults|incidents)\b|\b(?:series|wave|spate|string)\s+of\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.IGNORECASE)
_MONTH = rf"(?:{MONTH_ALT})\.?"
# A calendar day takes "on" ("on May 3", "on 3 May 2019"); a month or a year alone takes "in".
_ORDINAL_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAY = re.compile(
    rf"^(?:{_MONTH}\s+{_ORDINAL_DAY}|{_ORDINAL_DAY}\s+{_MONTH})(?:,?\s+\d{{4}})?$", re.IGNORECASE
)
_MONTH_OR_YEAR = re.compile(rf"^(?:{_MONTH}(?:\s+\d{{4}})?|\d{{4}}|the\s+\d{{4}}s)$", re.IGNORECASE)


def _spell(value: int) -> str:
    """Wire style: one to nine in words, larger numbers in digits."""
    return SMALL[value] if value < len(SMALL) else str(value)


def _count(value: int, group: str) -> str:
    """ "38 people", "one child"."""
    word = _spell(value)
    if value == 1:
        group = SINGULAR.get(group, group[:-1] if group.endswith("s") and not group.endswith("ss") else group)
    return f"{word} {group}"


class FigureSentence(NamedTuple):
    """A figure stated by code, and the figure it states."""

    text: str
    casualty: Casualty


def figure_sentence(c: Casualty, event: Event, following: str = "") -> str:
    """One verified figure as a sentence, with the source the article credits; `following` is the
    article's sentence after the figure's (it may say the dead died later)."""
    q = f"{c.qualifier} " if c.qualifier else ""
    # "295 bodies were recovered" counts the dead: they are people who died, not bodies that did.
    group = "people" if (c.group or "").lower() in _REMAINS else c.group or "people"
    # "killed" says someone or something killed them; a quote that only says they died (of a
    # disease, in a fall) gets "died".
    said_killed = bool(_KILL_VERB.search(c.evidence.quote))
    in_all = hurt_in_all(c)
    if c.killed is not None and in_all is not None:
        # "two were taken to hospital, and one of them died": the dead are among the injured
        were = "was" if in_all == 1 else "were"
        core = f"{q}{_count(in_all, group)} {were} injured, and {_spell(c.killed)} of them died"
    elif c.killed is not None and c.injured is not None:
        died = ("was killed" if c.killed == 1 else "were killed") if said_killed else "died"
        # the record's qualifier is the dead's: the hurt keep their own ("and nearly 40 injured")
        hurt_q = _injured_hedge(c)
        core = f"{q}{_count(c.killed, group)} {died} and {hurt_q}{_hurt_count(c, group)} injured"
    elif c.killed is not None and (found := _remains_found(c)) is not None:
        # "rescuers pulled nine bodies from the rubble": the quote counts bodies, not deaths
        were = "was" if c.killed == 1 else "were"
        bodies = "body" if c.killed == 1 else "bodies"
        whose = c.group if c.group and c.group.lower() not in (_REMAINS | _ANY) else None
        if whose:
            core = f"the {bodies} of {q}{_count(c.killed, whose)} {were} {found}"
        else:
            core = f"{q}{_spell(c.killed)} {bodies} {were} {found}"
    elif c.killed is not None:
        verb = ("was killed" if c.killed == 1 else "were killed") if said_killed else "died"
        core = f"{q}{_count(c.killed, group)} {verb}"
    else:
        assert c.injured is not None
        # "taken to hospital" with no word of injury may be illness: say what the quote says
        hurt = (
            "injured"
            if _HURT.search(c.evidence.quote) or not _HOSPITAL.search(c.evidence.quote)
            else "hospitalized"
        )
        were = "was" if c.injured == 1 else "were"
        # "13 had minor injuries" counts the lightly hurt, not every injured: say how badly
        severity = _severity(c) if hurt == "injured" else None
        core = f"{q}{_count(c.injured, group)} {were} {severity + ' ' if severity else ''}{hurt}"
    if (hedge := _hedge(c)) is not None:
        # "the gunmen reportedly executed 60": the quote reports the deaths as a claim
        core = re.sub(
            r"\b(was|were|died)\b",
            lambda m: f"{m.group()} {hedge}" if m.group() != "died" else f"{hedge} died",
            core,
            count=1,
        )
    where, when = _where(c, event), _when(c, event)
    later = died_later(c.evidence.quote) or told_dying_later(following, c.group, event.date_text)
    if c.killed is not None and later:
        # died later, in hospital: the event's place and time are not the death's
        where, when = "", ""
    source = f", according to {c.claimed_by}" if c.claimed_by else ""
    # The event's name is the model's reading: say it only if the quote itself says so.
    cue = EVENT_CUES.get(event.event_type)
    # A toll counted over a period or over many events ("killed by shelling since May", "in twelve
    # attacks") is not "in a bombing": one event.
    one_event = not _OVER_A_PERIOD.search(c.evidence.quote)
    how = (
        EVENT_PHRASES.get(event.event_type, "") if cue and cue.search(c.evidence.quote) and one_event else ""
    )
    text = f"{core}{how}{where}{when}{source}."
    return text[0].upper() + text[1:]


# The number stands alone, its noun left to the dead's: "and 17 were hurt", "as one remains in
# critical condition" (not "17 people", "17 others").
_ELIDED_HURT = re.compile(
    r"\s*(?:were|was|are|is|remains?|remained|had|have|has|suffered|sustained|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
_ANY_PEOPLE = frozenset(("people", "persons", "person"))


def _hurt_count(c: Casualty, group: str) -> str:
    """The injured number after "N <group> were killed and": bare only when the group is anyone
    or the quote too leaves the hurt's noun to the dead's ("three guides died and 17 were hurt");
    else with "people" ("three guides died and 17 people, most of them walkers, were hurt" does
    not say 17 guides)."""
    assert c.injured is not None
    if group.lower() in _ANY_PEOPLE:
        return _spell(c.injured)
    quote = c.evidence.quote
    mentions = find_numbers(quote)
    dead = next((m for m in mentions if m.value == c.killed), None)
    hurt = next((m for m in mentions if m.value == c.injured and m is not dead), None)
    if hurt is not None and _ELIDED_HURT.match(quote, hurt.end):
        return _spell(c.injured)
    return _count(c.injured, "people")


# How badly the counted were hurt, as the quote writes it right after the number ("13 had minor
# injuries", "two were seriously hurt"), in the number's own clause (not "nine were hurt and one
# seriously hurt man...").
_SEVERITY = re.compile(
    r"(?:(?!\b(?:and|while|but|whereas)\b|\d)[^,;]){0,40}?"
    r"\b(minor|slight(?:ly)?|light(?:ly)?|serious(?:ly)?|critical(?:ly)?|severe(?:ly)?)\b"
    r"(?:(?!\b(?:and|while|but|whereas)\b)[^,;]){0,25}?\b(?:injur|hurt|wound|burn)",
    re.IGNORECASE,
)


def _severity(c: Casualty) -> str | None:
    """The adverb of how badly the injured were hurt ("seriously"; "slightly" for minor injuries)
    when the quote says so of the injured number: said without it, a part reads as all."""
    assert c.injured is not None
    quote = c.evidence.quote
    hurt = next((m for m in find_numbers(quote) if m.value == c.injured), None)
    found = _SEVERITY.match(quote, hurt.end) if hurt is not None else None
    if found is None:
        return None
    word = found.group(1).lower()
    if word == "minor":
        return "slightly"
    return word if word.endswith("ly") else f"{word}ly"


def _injured_hedge(c: Casualty) -> str:
    """The hedge the quote writes before the injured number ("nearly 40"), with a space, or ""."""
    quote = c.evidence.quote
    mentions = find_numbers(quote)
    dead = next((m for m in mentions if m.value == c.killed), None)
    hurt = [m for m in mentions if m.value == c.injured and m is not dead]
    hedge = hedge_at(quote, hurt[0]) if hurt else None
    return f"{hedge} " if hedge else ""


def _hedge(c: Casualty) -> str | None:
    """The hedging adverb ("reportedly") on the verb of the figure's number in its quote."""
    mention = _quote_mention(c)
    return hedge_adverb(parser().parse(c.evidence.quote), mention.start, mention.end) if mention else None


def _remains_found(c: Casualty) -> str | None:
    """How the quote says the bodies its number counts came to light ("found", "recovered"), or
    None when the number does not count bodies or no such verb is written."""
    quote = c.evidence.quote
    mention = _quote_mention(c)
    if mention is None or not counts_remains(parser().parse(quote), mention.start, mention.end):
        return None
    verb = _FOUND_VERB.search(quote)
    return _FOUND_SAID[verb.group(1).lower()] if verb else None


def _quote_mention(c: Casualty) -> NumberMention | None:
    """The figure's number in its quote (the killed count first)."""
    mentions = find_numbers(c.evidence.quote)
    for value in (c.killed, c.injured):
        hit = next((m for m in mentions if m.value == value), None)
        if hit is not None:
            return hit
    return None


def _number_at(c: Casualty) -> int:
    """Where the figure's number stands in its quote (the killed count first)."""
    mention = _quote_mention(c)
    return mention.start if mention is not None else 0


def _where(c: Casualty, event: Event) -> str:
    """The event's place as the figure's own clause writes it, as a place, or nothing: a place
    elsewhere in the sentence may be where something else happened, and a place that modifies a
    noun ("a Seattle storm", "Georgia police") says what the thing is, not where anyone died."""
    if event.location == "unspecified":
        return ""
    quote = c.evidence.quote
    doc = parser().parse(quote)
    at = _number_at(c)
    number = (at, at + 1)
    for found in re.finditer(rf"(?<!\w){re.escape(event.location)}(?!\w)", quote, re.IGNORECASE):
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if (
            span is not None
            and span.root.dep_ not in _MODIFIER_DEPS
            and same_clause(doc, number, found.span())
            # "40 people, including 12 in Tarsa": the 12's place, not the 40's
            and not place_of_a_part(quote, found.span(), _number_span(quote, at))
        ):
            break
    else:
        return ""
    first = event.location.split(" ", 1)[0].lower()
    return f" {event.location}" if first in _PREPOSITIONS else f" in {event.location}"


def _number_span(quote: str, at: int) -> tuple[int, int]:
    """The span of the number written at `at` in `quote` (one character when none is there)."""
    hit = next((m for m in find_numbers(quote) if m.start == at), None)
    return (hit.start, hit.end) if hit else (at, at + 1)


def _when(c: Casualty, event: Event) -> str:
    """The event's time only as the figure's own clause writes it."""
    quote = c.evidence.quote
    at = quote.lower().find((event.date_text or "").lower())
    if not event.date_text or at < 0:
        return ""
    number = _number_at(c)
    if not same_time(parser().parse(quote), (number, number + 1), (at, at + len(event.date_text))):
        return ""
    if _WEEKDAY.match(event.date_text) or _DAY.match(event.date_text):
        return f" on {event.date_text}"
    if _MONTH_OR_YEAR.match(event.date_text):
        return f" in {event.date_text}"  # "killed in December", never "killed December"
    if event.date_text.lower().startswith(("the ", "past ", "previous ")):
        return f" in {event.date_text}"  # "in the past week", not "in Kansas the past week"
    return f" {event.date_text}"


_PART_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+|all\s+)?$", re.IGNORECASE)


def _whole_of(c: Casualty) -> int | None:
    """The total a figure is part of, as its quote writes it ("five out of six were injured": 6)."""
    quote = c.evidence.quote
    mentions = find_numbers(quote)
    for part, whole in itertools.pairwise(mentions):
        if part.value in (c.killed, c.injured) and _PART_OF.match(quote[part.end : whole.start]):
            return int(whole.value)
    return None


def _main_figure(event: Event) -> Casualty:
    """The event's largest death toll that is not background (then its largest count of injured),
    the earliest of equals, as wire leads give the dead first: a total sums up its
    parts ("14 were hurt, 13 of them slightly"), and the victims' toll outweighs a count of the
    attackers killed that the story gives first ("four gunmen were killed ... 40 people died")."""
    news = [c for c in event.casualties if not BACKGROUND.search(c.evidence.quote)] or event.casualties
    return max(news, key=lambda c: ((c.killed or 0), (c.injured or 0), -c.evidence.start))


def _sentence_after(article: str, end: int) -> str:
    """The article's sentence that follows the one ending at `end` ("" when none)."""
    found = sentences(article[end : end + _FOLLOWING_CHARS]) if article else []
    return found[0].text if found else ""


def figure_sentences(events: list[Event], article: str = "") -> list[FigureSentence]:
    """The main figure of each event, events in article order, at most two:
    a second one only for the same time as the first and not a background toll, and never the
    same numbers again; tolls with no place of their own only when nothing else is left.
    `article` is the text the figures' evidence offsets point into (read for later deaths)."""
    # Events in the order the article first tells them, each summed up by its main figure.
    told = sorted(
        (e for e in events if e.casualties), key=lambda e: min(c.evidence.start for c in e.casualties)
    )
    chosen = [(_main_figure(e), e) for e in told]
    # A background toll (an earlier event, a war's total) is never the summary's news.
    chosen = [ce for ce in chosen if not BACKGROUND.search(ce[0].evidence.quote)]
    placed = [ce for ce in chosen if ce[1].location != "unspecified"] or chosen
    if not placed:
        return []
    main_event = placed[0][1]
    kept = [placed[0]]
    for casualty, event in placed[1:]:
        same_time = (event.date_text or "").lower() == (main_event.date_text or "").lower()
        repeated = any((casualty.killed, casualty.injured) == (c.killed, c.injured) for c, _ in kept)
        # "five of the six" are among the six already said
        whole = _whole_of(casualty)
        repeated = repeated or any(whole is not None and whole in (c.killed, c.injured) for c, _ in kept)
        # A second toll of the same kind whose clause names no place of its own is a part or a
        # restatement of the first ("14 hurt", then "12 had minor injuries"): said alone it reads
        # as another count of the same people.
        first = kept[0][0]
        same_kind = (casualty.killed is not None and first.killed is not None) or (
            casualty.injured is not None and first.injured is not None
        )
        unplaced = same_kind and not _where(casualty, event)
        if same_time and not repeated and not unplaced and not BACKGROUND.search(casualty.evidence.quote):
            kept.append((casualty, event))
    return [
        FigureSentence(figure_sentence(c, e, _sentence_after(article, c.evidence.end)), c)
        for c, e in kept[:MAX_FIGURE_SENTENCES]
    ]
