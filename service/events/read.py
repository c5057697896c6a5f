"""Ask the model, one sentence per short constrained call, which events the sentence reports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, create_model

from service.concurrency import map_calls
from service.errors import GenerationError
from service.event_types import Taxonomy
from service.events.sentences import Pick
from service.llm import LLM
from service.prompts import PromptSet

MAX_EVENTS = 2
MAX_ACTORS = 2
# Enough for two events with every field filled; a longer answer is a model that loops.
MAX_TOKENS = 260


class EventDraft(BaseModel):
    """One event as the model reads it from a sentence; every field required and nullable (a
    grammar lets a small model skip optional fields). Code grounds each value afterwards."""

    what: str = Field(max_length=100)
    type: str
    when: str | None
    where: str | None
    agents: list[str] = Field(max_length=MAX_ACTORS)
    affected: list[str] = Field(max_length=MAX_ACTORS)
    source: str | None
    background: bool


class SentenceEvents(BaseModel):
    """The events one sentence reports, its main news first; none for a sentence without one."""

    events: list[EventDraft] = Field(max_length=MAX_EVENTS)


def response_model(taxonomy: Taxonomy, *, at_least_one: bool = False) -> type[SentenceEvents]:
    """The answer schema with `type` limited to the taxonomy's names (the grammar enforces it);
    `at_least_one` for a lead sentence, which reports the article's news (measured on dev: the
    model answered "no event" for clear lead events when it was allowed to)."""
    kind = Literal.__getitem__(taxonomy.names)
    draft = create_model("EventDraft", __base__=EventDraft, type=(kind, ...))
    size = Field(min_length=1 if at_least_one else 0, max_length=MAX_EVENTS)
    return create_model("SentenceEvents", __base__=SentenceEvents, events=(list[draft], size))


@dataclass(frozen=True)
class EventReading:
    """The model's answer for one picked sentence."""

    pick: Pick
    drafts: tuple[EventDraft, ...]


def _render(title: str | None, context: str, sentence: str) -> str:
    return f"TITLE: {title or '(none)'}\nCONTEXT: {context or '(none)'}\nSENTENCE: {sentence}"


def build_messages(
    prompts: PromptSet, taxonomy: Taxonomy, title: str | None, pick: Pick
) -> list[dict[str, str]]:
    """System rules and few-shot turns first (an identical prefix the engine reuses), then the sentence."""
    # Each type with a few of its cue words, so that a name like "court" is read as pleas and
    # sentences too, not only as a building.
    kinds = [f"{t.name} ({', '.join(t.cues[:3])})" if t.cues else t.name for t in taxonomy.types]
    system = prompts.events_system + "\n\ntype is one of: " + "; ".join(kinds) + "."
    messages = [{"role": "system", "content": system}]
    for example in prompts.events_examples:
        messages.append(
            {"role": "user", "content": _render(example["title"], example["context"], example["sentence"])}
        )
        messages.append({"role": "assistant", "content": json.dumps(example["answer"])})
    context = pick.context.text if pick.context else ""
    messages.append({"role": "user", "content": _render(title, context, pick.sentence.text)})
    return messages


def read_sentences(
    llm: LLM, prompts: PromptSet, taxonomy: Taxonomy, title: str | None, picks: list[Pick]
) -> tuple[list[EventReading], list[str]]:
    """One call per picked sentence; a sentence the model cannot answer validly is skipped and said."""
    schemas = {lead: response_model(taxonomy, at_least_one=lead) for lead in (False, True)}

    def read(pick: Pick) -> EventReading | str:
        messages = build_messages(prompts, taxonomy, title, pick)
        try:
            answer = llm.structured(messages, schemas[pick.lead], max_tokens=MAX_TOKENS)
        except GenerationError as exc:
            first = str(exc).splitlines()[0][:200]
            return f"event record: sentence at {pick.sentence.start} skipped: {first}"
        return EventReading(pick, tuple(answer.events))

    readings, warnings = [], []
    for outcome in map_calls(read, picks, max_concurrency=llm.max_concurrency):
        if isinstance(outcome, EventReading):
            readings.append(outcome)
        else:
            warnings.append(outcome)
    return readings, warnings
