"""The in-process backend: llama-cpp-python behind instructor, grammar-constrained, one call at a time."""

from __future__ import annotations

import threading
import time
from typing import Any, TypeVar

import instructor
from instructor.core import InstructorError
from pydantic import BaseModel

from service.errors import GenerationError, ModelError
from service.llm import Usage
from service.models import ResolvedModel
from service.providers.failures import last_problem
from service.providers.formats import json_object_format

T = TypeVar("T", bound=BaseModel)

# Greedy decoding: the same article gives the same answer (the eval and the cache rely on it).
DECODING: dict[str, Any] = {"temperature": 0.0, "top_k": 1, "repeat_penalty": 1.0}


def state_bytes(state: Any) -> int:
    """Every byte a saved llama.cpp state holds: the KV data and its copies of the logits and tokens."""
    return int(state.llama_state_size) + int(state.scores.nbytes) + int(state.input_ids.nbytes)


def bounded_state_cache(capacity_bytes: int) -> Any:
    """A LlamaRAMCache that counts every byte of a saved state.

    llama-cpp-python 0.3.36 counts only the KV bytes, not the copy of the logits each state keeps
    (n_batch x n_vocab floats: about 300 MB for Qwen2.5), so its "1 GB" cache grew past 24 GB in
    a long eval and the process was killed for lack of memory."""
    from llama_cpp import LlamaRAMCache

    class BoundedStateCache(LlamaRAMCache):
        """Evicts the least recently used states until the true total fits the capacity."""

        @property
        def cache_size(self) -> int:
            return sum(state_bytes(state) for state in self.cache_state.values())

    return BoundedStateCache(capacity_bytes=capacity_bytes)


class LlamaEngine:
    """One loaded GGUF model; `structured()` is serialized by a lock (llama.cpp is not thread-safe)."""

    def __init__(
        self, model: ResolvedModel, *, n_ctx: int, n_threads: int, seed: int, state_cache_mb: int = 1536
    ) -> None:
        """Load the model (seconds); raise ModelError with a fix if it cannot be loaded."""
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # the wheel is missing or was built for another CPU
            raise ModelError(f"llama-cpp-python is not usable: {exc}") from exc
        try:
            self._llama = Llama(
                model_path=str(model.path),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_batch=512,
                seed=seed,
                chat_format=model.chat_format,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load {model.path}: {exc}; re-fetch or choose another model") from exc
        # Extraction, summary and verifier prompts have different fixed prefixes; keeping the KV state of
        # each in RAM means neither is re-evaluated when the calls alternate between articles.
        self._llama.set_cache(bounded_state_cache(state_cache_mb * 1024 * 1024))
        self.name = model.name
        self.fingerprint = model.sha256
        self.usage = Usage()
        self.decoding = dict(DECODING)
        self.last_response_format: dict[str, Any] | None = None
        self._lock = threading.Lock()
        self._create = instructor.patch(create=self._complete, mode=instructor.Mode.JSON_SCHEMA)

    @property
    def n_ctx(self) -> int:
        """Context window in tokens."""
        return int(self._llama.n_ctx())

    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes in this model."""
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _complete(self, **kwargs: Any) -> Any:
        """The `create` callable instructor drives: schema -> grammar, then llama.cpp chat completion."""
        kwargs.pop("model", None)
        kwargs.pop("stream", None)
        kwargs["response_format"] = json_object_format(kwargs.get("response_format"))
        self.last_response_format = kwargs["response_format"]
        for key, value in self.decoding.items():
            kwargs.setdefault(key, value)
        started = time.perf_counter()
        response = self._llama.create_chat_completion_openai_v1(**kwargs)
        self.usage.record(time.perf_counter() - started, response.usage)
        return response

    def structured(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        max_tokens: int,
        max_retries: int = 2,
    ) -> T:
        """Answer `messages` with a `response_model` instance; instructor retries on invalid output."""
        with self._lock:
            try:
                result: T = self._create(
                    messages=messages,
                    response_model=response_model,
                    max_retries=max_retries,
                    max_tokens=max_tokens,
                )
            except InstructorError as exc:
                raise GenerationError(
                    f"model gave no valid {response_model.__name__} after {max_retries} tries: "
                    f"{last_problem(str(exc))}"
                ) from exc
        return result


class LazyEngine:
    """The model's identity at once (for cache keys), the weights only on first use.

    A run whose every article is cached never pays the model load."""

    # One llama.cpp context decodes one sequence at a time: callers get no gain from sending more.
    max_concurrency = 1

    def __init__(self, model: ResolvedModel, *, n_ctx: int, n_threads: int, seed: int) -> None:
        """Remember how to load the model; load nothing yet."""
        self.name = model.name
        self._model = model
        self._params = {"n_ctx": n_ctx, "n_threads": n_threads, "seed": seed}
        self._engine: LlamaEngine | None = None
        self._lock = threading.Lock()
        self._empty_usage = Usage()

    @property
    def fingerprint(self) -> str:
        """The GGUF file's sha256 (verified when the model was resolved)."""
        return self._model.sha256

    @property
    def decoding(self) -> dict[str, Any]:
        """Greedy decoding parameters of every call."""
        return dict(DECODING)

    def load(self) -> LlamaEngine:
        """Load the weights if not loaded yet (thread-safe) and return the engine."""
        with self._lock:
            if self._engine is None:
                self._engine = LlamaEngine(self._model, **self._params)
            return self._engine

    def warm_up(self) -> None:
        """Load the weights and tokenize a word, so the first request does not pay the load."""
        self.load().count_tokens("ready")

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory."""
        return self._engine is not None

    @property
    def usage(self) -> Usage:
        """Token counts so far (zero before the first call)."""
        return self._engine.usage if self._engine else self._empty_usage

    @property
    def n_ctx(self) -> int:
        """Context window in tokens."""
        return int(self._params["n_ctx"])

    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes in this model."""
        return self.load().count_tokens(text)

    def structured(self, messages: list[dict[str, str]], response_model: type[T], *, max_tokens: int) -> T:
        """Answer with a `response_model` instance (loads the model on first use)."""
        return self.load().structured(messages, response_model, max_tokens=max_tokens)
