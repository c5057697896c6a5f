"""Check every figure the model proposed against the text, then build grounded event records."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from service.dates import resolve_date
from service.extract import REFERS_BACK, Candidate, FigureDraft, Reading
from service.foreseen import foreseen
from service.later_deaths import hurt_before
from service.not_here import aimed_at, journey_end
from service.numbers import NumberMention, find_numbers
from service.parties import checked_party
from service.places import (
    BACKGROUND,
    EVENT_STEMS,
    OTHER_EVENT,
    clause_of,
    inherited_place,
    names_a_kind,
    over_an_area,
    place_as_written,
    place_of_a_part,
    relation_of,
    same_event_place,
    story_place,
)
from service.roles import figure_role
from service.schema import Casualty, Event, Evidence
from service.syntax import (
    bare_toll,
    clause_verb,
    counted_beside,
    counted_noun,
    counts_remains,
    credited_to_another,
    dates_another_act,
    dates_the_proceedings,
    described_as,
    in_relative_clause,
    number_token,
    parser,
    same_clause,
    same_time,
    tells_of_another_thing,
)
from service.text import Span
from service.timex import first_time_expression, names_another_moment, time_phrase
from service.wide_tolls import counts_many_events

ATTRIBUTION = re.compile(
    r"\b(said|says|say|according|told|tells|reported|reports|report|estimates?|estimated|"
    r"figures?|counted|confirmed|announced|claimed|put|puts|gave|giving|cited|citing|"
    r"monitor|statement|toll from|data)\b",
    re.IGNORECASE,
)
RESPONSIBILITY = re.compile(r"\b(responsib\w+|carried out|behind the (attack|bombing|blast))\b", re.I)
NOT_A_SOURCE = frozenset(
    (
        "said",
        "says",
        "reported",
        "reports",
        "according",
        "according to",
        "unknown",
        "none",
        "null",
        "n/a",
        "the article",
        "article",
        "officials said",
    )
)


@dataclass
class GroundingReport:
    """Events that passed the checks, and what was dropped or corrected, said in words."""

    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _mention(sentence: str, value: int | None) -> NumberMention | None:
    if value is None:
        return None
    return next((m for m in find_numbers(sentence) if m.value == value), None)


# A rate is a statistic, not the toll of an event: "400 people die each year of it".
_RATE = re.compile(
    r"\b(?:each|every|per)\s+(?:year|month|week|day)\b|\ba\s+(?:year|month|week|day)\b(?!\s+(?:ago|after|"
    r"earlier|later|before|since|on)\b)|\b(?:annually|yearly|per\s+annum)\b",
    re.IGNORECASE,
)


def _counted_otherwise(sentence: str, mention: NumberMention, elsewhere: Sequence[str]) -> bool:
    """A "toll of 550" that says not of what, while another sentence says what 550 counts and it
    is no casualty ("rescued 550 fishermen"): the toll is that count, not a death toll."""
    if not bare_toll(parser().parse(sentence), mention.start, mention.end):
        return False
    for other in elsewhere:
        if other == sentence:
            continue
        found = find_numbers(other)
        if any(m.value == mention.value and figure_role(other, m, found) == "other" for m in found):
            return True
    return False


def check_numbers(
    fig: FigureDraft, sentence: str, warnings: list[str], elsewhere: Sequence[str] = ()
) -> tuple[int | None, int | None]:
    """Keep killed/injured only if the sentence states them AS casualty figures (the casualty word
    speaks about that number), in the field its words say; `elsewhere` is the article's other
    sentences, read only when the sentence's own words do not say what a number counts."""
    out: dict[str, int | None] = {"killed": None, "injured": None}
    mentions = find_numbers(sentence)
    for fld in ("killed", "injured"):
        value = getattr(fig, fld)
        if value is None or (value == 0 and not _mention(sentence, 0)):
            continue
        mention = next((m for m in mentions if m.value == value), None)
        if mention is None:
            warnings.append(f"dropped {fld}={value}: the number is not in its sentence: {sentence[:80]!r}")
            continue
        a, b = clause_of(sentence, mention.start)
        if _RATE.search(sentence, a, b):
            warnings.append(f"dropped {fld}={value}: a rate, not the toll of an event: {sentence[:80]!r}")
            continue
        role = figure_role(sentence, mention, mentions)
        if role not in (None, "other") and _counted_otherwise(sentence, mention, elsewhere):
            warnings.append(
                f"dropped {fld}={value}: a bare toll whose number counts something else elsewhere "
                f"in the article: {sentence[:80]!r}"
            )
            continue
        if role is None or role == "other":
            what = "counts something else" if role == "other" else "is not what a casualty word counts"
            warnings.append(f"dropped {fld}={value}: in its sentence the number {what}: {sentence[:80]!r}")
            continue
        if foreseen(sentence, mention):
            warnings.append(
                f"dropped {fld}={value}: the sentence says the deaths or injuries could, will or are "
                f"ordered to happen, not that they did: {sentence[:80]!r}"
            )
            continue
        if counts_many_events(sentence, mention):
            warnings.append(
                f"dropped {fld}={value}: a toll summed over a whole country, state or the roads, not "
                f"this event's: {sentence[:80]!r}"
            )
            continue
        if role == "either" and any(
            figure_role(sentence, m, mentions) in ("killed", "injured") for m in mentions if m is not mention
        ):
            # "shot three people, killing one and wounding two": three counts everyone hit
            warnings.append(
                f"dropped {fld}={value}: the number counts everyone hit, and the sentence gives the "
                f"dead or hurt apart: {sentence[:80]!r}"
            )
            continue
        if role != "either" and role != fld:
            warnings.append(f"moved {value} from {fld} to {role}: the sentence says so")
            fld = role
        if out[fld] is not None and out[fld] != value:
            warnings.append(f"dropped {fld}={value}: two numbers for one field")
            continue
        out[fld] = value
    return out["killed"], out["injured"]


