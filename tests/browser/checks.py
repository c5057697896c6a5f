"""What a review page must do in a real browser: marks over the right words, both-way selection."""

from __future__ import annotations

from typing import Any

# Contiguous runs of marks per record, as the browser laid them out: [[start, end, text], ...].
RUNS_JS = """
(record) => {
  const runs = [];
  for (const m of document.querySelectorAll("#article mark[data-records]")) {
    if (!m.dataset.records.split(" ").includes(record)) continue;
    const start = Number(m.dataset.start), end = Number(m.dataset.end);
    const last = runs[runs.length - 1];
    if (last && last[1] === start) { last[1] = end; last[2] += m.textContent; }
    else runs.push([start, end, m.textContent]);
  }
  return runs;
}
"""

# Whether an element is inside both the window and its scrolling article box.
VISIBLE_JS = """
(el) => {
  const r = el.getBoundingClientRect();
  const inWindow = r.bottom > 0 && r.top < window.innerHeight;
  const box = el.closest(".article");
  if (!box) return inWindow;
  const b = box.getBoundingClientRect();
  return inWindow && r.bottom > b.top && r.top < b.bottom;
}
"""


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of one record joined where they touch or overlap (as the page's marks are)."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def assert_spans_highlighted(page: Any, text: str, expected: dict[str, list[tuple[int, int, str]]]) -> None:
    """Every record's marks cover exactly its spans, and the words the browser shows there are its quotes."""
    shown = page.eval_on_selector("#article", "el => el.textContent")
    assert shown == text, "the article text on the page differs from the text the offsets refer to"
    for record, spans in expected.items():
        runs = [(int(s), int(e), str(words)) for s, e, words in page.evaluate(RUNS_JS, record)]
        want = merged([(s, e) for s, e, _ in spans])
        assert [(s, e) for s, e, _ in runs] == want, f"{record}: marks at {runs}, evidence at {want}"
        for start, end, quote in spans:
            run_start, _, words = next(r for r in runs if r[0] <= start and end <= r[1])
            highlighted = words[start - run_start : end - run_start]
            assert highlighted == quote, f"{record}: highlighted {highlighted!r} but its quote is {quote!r}"


def assert_selection_both_ways(page: Any, record: str) -> None:
    """Selecting the record's row highlights and reveals its marks; selecting a mark selects the row."""
    row = page.locator(f'.record[data-record="{record}"]').first
    row.click()
    marks = page.locator("#article mark.selected")
    assert marks.count() > 0, f"clicking {record} highlighted nothing"
    for i in range(marks.count()):
        records = (marks.nth(i).get_attribute("data-records") or "").split()
        assert record in records, f"clicking {record} highlighted a mark of {records}"
    assert page.evaluate(VISIBLE_JS, marks.first.element_handle()), (
        f"{record}: its words were not scrolled to"
    )

    page.evaluate("window.scrollTo(0, 0)")
    mark = page.locator(f'#article mark[data-records~="{record}"]').first
    mark.focus()
    mark.press("Enter")  # the keyboard path: a focused mark activates with Enter
    assert "selected" in (row.get_attribute("class") or ""), (
        f"selecting the mark did not select {record}'s row"
    )
    assert page.evaluate(VISIBLE_JS, row.element_handle()), f"{record}: its row was not scrolled to"


def assert_fits_laptop_width(page: Any) -> None:
    """No horizontal scrolling at the viewport width."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"the page is {width} px wide in a {viewport} px window"
