"""A scripted model for the event-record tests: it answers each call by what the call is for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from service.llm import FakeLLM

Messages = list[dict[str, str]]

SAME = {"sentence": 1, "answer": "same"}
# A lead sentence must get at least one event (the schema says so): an unscripted sentence gets
# one whose predicate is written nowhere, which grounding drops.
UNSCRIPTED = [
    {
        "what": "nothing scripted",
        "type": "other",
        "when": None,
        "where": None,
        "agents": [],
        "affected": [],
        "source": None,
        "background": False,
    }
]


def is_event_call(messages: Messages) -> bool:
    """The call asks for the events of one sentence (prompts/events.v1.md)."""
    return "list the events it reports" in messages[0]["content"]


def router(
    events: dict[str, list[dict[str, Any]]],
    figures: dict[str, dict[str, Any]] | None = None,
    summary: list[str] | None = None,
) -> Callable[[Messages], dict[str, Any]]:
    """Answer event calls from `events` (keyed by a piece of the sentence; else UNSCRIPTED),
    figure calls from `figures`, summary calls with `summary`, every verifier question with SAME."""

    def answer(messages: Messages) -> dict[str, Any]:
        system, last = messages[0]["content"], messages[-1]["content"]
        sentence = last.split("SENTENCE:", 1)[-1]
        if is_event_call(messages):
            return {"events": next((v for k, v in events.items() if k in sentence), UNSCRIPTED)}
        if "casualty figures" in system:
            found = next((v for k, v in (figures or {}).items() if k in sentence), None)
            if found is None:
                raise AssertionError(f"no figures scripted for {sentence!r}")
            return found
        if "CLAIM:" in last:
            return SAME
        return {"sentences": summary or ["A ferry sank."]}

    return answer


def scripted(answer: Callable[[Messages], dict[str, Any]], calls: int = 60) -> FakeLLM:
    """A FakeLLM that gives `answer` to each of up to `calls` calls."""
    fake = FakeLLM()
    fake.enqueue(*[answer] * calls)
    return fake


def draft(what: str, kind: str, **fields: Any) -> dict[str, Any]:
    """One event as the model would propose it; unnamed fields are empty."""
    base: dict[str, Any] = {
        "what": what,
        "type": kind,
        "when": None,
        "where": None,
        "agents": [],
        "affected": [],
        "source": None,
        "background": False,
    }
    return {**base, **fields}
