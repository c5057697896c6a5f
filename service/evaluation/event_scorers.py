"""Scorers of event records v2: event recall and precision, field accuracy, duplicates, exact spans."""

from __future__ import annotations

from collections.abc import Sequence

from service.evaluation.event_matching import Candidate, assign, candidates, gold_places, same_when
from service.evaluation.event_view import PredictedEvent, analysis_events, analysis_spans
from service.evaluation.golden import GoldActor, Golden, GoldEventV2
from service.evaluation.matching import contains_either_way, same_place
from service.evaluation.scorers import CaseScore, Fact
from service.event_types import Taxonomy, load_taxonomy
from service.schema import Analysis, Evidence

_NONE = "null"


def describe_gold_event(gold: GoldEventV2) -> str:
    """One line for a golden event: type, predicate, place, time."""
    tag = " [background]" if gold.background else ""
    return f"{gold.event_type}: {gold.what} ({gold.place or '-'}, {gold.date_text or '-'}){tag}"


def describe_event(event: PredictedEvent) -> str:
    """One line for a predicted event, same shape as `describe_gold_event`."""
    tag = {True: " [background]", False: "", None: " [background: not given]"}[event.background]
    return f"{event.raw_type}: {event.what or '-'} ({event.place or '-'}, {event.date_text or '-'}){tag}"


def actor_found(gold: GoldActor, event: PredictedEvent) -> str | None:
    """The predicted actor with the golden actor's role and one of its names, if any."""
    names = (gold.name, *gold.aliases)
    return next(
        (
            name
            for name, role in event.actors
            if role == gold.role and any(contains_either_way(name, n) for n in names)
        ),
        None,
    )


def _field_facts(gi: int, gold: GoldEventV2, event: PredictedEvent, counts: dict[str, float]) -> list[Fact]:
    """Field accuracy of one matched pair: type, place, date, each actor, background flag."""
    key = f"events_v2[{gi}]"
    checks: list[tuple[str, str, str, bool, str]] = [
        ("event_type", gold.event_type, event.event_type, event.event_type == gold.event_type, "type"),
        (
            "date_text",
            gold.date_text or _NONE,
            event.date_text or _NONE,
            same_when(event.date_text, gold),
            "date",
        ),
        (
            "background",
            str(gold.background).lower(),
            _NONE if event.background is None else str(event.background).lower(),
            event.background is gold.background,
            "bg",
        ),
    ]
    if gold.place:
        ok = same_place(event.place, gold_places(gold))
        checks.insert(1, ("place", gold.place, event.place or _NONE, ok, "place"))
    facts = []
    for name, expected, got, ok, metric in checks:
        counts[f"ev2_{metric}_n"] += 1
        counts[f"ev2_{metric}_ok"] += ok
        facts.append(Fact(f"{key}.{name}", expected, got, ok))
    for ai, actor in enumerate(gold.actors):
        found = actor_found(actor, event)
        counts["ev2_actor_n"] += 1
        counts["ev2_actor_ok"] += found is not None
        expected = f"{actor.name} ({actor.role})"
        facts.append(Fact(f"{key}.actors[{ai}]", expected, found or "missing", found is not None))
    return facts


def _duplicates(found: Sequence[Candidate], pairs: dict[int, Candidate]) -> dict[int, int]:
    """Unpaired predicted events that are candidates of a golden event another prediction took:
    predicted index -> that golden index."""
    taken = {c.predicted for c in pairs.values()}
    duplicates: dict[int, int] = {}
    for cand in sorted(found, key=lambda c: (c.predicted, c.gold)):
        if cand.predicted not in taken and cand.gold in pairs and cand.predicted not in duplicates:
            duplicates[cand.predicted] = cand.gold
    return duplicates


