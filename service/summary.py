"""Write a short neutral summary from the lead and the verified figures, then check it in code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from service.llm import LLM
from service.numbers import find_numbers
from service.prompts import LoadedTerm, PromptSet
from service.schema import Casualty, Event

MAX_WORDS = 90
LEAD_CHARS = 1400
# Latin script only: a small model sometimes drifts into Chinese mid-sentence (NOTES.md).
SENTENCE_PATTERN = r"^[A-Za-z0-9À-ɏ ,.;:!?'\"()%$€£&/’‘“”-]+$"
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


class SummaryDraft(BaseModel):
    """The model's summary as 2 or 3 sentences."""

    sentences: list[str] = Field(min_length=2, max_length=3)


@dataclass
class SummaryResult:
    """The checked summary and what the checks found."""

    text: str
    warnings: list[str] = field(default_factory=list)
    retried: bool = False


def describe_figure(c: Casualty, event: Event) -> str:
    """One verified figure in words, with its source, for the summary prompt."""
    parts = []
    q = f"{c.qualifier} " if c.qualifier else ""
    group = c.group or "people"
    if c.killed is not None:
        parts.append(f"{q}{c.killed} {group} killed")
    if c.injured is not None:
        parts.append(f"{q if c.killed is None else ''}{c.injured} {'injured' if c.killed is not None else group + ' injured'}")
    where = ", ".join(x for x in (event.event_type, event.location, event.date_text) if x)
    source = f"according to {c.claimed_by}" if c.claimed_by else "source not named in the article"
    return f"- {' and '.join(parts)} ({where}); {source}"


def build_messages(prompts: PromptSet, title: str | None, lead: str, events: list[Event]) -> list[dict[str, str]]:
    """System rules, then the title, the lead paragraphs and the verified figures."""
    figures = [describe_figure(c, e) for e in events for c in e.casualties] or ["- none stated"]
    user = (f"TITLE: {title or '(none)'}\n\nARTICLE (beginning):\n{lead}\n\n"
            "VERIFIED FIGURES:\n" + "\n".join(figures))
    return [{"role": "system", "content": prompts.summary_system},
            {"role": "user", "content": user}]


def lead_text(text: str, limit: int = LEAD_CHARS) -> str:
    """The first paragraphs of the cleaned article, cut at a paragraph or sentence end."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = max(text.rfind(". ", 0, limit) + 1, limit // 2)
    return text[:cut].strip()


def own_voice(summary: str) -> str:
    """The summary with quoted passages blanked out: what the service says in its own voice."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), summary)


def problems(summary: str, article: str, lexicon: tuple[LoadedTerm, ...]) -> list[str]:
    """Everything the summary gets wrong by the rules the code can check."""
    found = []
    stated = {m.value for m in find_numbers(article)}
    for m in find_numbers(summary):
        if m.value not in stated:
            found.append(f"the number {m.text!r} is not in the article")
    voice = own_voice(summary)
    for term in lexicon:
        if term.pattern.search(voice):
            found.append(f"the loaded term {term.term!r} is used in the summary's own voice; "
                         f"say {term.neutral!r}")
    words = len(summary.split())
    if words > MAX_WORDS:
        found.append(f"it has {words} words; at most {MAX_WORDS} are allowed")
    sentences = [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", summary) if s.strip()]
    if len(set(sentences)) < len(sentences):
        found.append("a sentence is repeated")
    return found


def repair(summary: str, article: str, lexicon: tuple[LoadedTerm, ...]) -> str:
    """Last resort after a retry: neutral terms, no sentence with an unstated number, no repeats."""
    voice = own_voice(summary)
    for term in lexicon:
        for m in reversed(list(term.pattern.finditer(voice))):
            summary = summary[: m.start()] + term.neutral + summary[m.end():]
        voice = own_voice(summary)
    stated = {m.value for m in find_numbers(article)}
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", summary):
        if all(m.value in stated for m in find_numbers(sentence)) and sentence not in kept:
            kept.append(sentence)
    while len(" ".join(kept).split()) > MAX_WORDS and len(kept) > 1:
        kept.pop()
    return " ".join(kept)


def summarize(llm: LLM, prompts: PromptSet, title: str | None, text: str,
              events: list[Event]) -> SummaryResult:
    """Draft, check, retry once with the problems spelled out, then repair and warn."""
    messages = build_messages(prompts, title, lead_text(text), events)
    draft = " ".join(s.strip() for s in llm.structured(messages, SummaryDraft, max_tokens=220).sentences)
    found = problems(draft, text, prompts.lexicon)
    if not found:
        return SummaryResult(draft)
    retry = [*messages, {"role": "assistant", "content": draft},
             {"role": "user", "content": "Rewrite the summary. Fix these problems: " + "; ".join(found)}]
    second = " ".join(s.strip() for s in llm.structured(retry, SummaryDraft, max_tokens=220).sentences)
    left = problems(second, text, prompts.lexicon)
    if not left:
        return SummaryResult(second, retried=True)
    fixed = repair(second, text, prompts.lexicon)
    return SummaryResult(fixed, [f"summary: {p} (repaired in code)" for p in left], retried=True)
