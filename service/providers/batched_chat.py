"""A chat completion served by the batch scheduler, built by llama-cpp-python's own chat handler.

The handler formats the messages with the model's chat template, tokenizes them and compiles the
response schema into the same grammar as in the one-at-a-time path; only its final
`create_completion` call is answered here, by a sequence of the batch instead of `Llama.generate`."""

from __future__ import annotations

import time
import uuid
from typing import Any, cast

from service.providers.batch_scheduler import BatchScheduler


class _ScheduledLlama:
    """Stands in for the `Llama` a chat handler is given: tokenizes with it, completes in the batch."""

    def __init__(self, llama: Any, scheduler: BatchScheduler) -> None:
        """Wrap the loaded model and the scheduler that decodes for it."""
        self._llama = llama
        self._scheduler = scheduler
        self.verbose = False

    def create_chat_completion(self, **kwargs: Any) -> Any:
        """The chat handler `Llama.create_chat_completion` would use, given this stand-in."""
        from llama_cpp import llama_chat_format

        llama = self._llama
        # The handler is typed for a `Llama`; it only tokenizes and calls `create_completion` on it.
        handler: Any = (
            llama.chat_handler
            or llama._chat_handlers.get(llama.chat_format)
            or llama_chat_format.get_chat_completion_handler(llama.chat_format)
        )
        return handler(llama=self, **kwargs)

    def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        """The model's tokenizer (read-only, safe beside the decoding thread)."""
        return list(self._llama.tokenize(text, add_bos=add_bos, special=special))

    def create_completion(
        self,
        *,
        prompt: list[int],
        max_tokens: int | None = None,
        stop: str | list[str] | None = None,
        grammar: Any = None,
        **decoding: Any,
    ) -> dict[str, Any]:
        """A text completion of `prompt` in llama-cpp-python's response form (greedy, under `grammar`)."""
        if decoding.get("temperature", 0.0) != 0.0 or decoding.get("stream"):
            raise ValueError("batched decoding is greedy and not streamed")
        stops = tuple([stop] if isinstance(stop, str) else stop or [])
        done = self._scheduler.submit(
            list(prompt),
            getattr(grammar, "_grammar", None) if grammar is not None else None,
            max_tokens=max_tokens,
            stop=stops,
        )
        text = self._llama.detokenize(list(done.tokens), prev_tokens=list(prompt)).decode(
            "utf-8", errors="ignore"
        )
        finish = done.finish_reason
        cut = [text.index(s) for s in stops if s in text]
        if cut:
            text, finish = text[: min(cut)], "stop"
        return {
            "id": f"cmpl-{uuid.uuid4()}",
            "object": "text_completion",
            "created": int(time.time()),
            "model": str(self._llama.model_path),
            "choices": [{"text": text, "index": 0, "logprobs": None, "finish_reason": finish}],
            "usage": {
                "prompt_tokens": done.prompt_tokens,
                "completion_tokens": len(done.tokens),
                "total_tokens": done.prompt_tokens + len(done.tokens),
            },
        }


def batched_chat_completion(llama: Any, scheduler: BatchScheduler, **kwargs: Any) -> Any:
    """`llama.create_chat_completion_openai_v1(**kwargs)`, decoded as one sequence of the batch."""
    from llama_cpp import Llama

    # llama-cpp-python's own wrapper turns the handler's answer into the openai client's type.
    return Llama.create_chat_completion_openai_v1(cast(Any, _ScheduledLlama(llama, scheduler)), **kwargs)
