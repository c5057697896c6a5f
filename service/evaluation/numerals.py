"""Find the numbers a text states, written in digits or in words, with their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from service import numbers

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_ORDINAL_DIGITS = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_ORDINAL_WORDS = re.compile(rf"\b({'|'.join(_ORDINALS)})\b", re.IGNORECASE)
_HEAD = re.compile(r"\d[\d.,]*")


@dataclass(frozen=True)
class NumberMention:
    """A number stated in a text: its value and where it is written."""

    value: float
    start: int
    end: int
    text: str
    in_words: bool = False


def find_numbers(text: str, *, ordinals: bool = False) -> list[NumberMention]:
    """Every number in `text` (service.numbers' reading), plus ordinals when asked, in order."""
    found = [
        NumberMention(float(m.value), m.start, m.end, m.text, in_words=not m.text[:1].isdigit())
        for m in numbers.find_numbers(text)
    ]
    if ordinals:
        found += [
            NumberMention(float(m.group(1)), m.start(), m.end(), m.group(0))
            for m in _ORDINAL_DIGITS.finditer(text)
        ]
        found += [
            NumberMention(float(_ORDINALS[m.group(1).lower()]), m.start(), m.end(), m.group(0), in_words=True)
            for m in _ORDINAL_WORDS.finditer(text)
        ]
    return sorted(found, key=lambda m: m.start)


def number_values(text: str) -> set[float]:
    """All values stated in `text`, plus the bare figure of scaled ones ("12 million" -> 12 too)."""
    values: set[float] = set()
    for mention in find_numbers(text, ordinals=True):
        values.add(mention.value)
        head = _HEAD.match(mention.text)
        if head and head.end() < len(mention.text.rstrip()):
            bare = numbers.find_numbers(head.group(0))
            values.update(float(m.value) for m in bare)
    return values