HEDGES = (
    # a denied comparative first: "no fewer than 300" is at least 300, never "fewer than 300"
    "no fewer than",
    "no less than",
    "not fewer than",
    "not less than",
    "no more than",
    "not more than",
    "at least",
    "more than",
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "up to",
    "some",
    "approximately",
    "roughly",
    "at most",
    "fewer than",
    "less than",
    "an estimated",
    "as many as",
    "close to",
    "upwards of",
    "in excess of",
    "estimated",
)
_HEDGE_BEFORE = re.compile(r"\b(" + "|".join(HEDGES) + r")\s+$", re.IGNORECASE)


def qualifier_of(sentence: str, value: int | None) -> str | None:
    """The hedge written right before the number ("at least 38"), read by code, not by the model."""
    mention = _mention(sentence, value)
    return hedge_at(sentence, mention) if mention is not None else None


def hedge_at(sentence: str, mention: NumberMention) -> str | None:
    """The hedge written right before the number `mention` of `sentence`, lower-cased, or None."""
    found = _HEDGE_BEFORE.search(sentence[max(0, mention.start - 25) : mention.start])
    return found.group(1).lower() if found else None


def check_source(
    source: str | None,
    sentence: str,
    article: str,
    place: str | None,
    perpetrator: str | None,
    warnings: list[str],
    value: int | None = None,
) -> str | None:
    """A claimant must be credited by the sentence: named in it, or named before and referred to;
    and, when the sentence gives the figure `value` through a speaker, that speaker must be it
    ("police said 12 were killed, but officials put the toll at 15": police did not say 15)."""
    if not source:
        return None
    s = source.strip().strip(".")
    if s.lower() in NOT_A_SOURCE or len(s) < 2:
        return None
    if place and s.lower() == place.lower():
        return None
    if perpetrator and s.lower() == perpetrator.strip().lower() and RESPONSIBILITY.search(sentence):
        # "X claimed responsibility" makes X the perpetrator, not the source of the toll.
        warnings.append(f"dropped claimant {s!r}: it is the perpetrator")
        return None
    if not ATTRIBUTION.search(sentence):
        warnings.append(f"dropped claimant {s!r}: the sentence attributes the figure to no one")
        return None
    if _named_in(s, sentence) and _tells_of_another_thing(s, sentence, value):
        warnings.append(f"dropped claimant {s!r}: in the sentence it tells of something else, not of {value}")
        return None
    if _named_in(s, sentence) and _said_another(s, sentence, value):
        mention = _mention(sentence, value)
        speaker = parser().speaker(sentence, mention.start, mention.end) if mention else None
        if speaker is not None and not _named_in(speaker, s):
            warnings.append(
                f"claimant {s!r} replaced by {speaker!r}: the sentence has {speaker!r} give {value}"
            )
            return speaker
        warnings.append(f"dropped claimant {s!r}: the sentence credits {value} to another speaker")
        return None
    if _named_in(s, sentence) or (REFERS_BACK.search(sentence) and _named_in(s, article)):
        return s
    where = "in the article" if not _named_in(s, article) else "near the figure"
    warnings.append(f"dropped claimant {s!r}: not named {where}")
    return None


