"""One place that turns settings into a model backend."""

from __future__ import annotations

from service.llm import LLM
from service.models import resolve
from service.providers.llama_cpp import LazyEngine
from service.providers.openai_compat import OpenAICompatLLM
from service.settings import Settings


def build_llm(settings: Settings) -> LLM:
    """The backend `settings.backend` names; the in-process one resolves (and verifies) its GGUF now."""
    if settings.backend == "openai":
        return OpenAICompatLLM(settings)
    model = resolve(settings.model, settings.models_dir)
    prefix_dir = settings.cache_dir / "prefix-states" if settings.prefix_state_cache else None
    return LazyEngine(
        model,
        n_ctx=settings.n_ctx,
        n_threads=settings.n_threads,
        seed=settings.seed,
        prefix_dir=prefix_dir,
        batch_size=settings.batch_size,
    )
