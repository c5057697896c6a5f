"""The in-process backend: llama-cpp-python behind instructor, grammar-constrained.

With `batch_size` 1 calls run one at a time; above 1 the calls sent from several threads are decoded
together in one batch (service.providers.batch_scheduler). Every call starts from the canonical KV
state of its prompt's prefix (service.providers.prefix_states), so an answer is a function of the
model, the prompt and the settings, not of the previous call."""

from __future__ import annotations

import contextlib
import ctypes
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import instructor
from instructor.core import InstructorError
from pydantic import BaseModel

from service.errors import GenerationError, ModelError
from service.llm import Usage
from service.models import ResolvedModel
from service.providers.batch_scheduler import BatchScheduler
from service.providers.batched_chat import batched_chat_completion
from service.providers.failures import last_problem
from service.providers.formats import json_object_format
from service.providers.llama_batch import LlamaSequences
from service.providers.prefix_states import PrefixStates
from service.providers.state_files import StateFiles

T = TypeVar("T", bound=BaseModel)

# Greedy decoding: the same article gives the same answer (the eval and the cache rely on it).
DECODING: dict[str, Any] = {"temperature": 0.0, "top_k": 1, "repeat_penalty": 1.0}


# Tokens that start a chat message in the templates newsdigest's models use (chatml: Qwen; Llama 3;
# Gemma). A prompt is cut into canonical evaluation steps only there (service.providers.prefix_states).
TURN_MARKERS = ("<|im_start|>", "<|start_header_id|>", "<start_of_turn>")
N_BATCH = 512


class _LlamaKV:
    """Sequence 0 of one llama.cpp context, as `PrefixStates` drives it."""

    def __init__(self, llama: Any) -> None:
        """Wrap a loaded `Llama`."""
        self._llama = llama

    def clear(self) -> None:
        """Empty the KV cache (cells and head: a state built next lands in the same cells)."""
        import llama_cpp

        llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(self._llama.ctx), True)
        self._llama.n_tokens = 0

    def evaluate(self, tokens: Sequence[int]) -> None:
        """Evaluate `tokens` after what the context holds (llama-cpp-python's own eval)."""
        self._llama.eval(tokens)

    def snapshot(self) -> bytes:
        """The KV data of sequence 0: positions, keys and values, no logits."""
        import llama_cpp

        ctx = self._llama.ctx
        size = llama_cpp.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(ctx, buffer, size, 0)
        if not 0 < written <= size:
            raise ModelError("llama.cpp could not copy the KV state of a prompt prefix")
        return ctypes.string_at(buffer, written)

    def restore(self, tokens: Sequence[int], blob: bytes) -> bool:
        """Load `blob` into an emptied context as the state of `tokens`; False if llama.cpp refuses it."""
        import llama_cpp

        self.clear()
        ctx = self._llama.ctx
        buffer = (ctypes.c_uint8 * len(blob)).from_buffer_copy(blob)
        loaded = llama_cpp.llama_state_seq_set_data(ctx, buffer, len(blob), 0)
        last = llama_cpp.llama_memory_seq_pos_max(llama_cpp.llama_get_memory(ctx), 0)
        if loaded == 0 or last != len(tokens) - 1:
            self.clear()
            return False
        self._llama.input_ids[: len(tokens)] = tokens
        self._llama.n_tokens = len(tokens)
        # The logits are not restored: the caller always evaluates at least one more token.
        self._llama._requires_eval = True
        return True


def _markers(llama: Any) -> frozenset[int]:
    """The turn markers that are single special tokens in this model's vocabulary."""
    found = set()
    for marker in TURN_MARKERS:
        special = llama.tokenize(marker.encode(), add_bos=False, special=True)
        plain = llama.tokenize(marker.encode(), add_bos=False, special=False)
        if len(special) == 1 and len(plain) > 1:
            found.add(special[0])
    return frozenset(found)


def _identity(llama: Any, model: ResolvedModel, n_threads: int) -> dict[str, Any]:
    """Everything a saved KV state depends on besides its tokens."""
    import llama_cpp

    return {
        "model_sha256": model.sha256,
        "n_ctx": int(llama.n_ctx()),
        "n_batch": N_BATCH,
        # Measured not to change the KV bytes on this CPU; kept so no other build or CPU can differ.
        "n_threads": n_threads,
        "llama_cpp_python": llama_cpp.__version__,
        "cpu": llama_cpp.llama_print_system_info().decode(errors="replace").strip(),
    }


def _load(model: ResolvedModel, *, n_ctx: int, n_threads: int, seed: int) -> Any:
    """A `Llama` whose every completion starts from the canonical state of its prompt's prefix."""
    from llama_cpp import Llama

    class PrefixLlama(Llama):
        """A Llama that restores its prompt's prefix state before llama-cpp-python evaluates the rest."""

        prefix_states: PrefixStates | None = None

        def generate(self, tokens: Sequence[int], *args: Any, **kwargs: Any) -> Any:
            """Restore the prefix state, then let llama-cpp-python evaluate the suffix and decode."""
            if self.prefix_states is not None:
                self.prefix_states.prepare(list(tokens))
            return super().generate(tokens, *args, **kwargs)

    return PrefixLlama(
        model_path=str(model.path),
        n_ctx=n_ctx,
        n_threads=n_threads,
        n_batch=N_BATCH,
        seed=seed,
        chat_format=model.chat_format,
        verbose=False,
    )


