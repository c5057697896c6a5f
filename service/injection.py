"""Instructions planted in an article: found by code, kept out of every prompt, never followed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from service.text import Span


def injected(sentence: str, patterns: Iterable[re.Pattern[str]]) -> bool:
    """True when the sentence addresses the software instead of reporting news."""
    return any(p.search(sentence) for p in patterns)


def split_injected(spans: list[Span], patterns: tuple[re.Pattern[str], ...]) -> tuple[list[Span], list[Span]]:
    """(news sentences, instruction-like sentences), each in reading order."""
    kept: list[Span] = []
    planted: list[Span] = []
    for span in spans:
        (planted if injected(span.text, patterns) else kept).append(span)
    return kept, planted
