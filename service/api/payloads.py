"""Request and response bodies of the HTTP API that are not part of the analysis contract."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from service.schema import ArticleInput


class BatchRequest(BaseModel):
    """Articles to analyze in the background."""

    articles: list[ArticleInput] = Field(min_length=1)


class BatchCreated(BaseModel):
    """Answer to a new batch: where to poll."""

    id: str
    total: int
    status_url: str


class BatchItemView(BaseModel):
    """One article of a batch: its state and, once done, its analysis."""

    index: int
    status: Literal["pending", "running", "done", "failed"]
    cache_key: str | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    detail: str | None = None


class BatchView(BaseModel):
    """Progress of a batch and its results so far."""

    id: str
    status: Literal["pending", "running", "done"]
    total: int
    pending: int
    running: int
    done: int
    failed: int
    created_at: float
    items: list[BatchItemView]


class Health(BaseModel):
    """Liveness or readiness."""

    status: Literal["ok", "ready", "loading", "failed"]
    model: str | None = None
    detail: str | None = None
    queue_depth: int | None = None
    batch_backlog: int | None = None