def _read_source(
    read: Callable[[Doc, tuple[int, int], tuple[int, int]], bool],
    source: str,
    sentence: str,
    value: int | None,
) -> bool:
    """`read` on the sentence's parse, the span of `source` and that of the number `value`; False
    when either is not written in the sentence."""
    mention = _mention(sentence, value)
    at = sentence.lower().find(source.lower())
    if mention is None or at < 0:
        return False
    return read(parser().parse(sentence), (at, at + len(source)), (mention.start, mention.end))


def _said_another(source: str, sentence: str, value: int | None) -> bool:
    """The sentence gives `value` through another speaker than `source` (read from the parse)."""
    return _read_source(credited_to_another, source, sentence, value)


def _tells_of_another_thing(source: str, sentence: str, value: int | None) -> bool:
    """The sentence's "X said" describes another noun than the figure (read from the parse)."""
    return _read_source(tells_of_another_thing, source, sentence, value)


def _named_in(name: str, text: str) -> bool:
    """The name, or every significant word of it, is written in `text`."""
    words = [w.lower() for w in re.findall(r"[\w'-]+", name) if len(w) > 2 and w.lower() != "the"]
    low = text.lower()
    return name.lower() in low or (bool(words) and all(w in low for w in words))


def check_text(value: str | None, *texts: str) -> str | None:
    """Keep a short phrase (place, time) only if it is written in one of `texts`."""
    if not value:
        return None
    v = value.strip()
    return v if any(v.lower() in t.lower() for t in texts) else None


def _place(
    proposed: str | None,
    event_type: str,
    candidate: Candidate,
    mention: NumberMention | None,
    report: GroundingReport,
    previous: Candidate | None,
) -> str:
    """The place written in the figure's clause (or in the context sentence it refers back to); else
    the place of the figure sentence right before, when this one continues it; else unspecified."""
    place = (proposed or "").strip(" ,.")
    sentence = candidate.sentence.text
    number = (mention.start, mention.end) if mention else (0, 0)
    if place:
        written = place_as_written(place, sentence, number[0])
        at = sentence.lower().find(place.lower())
        if written is None and candidate.context and check_text(place, candidate.context):
            written = place
        if written is not None and written.lower() == place.lower() and at >= 0:
            # "near the northeastern city of Garowe" is near Garowe, not in it.
            relation = relation_of(sentence, at, at + len(place))
            written = f"{relation} {written}" if relation else written
        if (
            written is not None
            and at >= 0
            and mention
            and place_of_a_part(sentence, (at, at + len(place)), number)
        ):
            # "killed 40 people, including 12 in Tarsa": Tarsa is the 12's place, not the 40's
            report.warnings.append(f"place {place!r} is where a part of the figure was counted; not used")
            written, place = None, ""
        if written is not None and at >= 0 and names_a_kind(sentence, place):
            # "a Tarsa storm killed two", "a Varna man died": what the thing is, not where
            report.warnings.append(f"place {place!r} only modifies a noun; no proof it happened there")
            written, place = None, ""
        if written is not None and at >= 0 and journey_end(sentence, at, at + len(place)):
            # "killed on their way home from a fair in Tarsa": the fair's place, not the deaths'
            report.warnings.append(f"place {place!r} is where people were going or coming from; not used")
            written, place = None, ""
        if written is not None and at >= 0 and aimed_at(sentence, at, at + len(place)):
            # "fired at the Ostrel Front": a target, not a place
            report.warnings.append(f"place {place!r} is what was aimed at, not where it happened; not used")
            written, place = None, ""
        if written is not None and parser().told_not_happened(sentence, place):
            # "officials said in Geneva that 19 were killed": where it was said, not where it happened
            report.warnings.append(f"place {place!r} is where the figure was reported; not used")
            written = None
        if written is not None:
            return written
        if place:
            report.warnings.append(f"place {place!r} is not written in the figure's clause; not used")
    continues = (
        previous is not None
        and report.events
        and previous.sentence.end <= candidate.sentence.start
        and candidate.sentence.start - previous.sentence.end <= 2
    )
    if (
        continues
        and event_type != "conflict"
        and not BACKGROUND.search(sentence)
        and not over_an_area(sentence)
    ):
        return report.events[-1].location
    return "unspecified"


