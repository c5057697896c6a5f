"""The provider-neutral LLM interface the features use, and a scripted fake for plumbing tests."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


@dataclass
class Usage:
    """Token counts and time spent in the model, summed over calls."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    seconds: float = 0.0


class LLM(Protocol):
    """A model that answers chat messages with an instance of a pydantic schema."""

    name: str
    sha256: str

    @property
    def usage(self) -> Usage:
        """Token counts and model time so far."""
        ...

    def structured(self, messages: list[dict[str, str]], response_model: type[T], *, max_tokens: int) -> T:
        """Return the model's answer, decoded under the schema of `response_model`."""
        ...

    def count_tokens(self, text: str) -> int:
        """Number of tokens `text` takes in this model."""
        ...

    @property
    def n_ctx(self) -> int:
        """Context window in tokens."""
        ...


@dataclass
class FakeLLM:
    """Answers from a queue filled with `enqueue()`; records the prompts it was given."""

    name: str = "fake"
    sha256: str = "0" * 64
    usage: Usage = field(default_factory=Usage)
    answers: deque[Any] = field(default_factory=deque)
    prompts: list[list[dict[str, str]]] = field(default_factory=list)
    context: int = 4096

    def enqueue(self, *answers: Any) -> None:
        """Queue answers (dicts or model instances) returned by the next calls, in order."""
        self.answers.extend(answers)

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
