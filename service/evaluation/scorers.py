"""Field-aware scoring of a prediction against its golden: pure functions giving counts, facts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rouge_score import rouge_scorer

from service.evaluation.golden import GoldCasualty, Golden, GoldEvent
from service.evaluation.matching import (
    overlaps,
    phrase_in,
    same_claimant,
    same_date,
    same_place,
    spans_of,
    term_in,
)
from service.numbers import find_numbers, number_values
from service.schema import Analysis, Casualty, Event

# Quoted speech is the source's voice, not the service's: loaded terms inside it are allowed.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")


@dataclass(frozen=True)
class Fact:
    """One checked fact: what the golden expects, what the prediction gave, the verdict."""

    key: str
    expected: str
    got: str
    ok: bool | None  # None: shown for context, not scored


@dataclass
class CaseScore:
    """Per-case counts (summed into micro-averaged metrics) and the facts behind them."""

    case: str
    counts: dict[str, float]
    facts: list[Fact] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class _Claim:
    """A predicted casualty with the event it sits in."""

    event: Event
    casualty: Casualty


def _figures(killed: int | None, injured: int | None) -> str:
    parts = [
        f"{killed} killed" if killed is not None else "",
        f"{injured} injured" if injured is not None else "",
    ]
    return ", ".join(part for part in parts if part) or "no figure"


def describe_gold(gold: GoldCasualty) -> str:
    """One line for a golden casualty: figures, place, date and source."""
    return (
        f"{_figures(gold.killed, gold.injured)} ({gold.location or '-'}, "
        f"{gold.date_text or '-'}; source: {gold.claimed_by or '-'})"
    )


def describe_claim(claim: _Claim) -> str:
    """One line for a predicted casualty, same shape as `describe_gold`."""
    c = claim.casualty
    return (
        f"{_figures(c.killed, c.injured)} ({claim.event.location or '-'}, "
        f"{claim.event.date_text or '-'}; source: {c.claimed_by or '-'})"
    )


def _claims(analysis: Analysis | None) -> list[_Claim]:
    if analysis is None:
        return []
    return [_Claim(event, casualty) for event in analysis.events for casualty in event.casualties]


def _place_names(gold: GoldCasualty, events: Sequence[GoldEvent]) -> list[str]:
    """The casualty's place plus the aliases of every golden event at that place."""
    names = [gold.location] if gold.location else []
    for event in events:
        if gold.location and same_place(gold.location, [event.location, *event.location_aliases]):
            names.extend([event.location, *event.location_aliases])
    return names