# A toll that adds up over time has no one day: "have died since", "the toll now stands at".
_CUMULATIVE = re.compile(
    r"\b(since|so far|to date|in all|in total|overall|altogether|total|now|risen|rose|climbed)\b",
    re.IGNORECASE,
)


def _lead_event(sentence: str, location: str, lead: str | None) -> bool:
    """The figure is placed where the lead's event happened and speaks of no other event or
    period, so the lead's date is its date too."""
    story = story_place(lead)
    if (
        story is None
        or BACKGROUND.search(sentence)
        or OTHER_EVENT.search(sentence)
        or _CUMULATIVE.search(sentence)
    ):
        return False
    name = story.split(" ", 1)[1] if story.split(" ", 1)[0] in ("near", "off", "outside") else story
    here = location.lower()
    bare = here.split(" ", 1)[-1] if here.split(" ", 1)[0] in ("near", "off", "outside") else here
    bare = bare.removeprefix("the ")
    # The story's place, or a place the lead itself writes ("stormed Tarsa College in Varna")
    return name.lower() in here or bare in name.lower() or bare in (lead or "").lower()


def event_time(date_text: str | None, sentence: str, report: GroundingReport) -> str | None:
    """The time phrase unless it says when the news was told or the dead were found ("police said
    on Friday", "the bodies were found on Tuesday"), which is not when it happened."""
    if date_text and parser().told_not_happened(sentence, date_text, finding=True):
        report.warnings.append(f"date {date_text!r} is when the figure was reported or found; not used")
        return None
    return date_text


def group_as_written(group: str | None, sentence: str, mention: NumberMention | None) -> str | None:
    """The counted group only if it is written right after the number ("17 injured people, most
    of them tourists" counts people, not tourists); with none from the model, the noun the number
    counts ("three men and a woman" counts men: "three people" would be false)."""
    if mention is None:
        return None
    doc = parser().parse(sentence)
    described = described_as(doc, mention.start, mention.end)
    if described is not None:
        return described  # "seven of the eight victims were teenagers": seven teenagers
    after = sentence[mention.end : mention.end + 40].lower()
    words = re.findall(r"[\w'-]+", after)[:4]
    wanted = (group or "").lower().split()
    for i in range(len(words) - len(wanted) + 1 if wanted else 0):
        if words[i : i + len(wanted)] == wanted:
            return group
    # The model's group is not the one written: the noun the number counts, if any, is.
    return counted_noun(doc, mention.start, mention.end)


# Group words that say nothing of who the people were: with someone beside them ("him and two
# other people") the number would be read as everyone hit.
_GENERIC_GROUPS = frozenset(("people", "persons", "others", "other people", "other persons", "more"))


def _part_beside(sentence: str, mention: NumberMention, group: str | None) -> bool:
    """The number counts only some of those hit, joined to someone it does not count, and its
    group says nothing of who they were: "the driver and two passengers" keeps "two passengers"."""
    generic = group is None or group.lower() in _GENERIC_GROUPS
    return generic and counted_beside(parser().parse(sentence), mention.start, mention.end)


def _known(c: Casualty, known: list[Casualty]) -> bool:
    return any(k.killed == c.killed and k.injured == c.injured and k.group == c.group for k in known)


def _same_event(
    events: list[Event], location: str, date_text: str | None, event_type: str, *, joins_last: bool = True
) -> Event | None:
    """Figures for the same place and time are one event; an undated figure right after an event
    at the same place belongs to it ("Among the dead were four children") when `joins_last`."""
    for event in events:
        if (
            location != "unspecified"
            and event.location.lower() == location.lower()
            and (event.date_text or "").lower() == (date_text or "").lower()
        ):
            return event
    last = events[-1] if events and joins_last else None
    if last and date_text is None and last.location.lower() == location.lower() and event_type != "conflict":
        return last
    return None


