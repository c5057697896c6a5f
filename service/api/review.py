"""GET /v1/analyses/{cache_key}/review: a stored analysis drawn on its article, as one HTML page."""

from __future__ import annotations

import anyio.to_thread
from litestar import MediaType, Response, get
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath

from service.api.errors import ErrorBody
from service.api.runtime import Runtime
from service.errors import NotFoundError
from service.review import render_analysis
from service.schema import Analysis

REVIEW_DESCRIPTION = (
    "Review page: open it in a browser to see every casualty figure highlighted on the article it "
    "came from (colour-coded, selectable both ways), the figures table, each summary sentence with "
    "its supporting sentences, dropped sentences and warnings with their reasons, and provenance. "
    "One self-contained HTML file (no network assets): it can be saved and shared. "
    "Needs the input text, which the server keeps with each cached result."
)


def _review_html(analysis: Analysis, text: str) -> str:
    return render_analysis(analysis, text)


@get(
    "/analyses/{cache_key:str}/review",
    operation_id="reviewAnalysis",
    summary="Review page of a stored analysis (HTML)",
    description=REVIEW_DESCRIPTION,
    tags=["analyses"],
    media_type=MediaType.HTML,
    responses={
        401: ResponseSpec(ErrorBody, description="Missing or wrong API key"),
        404: ResponseSpec(ErrorBody, description="Unknown key, or its input text is no longer stored"),
    },
)
async def review_analysis(cache_key: FromPath[str], runtime: NamedDependency[Runtime]) -> Response[str]:
    """The review page of a stored analysis; 404 if the key or its input text is not stored."""
    analyzer, _ = runtime.require()
    found = await anyio.to_thread.run_sync(analyzer.get, cache_key)
    if found is None:
        raise NotFoundError(f"no stored analysis with key {cache_key!r}")
    text = found.article.extracted_text
    if text is None:
        text = await anyio.to_thread.run_sync(analyzer.source_text, cache_key)
    if text is None:
        raise NotFoundError(
            f"the input text of analysis {cache_key!r} is not stored (evicted, or analyzed before texts "
            "were kept); analyze the article again"
        )
    page = await anyio.to_thread.run_sync(_review_html, found, text)
    return Response(page, media_type=MediaType.HTML)
