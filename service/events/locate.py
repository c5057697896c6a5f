"""Find a phrase the model proposed inside a sentence's span of the original input, as an exact span."""

from __future__ import annotations

import re

from service.schema import Evidence

_WORD = re.compile(r"[\w'’&.-]+|[^\w\s]")


def _pattern(phrase: str) -> re.Pattern[str] | None:
    """The phrase's words with any whitespace where it has a space, whole words at both ends."""
    chunks = phrase.strip(" ,.;:\"'“”‘’").split()
    if not chunks:
        return None
    # Inside a chunk, punctuation may touch its neighbour or not ("Reyne's", "U.S. -based").
    body = r"\s+".join(r"\s*".join(re.escape(w) for w in _WORD.findall(chunk)) for chunk in chunks)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_all(phrase: str | None, within: Evidence) -> list[Evidence]:
    """Every place `phrase` is written in the span `within` (case and spacing aside), as spans of
    the same input: `text[start:end] == quote` holds because each quote is cut from `within.quote`."""
    if not phrase or not phrase.strip():
        return []
    pattern = _pattern(phrase)
    if pattern is None:
        return []
    return [
        Evidence(quote=m.group(0), start=within.start + m.start(), end=within.start + m.end())
        for m in pattern.finditer(within.quote)
    ]


def locate(phrase: str | None, within: Evidence) -> Evidence | None:
    """The first place `phrase` is written in `within`, or None."""
    found = find_all(phrase, within)
    return found[0] if found else None


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def locate_name(name: str | None, within: Evidence) -> Evidence | None:
    """A name as written, whatever article the model put before it ("the district court" for "A
    district court"): the span keeps the text's own article."""
    found = locate(name, within)
    bare = _LEADING_ARTICLE.sub("", (name or "").strip())
    if found is not None or not bare or bare == (name or "").strip():
        return found
    found = locate(bare, within)
    if found is None:
        return None
    article = _ARTICLE_BEFORE.search(within.quote[: found.start - within.start])
    return cut(within, within.start + article.start(), found.end) if article else found


def cut(within: Evidence, start: int, end: int) -> Evidence:
    """The part of `within` from input offset `start` to `end` (clipped to it)."""
    start, end = max(start, within.start), min(end, within.end)
    quote = within.quote[start - within.start : end - within.start]
    return Evidence(quote=quote, start=start, end=end)
