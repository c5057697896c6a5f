"""Turn a `ReviewPage` into one self-contained HTML file (templates, CSS and JS inline, no network)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from service.review.page import ReviewPage
from service.review.spans import KIND_LABELS, segments


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("service.review", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def record_labels(page: ReviewPage) -> dict[str, str]:
    """A readable name per record id, for tooltips and the selection status line."""
    labels: dict[str, str] = {}
    for table in page.tables:
        for row in table.rows:
            # Rows of later tables may share an id (e.g. facts about a figure): the first names it.
            labels.setdefault(row.record, f"{table.noun} {row.cells[0]}" if row.cells else row.record)
    for i, sentence in enumerate(page.sentences, 1):
        labels[sentence.record] = f"summary sentence {i}"
    return labels


def render(page: ReviewPage) -> str:
    """The page as HTML."""
    template = _environment().get_template("review.html.j2")
    return template.render(
        page=page,
        segments=segments(page.text, page.spans),
        kinds=list(dict.fromkeys(s.kind for s in page.spans)),
        kind_labels=KIND_LABELS,
        labels=record_labels(page),
        mismatches=page.mismatches(),
    )