def ground(
    readings: list[Reading],
    evidence_for: dict[int, Evidence],
    article: str,
    published: str | None,
    lead: str | None = None,
    lead_ends: int = 0,
    sentences: Sequence[Span] = (),
) -> GroundingReport:
    """Turn model readings into events whose every figure is stated in its quote; `lead` is the
    article's first news sentence (a figure that names the lead's event takes the lead's place),
    `lead_ends` where the lead paragraphs end in the cleaned text, `sentences` the article's."""
    report = GroundingReport()
    texts = [s.text for s in sentences]

    def in_lead(candidate: Candidate) -> bool:
        return candidate.sentence.start < lead_ends

    previous: Candidate | None = None
    for reading in readings:
        sentence = reading.candidate.sentence.text
        facts = reading.facts
        evidence = evidence_for[reading.candidate.sentence.start]
        casualties: list[Casualty] = []
        first_mention: NumberMention | None = None
        for fig in facts.figures:
            killed, injured = check_numbers(fig, sentence, report.warnings, texts)
            if killed is None and injured is None:
                continue
            value = killed if killed is not None else injured
            mention = _mention(sentence, value)
            group = group_as_written(fig.group, sentence, mention)
            if mention and _part_beside(sentence, mention, group):
                report.warnings.append(
                    f"dropped {value}: it counts only some of those hit ('him and two other people'), "
                    "and the sentence gives no number for all of them"
                )
                continue
            first_mention = first_mention or mention
            casualty = Casualty(
                killed=killed,
                injured=injured,
                group=group,
                qualifier=qualifier_of(sentence, value),
                claimed_by=check_source(
                    fig.source, sentence, article, facts.place, facts.by, report.warnings, value
                ),
                evidence=evidence,
                grounded=article[evidence.start : evidence.end] == evidence.quote,
            )
            if not _known(casualty, casualties):
                casualties.append(casualty)
        casualties = _dead_among_hurt(casualties, sentence, report.warnings)
        if not casualties:
            continue
        date_text = event_time(time_phrase(check_text(facts.when, sentence)), sentence, report)
        bodies = [c for c in casualties if _counts_bodies(sentence, c)]
        if date_text and bodies and _dates_the_finding(sentence, date_text, casualties, bodies):
            report.warnings.append(
                f"date {date_text!r} is when the bodies were found, not when they died; not used"
            )
            date_text = None
        elif date_text and bodies:
            # "nine died on Tuesday, and seven bodies have been recovered": the date is the nine's
            report.warnings.append(
                f"date {date_text!r} is not given to the bodies found ({len(bodies)} figure(s)); "
                "they were found after the deaths"
            )
        if date_text and first_mention and not _dates_figure(sentence, first_mention, date_text):
            report.warnings.append(f"date {date_text!r} dates another event than the figure's; not used")
            date_text = None
        if date_text and first_mention and _dates_after_act(sentence, first_mention, date_text):
            report.warnings.append(
                f"date {date_text!r} dates an act after the deaths (a search, an inquiry); not used"
            )
            date_text = None
        if date_text and first_mention and _dates_the_proceedings(sentence, first_mention, date_text):
            report.warnings.append(
                f"date {date_text!r} dates a hearing or a charge over the deaths, not the deaths; not used"
            )
            date_text = None
        if date_text and names_another_moment(date_text, sentence):
            report.warnings.append(
                f"date {date_text!r} follows 'after', 'before' or 'until': another moment; not used"
            )
            date_text = None
        # the sentence's own date, which a bodies count beside it does not share (a date inherited
        # from the lead is the deaths' and dates the bodies too)
        own_date = date_text if bodies else None
        location = _place(facts.place, facts.event_type, reading.candidate, first_mention, report, previous)
        if location == "unspecified" and facts.event_type != "conflict":
            main = report.events[0].location if report.events else None
            location = same_event_place(sentence, lead, main) or location
        if location == "unspecified" and facts.event_type != "conflict":
            # A toll with no place, period, date or other event of its own is the toll of the event
            # the lead reports, where and when the lead says it happened.
            near = first_mention.start if first_mention else None
            story = inherited_place(sentence, lead, date_text, near)
            if story is not None:
                location = story
                date_text = date_text or _story_time(lead, texts, report)
        if date_text is None and location != "unspecified" and _lead_event(sentence, location, lead):
            # "35 workers were killed in Tarsa" in a story whose lead says Tarsa was hit on Monday
            date_text = _story_time(lead, texts, report)
        previous = reading.candidate
        here, apart = _by_clause(casualties, sentence, location, report.warnings)
        # A bodies count beside a dated death is the same event without that date: its own record,
        # so the date is not read as theirs.
        found_later = [c for c in here if own_date and own_date == date_text and any(c is b for b in bodies)]
        here = [c for c in here if not any(c is b for b in found_later)]
        groups = [(here, location, date_text, True), (found_later, location, None, False)]
        groups += [([c], _own_place(c, sentence), None, True) for c in apart]
        for found, place, when, joins_last in groups:
            figures = [c for c in found if not _restated(c, place, when, sentence, report, published)]
            if not figures:
                continue
            event = _same_event(report.events, place, when, facts.event_type, joins_last=joins_last)
            if event is not None:
                event.casualties.extend(c for c in figures if not _known(c, event.casualties))
                continue
            report.events.append(
                Event(
                    event_type=facts.event_type,
                    date_text=when,
                    date=resolve_date(when, published),
                    location=place,
                    perpetrator=checked_party(facts.by, "perpetrator", sentence, article, report.warnings),
                    target=checked_party(facts.target, "target", sentence, article, report.warnings),
                    casualties=figures,
                )
            )
    return report


