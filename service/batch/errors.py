"""Errors of the batch feature, in the service.errors tree."""

from service.errors import NewsdigestError


class BatchError(NewsdigestError):
    """A batch cannot run as asked (unreadable OUTPUT, a missing optional engine, a bad option)."""

    status_code = 400
    code = "batch_error"


class EngineUnavailableError(BatchError):
    """The chosen engine's optional dependency is not installed or its cluster cannot be reached."""

    status_code = 503
    code = "engine_unavailable"
