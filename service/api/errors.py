"""Every error leaves the API as `{"error": code, "detail": message}` with the right status, never a trace."""

from __future__ import annotations

import logging
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap
from pydantic import BaseModel

from service.errors import NewsdigestError

log = logging.getLogger("newsdigest.api")

# Status code of a request whose client went away before its answer (nginx's convention);
# nobody reads the response, but logs and metrics show what happened.
CLIENT_CLOSED = 499

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    """The JSON body of every error response."""

    error: str
    detail: str


class ClientDisconnectedError(Exception):
    """The client closed the connection while its request waited."""


def error_response(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> Response[dict[str, str]]:
    """A JSON error response."""
    return Response(
        {"error": code, "detail": detail},
        status_code=status,
        headers=headers,
        media_type=MediaType.JSON,
    )


def _retry_after(request: Request[Any, Any, Any]) -> dict[str, str]:
    runtime = getattr(request.app.state, "runtime", None)
    seconds = runtime.retry_after_s() if runtime is not None else 5
    return {"Retry-After": str(seconds)}


def _validation_detail(exc: ValidationException) -> str:
    """Turn Litestar's list of field problems into one readable sentence."""
    problems = exc.extra if isinstance(exc.extra, list) else []
    parts = []
    for p in problems:
        if isinstance(p, dict) and p.get("message"):
            where = p.get("key") or p.get("source") or ""
            parts.append(f"{where}: {p['message']}" if where else str(p["message"]))
    return "; ".join(parts) or exc.detail


def _one_line(message: str, limit: int = 300) -> str:
    """First line of a message, capped: some errors carry a model's whole failed output."""
    line = message.strip().splitlines()[0] if message.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def newsdigest_error(request: Request[Any, Any, Any], exc: NewsdigestError) -> Response[Any]:
    """Map our own exception tree by its status_code/code."""
    headers = _retry_after(request) if exc.status_code == 503 else None
    if exc.status_code >= 500:
        log.warning("%s %s -> %d %s: %s", request.method, request.url.path, exc.status_code, exc.code, exc)
    return error_response(exc.status_code, exc.code, _one_line(str(exc)) or exc.code, headers)


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """Map Litestar's own errors (routing, body size, validation, auth)."""
    status = exc.status_code
    if status >= 500:
        # Litestar's internal 500s may carry framework detail; keep it in the log only.
        log.error("internal error on %s %s: %r", request.method, request.url.path, exc)
        return error_response(500, "internal_error", "unexpected server error; see the server log")
    if isinstance(exc, ValidationException):
        return error_response(400, "invalid_input", _validation_detail(exc))
    headers = dict(exc.headers or {})
    detail = exc.detail
    if status == 413:
        # The route's own limit: batches have a larger one than single requests.
        limit = request.route_handler.resolve_request_max_body_size()
        if limit is not None:
            detail = f"the body is larger than the limit of {limit} bytes"
    if status == 503:
        headers.update(_retry_after(request))
    return error_response(status, _HTTP_CODES.get(status, "client_error"), detail, headers)


def client_disconnected(_request: Request[Any, Any, Any], _exc: ClientDisconnectedError) -> Response[Any]:
    """Nobody will read this; it exists for the access log and metrics."""
    return error_response(CLIENT_CLOSED, "client_closed_request", "the client went away")


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Log the traceback; answer 500 with no detail about the server's insides."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "unexpected server error; see the server log")


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    NewsdigestError: newsdigest_error,
    HTTPException: http_error,
    ClientDisconnectedError: client_disconnected,
    Exception: unexpected_error,
}