def match_casualties(golden: Golden, claims: Sequence[_Claim], article: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, claim index) pairs: equal figures, and same quote or same place.

    Greedy: quote-overlap pairs first, then place-only pairs, each in reading order."""
    candidates: list[tuple[int, int, int]] = []
    for gi, gold in enumerate(golden.casualties):
        gold_spans = spans_of(gold.quote, article)
        places = _place_names(gold, golden.events)
        for ci, claim in enumerate(claims):
            c = claim.casualty
            if (c.killed, c.injured) != (gold.killed, gold.injured):
                continue
            if overlaps((c.evidence.start, c.evidence.end), gold_spans):
                candidates.append((0, gi, ci))
            elif same_place(claim.event.location, places):
                candidates.append((1, gi, ci))
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_claim: set[int] = set()
    for _, gi, ci in sorted(candidates):
        if gi not in used_gold and ci not in used_claim:
            pairs.append((gi, ci))
            used_gold.add(gi)
            used_claim.add(ci)
    return sorted(pairs)


def score_casualties(golden: Golden, analysis: Analysis | None, article: str) -> CaseScore:
    """Casualty precision/recall counts, attribution/place/date of matched claims, grounding."""
    claims = _claims(analysis)
    pairs = match_casualties(golden, claims, article)
    by_gold = dict(pairs)
    matched_claims = {ci for _, ci in pairs}
    neutral = sum(1 for gi, _ in pairs if not golden.casualties[gi].required)
    counts = {
        "claims_required": float(sum(1 for g in golden.casualties if g.required)),
        "claims_found": float(sum(1 for gi, _ in pairs if golden.casualties[gi].required)),
        "claims_scored": float(len(claims) - neutral),
        "attribution_ok": 0.0,
        "attribution_n": 0.0,
        "place_ok": 0.0,
        "place_n": 0.0,
        "date_ok": 0.0,
        "date_n": 0.0,
    }
    facts: list[Fact] = []
    for gi, gold in enumerate(golden.casualties):
        key = f"casualties[{gi}]"
        if gi not in by_gold:
            facts.append(
                Fact(
                    key,
                    describe_gold(gold),
                    _nearest_miss(gold, claims, article),
                    False if gold.required else None,
                )
            )
            continue
        claim = claims[by_gold[gi]]
        facts.append(Fact(key, describe_gold(gold), describe_claim(claim), True))
        checks = [
            (
                "claimed_by",
                "attribution",
                gold.claimed_by,
                claim.casualty.claimed_by,
                same_claimant(claim.casualty.claimed_by, gold.claimed_by, gold.claimed_by_aliases),
            ),
            (
                "location",
                "place",
                gold.location,
                claim.event.location,
                same_place(claim.event.location, _place_names(gold, golden.events)),
            ),
            (
                "date_text",
                "date",
                gold.date_text,
                claim.event.date_text,
                same_date(claim.event.date_text, gold.date_text),
            ),
        ]
        for name, metric, expected, got, ok in checks:
            if metric == "place" and not gold.location:
                continue  # the article gives no place for this figure: nothing to score
            counts[f"{metric}_n"] += 1
            counts[f"{metric}_ok"] += ok
            facts.append(Fact(f"{key}.{name}", expected or "null", got or "null", ok))
    for ci, claim in enumerate(claims):
        if ci not in matched_claims:
            facts.append(
                Fact(
                    f"extra: {describe_claim(claim)}",
                    "no such figure",
                    describe_claim(claim),
                    False,
                )
            )
    grounded = [c.casualty.evidence for c in claims]
    ok_evidence = [e for e in grounded if article[e.start : e.end] == e.quote]
    counts["evidence_n"] = float(len(grounded))
    counts["evidence_grounded"] = float(len(ok_evidence))
    facts.extend(
        Fact(
            f"ungrounded: {e.quote[:60]}",
            f"quote at [{e.start}:{e.end}]",
            repr(article[e.start : e.end][:60]),
            False,
        )
        for e in grounded
        if article[e.start : e.end] != e.quote
    )
    return CaseScore(golden.case, counts, facts)


def _nearest_miss(gold: GoldCasualty, claims: Sequence[_Claim], article: str) -> str:
    """What the prediction said about the same sentence, if anything (e.g. a wrong number)."""
    spans = spans_of(gold.quote, article)
    for claim in claims:
        e = claim.casualty.evidence
        if overlaps((e.start, e.end), spans):
            return describe_claim(claim)
    return "missing"


def score_events(golden: Golden, analysis: Analysis | None) -> CaseScore:
    """Event recall by place (one-to-one, reading order) and date_text of matched events."""
    predicted = list(analysis.events) if analysis else []
    used: set[int] = set()
    counts = {
        "events_gold": float(len(golden.events)),
        "events_found": 0.0,
        "date_ok": 0.0,
        "date_n": 0.0,
    }
    facts: list[Fact] = []
    for gi, gold in enumerate(golden.events):
        names = [gold.location, *gold.location_aliases]
        hit = next(
            (
                pi
                for pi, event in enumerate(predicted)
                if pi not in used and same_place(event.location, names)
            ),
            None,
        )
        expected = f"{gold.event_type} @ {gold.location}"
        if hit is None:
            facts.append(Fact(f"events[{gi}]", expected, "missing", False))
            continue
        used.add(hit)
        event = predicted[hit]
        counts["events_found"] += 1
        facts.append(Fact(f"events[{gi}]", expected, f"{event.event_type} @ {event.location}", True))
        ok = same_date(event.date_text, gold.date_text)
        counts["date_n"] += 1
        counts["date_ok"] += ok
        facts.append(Fact(f"events[{gi}].date_text", gold.date_text or "null", event.date_text or "null", ok))
    return CaseScore(golden.case, counts, facts)


def unsupported_numbers(summary: str, article: str) -> list[str]:
    """Numbers in the summary whose value the article never states ("one" as pronoun skipped)."""
    known = number_values(article)
    return [
        m.text for m in find_numbers(summary) if m.value not in known and not (m.in_words and m.value <= 1)
    ]


def loaded_terms(summary: str, lexicon: Sequence[str]) -> list[str]:
    """Lexicon terms (case-insensitive regexes) the summary uses outside quotation marks."""
    own_voice = _QUOTED.sub(lambda m: " " * len(m.group(0)), summary)
    found: list[str] = []
    for pattern in lexicon:
        regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
        found.extend(m.group(0) for m in regex.finditer(own_voice))
    return found


def boilerplate_leaks(summary: str, boilerplate: Sequence[str]) -> list[str]:
    """Golden boilerplate phrases that appear in the summary."""
    return [phrase for phrase in boilerplate if phrase_in(phrase, summary)]


def key_point_covered(summary: str, terms: Sequence[Sequence[str]]) -> bool:
    """Covered when every inner list has at least one alternative in the summary."""
    return all(any(term_in(alt, summary) for alt in alternatives) for alternatives in terms)


def rouge_l(summary: str, reference: str) -> float:
    """ROUGE-L F-measure (stemmed) of the summary against the journalists' highlights."""
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)
    return float(scorer.score(reference, summary)["rougeL"].fmeasure)


