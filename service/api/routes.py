"""The HTTP routes: analyses and batches under /v1, health, readiness and metrics at the root."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from typing import Annotated, Any, Literal

import anyio.to_thread
from litestar import Controller, Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody, QueryParameter
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel, Field

from service.api.auth import require_api_key
from service.api.batches import BatchCounts
from service.api.errors import ClientDisconnectedError, ErrorBody
from service.api.payloads import BatchCreated, BatchItemView, BatchRequest, BatchView, Health
from service.api.runtime import Runtime
from service.errors import BusyError, DeadlineError, InputError, ModelError, NotFoundError
from service.faithfulness import CheckResult, check_summary
from service.schema import Analysis, ArticleInput


def provide_runtime(state: State) -> Runtime:
    """Dependency: the server's runtime, stored on app.state by create_app."""
    runtime: Runtime = state.runtime
    return runtime


DEPENDENCIES = {"runtime": Provide(provide_runtime, sync_to_thread=False)}


async def require_json(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Guard: 415 unless the body is declared as JSON (checked before the body is read)."""
    base = connection.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if base != "application/json" and not (base.startswith("application/") and base.endswith("+json")):
        raise HTTPException(
            status_code=415,
            detail=f"send the body as JSON with Content-Type: application/json (got {base or 'none'})",
        )


async def require_utf8(request: Request[Any, Any, Any]) -> None:
    """Before-request hook: 400 for a body that is not UTF-8 (msgspec would fail with a 500)."""
    body = await request.body()  # also enforces the body size limit (413)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"the body is not valid UTF-8 (bad byte at offset {exc.start})") from exc


def _error_specs(*codes: int) -> dict[int, ResponseSpec]:
    descriptions = {
        400: "Empty or invalid input",
        401: "Missing or wrong API key",
        404: "Unknown key or id",
        413: "Body larger than the limit",
        415: "Body is not JSON",
        503: "Queue full or model not ready; see Retry-After",
        504: "No result before the deadline",
    }
    return {c: ResponseSpec(ErrorBody, description=descriptions[c]) for c in codes}


def _check_article(article: ArticleInput, where: str = "") -> None:
    """Reject what cannot be an article before it reaches the pipeline."""
    if not (article.text and article.text.strip()) and not (article.html and article.html.strip()):
        raise InputError(f"{where}give a non-empty `text` or `html`")


async def _wait_disconnect(request: Request[Any, Any, Any]) -> None:
    """Return when the client closes the connection (the body has already been read)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def wait_for_job(request: Request[Any, Any, Any], job: Future[Analysis], timeout_s: float) -> Analysis:
    """The job's result; 504 past the deadline; drop the job if the client leaves before it starts."""
    waiter = asyncio.wrap_future(job)
    gone = asyncio.ensure_future(_wait_disconnect(request))
    either: set[asyncio.Future[Any]] = {waiter, gone}
    try:
        done, _ = await asyncio.wait(either, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        # Cancelling the waiter cancels the job too if the model has not started on it;
        # a started job runs to the end and its result lands in the cache for next time.
        waiter.cancel()
    if waiter in done:
        if waiter.cancelled():
            raise BusyError("the server is shutting down; retry")
        return waiter.result()
    if gone in done:
        raise ClientDisconnectedError
    raise DeadlineError(f"no result within {timeout_s:g} s; the model is busy, retry later")


class AnalysisController(Controller):
    """Single-article analyses."""

    path = "/analyses"
    tags = ["analyses"]  # noqa: RUF012 (Litestar reads it as a class attribute)

    @post(
        "/",
        operation_id="createAnalysis",
        summary="Analyze one article",
        status_code=200,
        guards=[require_json],
        before_request=require_utf8,
        responses=_error_specs(400, 401, 413, 415, 503, 504),
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[ArticleInput],
        runtime: NamedDependency[Runtime],
        no_cache: Annotated[bool, QueryParameter(description="Skip the result cache (recompute).")] = False,
    ) -> Analysis:
        """Return the analysis of one article, from the cache when possible."""
        analyzer, worker = runtime.require()
        _check_article(data)
        if no_cache:
            # Still validate (empty, binary, too long) before the article takes a queue slot.
            await anyio.to_thread.run_sync(analyzer.cache_key, data)
            request.state.cache_hit = False
        else:
            cached = await anyio.to_thread.run_sync(analyzer.lookup, data)
            request.state.cache_hit = cached is not None
            runtime.metrics.cache.labels("hit" if cached else "miss").inc()
            if cached is not None:
                return cached
        try:
            job = worker.submit(data, use_cache=not no_cache)
        except BusyError:
            runtime.metrics.rejected.inc()
            raise
        return await wait_for_job(request, job, runtime.settings.request_timeout_s)

    @get(
        "/{cache_key:str}",
        operation_id="getAnalysis",
        summary="A stored analysis by its cache key",
        description="As JSON; the same analysis drawn on its article: `GET /v1/analyses/{cache_key}/review`.",
        responses=_error_specs(401, 404),
    )
    async def read(self, cache_key: FromPath[str], runtime: NamedDependency[Runtime]) -> Analysis:
        """Return a stored analysis; 404 if this key was never analyzed (or was evicted)."""
        analyzer, _ = runtime.require()
        found = await anyio.to_thread.run_sync(analyzer.get, cache_key)
        if found is None:
            raise NotFoundError(f"no stored analysis with key {cache_key!r}")
        return found


BatchStatus = Literal["pending", "running", "done"]


def _batch_status(counts: BatchCounts) -> BatchStatus:
    if counts.pending + counts.running == 0:
        return "done"
    if counts.done + counts.failed + counts.running > 0:
        return "running"
    return "pending"


class BatchController(Controller):
    """Background batches, persisted across restarts."""

    path = "/batches"
    tags = ["batches"]  # noqa: RUF012 (Litestar reads it as a class attribute)

    @post(
        "/",
        operation_id="createBatch",
        summary="Queue articles for background analysis",
        status_code=202,
        guards=[require_json],
        before_request=require_utf8,
        responses=_error_specs(400, 401, 413, 415, 503),
    )
    async def create(
        self, data: JSONBody[BatchRequest], runtime: NamedDependency[Runtime]
    ) -> Response[BatchCreated]:
        """Store the batch and return its id at once; the work runs in the background."""
        limit = runtime.settings.batch_max
        if len(data.articles) > limit:
            raise InputError(f"{len(data.articles)} articles given; a batch holds at most {limit}")
        for i, article in enumerate(data.articles):
            _check_article(article, f"articles[{i}]: ")
        if runtime.store is None:
            raise ModelError("the server is starting; retry shortly")
        batch_id = await anyio.to_thread.run_sync(runtime.store.create, data.articles)
        if runtime.runner is not None:
            runtime.runner.wake()
        url = f"/v1/batches/{batch_id}"
        return Response(
            BatchCreated(id=batch_id, total=len(data.articles), status_url=url),
            status_code=202,
            headers={"Location": url},
        )

    @get(
        "/{batch_id:str}",
        operation_id="getBatch",
        summary="Progress and results so far of a batch",
        responses=_error_specs(401, 404),
    )
    async def read(self, batch_id: FromPath[str], runtime: NamedDependency[Runtime]) -> BatchView:
        """Return done/failed/total and every finished result."""
        store = runtime.store
        if store is None:
            raise ModelError("the server is starting; retry shortly")
        counts = await anyio.to_thread.run_sync(store.counts, batch_id)
        if counts is None:
            raise NotFoundError(f"no batch with id {batch_id!r}")
        items = await anyio.to_thread.run_sync(store.items, batch_id)
        return BatchView(
            id=batch_id,
            status=_batch_status(counts),
            total=counts.total,
            pending=counts.pending,
            running=counts.running,
            done=counts.done,
            failed=counts.failed,
            created_at=counts.created_at,
            items=[
                BatchItemView.model_validate(
                    {
                        "index": it.index,
                        "status": it.status,
                        "cache_key": it.cache_key,
                        "result": it.result,
                        "error": it.error,
                        "detail": it.detail,
                    }
                )
                for it in items
            ],
        )


@get("/healthz", operation_id="health", summary="Process is up", tags=["ops"])
async def healthz() -> Health:
    """Liveness: answers as long as the event loop runs."""
    return Health(status="ok")


@get(
    "/readyz",
    operation_id="ready",
    summary="Model loaded and worker answering",
    tags=["ops"],
    responses={503: ResponseSpec(Health, description="Loading, or the load failed")},
)
async def readyz(runtime: NamedDependency[Runtime]) -> Response[Health]:
    """Readiness: 200 once the model is loaded and its worker runs; 503 before or after a failure."""
    try:
        analyzer, worker = runtime.require()
    except ModelError as exc:
        status = "failed" if runtime.load_error else "loading"
        return Response(
            Health(status=status, model=runtime.settings.model, detail=str(exc)),
            status_code=503,
            headers={"Retry-After": str(runtime.retry_after_s())},
        )
    interactive, background = worker.depth()
    backlog = runtime.store.pending_total() if runtime.store is not None else None
    return Response(
        Health(
            status="ready",
            model=analyzer.model_name,
            queue_depth=interactive + background,
            batch_backlog=backlog,
        )
    )


@get(
    "/metrics",
    operation_id="metrics",
    summary="Prometheus metrics",
    tags=["ops"],
    guards=[require_api_key],
    media_type=CONTENT_TYPE_LATEST,
    responses=_error_specs(401),
)
async def metrics(runtime: NamedDependency[Runtime]) -> Response[bytes]:
    """Prometheus text exposition."""
    runtime.refresh_gauges()
    return Response(runtime.metrics.render(), media_type=CONTENT_TYPE_LATEST)


class CheckRequest(BaseModel):
    """An article and a summary of it to check."""

    article: str = Field(min_length=1, description="The article text the summary claims to summarize.")
    summary: str = Field(min_length=1, description="The summary to check.")


@post(
    "/checks",
    operation_id="checkSummary",
    status_code=200,
    summary="Which claims of a summary the article does not support",
    tags=["checks"],
    guards=[require_json],
    before_request=require_utf8,
    responses=_error_specs(400, 401, 413, 415),
)
async def check(data: JSONBody[CheckRequest]) -> CheckResult:
    """Deterministic faithfulness check (numbers, names, places, dates); never waits for the model."""
    if not data.article.strip() or not data.summary.strip():
        raise InputError("give a non-empty `article` and `summary`")
    return await anyio.to_thread.run_sync(check_summary, data.article, data.summary)
