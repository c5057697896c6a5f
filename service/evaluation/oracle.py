"""The golden written as an `Analysis`: the prediction that must score 1.0 (tests, checks)."""

from __future__ import annotations

import re

from service.evaluation.golden import GoldCasualty, Golden
from service.evaluation.matching import same_date, same_place
from service.evaluation.scorers import key_point_covered
from service.event_record import Actor, EventRecord, Mention, Predicate, When, Where
from service.schema import Analysis, ArticleMeta, Casualty, Event, Evidence, Provenance


def _casualty(gold: GoldCasualty, article: str) -> Casualty:
    start = article.find(gold.quote)
    return Casualty(
        killed=gold.killed,
        injured=gold.injured,
        group=gold.group,
        qualifier=gold.qualifier,
        claimed_by=gold.claimed_by,
        grounded=True,
        evidence=Evidence(quote=gold.quote, start=start, end=start + len(gold.quote)),
    )


def _summary(golden: Golden) -> str:
    """The highlights when they cover every key point; otherwise the points themselves added."""
    parts = [golden.highlights] if golden.highlights else []
    for point in golden.key_points:
        if not key_point_covered(" ".join(parts), point.terms):
            parts.append(point.point.rstrip(".") + ".")
    return " ".join(parts)


def oracle_analysis(golden: Golden, article: str, model: str = "oracle") -> Analysis:
    """An Analysis stating exactly the golden facts; each figure sits in the golden event with
    its place and date, or in an event of its own."""
    events = [
        Event(
            event_type=e.event_type,
            date_text=e.date_text,
            date=None,
            location=e.location,
            perpetrator=None,
            target=None,
            casualties=[],
        )
        for e in golden.events
    ]
    for gold in golden.casualties:
        home = next(
            (
                event
                for event, spec in zip(events[: len(golden.events)], golden.events, strict=True)
                if same_place(gold.location, [spec.location, *spec.location_aliases])
                and same_date(event.date_text, gold.date_text)
            ),
            None,
        )
        if home is None:
            home = Event(
                event_type="unspecified",
                date_text=gold.date_text,
                date=None,
                location=gold.location or "",
                perpetrator=None,
                target=None,
                casualties=[],
            )
            events.append(home)
        home.casualties.append(_casualty(gold, article))
    return Analysis(
        summary=_summary(golden),
        events=events,
        article=ArticleMeta(published=golden.published),
        provenance=Provenance(
            model=model,
            model_sha256="0" * 64,
            prompt_version="golden",
            schema_version="1",
            package_version="0",
            cache_key=golden.case,
        ),
    )


def _span(article: str, phrase: str) -> Evidence | None:
    """The first place the article writes `phrase` (case- and whitespace-insensitive), as a span."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    found = re.search(pattern, article, re.IGNORECASE) if pattern else None
    if found is None:
        return None
    return Evidence(quote=found.group(0), start=found.start(), end=found.end())


def _written_span(article: str, names: list[str]) -> tuple[str, Evidence] | None:
    """The first of `names` the article writes, with its span."""
    for name in names:
        span = _span(article, name)
        if span is not None:
            return name, span
    return None


def oracle_event_records(golden: Golden, article: str) -> list[EventRecord]:
    """The golden v2 events as v2 records with spans located in the article: the records a perfect
    extractor would output (their casualties stay empty: the v1 figures are scored on their own)."""
    records = []
    for gold in golden.events_v2:
        quotes = [_span(article, quote) for quote in gold.quotes]
        mentions = [
            Mention(kind="report" if i == 0 else "restatement", evidence=span)
            for i, span in enumerate(quotes)
            if span is not None
        ]
        place = _written_span(article, [gold.place]) if gold.place else None
        when = _written_span(article, [gold.date_text]) if gold.date_text else None
        actors = []
        for actor in gold.actors:
            named = _written_span(article, [actor.name, *actor.aliases])
            if named is not None:
                actors.append(Actor(name=named[0], role=actor.role, evidence=named[1]))
        records.append(
            EventRecord(
                event_type=gold.event_type,
                what=Predicate(text=gold.what, evidence=mentions[0].evidence),
                when=When(date_text=when[0], date=None, evidence=when[1]) if when else None,
                where=Where(place=place[0], relation=None, evidence=place[1]) if place else None,
                actors=actors,
                casualties=[],
                background=gold.background,
                mentions=mentions,
            )
        )
    return records
