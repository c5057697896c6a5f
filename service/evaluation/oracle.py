"""The golden written as an `Analysis`: the prediction that must score 1.0 (tests, checks)."""

from __future__ import annotations

from service.evaluation.golden import GoldCasualty, Golden
from service.evaluation.matching import same_date, same_place
from service.evaluation.scorers import key_point_covered
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
