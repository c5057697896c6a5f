"""Field comparison rules shared by the scorers: places, claimants, dates and quote positions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_STOP = re.compile(r"\b(?:the|on|in|of|at)\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")


def normalize(text: str | None) -> str:
    """Lowercase, drop articles/prepositions and punctuation, squeeze spaces."""
    if not text:
        return ""
    lowered = _STOP.sub(" ", text.lower().replace("’", "'"))
    return " ".join(_NON_WORD.sub(" ", lowered).split())


def contains_either_way(a: str | None, b: str | None) -> bool:
    """True when one normalized text contains the other as whole words (both non-empty)."""
    left, right = normalize(a), normalize(b)
    if not left or not right:
        return False
    return f" {left} " in f" {right} " or f" {right} " in f" {left} "


def same_claimant(predicted: str | None, gold: str | None, aliases: Iterable[str]) -> bool:
    """Attribution rule: both null, or containment either way with the gold name or an alias."""
    if not normalize(gold):
        return not normalize(predicted)
    return any(contains_either_way(predicted, name) for name in (gold, *aliases))


def same_place(predicted: str | None, names: Iterable[str]) -> bool:
    """Place rule: the predicted place contains, or is contained in, one accepted name."""
    return any(contains_either_way(predicted, name) for name in names)


def same_date(predicted: str | None, gold: str | None) -> bool:
    """Date rule: both null, or containment either way ("Tuesday" ~ "on Tuesday, 27 September")."""
    if not normalize(gold):
        return not normalize(predicted)
    return contains_either_way(predicted, gold)


def spans_of(quote: str, article: str) -> list[tuple[int, int]]:
    """Every (start, end) where `quote` occurs in `article`."""
    spans: list[tuple[int, int]] = []
    start = article.find(quote)
    while start != -1 and quote:
        spans.append((start, start + len(quote)))
        start = article.find(quote, start + 1)
    return spans


def overlaps(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    """True when `span` shares at least one character with one of `others`."""
    return any(span[0] < end and start < span[1] for start, end in others)


def phrase_in(phrase: str, text: str) -> bool:
    """Case-insensitive whole-word occurrence of `phrase` in `text`, whitespace-tolerant."""
    words = [re.escape(word) for word in phrase.split()]
    if not words:
        return False
    pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def term_in(term: str, text: str) -> bool:
    """Key-point and trap term rule: case-insensitive, from the start of a word ("evacuat" finds
    "evacuated", "UN" does not find "Sunday"); a trailing space asks for the word's end ("no "
    is not "notice"); a number must not be part of a longer number ("38" is not in "138")."""
    core = term.strip()
    if not core:
        return False
    pattern = re.escape(core)
    if core[:1].isdigit():
        pattern = r"(?<![\d.,])" + pattern
    elif core[:1].isalpha():
        pattern = r"(?<!\w)" + pattern
    if core[-1:].isdigit():
        pattern += r"(?![\d]|[.,]\d)"
    elif term.endswith(" "):
        pattern += r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def trap_hit(terms: Sequence[Sequence[str]], unless: Sequence[str], sentence: str) -> bool:
    """A trap is stated by a sentence that has one alternative of every inner list of `terms`
    (key-point term rule) and none of the `unless` terms."""
    return all(any(term_in(t, sentence) for t in alternatives) for alternatives in terms) and not any(
        term_in(u, sentence) for u in unless
    )
