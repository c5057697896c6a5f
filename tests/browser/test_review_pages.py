"""Review pages of real 0.5B outputs in headless Chromium: spans over the right words, both-way links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from service.review import render_analysis
from service.schema import Analysis
from tests.browser.checks import (
    assert_fits_laptop_width,
    assert_selection_both_ways,
    assert_spans_highlighted,
)
from tests.browser.conftest import OpenedPage, RealPage

pytestmark = [pytest.mark.browser, pytest.mark.model]


def figure_spans(analysis: Analysis) -> dict[str, list[tuple[int, int, str]]]:
    """Expected marks per record of an analysis page: figures (e<i>c<j>) and summary support (s<i>)."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for ei, event in enumerate(analysis.events):
        for ci, c in enumerate(event.casualties):
            spans[f"e{ei}c{ci}"] = [(c.evidence.start, c.evidence.end, c.evidence.quote)]
    for si, sentence in enumerate(analysis.summary_sentences):
        if sentence.support:
            spans[f"s{si}"] = [(e.start, e.end, e.quote) for e in sentence.support]
    return spans


def open_page(tab: OpenedPage, html: str, where: Path) -> Any:
    """Save the page as a file and open it the way a person would (file://, offline)."""
    where.write_text(html, encoding="utf-8")
    tab.page.goto(where.as_uri())
    return tab.page


def test_analysis_page_from_the_api(
    tab: OpenedPage, analysis_review: RealPage, tmp_path: Path, screenshot_dir: Path
) -> None:
    page = open_page(tab, analysis_review.html, tmp_path / "analysis.html")
    expected = figure_spans(analysis_review.analysis)
    figures = [r for r in expected if r.startswith("e")]
    assert figures, f"the model found no figure in the test article: {analysis_review.analysis.warnings}"

    assert_spans_highlighted(page, analysis_review.text, expected)
    for record in figures:
        assert_selection_both_ways(page, record)
    assert_fits_laptop_width(page)
    page.locator(f'.record[data-record="{figures[0]}"]').click()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshot_dir / "review-analysis.png"), full_page=True)
    assert tab.errors == [] and tab.requests == []


def test_eval_case_page(tab: OpenedPage, case_review: Any, tmp_path: Path, screenshot_dir: Path) -> None:
    real, case = case_review
    page = open_page(tab, real.html, tmp_path / "case.html")
    expected = {
        f"p{i}": [(c.evidence.start, c.evidence.end, c.evidence.quote)]
        for i, c in enumerate(c for e in real.analysis.events for c in e.casualties)
    }
    for gi, gold in enumerate(case.golden.casualties):
        start = real.text.index(gold.quote)
        expected[f"g{gi}"] = [(start, start + len(gold.quote), gold.quote)]

    assert_spans_highlighted(page, real.text, expected)
    assert_selection_both_ways(page, "g0")
    golden_rows = "tr.record[aria-label^='golden figure']"  # fact rows share the ids but not the label
    statuses = page.eval_on_selector_all(golden_rows, "rows => rows.map(r => r.className)")
    assert len(statuses) == len(case.golden.casualties)
    assert all(any(s in c for s in ("s-found", "s-missed", "s-optional")) for c in statuses), statuses
    assert_fits_laptop_width(page)
    page.locator('.record[data-record="g0"]').first.click()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshot_dir / "review-eval-case.png"), full_page=True)
    assert tab.errors == [] and tab.requests == []


def test_a_wrong_offset_is_caught_by_the_browser_check(
    tab: OpenedPage, analysis_review: RealPage, tmp_path: Path
) -> None:
    analysis = analysis_review.analysis.model_copy(deep=True)
    figure = next(c for e in analysis.events for c in e.casualties)
    figure.evidence.start += 3  # the quote stays; the offsets now point three characters later
    figure.evidence.end += 3
    page = open_page(tab, render_analysis(analysis, analysis_review.text), tmp_path / "wrong.html")

    with pytest.raises(AssertionError, match=r"highlighted .* but its quote is"):
        assert_spans_highlighted(page, analysis_review.text, figure_spans(analysis))
    assert page.locator('[role="alert"]').is_visible()
