"""Review pages: an analysis drawn on its article, every fact linked to the words it came from."""

from __future__ import annotations

from service.review.analysis import analysis_page, source_text
from service.review.page import ReviewPage, Row, Sentence, Table
from service.review.render import render
from service.review.spans import Segment, Span, segments
from service.schema import Analysis


def render_analysis(analysis: Analysis, text: str | None = None) -> str:
    """The review page of one analysis as HTML; `text` is the input (not needed for HTML input)."""
    return render(analysis_page(analysis, source_text(analysis, text)))


__all__ = [
    "ReviewPage", "Row", "Segment", "Sentence", "Span", "Table", "analysis_page", "render",
    "render_analysis", "segments", "source_text",
]  # fmt: skip
