"""Faithfulness check: which claims of a summary the article does not support (no model needed).

Order of suspicion: numbers, then dates, then names and places, then the wording as a whole (a
summary that brings in many content words the article never uses is adding claims of its own)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel
from rouge_score import tokenizers

from service.dates import MONTHS
from service.numbers import find_numbers, number_values

IssueKind = Literal["number", "date", "name", "wording"]

_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_MONTHS = frozenset(MONTHS)
# Words that carry no claim of their own: function words and discourse connectors.
_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each even
ever few for from further had has have having he her here hers herself him himself his how i if in
into is it its itself just me more most my myself no nor not now of off on once only or other our
ours out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where which
while who whom whose why will with would you your yours said says say told according however
moreover nonetheless nevertheless despite although though meanwhile additionally furthermore
still yet many much may might must mr mrs ms dr"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;]\s+|\n)\s*[\"“‘'(]?\s*$")
# A proper-noun phrase: capitalized words, maybe joined by a lowercase particle ("Bank of England").
_PROPER = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|the|de|al|bin|van|von|du|la|le)\s+)?[A-Z][\w’'-]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class CheckConfig:
    """Thresholds of the wording rule, tuned on HaluEval lines 5000-5999 (see eval/README.md)."""

    # A summary is flagged when it uses at least this many specific content words
    # (stem of 5+ letters) that the article never uses ...
    words_to_flag: int = 4
    # ... or when this share of all its content words is missing from the article.
    share_to_flag: float = 0.25
    min_stem_length: int = 5
    # Numbers, dates and names first; off only to measure the wording rule alone.
    check_entities: bool = True


class Issue(BaseModel):
    """One unsupported claim: its kind, the summary text it is about, and where it is."""

    kind: IssueKind
    text: str
    start: int
    end: int
    detail: str


class CheckResult(BaseModel):
    """The verdict on a summary: supported when no issue was found."""

    supported: bool
    issues: list[Issue]
    unsupported_share: float


@dataclass
class _ArticleIndex:
    """What the checks look things up in: lowercased text, stems, number values, words."""

    lowered: str
    stems: set[str]
    numbers: set[float]
    words: set[str]


def _index(article: str, tokenizer: tokenizers.DefaultTokenizer) -> _ArticleIndex:
    lowered = article.lower().replace("’", "'")
    return _ArticleIndex(
        lowered=lowered,
        stems=set(tokenizer.tokenize(article)),
        numbers=number_values(article),
        words=set(re.findall(r"[a-z0-9]+", lowered)),
    )


def _sentence_initial(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[:start]) is not None


def _name_known(phrase: str, index: _ArticleIndex) -> bool:
    """A name is supported when the article has it, or has each of its words (last names,
    possessives), allowing demonym/country variants that share a stem ("Syrian" ~ "Syria")."""
    cleaned = _POSSESSIVE.sub("", phrase.replace("’", "'")).lower()
    if cleaned in index.lowered:
        return True
    for word in re.findall(r"[a-z0-9]+", cleaned):
        if word in _STOPWORDS or word in index.words:
            continue
        root = word[: max(4, len(word) - 3)]
        if not any(known.startswith(root) for known in index.words):
            return False
    return True


def _number_issues(summary: str, index: _ArticleIndex) -> list[Issue]:
    return [
        Issue(
            kind="number",
            text=m.text,
            start=m.start,
            end=m.end,
            detail="the article states no such number",
        )
        for m in find_numbers(summary)
        if m.value not in index.numbers and not (m.in_words and m.value <= 1)
    ]


def _name_issues(summary: str, index: _ArticleIndex) -> list[Issue]:
    """Dates (weekdays, months) and proper-noun phrases the article does not mention."""
    issues: list[Issue] = []
    for match in _PROPER.finditer(summary):
        phrase = match.group(0)
        words = phrase.split()
        first = words[0].lower()
        if first in _WEEKDAYS or first in _MONTHS:
            if len(words) == 1 and first not in index.words:
                issues.append(
                    Issue(
                        kind="date",
                        text=phrase,
                        start=match.start(),
                        end=match.end(),
                        detail="the article gives no such date",
                    )
                )
            continue
        if len(words) == 1 and (_sentence_initial(summary, match.start()) or first in _STOPWORDS):
            continue  # a capital that only starts a sentence says nothing about a name
        if not _name_known(phrase, index):
            issues.append(
                Issue(
                    kind="name",
                    text=phrase,
                    start=match.start(),
                    end=match.end(),
                    detail="the article does not mention this name or place",
                )
            )
    return issues


def _wording_issues(
    summary: str,
    index: _ArticleIndex,
    tokenizer: tokenizers.DefaultTokenizer,
    config: CheckConfig,
) -> tuple[list[Issue], float]:
    """Content words the article never uses; reported only past the configured thresholds."""
    content: list[tuple[re.Match[str], str]] = []
    for match in _WORD.finditer(summary):
        if match.group(0).lower() in _STOPWORDS:
            continue
        stems = [s for s in tokenizer.tokenize(match.group(0)) if s not in _STOPWORDS]
        content.extend((match, stem) for stem in stems)
    missing = [(m, stem) for m, stem in content if stem not in index.stems]
    share = len(missing) / len(content) if content else 0.0
    specific = [(m, stem) for m, stem in missing if len(stem) >= config.min_stem_length]
    if len(specific) < config.words_to_flag and share < config.share_to_flag:
        return [], share
    issues = [
        Issue(
            kind="wording",
            text=m.group(0),
            start=m.start(),
            end=m.end(),
            detail="the article never uses this word",
        )
        for m, _ in (specific or missing)
    ]
    return issues, share


def check_summary(article: str, summary: str, config: CheckConfig | None = None) -> CheckResult:
    """List the claims of `summary` that `article` does not support; supported if there are none."""
    config = config or CheckConfig()
    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    index = _index(article, tokenizer)
    issues = _number_issues(summary, index) + _name_issues(summary, index) if config.check_entities else []
    wording, share = _wording_issues(summary, index, tokenizer, config)
    taken = [(i.start, i.end) for i in issues]
    issues += [w for w in wording if not any(s < w.end and w.start < e for s, e in taken)]
    order = {"number": 0, "date": 1, "name": 2, "wording": 3}
    issues.sort(key=lambda issue: (order[issue.kind], issue.start))
    return CheckResult(supported=not issues, issues=issues, unsupported_share=round(share, 3))
