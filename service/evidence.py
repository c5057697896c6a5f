"""The leaf types both output contracts share: a verbatim span, and a casualty figure that carries one.

Apart from `service.schema` so that `service.event_record` (v2) can use them while `Analysis` holds
v2 records; `service.schema` re-exports both, so callers keep importing them from there."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Evidence(BaseModel):
    """A verbatim span of the original input; `text[start:end] == quote` always holds."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Casualty(BaseModel):
    """One casualty figure as the article states it, with who gives it."""

    killed: int | None = Field(description="People killed or dead; null if the quote gives none.")
    injured: int | None = Field(description="People injured or wounded; null if none given.")
    group: str | None = Field(description="Who the figure counts: civilians, children, people...")
    qualifier: str | None = Field(description='"at least", "more than", "about"... as written')
    claimed_by: str | None = Field(description="Source the article credits; null if unattributed.")
    evidence: Evidence
    grounded: bool = Field(True, description="Every number was found in the evidence quote.")