_ANYONE = frozenset(("people", "persons", "person"))


def _within(a: str, b: str) -> bool:
    """One phrase holds the other ("Hiroshima" and "Hiroshima Airport", "on Sunday" and "at 4pm
    on Sunday"): the same place or time said more or less exactly."""
    x, y = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return x in y or y in x


def _same_figure(c: Casualty, k: Casualty) -> bool:
    """The same numbers for the same people: groups that differ only in how generic they are
    ("people" and "passengers"); "two soldiers" and "two civilians" are other people."""
    groups = {(g or "people").lower() for g in (c.group, k.group)}
    same_people = len(groups) == 1 or bool(groups & _ANYONE)
    return (c.killed, c.injured) == (k.killed, k.injured) and same_people


def _restated(
    c: Casualty, place: str, when: str | None, sentence: str, report: GroundingReport, published: str | None
) -> bool:
    """The figure repeats one already reported (same numbers and people, the same place or time
    said more or less exactly, or none; no word of another event or period): one claim, not two.
    A date the repetition gives and the first lacked is kept on the first's event ("Four died"
    ... "Four died in the crash on Sunday")."""
    if BACKGROUND.search(sentence) or OTHER_EVENT.search(sentence):
        return False
    for event in report.events:
        same_place = place == "unspecified" or _within(place, event.location)
        same_time = not when or not event.date_text or _within(when, event.date_text)
        if same_place and same_time and any(_same_figure(c, k) for k in event.casualties):
            if when and not event.date_text:
                event.date_text, event.date = when, resolve_date(when, published)
            report.warnings.append(
                f"figure {c.killed}/{c.injured} restated in {sentence[:60]!r}: reported once"
            )
            return True
    return False


# What happens in a lead: an event word or a casualty verb ("victims" alone happens to nobody).
_HAPPENED = re.compile(
    rf"\b(?:{'|'.join(EVENT_STEMS)})\w*|\b(?:kill\w*|died|dies|injur\w*|wound\w*|hurt|drown\w*|murder\w*|stabb\w*)\b",
    re.IGNORECASE,
)


def _lead_time(lead: str | None, report: GroundingReport) -> str | None:
    """The lead's time when it dates the lead's event ("a bus crashed on Monday"), not something
    else the lead reports ("the victims of the attack receive medals today")."""
    time = first_time_expression(lead)
    if not time or not lead:
        return None
    if lead.lower().find(time.lower()) >= 0 and not _dates_one_of(lead, time, _HAPPENED):
        report.warnings.append(f"the lead's time {time!r} dates no event of the lead; not used")
        return None
    return event_time(time, lead, report)


