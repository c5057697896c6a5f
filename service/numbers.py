"""Find the numbers a text states, as digits ("2,300", "12.000") or words ("seven", "a dozen")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DOZEN = 12

_DIGITS = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![.,]?\d)|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>hundred|thousand|million|billion|m\b|bn\b|k\b))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@dataclass(frozen=True)
class NumberMention:
    """A number stated in a text, with its character span."""

    value: int | float
    start: int
    end: int
    text: str

    @property
    def in_words(self) -> bool:
        """Written in words ("seven") rather than digits."""
        return not self.text[:1].isdigit()


def _digits_value(num: str, scale: str | None) -> int | float:
    """Value of a digit string. A dot before exactly three digits is ambiguous ("1.250 percent" is
    a decimal, "12.000 people" European thousands): it is read as thousands only when it cannot be
    a decimal as written ("1.250.000") or the three digits are "000"."""
    groups = num.split(".")
    european = len(groups) > 2 or (len(groups) == 2 and groups[1] == "000")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num) and not scale and european:
        value: float = float(num.replace(".", ""))
    else:
        value = float(num.replace(",", ""))
    if scale:
        value *= {"m": 1e6, "bn": 1e9, "k": 1e3}.get(scale.lower(), SCALES.get(scale.lower(), 1))
    return int(value) if value == int(value) else value


def _word_value(words: list[str]) -> int | None:
    """Value of a run of number words ("three hundred and forty-two", "a dozen"), read by text2num;
    "a"/"an" stand for one and "dozen" for twelve, which text2num does not read. None if not a number."""
    dozens = words.count("dozen")
    parts = ["one" if w in ("a", "an") else w for w in words if w not in ("dozen", "and")]
    if not parts:
        return DOZEN**dozens if dozens else None
    try:
        value = int(text2num(" ".join(parts), "en"))
    except ValueError:
        return None
    return value * DOZEN**dozens


def _is_number_word(word: str) -> bool:
    return all(p in UNITS or p in TENS or p in SCALES or p == "dozen" for p in word.split("-"))


def _word_mentions(text: str) -> list[NumberMention]:
    """Runs of number words, joined by "and" or an article ("a dozen", "one hundred and five")."""
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    mentions: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        lead = (
            word in ("a", "an")
            and i + 1 < len(tokens)
            and tokens[i + 1][0] in ("dozen", "hundred", "thousand", "million")
        )
        if not (_is_number_word(word) or lead):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            nxt = tokens[j][0]
            gap = text[tokens[j - 1][2] : tokens[j][1]]
            if gap.strip() not in ("", "-"):
                break
            if _is_number_word(nxt) or (
                nxt == "and" and j + 1 < len(tokens) and _is_number_word(tokens[j + 1][0])
            ):
                j += 1
                continue
            break
        parts = [p for tok in tokens[i:j] for p in tok[0].split("-")]
        value = _word_value(parts)
        if value is not None:
            start, end = tokens[i][1], tokens[j - 1][2]
            mentions.append(NumberMention(value, start, end, text[start:end]))
        i = j
    return mentions


def find_numbers(text: str) -> list[NumberMention]:
    """All numbers stated in `text`, in order of position."""
    found = [
        NumberMention(_digits_value(m.group("num"), m.group("scale")), m.start(), m.end(), m.group())
        for m in _DIGITS.finditer(text)
    ]
    taken = [(m.start, m.end) for m in found]
    for mention in _word_mentions(text):
        if not any(s < mention.end and mention.start < e for s, e in taken):
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_ORDINAL_DIGITS = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_ORDINAL_WORDS = re.compile(rf"\b({'|'.join(_ORDINALS)})\b", re.IGNORECASE)
_HEAD = re.compile(r"\d[\d.,]*")


def find_numbers_and_ordinals(text: str) -> list[NumberMention]:
    """Every number in `text` plus ordinals ("third", "21st"), in order of position."""
    found = find_numbers(text)
    found += [
        NumberMention(int(m.group(1)), m.start(), m.end(), m.group(0)) for m in _ORDINAL_DIGITS.finditer(text)
    ]
    found += [
        NumberMention(_ORDINALS[m.group(1).lower()], m.start(), m.end(), m.group(0))
        for m in _ORDINAL_WORDS.finditer(text)
    ]
    return sorted(found, key=lambda m: m.start)


def number_values(text: str) -> set[float]:
    """All values stated in `text`, ordinals included, plus the bare figure of scaled ones
    ("12 million" -> 12 too)."""
    values: set[float] = set()
    for mention in find_numbers_and_ordinals(text):
        values.add(float(mention.value))
        head = _HEAD.match(mention.text)
        if head and head.end() < len(mention.text.rstrip()):
            values.update(float(m.value) for m in find_numbers(head.group(0)))
    return values


def states_number(text: str, value: int) -> bool:
    """True when `text` states `value` (as digits or words)."""
    return any(m.value == value for m in find_numbers(text))
