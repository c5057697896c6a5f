"""Paragraph and sentence spans over cleaned article text, with a small rule-based splitter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.dates import MONTHS, WEEKDAYS


@dataclass(frozen=True)
class Span:
    """A stretch of the cleaned text; `text == cleaned[start:end]`."""

    start: int
    end: int
    text: str


# Never sentence ends: titles before names, and words that are followed by more of the sentence.
_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
        "adm", "cmdr", "gov", "sen", "rep", "pres", "rev", "fr", "sr", "jr", "st", "mt", "ft",
        "hon", "amb", "supt", "insp", "det", "lt-gen", "maj-gen", "brig", "vs", "al", "inc", "ltd",
        "co", "corp", "bros", "dept", "univ", "approx", "fig", "vol", "ch", "art", "sec",
        "pp", "cf"
    }
)  # fmt: skip
# Abbreviations that only continue the sentence when a number follows ("Oct. 8", "No. 10").
_BEFORE_NUMBER = frozenset(
    {
        "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "p", "para"
    }
)  # fmt: skip
# Words that usually open a sentence: after "U.S." or an initial they mark a real boundary.
_STARTERS = frozenset(
    {
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "so", "yet",
        "in", "on", "at", "this", "that", "these", "those", "his", "her", "their", "its", "our",
        "there", "here", "however", "meanwhile", "after", "before", "when", "while", "since", "as",
        "if", "according", "earlier", "later", "also", "some", "many", "most", "one", "two",
        "three", "several", "about", "more"
    }
)  # fmt: skip
_CLOCK = frozenset({"a.m", "p.m"})
_TIME_CONTINUATIONS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset({"et", "est", "edt", "gmt", "utc", "bst", "pt", "pst", "pdt", "ct", "cst", "cdt",
                 "cet", "cest", "hkt", "local", "eastern", "pacific", "central"})
)  # fmt: skip
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_NEXT = re.compile(r"\s+(?P<open>[\"'“‘«(\[]?)(?P<word>[^\s]*)")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_MIN_WORD_BEFORE_LOWERCASE_START = 4
_OPEN_WRAP_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace, or None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if start < end else None


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines or single newlines; lines wrapped mid-sentence are joined."""
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, position + len(line)))
        position += len(line) + 1
    spans: list[Span] = []
    block_start: int | None = None
    for index, (start, end) in enumerate(lines):
        content = text[start:end].strip()
        if not content:
            continue  # a block never stays open over a blank line (see _is_wrapped)
        if block_start is None:
            block_start = start
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or not _is_wrapped(content, text[following[0] : following[1]]):
            span = _trimmed(text, block_start, end)
            if span is not None:
                spans.append(span)
            block_start = None
    return spans


def _is_wrapped(line: str, following: str) -> bool:
    """True when a hard line break falls mid-sentence (next line starts in lower case)."""
    nxt = following.strip()
    return bool(nxt) and not line.endswith(_OPEN_WRAP_END) and nxt[0].islower()


def _word_before(text: str, position: int) -> str:
    """The token that ends at `position` (where the punctuation starts), without opening quotes."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:position].lstrip("\"'“‘«([")


def _is_boundary(paragraph: str, match: re.Match[str]) -> bool:
    """Decide whether the punctuation run in `match` ends a sentence."""
    following = _NEXT.match(paragraph, match.end())
    if following is None or not following["word"]:
        return False
    word = following["word"]
    first = word[0]
    starter = word.lower().strip(",;:") in _STARTERS
    if not match.group(0).startswith("."):
        return first.isupper() or first.isdigit() or bool(following["open"])
    if match.group(0).startswith("..") or match.group(0).startswith("…"):
        return first.isupper() and bool(following["open"] or starter)
    before = _word_before(paragraph, match.start())
    key = before.lower()
    if key in _TITLES:
        return False
    if key in _BEFORE_NUMBER and first.isdigit():
        return False
    if key in _CLOCK:
        # "7:30 p.m. Coast Guard officials said" ends; "10 a.m. Tuesday", "5 p.m. ET" do not.
        return first.isupper() and word.lower().strip(",;:()") not in _TIME_CONTINUATIONS
    if _DOTTED.match(before) or (len(before) == 1 and before.isalpha()):
        # "U.S. President", "John F. Kennedy", "10 a.m. Tuesday": only a clear opener ends it.
        return (first.isupper() or bool(following["open"])) and starter
    if first.isupper() or first.isdigit() or following["open"]:
        return True
    # A lower-case start after a full word is a typo'd sentence start ("Monday. the offensive").
    return starter and len(before) >= _MIN_WORD_BEFORE_LOWERCASE_START and before.isalpha()


def sentences(text: str) -> list[Span]:
    """Sentence spans over `text`; never crosses a paragraph boundary."""
    spans: list[Span] = []
    for paragraph in paragraphs(text):
        start = 0
        body = paragraph.text
        for match in _BOUNDARY.finditer(body):
            if _is_boundary(body, match):
                span = _trimmed(text, paragraph.start + start, paragraph.start + match.end())
                if span is not None:
                    spans.append(span)
                start = match.end()
        tail = _trimmed(text, paragraph.start + start, paragraph.end)
        if tail is not None:
            spans.append(tail)
    return spans
