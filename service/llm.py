"""The provider-neutral LLM interface the features use, and a scripted fake for plumbing tests."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)

# Characters per token assumed when a backend cannot tokenize: English news runs about 4 per token in
# the Qwen and Llama tokenizers, so 3 over-counts and a context check errs on the safe side.
CHARS_PER_TOKEN_ESTIMATE = 3


def estimate_tokens(text: str) -> int:
    """A token count that is rarely below the true one, for backends that cannot count."""
    return max(1, math.ceil(len(text) / CHARS_PER_TOKEN_ESTIMATE))


@dataclass
class Usage:
    """Token counts and time spent in the model, summed over calls."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    seconds: float = 0.0

    def record(self, seconds: float, tokens: Any) -> None:
        """Count one call of `seconds` and its OpenAI-style `usage` (None when the server sent none)."""
        self.seconds += seconds
        self.calls += 1
        if tokens:
            self.prompt_tokens += tokens.prompt_tokens
            self.completion_tokens += tokens.completion_tokens


class LLM(Protocol):
    """A model that answers chat messages with an instance of a pydantic schema."""

    @property
    def name(self) -> str:
        """The model's name (provenance)."""
        ...

    @property
    def fingerprint(self) -> str:
        """sha256 hex of what identifies the weights (cache keys, provenance): the GGUF file's sha256
        in-process; for an HTTP backend a digest of its URL, model name and the server's model entry."""
        ...

    @property
    def decoding(self) -> dict[str, Any]:
        """The decoding parameters every call uses (part of the cache key)."""
        ...

    @property
    def max_concurrency(self) -> int:
        """How many `structured()` calls the backend serves at once (1 = one after another)."""
        ...

    @property
    def usage(self) -> Usage:
        """Token counts and model time so far."""
        ...

    def warm_up(self) -> None:
        """Make the first call fast and fail early: load the weights or reach the server."""
        ...

    def structured(self, messages: list[dict[str, str]], response_model: type[T], *, max_tokens: int) -> T:
        """Return the model's answer, decoded under the schema of `response_model`."""
        ...

    def count_tokens(self, text: str) -> int:
        """Number of tokens `text` takes in this model (an over-estimate where it cannot tokenize)."""
        ...

    @property
    def n_ctx(self) -> int:
        """Context window in tokens."""
        ...


@dataclass
class FakeLLM:
    """Answers from a queue filled with `enqueue()`; records the prompts it was given."""

    name: str = "fake"
    fingerprint: str = "0" * 64
    decoding: dict[str, Any] = field(default_factory=dict)
    max_concurrency: int = 1
    usage: Usage = field(default_factory=Usage)
    answers: deque[Any] = field(default_factory=deque)
    prompts: list[list[dict[str, str]]] = field(default_factory=list)
    context: int = 4096
    warmed: bool = False

    def enqueue(self, *answers: Any) -> None:
        """Queue answers (dicts or model instances) returned by the next calls, in order."""
        self.answers.extend(answers)

    def warm_up(self) -> None:
        """Nothing to load; remembers it was asked."""
        self.warmed = True

    def structured(self, messages: list[dict[str, str]], response_model: type[T], *, max_tokens: int) -> T:
        """Pop the next queued answer and validate it as `response_model`."""
        self.prompts.append(messages)
        self.usage.calls += 1
        if not self.answers:
            raise AssertionError(f"FakeLLM has no answer queued for {response_model.__name__}")
        answer = self.answers.popleft()
        if callable(answer) and not isinstance(answer, BaseModel):
            answer = answer(messages)
        if isinstance(answer, BaseModel):
            answer = answer.model_dump()
        return response_model.model_validate(answer)

    def count_tokens(self, text: str) -> int:
        """Rough count: one token per four characters."""
        return max(1, len(text) // 4)

    @property
    def n_ctx(self) -> int:
        """Context window in tokens."""
        return self.context