def _shut(scheduler: BatchScheduler, sequences: LlamaSequences) -> None:
    """Stop the decoding thread, then free its context."""
    scheduler.close()
    sequences.close()


class LlamaEngine:
    """One loaded GGUF model; `structured()` is serialized by a lock (llama.cpp is not thread-safe),
    or with `batch_size` > 1 served by one decoding thread that batches the calls in flight."""

    def __init__(
        self,
        model: ResolvedModel,
        *,
        n_ctx: int,
        n_threads: int,
        seed: int,
        prefix_dir: Path | None = None,
        prefix_cache_mb: int = 512,
        batch_size: int = 1,
    ) -> None:
        """Load the model (prefix states in RAM, and on disk with `prefix_dir`); ModelError if it cannot."""
        try:
            import llama_cpp  # noqa: F401
        except ImportError as exc:  # the wheel is missing or was built for another CPU
            raise ModelError(f"llama-cpp-python is not usable: {exc}") from exc
        try:
            self._llama = _load(model, n_ctx=n_ctx, n_threads=n_threads, seed=seed)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load {model.path}: {exc}; re-fetch or choose another model") from exc
        files = StateFiles(prefix_dir, _identity(self._llama, model, n_threads)) if prefix_dir else None
        self.prefix_states = PrefixStates(
            _LlamaKV(self._llama), _markers(self._llama), prefix_cache_mb * 1024 * 1024, files
        )
        self._llama.prefix_states = self.prefix_states
        self.name = model.name
        self.fingerprint = model.sha256
        self.usage = Usage()
        self.decoding = dict(DECODING)
        self.last_response_format: dict[str, Any] | None = None
        self.last_content: str | None = None
        self._lock = threading.Lock()
        self._scheduler: BatchScheduler | None = None
        if batch_size > 1:
            try:
                sequences = LlamaSequences(self._llama, self.prefix_states, size=batch_size, n_batch=N_BATCH)
            except (ValueError, RuntimeError) as exc:
                raise ModelError(f"cannot create a {batch_size}-sequence context: {exc}") from exc
            self._scheduler = BatchScheduler(sequences, size=batch_size, n_batch=N_BATCH, n_ctx=self.n_ctx)
            # The decoding thread holds the second context: end both when the engine goes away.
            weakref.finalize(self, _shut, self._scheduler, sequences)
        complete = self._complete if self._scheduler is None else self._complete_batched
        self._create = instructor.patch(create=complete, mode=instructor.Mode.JSON_SCHEMA)

    @property
    def batch_size(self) -> int:
        """How many calls are decoded at once."""
        return 1 if self._scheduler is None else self._scheduler.size

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
        self.last_content = response.choices[0].message.content
        return response

    def _complete_batched(self, **kwargs: Any) -> Any:
        """`_complete`, decoded as one sequence of the scheduler's batch (called from any thread)."""
        kwargs.pop("model", None)
        kwargs.pop("stream", None)
        kwargs["response_format"] = json_object_format(kwargs.get("response_format"))
        for key, value in self.decoding.items():
            kwargs.setdefault(key, value)
        assert self._scheduler is not None
        started = time.perf_counter()
        response = batched_chat_completion(self._llama, self._scheduler, **kwargs)
        with self._lock:
            self.last_response_format = kwargs["response_format"]
            self.usage.record(time.perf_counter() - started, response.usage)
            self.last_content = response.choices[0].message.content
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
        # Batched calls are serialized by the scheduler's thread instead, so they may overlap here.
        with self._lock if self._scheduler is None else contextlib.nullcontext():
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

    def __init__(
        self,
        model: ResolvedModel,
        *,
        n_ctx: int,
        n_threads: int,
        seed: int,
        prefix_dir: Path | None = None,
        batch_size: int = 1,
    ) -> None:
        """Remember how to load the model; load nothing yet. `prefix_dir`: prefix states on disk."""
        self.name = model.name
        self._model = model
        # batch_size 1: one sequence at a time, so callers gain nothing from sending more.
        self.max_concurrency = batch_size
        self._params = {"n_ctx": n_ctx, "n_threads": n_threads, "seed": seed, "batch_size": batch_size}
        self._prefix_dir = prefix_dir
        self._engine: LlamaEngine | None = None
        self._lock = threading.Lock()
        self._empty_usage = Usage()

    @property
    def fingerprint(self) -> str:
        """The GGUF file's sha256 (verified when the model was resolved)."""
        return self._model.sha256

    @property
    def decoding(self) -> dict[str, Any]:
        """Greedy decoding parameters of every call, and the batch size when above 1.

        llama.cpp's numbers depend on the batch a token is evaluated in, so batched answers may differ."""
        batch = int(self._params["batch_size"])
        return dict(DECODING) if batch == 1 else {**DECODING, "batch_size": batch}

    @property
    def prefix_dir(self) -> Path | None:
        """Where prefix states are saved for the next process (None: RAM only)."""
        return self._prefix_dir

    def load(self) -> LlamaEngine:
        """Load the weights if not loaded yet (thread-safe) and return the engine."""
        with self._lock:
            if self._engine is None:
                self._engine = LlamaEngine(self._model, **self._params, prefix_dir=self._prefix_dir)
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
