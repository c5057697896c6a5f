"""Find the sentences that state casualty figures and ask the model to fill facts from each one."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel, Field

from service.concurrency import map_calls
from service.errors import GenerationError
from service.llm import LLM
from service.numbers import find_numbers
from service.prompts import PromptSet
from service.roles import CASUALTY_WORDS, figure_role
from service.text import Span

EventType = Literal[
    "airstrike",
    "shelling",
    "bombing",
    "shooting",
    "ground_assault",
    "clash",
    "attack",
    "accident",
    "crash",
    "fire",
    "explosion",
    "collapse",
    "flood",
    "earthquake",
    "storm",
    "disease",
    "conflict",
    "other",
]

# A sentence is worth a model call only if it has one of these and a number (checked by code).
MAX_FIGURES = 4
# The sentence credits someone named earlier ("the Geneva-based agency", "he said"): only then does the
# model see the previous sentence (context it does not need only invites copied figures).
REFERS_BACK = re.compile(
    r"\b(the|this|that)\s+([\w-]+\s+){0,2}(group|monitor|organi[sz]ation|agency|ministry|"
    r"official|officials|spokes(man|woman|person)|authorities|watchdog)\b(?!\s+(of|for)\s+[A-Z])"
    r"|\b(he|she|they|it)\s+(said|says|told|added|reported|estimated)\b",
    re.IGNORECASE,
)


class FigureDraft(BaseModel):
    """One casualty figure as the model reads it (every field required, nullable: see NOTES.md).

    The hedge ("at least") is read by code from the words before the number, not asked for."""

    killed: int | None
    injured: int | None
    group: str | None
    source: str | None


class SentenceFacts(BaseModel):
    """What the model reads from one sentence: its figures and the event they belong to."""

    figures: list[FigureDraft] = Field(max_length=MAX_FIGURES)
    event_type: EventType
    place: str | None
    when: str | None
    by: str | None
    target: str | None


@dataclass(frozen=True)
class Candidate:
    """A sentence that may state a casualty figure, with the previous one if it refers back to it."""

    sentence: Span
    context: str


@dataclass(frozen=True)
class Reading:
    """The model's answer for one candidate sentence."""

    candidate: Candidate
    facts: SentenceFacts


_CASUALTY_ROLES = ("killed", "injured", "either")


def find_candidates(sentences: list[Span], title: str | None = None) -> list[Candidate]:
    """Sentences with a number that a casualty word is about (code reads it: service/roles.py), so
    the model is never asked about a sentence whose numbers count arrests or evacuees only; the
    headline is skipped (its figures are repeated, with their source, in the body)."""
    found = []
    for i, span in enumerate(sentences):
        if span.text == title or not CASUALTY_WORDS.search(span.text):
            continue
        mentions = find_numbers(span.text)
        if not any(figure_role(span.text, m, mentions) in _CASUALTY_ROLES for m in mentions):
            continue
        context = sentences[i - 1].text if i > 0 and REFERS_BACK.search(span.text) else ""
        found.append(Candidate(span, context))
    return found


def _render(title: str | None, context: str, sentence: str) -> str:
    return f"TITLE: {title or '(none)'}\nCONTEXT: {context or '(none)'}\nSENTENCE: {sentence}"


def build_messages(prompts: PromptSet, title: str | None, candidate: Candidate) -> list[dict[str, str]]:
    """System rules and few-shot turns first (an identical prefix llama.cpp reuses), then the sentence."""
    system = prompts.extract_system + "\nevent_type is one of: " + ", ".join(get_args(EventType)) + "."
    messages = [{"role": "system", "content": system}]
    for example in prompts.extract_examples:
        messages.append(
            {"role": "user", "content": _render(example["title"], example["context"], example["sentence"])}
        )
        messages.append({"role": "assistant", "content": json.dumps(example["answer"])})
    messages.append({"role": "user", "content": _render(title, candidate.context, candidate.sentence.text)})
    return messages


def read_candidates(
    llm: LLM, prompts: PromptSet, title: str | None, candidates: list[Candidate]
) -> tuple[list[Reading], list[str]]:
    """One short constrained call per candidate sentence: small models get facts right this way.

    A sentence the model cannot answer validly is skipped and said in the warnings."""

    def read(c: Candidate) -> Reading | str:
        try:
            facts = llm.structured(build_messages(prompts, title, c), SentenceFacts, max_tokens=320)
        except GenerationError as exc:
            return f"sentence at {c.sentence.start} skipped: {str(exc).splitlines()[0][:200]}"
        return Reading(c, facts)

    readings, warnings = [], []
    # The calls are independent: a backend that serves several at once gets them together.
    for outcome in map_calls(read, candidates, max_concurrency=llm.max_concurrency):
        if isinstance(outcome, Reading):
            readings.append(outcome)
        else:
            warnings.append(outcome)
    return readings, warnings
