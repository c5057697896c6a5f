"""The review renderer: overlapping spans split into segments, marks over the right words, escaping."""

from __future__ import annotations

import re

import pytest

from service.errors import InputError
from service.review import Span, render_analysis, segments
from service.schema import Analysis, ArticleMeta, Casualty, Event, Evidence, Provenance, SummarySentence

TEXT = (
    "Flood toll rises in Riverton\n\n"
    "Nine villagers drowned and four were hurt when the dam at Riverton gave way on Sunday, "
    "the county sheriff said. Crews are still searching the valley."
)


def _evidence(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _analysis(evidence: Evidence, title: str = "Flood toll rises in Riverton") -> Analysis:
    sentence = _evidence(
        "Nine villagers drowned and four were hurt when the dam at Riverton gave way on Sunday, "
        "the county sheriff said."
    )
    return Analysis(
        summary="Nine villagers drowned at Riverton on Sunday.",
        summary_sentences=[
            SummarySentence(
                text="Nine villagers drowned at Riverton on Sunday.", origin="model", verdict="kept",
                support=[sentence],
            ),
            SummarySentence(
                text="The dam was sabotaged.", origin="model", verdict="dropped", support=[],
                reasons=["no article sentence states it"],
            ),
        ],
        events=[
            Event(
                event_type="flood", date_text="on Sunday", date=None, location="Riverton",
                perpetrator=None, target=None,
                casualties=[
                    Casualty(
                        killed=9, injured=4, group="villagers", qualifier=None,
                        claimed_by="the county sheriff", evidence=evidence,
                    )
                ],
            )
        ],
        article=ArticleMeta(title=title),
        warnings=["dropped summary sentence 'The dam was sabotaged.': no article sentence states it"],
        provenance=Provenance(
            model="test-model", model_sha256="f" * 64, prompt_version="extract.v3", schema_version="2",
            package_version="0.1.0", cache_key="abc123", timings_ms={"extract": 12.5, "total": 40.0},
        ),
    )  # fmt: skip


def test_overlapping_spans_become_segments_that_know_every_covering_span() -> None:
    text = "abcdefghij"
    spans = [Span("casualty", 2, 6, "a"), Span("support", 4, 9, "b"), Span("place", 20, 30, "c")]
    got = [(s.text, s.records) for s in segments(text, spans)]
    assert got == [("ab", []), ("cd", ["a"]), ("ef", ["a", "b"]), ("ghi", ["b"]), ("j", [])]
    assert "".join(s.text for s in segments(text, spans)) == text


def test_each_figure_mark_covers_exactly_its_evidence_and_the_summary_is_listed() -> None:
    evidence = _evidence("Nine villagers drowned and four were hurt")
    page = render_analysis(_analysis(evidence), TEXT)
    marked = "".join(re.findall(r'<mark[^>]*data-records="[^"]*\be0c0\b[^"]*"[^>]*>([^<]*)</mark>', page))
    assert marked == evidence.quote
    assert 'data-record="e0c0"' in page and 'data-record="s1"' in page
    assert "no article sentence states it" in page
    assert "extract 12.5 ms" in page
    assert "http://" not in page and "https://" not in page  # self-contained: nothing to fetch
    assert 'role="alert"' not in page


def test_a_wrong_offset_is_announced_on_the_page() -> None:
    evidence = _evidence("Nine villagers drowned and four were hurt")
    shifted = Evidence(quote=evidence.quote, start=evidence.start + 5, end=evidence.end + 5)
    page = render_analysis(_analysis(shifted), TEXT)
    assert 'role="alert"' in page and "do not cover their quote" in page


def test_markup_in_the_article_and_title_is_escaped() -> None:
    evidence = _evidence("Nine villagers drowned")
    page = render_analysis(_analysis(evidence, title="<script>alert(1)</script>"), TEXT)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_plain_text_analysis_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="give the article text"):
        render_analysis(_analysis(_evidence("Nine villagers drowned")))
