"""The Litestar application factory."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import (
    Components,
    OpenAPI,
    OpenAPIType,
    Reference,
    Schema,
    SecurityRequirement,
    SecurityScheme,
)
from litestar.types import Message, Receive, Send
from pydantic import BaseModel

from service import __version__
from service.api.auth import SECURITY_SCHEME, KeyRing, require_api_key
from service.api.errors import EXCEPTION_HANDLERS
from service.api.logs import log_request
from service.api.review import review_analysis
from service.api.routes import (
    DEPENDENCIES,
    AnalysisController,
    BatchController,
    check,
    healthz,
    metrics,
    readyz,
)
from service.api.runtime import AnalyzerFactory, Runtime
from service.pipeline import Analyzer
from service.schema import ArticleInput
from service.settings import Settings


class NewsdigestApp(Litestar):
    """Litestar app whose outermost layer times, counts and logs every HTTP request.

    Litestar middleware only runs for matched routes; this layer also sees 404s and 405s.
    """

    async def __call__(self, scope: Any, receive: Receive, send: Send) -> None:  # type: ignore[override]
        """Serve one ASGI connection; HTTP requests get one access line and metrics."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client sees if the app fails before sending anything

        async def send_and_record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        state: dict[str, Any] = scope.setdefault("state", {})
        try:
            await super().__call__(scope, receive, send_and_record)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("path_template") or "<unmatched>"
            runtime: Runtime = self.state.runtime
            runtime.metrics.observe_request(scope["method"], route, status, elapsed)
            log_request(scope["method"], scope["path"], status, elapsed * 1000, state.get("cache_hit"), route)


def _lifespan(runtime: Runtime) -> Any:
    @asynccontextmanager
    async def lifespan(_app: Litestar) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    return lifespan


def _openapi(keys: KeyRing) -> OpenAPIConfig:
    """The docs config; the bearer scheme is declared only when the server has keys to check."""
    schemes: dict[str, SecurityScheme | Reference] | None = (
        {SECURITY_SCHEME: SecurityScheme(type="http", scheme="bearer")} if keys.enabled else None
    )
    return OpenAPIConfig(
        title="newsdigest",
        version=__version__,
        description=(
            "Grounded casualty records and neutral summaries of news articles, from a local LLM. "
            "**Review** any stored analysis in a browser: `GET /v1/analyses/{cache_key}/review` "
            "(operation reviewAnalysis) draws its facts on the article."
        ),
        path="/docs",
        render_plugins=[SwaggerRenderPlugin(path="/"), JsonRenderPlugin(path="/openapi.json")],
        components=Components(security_schemes=schemes),
    )


def _non_blank(field: str) -> Schema:
    return Schema(required=[field], properties={field: Schema(type=OpenAPIType.STRING, pattern=r"\S")})


def state_article_rule(document: OpenAPI) -> None:
    """Say in the schema what `_check_article` enforces: a non-blank `text` or `html` is required.

    Litestar builds component schemas from fields alone, so a rule across two fields is added here."""
    components = document.components
    schemas = components.schemas if components is not None and components.schemas else {}
    article = schemas.get("ArticleInput")
    if isinstance(article, Schema):
        article.any_of = [_non_blank("text"), _non_blank("html")]
        article.description = (
            "One article: a non-blank `text` or `html` is required (a non-blank text wins over html)."
        )
        _copy_patterns(article, ArticleInput)


def _copy_patterns(schema: Schema, model: type[BaseModel]) -> None:
    """Give string fields the `pattern` pydantic enforces (Litestar drops it from optional fields)."""
    expected = model.model_json_schema().get("properties", {})
    for name, prop in (schema.properties or {}).items():
        branches = expected.get(name, {}).get("anyOf", [expected.get(name, {})])
        pattern = next((b["pattern"] for b in branches if "pattern" in b), None)
        if pattern is None or not isinstance(prop, Schema):
            continue
        for branch in [prop, *(prop.one_of or [])]:
            if isinstance(branch, Schema) and branch.type == OpenAPIType.STRING:
                branch.pattern = pattern


def create_app(
    settings: Settings,
    analyzer: Analyzer | None = None,
    *,
    analyzer_factory: AnalyzerFactory | None = None,
) -> Litestar:
    """Build the app; with no `analyzer`, the lifespan loads the pipeline of `settings`."""
    runtime = Runtime(settings, analyzer, analyzer_factory)
    keys = KeyRing(settings)
    # Declared only when enforced: with no keys configured the server accepts requests without one.
    security: list[SecurityRequirement] | None = [{SECURITY_SCHEME: []}] if keys.enabled else None
    # Batches carry many articles: their own body limit; every other route keeps max_body_bytes.
    batches = Router(
        path="/", route_handlers=[BatchController], request_max_body_size=settings.batch_max_body_bytes
    )
    v1 = Router(
        path="/v1",
        route_handlers=[AnalysisController, review_analysis, batches, check],
        guards=[require_api_key],
        security=security,
    )
    guarded_ops = Router(path="/", route_handlers=[metrics], security=security)
    app = NewsdigestApp(
        route_handlers=[v1, healthz, readyz, guarded_ops],
        dependencies=DEPENDENCIES,
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=[_lifespan(runtime)],
        request_max_body_size=settings.max_body_bytes,
        state=State({"runtime": runtime, "key_ring": keys}),
        openapi_config=_openapi(keys),
        # Our own JSON logging is configured by `serve`; Litestar must not reconfigure it.
        logging_config=None,
    )
    state_article_rule(app.openapi_schema)
    return app
