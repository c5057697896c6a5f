"""Build the review page of one `Analysis` from the text its offsets refer to."""

from __future__ import annotations

from service.errors import InputError
from service.review.page import ReviewPage, Row, Sentence, Table
from service.review.spans import Span
from service.schema import Analysis, Casualty, Event

FIGURE_COLUMNS = [
    "figure", "killed", "injured", "group", "qualifier", "claimed by", "event", "place", "date",
    "perpetrator", "target",
]  # fmt: skip


def figure_id(event_index: int, casualty_index: int) -> str:
    """Page-wide id of a casualty figure: its span and its table row share it."""
    return f"e{event_index}c{casualty_index}"


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def figure_cells(label: str, event: Event, casualty: Casualty) -> list[str]:
    """The table cells of one figure, in FIGURE_COLUMNS order."""
    return [
        label,
        _cell(casualty.killed),
        _cell(casualty.injured),
        _cell(casualty.group),
        _cell(casualty.qualifier),
        _cell(casualty.claimed_by),
        event.event_type,
        event.location,
        _cell(event.date_text),
        _cell(event.perpetrator),
        _cell(event.target),
    ]


def figure_spans(analysis: Analysis) -> list[Span]:
    """One `casualty` span per figure over its evidence (issue 9 adds place/date/actor spans here)."""
    return [
        Span("casualty", c.evidence.start, c.evidence.end, figure_id(ei, ci), c.evidence.quote)
        for ei, event in enumerate(analysis.events)
        for ci, c in enumerate(event.casualties)
    ]


def sentences(analysis: Analysis) -> list[Sentence]:
    """Summary sentences with their support spans (kind `support`, id s<N>)."""
    found = []
    for i, s in enumerate(analysis.summary_sentences):
        record = f"s{i}"
        support = [Span("support", e.start, e.end, record, e.quote) for e in s.support]
        found.append(Sentence(record, s.text, s.origin, s.verdict, list(s.reasons), support))
    return found


def provenance(analysis: Analysis) -> list[tuple[str, str]]:
    """Footer lines: model, prompts, versions, cache key and timings."""
    p = analysis.provenance
    timings = ", ".join(f"{name} {ms:g} ms" for name, ms in p.timings_ms.items())
    return [
        ("model", f"{p.model} (sha256 {p.model_sha256[:12]}…)"),
        ("prompt version", p.prompt_version),
        ("schema / package", f"{p.schema_version} / {p.package_version}"),
        ("cache key", p.cache_key + (" (served from cache)" if p.cached else "")),
        ("timings", timings or "none recorded"),
    ]


def analysis_page(analysis: Analysis, text: str) -> ReviewPage:
    """The page of one analysis; `text` is what its offsets refer to (extracted text for HTML)."""
    rows = [
        Row(
            figure_id(ei, ci),
            figure_cells(f"{ei + 1}.{ci + 1}", event, c),
            "" if c.grounded else "ungrounded",
        )
        for ei, event in enumerate(analysis.events)
        for ci, c in enumerate(event.casualties)
    ]
    summary = sentences(analysis)
    spans = figure_spans(analysis) + [s for sentence in summary for s in sentence.support]
    return ReviewPage(
        title=analysis.article.title or "Untitled article",
        text=text,
        spans=spans,
        tables=[Table("Casualty figures", FIGURE_COLUMNS, rows, "No casualty figures were found.", "figure")],
        sentences=summary,
        warnings=list(analysis.warnings),
        provenance=provenance(analysis),
    )


def source_text(analysis: Analysis, given: str | None) -> str:
    """The text offsets refer to: the extracted text for HTML input, else the text given."""
    if analysis.article.extracted_text is not None:
        return analysis.article.extracted_text
    if given is None:
        raise InputError("the analysis does not carry its text (plain-text input); give the article text")
    return given