def _dates_one_of(text: str, time: str, events: re.Pattern[str]) -> bool:
    """The time phrase written in `text` dates one of the event words `events` finds in the same
    sentence (a lead of two sentences: the second one's time dates only its own events)."""
    at = text.lower().find(time.lower())
    if at < 0:
        return False
    doc = parser().parse(text)
    own = next((s for s in doc.sents if s.start_char <= at < s.end_char), None)
    if own is None:
        return False
    found = events.finditer(text, own.start_char, own.end_char)
    when = (at, at + len(time))
    return any(_dates(doc, m.span(), when) and not in_relative_clause(doc, m.span(), when) for m in found)


# A sentence after the lead that names the lead's event as known ("Friday's blast", "the tragedy").
_DEFINITE_EVENT = re.compile(
    rf"\b(?:the|this|that|\w+day's|yesterday's|today's)\s+(?:[\w-]+\s+)?"
    rf"(?:{'|'.join(EVENT_STEMS)}|tragedy|incident|disaster)\w*",
    re.IGNORECASE,
)
_STORY_TIME_SENTENCES = 2


def _story_time(lead: str | None, texts: Sequence[str], report: GroundingReport) -> str | None:
    """The time of the story's event: the lead's, or, when the lead gives none, the time the next
    sentences give the event they name as known ("The tragedy happened on Sunday", "Friday's
    blast"); news leads often leave the day to the second or third sentence."""
    own = _lead_time(lead, report)
    if own or not lead:
        return own
    first = next((i for i, text in enumerate(texts) if text and lead.startswith(text)), None)
    if first is None:
        return None
    for sentence in texts[first + 1 : first + 1 + _STORY_TIME_SENTENCES]:
        time = first_time_expression(sentence)
        if not time or BACKGROUND.search(sentence) or OTHER_EVENT.search(sentence):
            continue
        if _dates_one_of(sentence, time, _DEFINITE_EVENT):
            return event_time(time, sentence, report)
    return None


