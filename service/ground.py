"""Check every figure the model proposed against the text, then build grounded event records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.dates import resolve_date
from service.extract import REFERS_BACK, Candidate, FigureDraft, Reading
from service.numbers import NumberMention, find_numbers
from service.schema import Casualty, Event, Evidence

KILLED_WORDS = re.compile(
    r"\b(kill\w*|dead|deaths?|died|dies|dying|lives|bodies|perish\w*|drown\w*|slain|"
    r"murder\w*|fatalit\w*|death toll)\b",
    re.IGNORECASE,
)
INJURED_WORDS = re.compile(r"\b(wound\w*|injur\w*|hurt|hospitali[sz]ed)\b", re.IGNORECASE)
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


def number_kind(sentence: str, mention: NumberMention) -> str | None:
    """Whether a number counts the killed or the injured, from the nearest casualty word."""
    after = sentence[mention.end : mention.end + 70]
    nxt = re.search(r"\d", after)
    after = after[: nxt.start()] if nxt else after
    after = re.split(r"[;.]|\band\b|\bwhile\b", after, maxsplit=1)[0]
    killed, injured = KILLED_WORDS.search(after), INJURED_WORDS.search(after)
    if killed or injured:
        if killed and injured:
            return "killed" if killed.start() < injured.start() else "injured"
        return "killed" if killed else "injured"
    before = sentence[max(0, mention.start - 60) : mention.start]
    before = re.split(r"[;]|\d", before)[-1]
    killed = next(iter(reversed(list(KILLED_WORDS.finditer(before)))), None)
    injured = next(iter(reversed(list(INJURED_WORDS.finditer(before)))), None)
    if killed and injured:
        return "killed" if killed.start() > injured.start() else "injured"
    return "killed" if killed else "injured" if injured else None


def _mention(sentence: str, value: int | None) -> NumberMention | None:
    if value is None:
        return None
    return next((m for m in find_numbers(sentence) if m.value == value), None)


def check_numbers(fig: FigureDraft, sentence: str, warnings: list[str]) -> tuple[int | None, int | None]:
    """Keep killed/injured only if the sentence states them, moved to the field its words say."""
    out: dict[str, int | None] = {"killed": None, "injured": None}
    for fld in ("killed", "injured"):
        value = getattr(fig, fld)
        if value is None or (value == 0 and not _mention(sentence, 0)):
            continue
        mention = _mention(sentence, value)
        if mention is None:
            warnings.append(f"dropped {fld}={value}: the number is not in its sentence: {sentence[:80]!r}")
            continue
        kind = number_kind(sentence, mention)
        if kind is not None and kind != fld:
            warnings.append(f"moved {value} from {fld} to {kind}: the sentence says so")
            fld = kind
        if out[fld] is not None and out[fld] != value:
            warnings.append(f"dropped {fld}={value}: two numbers for one field")
            continue
        out[fld] = value
    return out["killed"], out["injured"]


HEDGES = (
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
    if mention is None:
        return None
    found = _HEDGE_BEFORE.search(sentence[max(0, mention.start - 25) : mention.start])
    return found.group(1).lower() if found else None


def check_source(
    source: str | None,
    sentence: str,
    article: str,
    place: str | None,
    perpetrator: str | None,
    warnings: list[str],
) -> str | None:
    """A claimant must be credited by the sentence: named in it, or named before and referred to."""
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
    if _named_in(s, sentence) or (REFERS_BACK.search(sentence) and _named_in(s, article)):
        return s
    where = "in the article" if not _named_in(s, article) else "near the figure"
    warnings.append(f"dropped claimant {s!r}: not named {where}")
    return None


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
    proposed: str | None, event_type: str, candidate: Candidate, article: str, report: GroundingReport
) -> str:
    """The place written in the sentence (or its context); else the place of the story so far,
    since a sentence without a place continues it; else the model's place if the article names it."""
    place = (proposed or "").strip(" ,.")
    if place and check_text(place, candidate.sentence.text, candidate.context):
        return place
    if report.events and report.events[-1].location != "unspecified" and event_type != "conflict":
        return report.events[-1].location
    if place and check_text(place, article):
        return place
    if place:
        report.warnings.append(f"place {place!r} is not in the article; not used")
    return "unspecified"


def _known(c: Casualty, known: list[Casualty]) -> bool:
    return any(k.killed == c.killed and k.injured == c.injured and k.group == c.group for k in known)


def _same_event(events: list[Event], location: str, date_text: str | None, event_type: str) -> Event | None:
    """Figures for the same place and time are one event; an undated figure right after an event
    at the same place belongs to it ("Among the dead were 14 children")."""
    for event in events:
        if (
            event.location.lower() == location.lower()
            and (event.date_text or "").lower() == (date_text or "").lower()
        ):
            return event
    last = events[-1] if events else None
    if last and date_text is None and last.location.lower() == location.lower() and event_type != "conflict":
        return last
    return None


def ground(
    readings: list[Reading],
    evidence_for: dict[int, Evidence],
    article: str,
    published: str | None,
) -> GroundingReport:
    """Turn model readings into events whose every figure is stated in its quote."""
    report = GroundingReport()
    for reading in readings:
        sentence = reading.candidate.sentence.text
        facts = reading.facts
        evidence = evidence_for[reading.candidate.sentence.start]
        place = _place(facts.place, facts.event_type, reading.candidate, article, report)
        casualties: list[Casualty] = []
        for fig in facts.figures:
            killed, injured = check_numbers(fig, sentence, report.warnings)
            if killed is None and injured is None:
                continue
            casualty = Casualty(
                killed=killed,
                injured=injured,
                group=(fig.group or None),
                qualifier=qualifier_of(sentence, killed if killed is not None else injured),
                claimed_by=check_source(fig.source, sentence, article, place, facts.by, report.warnings),
                evidence=evidence,
                grounded=article[evidence.start : evidence.end] == evidence.quote,
            )
            if not _known(casualty, casualties):
                casualties.append(casualty)
        if not casualties:
            continue
        date_text = check_text(facts.when, sentence)
        location = place
        event = _same_event(report.events, location, date_text, facts.event_type)
        if event is not None:
            event.casualties.extend(c for c in casualties if not _known(c, event.casualties))
            continue
        report.events.append(
            Event(
                event_type=facts.event_type,
                date_text=date_text,
                date=resolve_date(date_text, published),
                location=location,
                perpetrator=check_text(facts.by, article),
                target=facts.target,
                casualties=casualties,
            )
        )
    return report
