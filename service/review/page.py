"""What a review page shows, independent of HTML: the text, its spans, record tables and lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.review.spans import Span


@dataclass(frozen=True)
class Row:
    """One record: its id (shared with its spans), its cells, and a status for colouring."""

    record: str
    cells: list[str]
    status: str = ""
    note: str = ""


@dataclass(frozen=True)
class Table:
    """A titled table of records (clicking a row selects its spans)."""

    title: str
    columns: list[str]
    rows: list[Row]
    caption: str = ""  # shown instead of an empty table
    noun: str = "record"  # what one row is, for labels: "figure 1.2"


@dataclass(frozen=True)
class Sentence:
    """A summary sentence: its record id (its support spans use it), verdict and reasons."""

    record: str
    text: str
    origin: str
    verdict: str
    reasons: list[str]
    support: list[Span]


@dataclass
class ReviewPage:
    """Everything one page shows; `spans` may overlap and may be of any kind."""

    title: str
    text: str
    spans: list[Span]
    tables: list[Table] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (heading, text) blocks, e.g. highlights
    provenance: list[tuple[str, str]] = field(default_factory=list)
    legend: dict[str, str] = field(default_factory=dict)  # status -> explanation, e.g. eval verdicts

    def mismatches(self) -> list[Span]:
        """Spans whose offsets do not cover their quote (the page says so; the reviewer should know)."""
        return [s for s in self.spans if s.quote is not None and self.text[s.start : s.end] != s.quote]
