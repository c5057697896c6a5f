"""A fake analyzer for the API's plumbing tests (no model): deterministic, gateable, countable."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

from service.errors import InputError
from service.schema import Analysis, ArticleInput, ArticleMeta, Provenance


class FakeAnalyzer:
    """Implements the `Analyzer` protocol with an in-memory cache.

    `gate` (if given) blocks every model call until set; `started` is set when a call begins;
    `log_path` gets one line per model call (survives the process, for the restart tests).
    """

    model_name = "fake-model"

    def __init__(
        self,
        delay_s: float = 0.0,
        gate: threading.Event | None = None,
        log_path: Path | None = None,
    ) -> None:
        self.delay_s = delay_s
        self.gate = gate
        self.log_path = log_path
        self.started = threading.Event()
        self.calls: list[str] = []
        self.cache: dict[str, Analysis] = {}
        self.texts: dict[str, str] = {}

    def cache_key(self, article: ArticleInput) -> str:
        """sha256 of the text; InputError for blank text or a poison word used by the tests."""
        # Like the pipeline: a blank text gives way to the html.
        text = (article.text or "").strip() or (article.html or "").strip()
        if not text:
            raise InputError("the article is empty")
        if "\x00" in text:
            raise InputError("the article looks binary (NUL bytes)")
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def lookup(self, article: ArticleInput) -> Analysis | None:
        """The cached result marked cached, or None."""
        return self.get(self.cache_key(article))

    def get(self, cache_key: str) -> Analysis | None:
        """A cached result by key, marked cached."""
        found = self.cache.get(cache_key)
        if found is None:
            return None
        copy = found.model_copy(deep=True)
        copy.provenance.cached = True
        return copy

    def source_text(self, cache_key: str) -> str | None:
        """The plain text stored with a result, like the real cache."""
        return self.texts.get(cache_key)

    def analyze(self, article: ArticleInput, *, use_cache: bool = True) -> Analysis:
        """Pretend to run the model: wait for the gate/delay, record the call, cache the result."""
        key = self.cache_key(article)
        if use_cache and (hit := self.get(key)) is not None:
            return hit
        self.started.set()
        if self.gate is not None:
            self.gate.wait(30)
        if self.delay_s:
            time.sleep(self.delay_s)
        if (article.text or "").startswith("CRASH"):
            raise RuntimeError("secret internal detail that must not leak")
        self.calls.append(key)
        if self.log_path is not None:
            with self.log_path.open("a") as fh:
                fh.write(key + "\n")
        result = Analysis(
            summary=f"Summary of {(article.text or article.html or '')[:40]}",
            events=[],
            article=ArticleMeta(title=article.title, published=article.published),
            provenance=Provenance(
                model=self.model_name,
                model_sha256="0" * 64,
                prompt_version="test",
                schema_version="1",
                package_version="0",
                cache_key=key,
            ),
        )
        self.cache[key] = result
        if article.text is not None:
            self.texts[key] = article.text
        return result
