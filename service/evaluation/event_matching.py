"""Pair predicted events with golden v2 events, one to one (rules: eval/README.md, "Event matching")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.evaluation.event_view import PredictedEvent
from service.evaluation.golden import GoldEventV2
from service.evaluation.matching import contains_either_way, overlaps, same_place, spans_of
from service.event_types import Taxonomy

# Words that say nothing about which event a predicate describes.
_FILLER = frozenset(
    {
        "a", "about", "after", "an", "and", "are", "as", "at", "be", "been", "before", "by", "for",
        "from", "had", "has", "have", "he", "her", "his", "in", "into", "is", "it", "its", "of", "on",
        "or", "our", "over", "said", "says", "she", "than", "that", "the", "their", "them", "they",
        "this", "to", "up", "was", "were", "which", "who", "will", "with", "would",
    }
)  # fmt: skip
_WORD = re.compile(r"[a-z]+|\d[\d,.]*")
STEM = 4  # letters kept of a word: "kills", "killed", "killing" all read as "kill"
WHAT_OVERLAP = 0.5  # share of the shorter predicate's content words the other must have


def content_words(text: str | None) -> set[str]:
    """The content words of a predicate, cut to a crude stem (numbers kept whole, commas dropped)."""
    words = _WORD.findall((text or "").lower().replace("’", "'"))
    stems = set()
    for word in words:
        if word[0].isdigit():
            stems.add(word.replace(",", "").rstrip("."))
        elif len(word) > 2 and word not in _FILLER:
            stems.add(word[:STEM])
    return stems


def same_what(predicted: str | None, gold: str) -> bool:
    """True when the shorter predicate shares at least half of its content words with the other."""
    left, right = content_words(predicted), content_words(gold)
    if not left or not right:
        return False
    return len(left & right) / min(len(left), len(right)) >= WHAT_OVERLAP


def gold_places(gold: GoldEventV2) -> list[str]:
    """The place and every alias a prediction may use for it."""
    return [gold.place, *gold.place_aliases] if gold.place else []


def same_when(predicted: str | None, gold: GoldEventV2) -> bool:
    """Date rule of the v2 scorers: both null, or containment either way with date_text or an alias."""
    if gold.date_text is None:
        return not (predicted or "").strip()
    return any(contains_either_way(predicted, name) for name in (gold.date_text, *gold.date_aliases))


@dataclass(frozen=True)
class Signals:
    """What ties a predicted event to a golden one."""

    span: bool  # one of its spans overlaps a golden quote
    place: bool
    date: bool  # both give a date and they agree
    what: bool
    places_differ: bool  # both give a place and they disagree

    @property
    def evidence(self) -> bool:
        """Enough to pair them (with compatible types): a shared span, place or predicate, or the
        same date when their places do not disagree."""
        return self.span or self.place or self.what or (self.date and not self.places_differ)

    @property
    def score(self) -> int:
        """Strength of the tie; the strongest pairs are assigned first."""
        return 3 * self.span + 2 * self.place + self.what + self.date


def signals(gold: GoldEventV2, event: PredictedEvent, article: str) -> Signals:
    """The ties between one golden and one predicted event."""
    quoted = [span for quote in gold.quotes for span in spans_of(quote, article)]
    place = same_place(event.place, gold_places(gold))
    return Signals(
        span=any(overlaps((e.start, e.end), quoted) for _, e in event.spans),
        place=place,
        date=gold.date_text is not None and bool(event.date_text) and same_when(event.date_text, gold),
        what=same_what(event.what, gold.what),
        places_differ=bool(event.place and gold.place) and not place,
    )


@dataclass(frozen=True)
class Candidate:
    """A predicted event that may be a golden event, and how strongly."""

    gold: int
    predicted: int
    signals: Signals


def candidates(
    golds: Sequence[GoldEventV2], events: Sequence[PredictedEvent], article: str, taxonomy: Taxonomy
) -> list[Candidate]:
    """Every (golden, predicted) pair with compatible types and enough evidence (`Signals.evidence`)."""
    found: list[Candidate] = []
    for gi, gold in enumerate(golds):
        for pi, event in enumerate(events):
            if not taxonomy.compatible(event.event_type, gold.event_type):
                continue
            tie = signals(gold, event, article)
            if tie.evidence:
                found.append(Candidate(gi, pi, tie))
    return found


def assign(found: Sequence[Candidate]) -> dict[int, Candidate]:
    """One-to-one pairs, golden index -> candidate: strongest ties first, then reading order."""
    pairs: dict[int, Candidate] = {}
    used: set[int] = set()
    for cand in sorted(found, key=lambda c: (-c.signals.score, c.gold, c.predicted)):
        if cand.gold not in pairs and cand.predicted not in used:
            pairs[cand.gold] = cand
            used.add(cand.predicted)
    return pairs
