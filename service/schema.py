"""The output contract: one `Analysis` per article (other apps and the eval suite read these names)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from service.event_record import EventRecord
from service.evidence import Casualty, Evidence

__all__ = [
    "Analysis",
    "ArticleInput",
    "ArticleMeta",
    "Casualty",
    "Event",
    "EventRecord",
    "Evidence",
    "Provenance",
    "SummarySentence",
]


class Event(BaseModel):
    """One thing that happened, with its place, time, actors and casualty figures."""

    event_type: str
    date_text: str | None
    date: str | None = Field(description="YYYY-MM-DD, only when anchored to a publication date.")
    location: str
    perpetrator: str | None
    target: str | None
    casualties: list[Casualty]


class SummarySentence(BaseModel):
    """One sentence the summary considered: where it came from, what supports it, its verdict."""

    text: str
    origin: Literal["model", "figure", "article"] = Field(
        description="model: written by the model; figure: built by code from a verified figure; "
        "article: the article's own first sentence (fallback)"
    )
    verdict: Literal["kept", "dropped"]
    support: list[Evidence] = Field(description="Article sentences that state it (located by code).")
    reasons: list[str] = Field(default_factory=list, description="Why it was dropped.")


class ArticleMeta(BaseModel):
    """What the article says about itself."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    extracted_text: str | None = Field(
        None, description="For HTML input only: the article text extracted from it (offsets refer to it)."
    )


class Provenance(BaseModel):
    """How this result was made, so it can be reproduced or invalidated."""

    model: str
    model_sha256: str = Field(
        description="sha256 of the GGUF file; for the openai backend the same as model_fingerprint."
    )
    backend: Literal["llama_cpp", "openai"] = Field("llama_cpp", description="Which backend ran the model.")
    model_fingerprint: str | None = Field(
        None,
        description="What the cache key identifies the model by: the GGUF sha256, or for the openai "
        "backend a sha256 of base_url, model name and the server's /models entry (README, Backends). "
        "None in results cached before backends existed.",
    )
    prompt_version: str
    schema_version: str
    package_version: str
    cache_key: str
    cached: bool = False
    timings_ms: dict[str, float] = Field(default_factory=dict)


class Analysis(BaseModel):
    """The full result for one article."""

    summary: str
    summary_sentences: list[SummarySentence] = Field(
        default_factory=list, description="Every sentence considered for the summary, kept or dropped."
    )
    summary_draft: str | None = Field(
        None, description="The model's own wording before code replaced loaded terms (for audits)."
    )
    events: list[Event]
    event_records: list[EventRecord] = Field(
        default_factory=list,
        description="Event records v2 (docs/events-v2.md): every event the article reports, of any "
        "kind, each field with its span; filled only with the event_records setting, else empty.",
    )
    article: ArticleMeta
    warnings: list[str] = Field(default_factory=list)
    provenance: Provenance


class ArticleInput(BaseModel):
    """One article to analyze: plain text or HTML, with optional metadata from the caller."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    outlet: str | None = None
