"""Review pages on disk: one file per analysis, named after its source and cache key."""

from __future__ import annotations

import re
from pathlib import Path

from service.review.analysis import analysis_page, source_text
from service.review.render import render
from service.schema import Analysis


def page_filename(source: str | None, cache_key: str) -> str:
    """`<source stem>-<key prefix>.html`: readable, and distinct for two articles of one feed."""
    stem = Path(source).name if source else "article"
    stem = re.sub(r"\.(txt|html?|jsonl)(:\d+)?$", r"\2", stem, flags=re.IGNORECASE)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "article"
    return f"{slug[:60]}-{cache_key[:8]}.html"


def write_page(directory: Path, analysis: Analysis, text: str | None, source: str | None = None) -> Path:
    """Render the analysis's page into `directory` (created if needed) and return its path."""
    page = render(analysis_page(analysis, source_text(analysis, text)))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / page_filename(source, analysis.provenance.cache_key)
    path.write_text(page, encoding="utf-8")
    return path
