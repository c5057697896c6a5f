"""The HTTP backend: any OpenAI-compatible server behind instructor and the openai client."""

from __future__ import annotations

import threading
import time
from typing import Any, TypeVar

import instructor
import openai
from instructor.core import InstructorError
from openai.types.chat import ChatCompletion
from pydantic import BaseModel

from service.errors import BackendError, GenerationError
from service.llm import Usage, estimate_tokens
from service.providers.failures import last_problem
from service.providers.formats import as_variant
from service.providers.http_errors import backend_error, find_api_error
from service.providers.server_info import ServerInfo, read_server_info
from service.settings import Settings

T = TypeVar("T", bound=BaseModel)

# llama-cpp-python's server samples with top_k 40 and repeat_penalty 1.1 unless told otherwise; these
# make it decode exactly as the in-process engine does. Other servers are greedy at temperature 0
# (and OpenAI rejects unknown fields), so they get only the standard fields.
LLAMA_CPP_PYTHON_DECODING: dict[str, Any] = {"top_k": 1, "repeat_penalty": 1.0}
# The openai client refuses to start without a key; servers without auth ignore this one (vLLM's docs
# use the same placeholder).
NO_KEY = "EMPTY"
# A long-running `serve` re-reads what the server serves this often, so a server restarted with
# another model under the same URL changes the cache keys within a minute.
SERVER_INFO_TTL_S = 60.0


class OpenAICompatLLM:
    """Structured calls to an OpenAI-compatible `/chat/completions`, several at once."""

    def __init__(self, settings: Settings, client: openai.OpenAI | None = None) -> None:
        """Configure the client; nothing is sent until the first call or `warm_up()`."""
        self.base_url = settings.base_url
        self._wanted = settings.api_model
        self._format_setting = settings.api_response_format
        self._timeout_s = settings.api_timeout_s
        self._retries = settings.api_retries
        self._seed = settings.seed
        self._n_ctx = settings.n_ctx
        self.max_concurrency = settings.api_concurrency
        key = settings.backend_api_key.get_secret_value() if settings.backend_api_key else NO_KEY
        # The openai client does the retries with backoff (connection errors, timeouts, 408/409/429/5xx).
        self._client = client or openai.OpenAI(
            base_url=self.base_url, api_key=key, timeout=self._timeout_s, max_retries=self._retries
        )
        self._create = instructor.patch(create=self._complete, mode=instructor.Mode.JSON_SCHEMA)
        self._usage = Usage()
        self._usage_lock = threading.Lock()
        self._info_lock = threading.Lock()
        self._info: ServerInfo | None = None
        self._info_read_at = 0.0

    def _server(self, *, refresh: bool = False) -> ServerInfo:
        """What the server serves, read again after SERVER_INFO_TTL_S; BackendError if unreachable."""
        with self._info_lock:
            stale = time.monotonic() - self._info_read_at > SERVER_INFO_TTL_S
            if self._info is None or stale or refresh:
                try:
                    self._info = read_server_info(
                        self._client, self.base_url, self._wanted, self._format_setting
                    )
                except openai.APIError as exc:
                    raise self._mapped(exc) from exc
                self._info_read_at = time.monotonic()
            return self._info

    def _mapped(self, exc: openai.APIError) -> BackendError:
        return backend_error(exc, self.base_url, timeout_s=self._timeout_s, retries=self._retries)

    @property
    def name(self) -> str:
        """The model name requests carry (the configured one, else what the server lists first)."""
        if self._wanted:
            return self._wanted
        # Logs may ask before the server is reachable: the URL names the backend until then.
        return self._info.model if self._info else self.base_url

    @property
    def fingerprint(self) -> str:
        """sha256 of base_url, model name and the server's `/models` entry without volatile fields."""
        return self._server().fingerprint

    @property
    def response_format(self) -> str:
        """The response_format variant sent: json_schema or json_object."""
        return self._server().response_format

    @property
    def decoding(self) -> dict[str, Any]:
        """Greedy decoding fields sent with every call, and the response_format variant."""
        fields: dict[str, Any] = {"temperature": 0.0, "seed": self._seed}
        if self.response_format == "json_object":
            fields.update(LLAMA_CPP_PYTHON_DECODING)
        return {**fields, "response_format": self.response_format}

    @property
    def usage(self) -> Usage:
        """Token counts as the server reports them, and time spent waiting for it."""
        return self._usage

    @property
    def n_ctx(self) -> int:
        """The context the server was started with, as configured in `n_ctx` (servers do not say)."""
        return self._n_ctx

    def count_tokens(self, text: str) -> int:
        """An over-estimate: the OpenAI API has no tokenizer route."""
        return estimate_tokens(text)

    def warm_up(self) -> None:
        """Reach the server and read what it serves (BackendError with the fix if it cannot)."""
        self._server(refresh=True)

    def _complete(self, **kwargs: Any) -> Any:
        """The `create` callable instructor drives: our model, decoding and response_format variant."""
        info = self._server()
        kwargs.pop("stream", None)
        kwargs["model"] = info.model
        kwargs["response_format"] = as_variant(kwargs.get("response_format"), info.response_format)
        kwargs.setdefault("temperature", 0.0)
        kwargs.setdefault("seed", self._seed)
        if info.response_format == "json_object":
            kwargs["extra_body"] = dict(LLAMA_CPP_PYTHON_DECODING)
        started = time.perf_counter()
        response = self._client.chat.completions.create(**kwargs)
        if not isinstance(response, ChatCompletion):  # a proxy's error page, served with status 200
            raise BackendError(
                f"the model server at {self.base_url} answered with something that is not a chat "
                f"completion: {str(response)[:120]!r}"
            )
        with self._usage_lock:
            self._usage.record(time.perf_counter() - started, response.usage)
        return response

    def structured(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        max_tokens: int,
        max_retries: int = 2,
    ) -> T:
        """Answer with a `response_model` instance; instructor re-asks on invalid output, as in-process."""
        try:
            result: T = self._create(
                messages=messages,
                response_model=response_model,
                max_retries=max_retries,
                max_tokens=max_tokens,
            )
        except InstructorError as exc:
            cause = find_api_error(exc)
            if isinstance(cause, BackendError):
                raise cause from exc
            if cause is not None:
                raise self._mapped(cause) from exc
            raise GenerationError(
                f"model gave no valid {response_model.__name__} after {max_retries} tries: "
                f"{last_problem(str(exc))}"
            ) from exc
        return result
