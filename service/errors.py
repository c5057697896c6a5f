"""One exception tree for newsdigest; the CLI and the API map it to messages and status codes."""


class NewsdigestError(Exception):
    """Base of every error newsdigest raises on purpose."""

    status_code = 500
    code = "internal_error"


class InputError(NewsdigestError):
    """The article given cannot be analyzed as it is (empty, binary, not UTF-8, too long)."""

    status_code = 400
    code = "invalid_input"


class ModelError(NewsdigestError):
    """The model is missing, corrupt or cannot be loaded."""

    status_code = 503
    code = "model_unavailable"


class ModelNotFoundError(ModelError):
    """The model named in settings is neither a registry entry nor an existing GGUF file."""

    code = "model_not_found"


class ChecksumError(ModelError):
    """An assembled or given GGUF file does not match its registry sha256."""

    code = "model_checksum_mismatch"


class BackendError(ModelError):
    """The model server of an HTTP backend is unreachable, refuses the request or fails."""

    code = "backend_unavailable"


class BackendTimeoutError(BackendError):
    """The model server of an HTTP backend did not answer in time, retries included."""

    status_code = 504
    code = "backend_timeout"


class GenerationError(NewsdigestError):
    """The model did not produce a valid structured answer after retries."""

    status_code = 502
    code = "generation_failed"


class BusyError(NewsdigestError):
    """The work queue is full; try again later."""

    status_code = 503
    code = "busy"


class DeadlineError(NewsdigestError):
    """A request waited past its deadline."""

    status_code = 504
    code = "deadline_exceeded"


class NotFoundError(NewsdigestError):
    """A stored result or batch does not exist."""

    status_code = 404
    code = "not_found"
