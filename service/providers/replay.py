"""A backend wrapper that answers a call it has seen before from a JSONL file, and records new ones.

Development aid for `newsdigest eval --replay FILE`: a change to code after the model (grounding,
places, figure sentences) is re-scored in seconds, because every model call whose prompt did not
change is answered as the model answered it before. Keys include the model's fingerprint, so
answers never cross models; any call with a new prompt goes to the model and is appended.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from service.llm import LLM, Usage

T = TypeVar("T", bound=BaseModel)


def call_key(
    fingerprint: str, messages: list[dict[str, str]], schema: type[BaseModel], max_tokens: int
) -> str:
    """sha256 of everything that decides a greedy answer: model, messages, schema, token budget."""
    payload = [fingerprint, messages, schema.model_json_schema(), max_tokens]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


class ReplayLLM:
    """`inner` behind a record of its answers (one JSON object per line: key and answer)."""

    def __init__(self, inner: LLM, path: Path) -> None:
        """Load the answers recorded so far (a torn last line from a crash is skipped)."""
        self._inner = inner
        self._path = path
        self._lock = threading.Lock()
        self._answers: dict[str, Any] = {}
        self.replayed = 0
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                self._answers[row["key"]] = row["answer"]

    @property
    def name(self) -> str:
        """The inner model's name."""
        return self._inner.name

    @property
    def fingerprint(self) -> str:
        """The inner model's fingerprint (replayed answers are that model's)."""
        return self._inner.fingerprint

    @property
    def decoding(self) -> dict[str, Any]:
        """The inner model's decoding parameters."""
        return self._inner.decoding

    @property
    def max_concurrency(self) -> int:
        """As the inner model."""
        return self._inner.max_concurrency

    @property
    def usage(self) -> Usage:
        """The inner model's usage (replayed calls cost nothing)."""
        return self._inner.usage

    @property
    def n_ctx(self) -> int:
        """The inner model's context window."""
        return int(getattr(self._inner, "n_ctx", 4096))

    def warm_up(self) -> None:
        """Nothing: a fully replayed run never loads the model."""

    def count_tokens(self, text: str) -> int:
        """As the inner model."""
        return self._inner.count_tokens(text)

    def structured(self, messages: list[dict[str, str]], response_model: type[T], *, max_tokens: int) -> T:
        """The recorded answer to this exact call, else the model's (recorded for next time)."""
        # batched decoding answers differently from one call at a time (llama.cpp's numbers depend
        # on the batch): its answers are keyed apart; at batch size 1 the keys stay as recorded
        batch = self.decoding.get("batch_size")
        fingerprint = self.fingerprint if batch is None else f"{self.fingerprint}+batch{batch}"
        key = call_key(fingerprint, messages, response_model, max_tokens)
        with self._lock:
            if key in self._answers:
                self.replayed += 1
                return response_model.model_validate(self._answers[key])
        answer = self._inner.structured(messages, response_model, max_tokens=max_tokens)
        with self._lock:
            self._answers[key] = answer.model_dump()
            with self._path.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"key": key, "answer": self._answers[key]}) + "\n")
        return answer
