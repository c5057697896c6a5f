"""Spans of the article text that back a record, and their split into non-overlapping segments."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

# Kinds of span the page knows how to colour; a new kind (issue 9: place, date, actor, event)
# only needs an entry here and a colour in the template's `--k-<kind>` variables.
KIND_LABELS = {
    "casualty": "casualty figure",
    "place": "place",
    "date": "date",
    "actor": "actor",
    "event": "event",
    "support": "summary support",
    "gold": "golden figure",
}


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the text that back one record (`record` is its page-wide id)."""

    kind: str
    start: int
    end: int
    record: str
    quote: str | None = None
    status: str = ""  # e.g. the eval's verdict: ok, wrong, extra, missed

    @property
    def label(self) -> str:
        """Human name of the kind."""
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same set of spans (none for plain text)."""

    start: int
    end: int
    text: str
    spans: tuple[Span, ...]

    @property
    def kinds(self) -> list[str]:
        """Distinct kinds covering this segment, in span order."""
        return list(dict.fromkeys(s.kind for s in self.spans))

    @property
    def statuses(self) -> list[str]:
        """Distinct non-empty statuses of the spans covering this segment."""
        return list(dict.fromkeys(s.status for s in self.spans if s.status))

    @property
    def records(self) -> list[str]:
        """Distinct record ids covering this segment, in span order."""
        return list(dict.fromkeys(s.record for s in self.spans))


def clamp(span: Span, length: int) -> Span | None:
    """The span cut to the text's bounds; None if nothing of it lies inside."""
    start, end = max(0, span.start), min(length, span.end)
    if start >= end:
        return None
    return Span(span.kind, start, end, span.record, span.quote, span.status)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; each piece lists every span covering it (overlaps allowed)."""
    inside = [c for s in spans if (c := clamp(s, len(text))) is not None]
    cuts = sorted({0, len(text), *(s.start for s in inside), *(s.end for s in inside)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = tuple(s for s in inside if s.start <= start and end <= s.end)
        pieces.append(Segment(start, end, text[start:end], covering))
    return pieces