def score_summary(
    golden: Golden, analysis: Analysis | None, article: str, lexicon: Sequence[str]
) -> CaseScore:
    """Summary counts: unsupported numbers, loaded terms, boilerplate, key points, length, ROUGE."""
    summary = analysis.summary if analysis else ""
    numbers = unsupported_numbers(summary, article)
    loaded = loaded_terms(summary, lexicon)
    leaks = boilerplate_leaks(summary, golden.boilerplate)
    covered = [key_point_covered(summary, kp.terms) for kp in golden.key_points]
    counts = {
        "unsupported_numbers": float(len(numbers)),
        "loaded_terms": float(len(loaded)),
        "boilerplate_leaks": float(len(leaks)),
        "key_points_covered": float(sum(covered)),
        "key_points": float(len(covered)),
        "summary_words": float(len(summary.split())),
        "summaries": 1.0,
        "rouge_l_sum": 0.0,
        "rouge_l_n": 0.0,
    }
    facts = [
        Fact(f"summary.number: {text}", "stated in the article", "not in the article", False)
        for text in numbers
    ]
    facts += [Fact(f"summary.loaded: {term.lower()}", "neutral wording", term, False) for term in loaded]
    facts += [
        Fact(
            f"summary.boilerplate[{i}]",
            "absent",
            "present" if phrase in leaks else "absent",
            phrase not in leaks,
        )
        for i, phrase in enumerate(golden.boilerplate)
    ]
    facts += [
        Fact(f"key_points[{i}]", kp.point, "covered" if ok else "not covered", ok)
        for i, (kp, ok) in enumerate(zip(golden.key_points, covered, strict=True))
    ]
    facts.append(Fact("summary.words", "-", str(len(summary.split())), None))
    if golden.highlights:
        score = rouge_l(summary, golden.highlights)
        counts["rouge_l_sum"], counts["rouge_l_n"] = score, 1.0
        facts.append(Fact("summary.rouge_l", "vs highlights", f"{score:.3f}", None))
    return CaseScore(golden.case, counts, facts)


def score_truth(
    golden: Golden, analysis: Analysis | None, article: str, lexicon: Sequence[str] = ()
) -> CaseScore:
    """False statements (see truth.py; imported late: truth.py builds on this module)."""
    from service.evaluation.truth import score_truth as _score_truth

    return _score_truth(golden, analysis, article, lexicon)


def score_events_v2(golden: Golden, analysis: Analysis | None, article: str) -> CaseScore:
    """Event records v2 (see event_scorers.py; imported late: it builds on this module)."""
    from service.evaluation.event_scorers import score_events_v2 as _score_events_v2

    return _score_events_v2(golden, analysis, article)


def score_case(
    golden: Golden,
    analysis: Analysis | None,
    article: str,
    lexicon: Sequence[str] = (),
    error: str | None = None,
) -> CaseScore:
    """All scores of one case; a failed analysis (None) scores as an empty prediction."""
    parts = [
        score_casualties(golden, analysis, article),
        score_events(golden, analysis),
        score_summary(golden, analysis, article, lexicon),
        score_truth(golden, analysis, article, lexicon),
        score_events_v2(golden, analysis, article),
    ]
    counts: dict[str, float] = {}
    facts: list[Fact] = []
    for part in parts:
        for name, value in part.counts.items():
            counts[name] = counts.get(name, 0.0) + value
        facts.extend(part.facts)
    if error:
        facts.insert(0, Fact("error", "an analysis", error, False))
    return CaseScore(golden.case, counts, facts, error)