def score_event_records(
    golden: Golden, events: Sequence[PredictedEvent], article: str, taxonomy: Taxonomy
) -> CaseScore:
    """Event recall over the news events, precision over predictions (those that are a background
    event are neutral), field accuracy of matched pairs and the duplicate count."""
    found = candidates(golden.events_v2, events, article, taxonomy)
    pairs = assign(found)
    neutral = sum(1 for gi in pairs if golden.events_v2[gi].background)
    counts = {
        "ev2_gold": float(sum(1 for g in golden.events_v2 if not g.background)),
        "ev2_found": float(sum(1 for gi in pairs if not golden.events_v2[gi].background)),
        "ev2_pred": float(len(events)),
        "ev2_pred_scored": float(len(events) - neutral),
        "ev2_dup": 0.0,
        **{f"ev2_{m}_{k}": 0.0 for m in ("type", "place", "date", "actor", "bg") for k in ("ok", "n")},
    }
    facts: list[Fact] = []
    for gi, gold in enumerate(golden.events_v2):
        key = f"events_v2[{gi}]"
        if gi not in pairs:
            facts.append(Fact(key, describe_gold_event(gold), "missing", None if gold.background else False))
            continue
        event = events[pairs[gi].predicted]
        facts.append(Fact(key, describe_gold_event(gold), describe_event(event), True))
        facts.extend(_field_facts(gi, gold, event, counts))
    duplicates = _duplicates(found, pairs)
    counts["ev2_dup"] = float(len(duplicates))
    paired = {c.predicted for c in pairs.values()}
    for pi, event in enumerate(events):
        if pi in duplicates:
            again = f"{describe_event(event)} (again events_v2[{duplicates[pi]}])"
            facts.append(Fact(f"events_v2.duplicate[{pi}]", "one record per event", again, False))
        elif pi not in paired:
            facts.append(Fact(f"events_v2.extra[{pi}]", "no such event", describe_event(event), False))
    return CaseScore(golden.case, counts, facts)


def _places_agree(a: str | None, b: str | None) -> bool:
    """Places of two claims do not tell them apart: one is missing, or one contains the other."""
    return not a or not b or contains_either_way(a, b)


def casualty_duplicates(events: Sequence[PredictedEvent]) -> list[tuple[str, str]]:
    """Claims that restate an earlier claim of the same output: the same killed and injured figures
    and places that do not tell them apart. Returns (claim, earlier claim) keys."""
    claims = [
        (f"events[{e.index}].casualties[{ci}]", (c.killed, c.injured), e.place)
        for e in events
        for ci, c in enumerate(e.casualties)
    ]
    repeats: list[tuple[str, str]] = []
    for j, (key, figures, place) in enumerate(claims):
        earlier = next(
            (k for k, f, p in claims[:j] if f == figures and _places_agree(p, place)),
            None,
        )
        if earlier is not None:
            repeats.append((key, earlier))
    return repeats


def score_casualty_duplicates(case: str, events: Sequence[PredictedEvent]) -> CaseScore:
    """Duplicate casualty claims over all predicted claims."""
    repeats = casualty_duplicates(events)
    counts = {"cas_dup": float(len(repeats)), "cas_n": float(sum(len(e.casualties) for e in events))}
    facts = [
        Fact(f"casualties.duplicate: {key}", "reported once", f"restates {first}", False)
        for key, first in repeats
    ]
    return CaseScore(case, counts, facts)


def score_spans(case: str, spans: Sequence[tuple[str, Evidence]], article: str) -> CaseScore:
    """Spans of the output whose offsets give exactly their quote (text[start:end] == quote)."""
    bad = [(name, span) for name, span in spans if article[span.start : span.end] != span.quote]
    counts = {"span_ok": float(len(spans) - len(bad)), "span_n": float(len(spans))}
    facts = [
        Fact(
            f"span: {name}",
            f"{span.quote[:60]!r} at [{span.start}:{span.end}]",
            repr(article[span.start : span.end][:60]),
            False,
        )
        for name, span in bad
    ]
    return CaseScore(case, counts, facts)


def score_events_v2(
    golden: Golden, analysis: Analysis | None, article: str, taxonomy: Taxonomy | None = None
) -> CaseScore:
    """Every v2 event count of one case; a failed analysis (None) has no events and no spans."""
    taxonomy = taxonomy or load_taxonomy()
    events = analysis_events(analysis, taxonomy)
    parts = [
        score_event_records(golden, events, article, taxonomy),
        score_casualty_duplicates(golden.case, events),
        score_spans(golden.case, analysis_spans(analysis, events), article),
    ]
    counts: dict[str, float] = {}
    facts: list[Fact] = []
    for part in parts:
        counts.update(part.counts)
        facts.extend(part.facts)
    return CaseScore(golden.case, counts, facts)
