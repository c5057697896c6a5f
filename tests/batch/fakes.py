"""A FakeLLM that answers any number of articles: a summary from the article's lead, 'same' to checks."""

from __future__ import annotations

import re
from typing import Any

from service.llm import FakeLLM

# Enough answers for every test here; a test counts the calls it made, never the queue.
ANSWERS = 400


def respond(messages: list[dict[str, str]]) -> dict[str, Any]:
    """Verifier questions get 'same'; summary requests get the article's first two sentences."""
    if "CLAIM:" in messages[-1]["content"]:
        return {"sentence": 1, "answer": "same"}
    prompt = next(m["content"] for m in messages if "ARTICLE (beginning):" in m["content"])
    lead = prompt.split("ARTICLE (beginning):", 1)[1]
    sentences = re.findall(r"[A-Z][^.]*\.", lead)
    return {"sentences": sentences[:2]}


def answering_llm() -> FakeLLM:
    """A fake model with answers queued for many articles (no article here states a casualty figure)."""
    fake = FakeLLM()
    fake.enqueue(*[respond] * ANSWERS)
    return fake
