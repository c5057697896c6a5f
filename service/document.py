"""One article, parsed once: the input, the cleaned text with its offset map, the news sentences and
the number values they state; every stage reads it instead of re-cleaning and re-splitting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from service.clean import CleanText, clean
from service.injection import split_injected
from service.meta import find_title
from service.numbers import number_values
from service.schema import Evidence
from service.text import Span, sentences


@dataclass(frozen=True)
class Document:
    """An article ready for the pipeline; sentence spans refer to `cleaned.text`."""

    cleaned: CleanText
    title: str | None
    sentences: tuple[Span, ...]  # the news sentences, planted instructions left out
    planted: tuple[Span, ...]  # sentences that address the software: never followed, never support

    @classmethod
    def build(cls, raw: str, title: str | None, injection: tuple[re.Pattern[str], ...]) -> Document:
        """Clean, split into sentences once, and set instruction-like sentences apart."""
        cleaned = clean(raw)
        news, planted = split_injected(sentences(cleaned.text), injection)
        return cls(cleaned, title or find_title(cleaned.text), tuple(news), tuple(planted))

    @classmethod
    def from_text(cls, text: str, title: str | None = None) -> Document:
        """A document whose text needs no cleaning (tests, checks of plain text)."""
        spans = tuple(sentences(text))
        return cls(CleanText(text, text, ((0, 0, len(text)),), ()), title, spans, ())

    @property
    def original(self) -> str:
        """The input exactly as given: evidence offsets point into it."""
        return self.cleaned.original

    @cached_property
    def news(self) -> str:
        """The news sentences joined by newlines: what a summary sentence is checked against."""
        return "\n".join(s.text for s in self.sentences)

    @cached_property
    def body(self) -> list[Span]:
        """The news sentences without the headline."""
        return [s for s in self.sentences if s.text != self.title]

    @cached_property
    def stated(self) -> frozenset[float]:
        """Every number value the news sentences state (ordinals and "12" of "12 million" too)."""
        return frozenset(number_values(self.news))

    def evidence(self, span: Span) -> Evidence:
        """A sentence of the cleaned text as a verbatim span of the original input."""
        a, b = self.cleaned.to_original(span.start, span.end)
        if self.original[a:b] != span.text:
            # The span straddles a removed line; find the exact sentence text instead.
            found = self.original.find(span.text)
            if found >= 0:
                a, b = found, found + len(span.text)
        return Evidence(quote=self.original[a:b], start=a, end=b)

    def original_offset(self, position: int) -> int:
        """Where a position of the cleaned text lies in the original input."""
        return self.cleaned.to_original(position, position)[0]
