"""The local engine: every article in this process, one at a time (llama.cpp is not thread-safe)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from service.batch.items import BatchItem
from service.batch.outcome import Outcome
from service.batch.records import analyze_item

if TYPE_CHECKING:
    from service.pipeline import Analyzer


class LocalEngine:
    """Analyze items in input order with one already built analyzer."""

    def __init__(self, analyzer: Analyzer, *, use_cache: bool = True) -> None:
        """Use `analyzer` for every article."""
        self._analyzer = analyzer
        self._use_cache = use_cache

    def __call__(self, items: list[BatchItem]) -> Iterator[Outcome]:
        """One outcome per item, in input order."""
        for item in items:
            yield Outcome(analyze_item(self._analyzer, item, use_cache=self._use_cache), os.getpid())