def _dates(doc: Doc, event: tuple[int, int], time: tuple[int, int]) -> bool:
    """The time dates the event word: a verb ("crashed on Monday") or the noun its clause is about
    ("a fire broke out on Monday"), not a noun hanging from another ("victims of the shooting")."""
    span = doc.char_span(*event, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    word = span.root
    when = doc.char_span(*time, alignment_mode="expand")
    if when is not None and any(t.head.i == word.i for t in when):
        return True  # "Monday's earthquake", "the blast on Monday"
    happening = word.pos_ in ("VERB", "AUX") or word.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT")
    return happening and same_time(doc, event, time)


def _dates_figure(sentence: str, mention: NumberMention, phrase: str) -> bool:
    """`phrase` dates the number's clause ("were killed when a bus crashed on Monday"), not another
    clause ("died days after a storm hit on Monday")."""
    at = sentence.lower().find(phrase.lower())
    if at < 0:
        return True  # not written here (the lead's, the context's): nothing to compare
    return same_time(parser().parse(sentence), (mention.start, mention.end), (at, at + len(phrase)))


def _dates_after_act(sentence: str, mention: NumberMention, phrase: str) -> bool:
    """`phrase` dates an act of its own clause that follows the deaths ("the search ended in May")."""
    at = sentence.lower().find(phrase.lower())
    if at < 0:
        return False
    return dates_another_act(parser().parse(sentence), (mention.start, mention.end), (at, at + len(phrase)))


def _dates_the_proceedings(sentence: str, mention: NumberMention, phrase: str) -> bool:
    """`phrase` dates a legal proceeding over the deaths the figure counts (read from the parse)."""
    at = sentence.lower().find(phrase.lower())
    if at < 0:
        return False
    return dates_the_proceedings(
        parser().parse(sentence), (mention.start, mention.end), (at, at + len(phrase))
    )


_RELATION = re.compile(r"^(?:near|off|outside|in|at|on|around)\s+(?:the\s+)?", re.IGNORECASE)


def _by_clause(
    casualties: list[Casualty], sentence: str, location: str, warnings: list[str]
) -> tuple[list[Casualty], list[Casualty]]:
    """The figures whose own clause holds the place, and those stated in another clause of the
    sentence ("died in Nepal, and in India, where 72 were killed": 72 is not Nepal's)."""
    if len(casualties) < 2:
        return casualties, []
    name = _RELATION.sub("", location)
    at = sentence.lower().find(name.lower()) if location != "unspecified" else -1
    if at < 0:
        return casualties, []  # a place from the context or the lead: no clause to compare
    doc = parser().parse(sentence)
    here, apart = [], []
    for c in casualties:
        mention = _figure_mention(sentence, c)
        if mention is None or same_clause(doc, (mention.start, mention.end), (at, at + len(name))):
            here.append(c)
        else:
            warnings.append(
                f"figure {mention.text}: {location!r} is written in another clause; not its place"
            )
            apart.append(c)
    return here, apart


def _dead_among_hurt(casualties: list[Casualty], sentence: str, warnings: list[str]) -> list[Casualty]:
    """The dead counted among the hurt the sentence names first ("four were hurt, two of whom later
    died") make one record of the dead and the surviving hurt (2 killed, 2 injured: four people,
    not six), as the goldens count a death among the hurt; the model may give both in one figure
    or in two."""
    out = list(casualties)
    for dead in casualties:
        if dead.killed is None:
            continue
        whole = next(
            (
                c
                for c in ([dead] if dead.injured is not None else [c for c in out if c.killed is None])
                if c.injured is not None and hurt_before(sentence, dead.killed, c.injured)
            ),
            None,
        )
        if whole is None or whole.injured is None:
            continue
        survivors = whole.injured - dead.killed
        warnings.append(
            f"the {dead.killed} dead are among the {whole.injured} hurt: "
            f"{max(survivors, 0)} injured in the record"
        )
        merged = dead.model_copy(
            update={
                "injured": survivors if survivors > 0 else None,
                "group": group_as_written(whole.group, sentence, _mention(sentence, whole.injured)),
                "qualifier": qualifier_of(sentence, whole.injured),
                "claimed_by": dead.claimed_by or whole.claimed_by,
            }
        )
        # the record stands where the hurt were first counted
        at = next(j for j, c in enumerate(out) if c is whole)
        out[at] = merged
        out = [c for j, c in enumerate(out) if j == at or c is not dead]
    return out


def _counts_bodies(sentence: str, c: Casualty) -> bool:
    """The figure's number counts bodies ("31 bodies", "the bodies of 12"): found after the deaths."""
    mention = _figure_mention(sentence, c)
    return mention is not None and counts_remains(parser().parse(sentence), mention.start, mention.end)


def _dates_the_finding(
    sentence: str, phrase: str, casualties: list[Casualty], bodies: list[Casualty]
) -> bool:
    """The time phrase says when the bodies were found: every figure counts bodies, or the phrase
    stands in a bodies figure's clause and in no other figure's ("300 died at sea; 295 bodies were
    recovered by November")."""
    if len(bodies) == len(casualties):
        return True
    at = sentence.lower().find(phrase.lower())
    if at < 0:
        return False
    doc, time = parser().parse(sentence), (at, at + len(phrase))

    def in_clause(c: Casualty) -> bool:
        mention = _figure_mention(sentence, c)
        return mention is not None and same_clause(doc, (mention.start, mention.end), time)

    others = [c for c in casualties if not any(c is b for b in bodies)]
    return any(in_clause(b) for b in bodies) and not any(in_clause(c) for c in others)


def _figure_mention(sentence: str, c: Casualty) -> NumberMention | None:
    """Where the figure's number (its killed count first) stands in `sentence`."""
    return _mention(sentence, c.killed if c.killed is not None else c.injured)


def _own_place(c: Casualty, sentence: str) -> str:
    """The place of a figure split from its sentence's place: its "where" clause's, or none."""
    mention = _figure_mention(sentence, c)
    return (_where_clause_place(sentence, mention) if mention else None) or "unspecified"


def _where_clause_place(sentence: str, mention: NumberMention) -> str | None:
    """The place a "where" clause holding the number describes ("in Oskland, where 12 died": Oskland)."""
    doc = parser().parse(sentence)
    number = number_token(doc, mention.start, mention.end)
    verb = clause_verb(number) if number is not None else None
    if verb is None or verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return None
    place = verb.head
    if place.pos_ != "PROPN":
        return None
    words = [t for t in place.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [place]
    return " ".join(t.text for t in words)
