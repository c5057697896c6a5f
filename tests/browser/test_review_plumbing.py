"""The page's behaviour in Chromium on a hand-built analysis (no model): overlaps, keyboard, dark mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.review import render_analysis
from tests.browser.checks import (
    assert_fits_laptop_width,
    assert_selection_both_ways,
    assert_spans_highlighted,
)
from tests.browser.conftest import OpenedPage
from tests.unit.test_review import TEXT, _analysis, _evidence

pytestmark = pytest.mark.browser


def test_overlapping_figure_and_support_spans_select_both_ways_with_mouse_and_keyboard(
    tab: OpenedPage, tmp_path: Path
) -> None:
    evidence = _evidence("Nine villagers drowned and four were hurt")
    analysis = _analysis(evidence)
    support = analysis.summary_sentences[0].support[0]
    path = tmp_path / "page.html"
    path.write_text(render_analysis(analysis, TEXT), encoding="utf-8")
    tab.page.goto(path.as_uri())

    expected = {
        "e0c0": [(evidence.start, evidence.end, evidence.quote)],
        "s0": [(support.start, support.end, support.quote)],
    }
    assert_spans_highlighted(tab.page, TEXT, expected)
    assert_selection_both_ways(tab.page, "e0c0")
    sentence = tab.page.locator('.record[data-record="s0"]')
    sentence.focus()
    sentence.press(" ")  # Space activates too
    assert tab.page.locator("#article mark.selected").count() == 2  # the overlap and the rest of the sentence
    assert_fits_laptop_width(tab.page)
    assert tab.errors == [] and tab.requests == []


def test_dark_mode_changes_the_colours(tab: OpenedPage, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(render_analysis(_analysis(_evidence("Nine villagers drowned")), TEXT), encoding="utf-8")
    tab.page.goto(path.as_uri())
    background = "getComputedStyle(document.body).backgroundColor"
    light = tab.page.evaluate(background)
    tab.page.emulate_media(color_scheme="dark")
    assert tab.page.evaluate(background) != light
