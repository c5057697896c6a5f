"""The one place that orchestrates: clean -> find sentences -> extract -> ground -> summarize -> cache."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Protocol

from service import SCHEMA_VERSION, __version__
from service.cache import ResultCache, cache_key
from service.clean import html_to_text, validate_text
from service.dates import find_published
from service.document import Document
from service.errors import InputError
from service.event_record import RECORDS_VERSION
from service.events import find_event_records
from service.extract import Candidate, build_messages, find_candidates, read_candidates
from service.ground import ground
from service.llm import LLM
from service.meta import find_outlet
from service.missed_figures import complete_readings
from service.places import story_lead
from service.prompts import PromptSet, load_prompts
from service.schema import Analysis, ArticleInput, ArticleMeta, Provenance
from service.settings import Settings
from service.summary import summarize


class Analyzer(Protocol):
    """What the CLI, the API and the eval runner need from a pipeline."""

    @property
    def model_name(self) -> str:
        """Name of the model that answers."""
        ...

    def cache_key(self, article: ArticleInput) -> str:
        """Key of the cached result for this article; raises InputError for unusable input."""
        ...

    def lookup(self, article: ArticleInput) -> Analysis | None:
        """The cached result (provenance.cached = True) or None; never touches the model."""
        ...

    def get(self, cache_key: str) -> Analysis | None:
        """A cached result by key, or None."""
        ...

    def source_text(self, cache_key: str) -> str | None:
        """The plain-text input stored with a cached result, or None (HTML input carries its own)."""
        ...

    def analyze(self, article: ArticleInput, *, use_cache: bool = True) -> Analysis:
        """Analyze one article (blocking; uses the model unless cached). Not thread-safe."""
        ...


@dataclass(frozen=True)
class Prepared:
    """A validated article: the text offsets refer to, and metadata from the caller or the text."""

    text: str
    html_meta: dict[str, Any] | None
    meta: ArticleMeta


class Pipeline:
    """Analyze articles with one model and one prompt set; results cached on disk."""

    def __init__(self, settings: Settings, llm: LLM, prompts: PromptSet | None = None) -> None:
        """Wire a loaded model, a prompt set and the result cache together."""
        self.settings = settings
        self.llm = llm
        self.prompts = prompts or load_prompts(settings.prompts_dir)
        self._cache = (
            None if settings.no_cache else ResultCache(settings.cache_dir, settings.cache_size_limit_mb)
        )

    @property
    def model_name(self) -> str:
        """The model's name as the backend knows it (an HTTP backend learns it from its server)."""
        return self.llm.name

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        """The configured backend (a GGUF is resolved and verified now, loaded on first use)."""
        from service.providers.factory import build_llm

        return cls(settings, build_llm(settings))

    def prepare(self, article: ArticleInput) -> Prepared:
        """Validate the input and gather metadata; raises InputError with a one-line reason."""
        html_meta = None
        if article.html is not None and not (article.text and article.text.strip()):
            validate_text(article.html, self.settings.max_article_chars * 5)
            text, html_meta = html_to_text(article.html)
        elif article.text is not None:
            text = article.text
        else:
            raise InputError("the article has neither text nor html")
        validate_text(text, self.settings.max_article_chars)
        meta = ArticleMeta(
            extracted_text=text if html_meta is not None else None,
            title=article.title or (html_meta or {}).get("title"),
            published=article.published or find_published(text, html_meta),
            outlet=article.outlet or find_outlet(text, html_meta),
        )
        return Prepared(text, html_meta, meta)

    def _prompt_version(self) -> str:
        """The prompts that make a result: the event prompts only when event records are on."""
        if not self.settings.event_records:
            return self.prompts.version
        return f"{self.prompts.version}+{self.prompts.events_version}"

    def _key(self, prepared: Prepared) -> str:
        decoding = {**self.llm.decoding, "verify_summary": self.settings.verify_summary}
        prompt_version = f"{self.prompts.version}@{self.prompts.digest}"
        if self.settings.event_records:
            # Only when on, so that the keys of results made without event records stay valid.
            decoding["event_records"] = RECORDS_VERSION
            prompt_version += f"+{self.prompts.events_version}@{self.prompts.events_digest}"
        return cache_key(
            input_text=prepared.text,
            metadata=prepared.meta.model_dump(),
            prompt_version=prompt_version,
            schema_version=SCHEMA_VERSION,
            # The GGUF's sha256 in-process, so the keys made before there were backends stay valid.
            model_sha256=self.llm.fingerprint,
            decoding=decoding,
            package_version=__version__,
        )

    def cache_key(self, article: ArticleInput) -> str:
        """Key of this article's result under the current model, prompts and settings."""
        return self._key(self.prepare(article))

    def lookup(self, article: ArticleInput) -> Analysis | None:
        """The cached result or None, without touching the model."""
        return self.get(self.cache_key(article)) if self._cache is not None else None

    def get(self, key: str) -> Analysis | None:
        """A cached result by key, or None."""
        return self._cache.get(key) if self._cache is not None else None

    def source_text(self, key: str) -> str | None:
        """The plain-text input stored with a cached result (for review pages), or None."""
        return self._cache.text(key) if self._cache is not None else None

    def analyze(self, article: ArticleInput, *, use_cache: bool = True) -> Analysis:
        """Analyze one article; a cache hit returns at once with provenance.cached = True."""
        started = time.perf_counter()
        prepared = self.prepare(article)
        key = self._key(prepared)
        if use_cache and self._cache is not None and (hit := self._cache.get(key)):
            hit.provenance.timings_ms = {"total": round((time.perf_counter() - started) * 1e3, 2)}
            return hit
        result = self._run(prepared, key, started)
        if self._cache is not None:
            # HTML input already carries its extracted text (article.extracted_text); keep plain text.
            self._cache.put(key, result, None if prepared.html_meta is not None else prepared.text)
        return result

    def _run(self, prepared: Prepared, key: str, started: float) -> Analysis:
        timings: dict[str, float] = {}

        def lap(name: str, since: float) -> float:
            now = time.perf_counter()
            timings[name] = round((now - since) * 1e3, 1)
            return now

        doc = Document.build(prepared.text, prepared.meta.title, self.prompts.injection)
        title = doc.title
        injection_warnings = [
            f"ignored an instruction-like sentence at offset {doc.original_offset(s.start)}: "
            f"{s.text[:80]!r} (text to summarize, never followed)"
            for s in doc.planted
        ]
        candidates = find_candidates(list(doc.sentences), title)
        self._check_fits(title, candidates)
        mark = lap("clean", started)
        readings, extract_warnings = read_candidates(self.llm, self.prompts, title, candidates)
        readings, added_warnings = complete_readings(readings, candidates)
        extract_warnings += added_warnings
        mark = lap("extract", mark)
        evidence = {c.sentence.start: doc.evidence(c.sentence) for c in candidates}
        lead = story_lead([s.text for s in doc.body[:2]])
        lead_ends = doc.body[min(2, len(doc.body) - 1)].end if doc.body else 0
        grounded = ground(
            readings, evidence, prepared.text, prepared.meta.published, lead, lead_ends, doc.sentences
        )
        mark = lap("ground", mark)
        events = None
        if self.settings.event_records:
            events = find_event_records(self.llm, self.prompts, doc, prepared.meta.published, grounded.events)
            mark = lap("events", mark)
        quotes = {r.candidate.sentence.text for r in readings}
        summary = summarize(
            self.llm,
            self.prompts,
            doc,
            grounded.events,
            quotes,
            verify=self.settings.verify_summary,
        )
        lap("summary", mark)
        timings["total"] = round((time.perf_counter() - started) * 1e3, 1)
        return Analysis(
            summary=summary.text,
            summary_sentences=summary.sentences,
            summary_draft=summary.draft,
            events=grounded.events,
            event_records=events.records if events else [],
            article=prepared.meta.model_copy(update={"title": title}),
            warnings=injection_warnings
            + extract_warnings
            + grounded.warnings
            + (events.warnings if events else [])
            + summary.warnings,
            provenance=Provenance(
                model=self.model_name,
                model_sha256=self.llm.fingerprint,
                backend=self.settings.backend,
                model_fingerprint=self.llm.fingerprint,
                prompt_version=self._prompt_version(),
                schema_version=SCHEMA_VERSION,
                package_version=__version__,
                cache_key=key,
                cached=False,
                timings_ms=timings,
            ),
        )

    def _check_fits(self, title: str | None, candidates: list[Candidate]) -> None:
        """Each model call sees one sentence: only an absurdly long sentence can overflow."""
        if not candidates:
            return
        # The system rules and few-shot turns are the same for every sentence: count them once.
        prefix = build_messages(self.prompts, title, candidates[0])[:-1]
        base = sum(self.llm.count_tokens(m["content"]) for m in prefix) + 400
        for candidate in candidates:
            last = build_messages(self.prompts, title, candidate)[-1]
            tokens = base + self.llm.count_tokens(last["content"])
            if tokens > self.llm.n_ctx:
                raise InputError(
                    f"a sentence at offset {candidate.sentence.start} needs {tokens} tokens, more than "
                    f"the {self.llm.n_ctx}-token context; split it or raise NEWSDIGEST_N_CTX"
                )

    def close(self) -> None:
        """Release the cache."""
        if self._cache is not None:
            self._cache.close()
