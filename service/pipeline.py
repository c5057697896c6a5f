"""The one place that orchestrates: clean -> extract -> ground -> summarize -> cache."""

from __future__ import annotations

from typing import Protocol

from service.schema import Analysis, ArticleInput


class Analyzer(Protocol):
    """What the CLI, the API and the eval runner need from a pipeline."""

    model_name: str

    def cache_key(self, article: ArticleInput) -> str:
        """Key of the cached result for this article under the current model/prompts/settings.

        Raises InputError for input that cannot be analyzed (empty, binary, too long)."""
        ...

    def lookup(self, article: ArticleInput) -> Analysis | None:
        """The cached result (provenance.cached = True) or None; never touches the model."""
        ...

    def get(self, cache_key: str) -> Analysis | None:
        """A cached result by key, or None."""
        ...

    def analyze(self, article: ArticleInput, *, use_cache: bool = True) -> Analysis:
        """Analyze one article (blocking; uses the model unless cached). Not thread-safe."""
        ...
