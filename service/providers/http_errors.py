"""openai client errors as newsdigest errors with the fix in the message (503/504 in the API)."""

from __future__ import annotations

import openai

from service.errors import BackendError, BackendTimeoutError


def find_api_error(exc: BaseException) -> openai.APIError | BackendError | None:
    """The openai or backend error at the root of `exc` (instructor wraps what the create call raised)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, openai.APIError | BackendError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _brief(exc: openai.APIError) -> str:
    """The server's message, short enough for one line."""
    return " ".join(exc.message.split())[:200]


def backend_error(exc: openai.APIError, base_url: str, *, timeout_s: float, retries: int) -> BackendError:
    """One-line error naming the server, what went wrong and what to change."""
    where = f"the model server at {base_url}"
    if isinstance(exc, openai.APITimeoutError):
        return BackendTimeoutError(f"{where} did not answer within {timeout_s:g} s ({retries} retries)")
    if isinstance(exc, openai.APIConnectionError):
        return BackendError(f"cannot reach {where} ({retries} retries): {exc}; is it running?")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return BackendError(
            f"{where} refused the request ({exc.status_code}): check NEWSDIGEST_BACKEND_API_KEY"
        )
    if isinstance(exc, openai.NotFoundError):
        return BackendError(
            f"{where} answered 404 ({_brief(exc)}): check NEWSDIGEST_BASE_URL and NEWSDIGEST_API_MODEL"
        )
    if isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        return BackendError(
            f"{where} rejected the request ({exc.status_code}: {_brief(exc)}); if it does not take this "
            "response_format, set NEWSDIGEST_API_RESPONSE_FORMAT (json_schema or json_object)"
        )
    if isinstance(exc, openai.APIStatusError):
        return BackendError(f"{where} failed ({exc.status_code}) after {retries} retries: {_brief(exc)}")
    return BackendError(f"{where} sent something that is not an OpenAI answer: {_brief(exc)}")
