"""Article cleaning: drop site boilerplate line by line, keeping exact offsets into the input.

For HTML input (`html_to_text`), offsets refer to the text trafilatura extracted, not to the HTML.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from service.dates import is_dateline
from service.errors import InputError
from service.meta import agency_line, looks_like_headline
from service.numbers import find_numbers

# (reason, pattern) pairs; a kept line is never rewritten, a matching line is dropped whole.
# Written for any outlet, not for particular sample articles.
BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        # Donation and subscription appeals.
        ("donation appeal",
         r"^(your|every) (support|donation|contribution)s? (helps?|allows?|makes?|means?|keeps?|"
         r"enables?|matters|counts|is (vital|crucial|essential) (to|for) (us|our))\b"),
        ("donation appeal",
         r"\b(your|reader'?s'?) (support|donations?|contributions?|subscriptions?)\b.{0,60}"
         r"\b(journalism|journalists|reporting|reporters|newsroom|story|stories|us|our work)\b"),
        ("donation appeal",
         r"\b(support\w*|fund\w*|back\w*|donate to|subscribe to)\b.{0,20}"
         r"\b(independent|quality|our|free)\b"
         r".{0,20}\b(journalism|reporting|newsroom)\b"),
        ("donation appeal", r"\b(we|our)\b.{0,80}\bpaywalls?\b"),
        ("donation appeal",
         r"\b(journalism|news|reporting)\b.{0,40}\b(should|must) (be|remain) "
         r"(available|free|open|accessible)\b"),
        ("donation appeal",
         r"^(donate|subscribe|become a (member|supporter|subscriber)|make a (donation|contribution)"
         r"|support us|give now)\b.{0,40}$"),
        # Newsletter, notification and app prompts.
        ("notification prompt",
         r"^(stay up to date|get|receive|turn on|enable|allow|manage|sign up for)\b.{0,40}"
         r"\bnotifications?\b"),
        ("notification prompt", r"\bnotifications?\b.{0,20}\b(can be )?managed\b"),
        ("newsletter prompt",
         r"^(sign up|subscribe|register)\b.{0,40}\b(newsletters?|email|alerts|briefing|updates)\b"),
        ("newsletter prompt", r"^.{0,60}\bnewsletters?\b.{0,60}$"),
        ("app prompt", r"^(download|get) (our|the) .{0,30}\bapp\b"),
        ("social prompt",
         r"^follow (us|\w+) on (twitter|facebook|instagram|x|telegram|whatsapp)\b"),
        # Comment sections and account prompts.
        ("comment policy", r"^warning\s*:.{0,80}\bcomments?\b"),
        ("comment policy", r"\bcomments? (that|which) (contain|include)\b"),
        ("comment policy",
         r"^join\b.{0,40}\b(commenting|comments?|conversations?|discussions?|debate|forum|"
         r"community)\b"),
        ("comment policy",
         r"^(show|view|read|hide|load|post|leave|add)( \w+)? comments?\b.{0,20}$"),
        ("comment policy", r"^comments?\s*(\(\d+\)|\d+)?$"),
        ("account prompt",
         r"^thank you for (registering|subscribing|signing up|your (support|feedback|interest))"),
        ("account prompt", r"\b(refresh|reload) (the|this|your) (page|browser)\b"),
        ("account prompt", r"\b(to be|you are|you're) (automatically )?(logged|signed) in\b"),
        ("account prompt", r"^(please )?(log|sign) ?in\b.{0,60}$"),
        ("account prompt", r"^(already (have an account|registered)|create an account)\b"),
        # Site furniture.
        ("cookie banner", r"\b(we|this (web)?site) uses? cookies\b|\baccept (all )?cookies\b"),
        ("site furniture",
         r"^(advertisement|sponsored( content)?|skip to (main )?content|read more|related "
         r"(articles|stories|topics)|more on this story|share( this( article| story)?)?|"
         r"click here.{0,60}|most (read|popular)|top stories|image copyright.{0,60}|"
         r"all rights reserved\.?)$"),
        ("copyright", r"^(©|\(c\)|copyright\b).{0,100}$"),
        # Case matters for names: "By contrast, the army said" is a sentence, not a byline.
        ("byline",
         r"^by\s+(?-i:[A-Z][\w.'-]*)(\s+(?-i:[A-Z][\w.'-]*)){1,3}(\s*(,|\||-|and)\s*.{0,60})?$"),
        ("agency credit",
         r"^(additional )?(reporting|writing|editing)( and (writing|editing))? by\b.{0,120}$"),
        # Photo captions and credits.
        ("photo caption",
         r"^.{0,200}\((photo\s*:?\s*)?(reuters|afp|ap|ap photo|epa(-efe)?|getty( images)?|"
         r"anadolu( agency)?|aa|xinhua|dpa|file photo|pool|[^()]{0,40}/(reuters|afp|ap|"
         r"getty images|epa))\)\s*$"),
        ("photo caption",
         r"^(photo|photograph|image|picture|pic|credit|file photo|caption)s?"
         r"(\s+(caption|credit|source))?\s*(:|by\b).{0,120}$"),
        ("photo caption",
         r"^.{0,160}\b(photo|photograph|image|picture|credit)s?\s*:\s*[^.!?]{0,60}$"),
        ("photo caption", r"^.{0,160}\bgetty( images)?\s*\)?\.?$"),
        ("photo caption", r"\s\|\s*$"),
    )
)  # fmt: skip

_DONATION = "donation appeal"
# An appeal is one block: a short line without figures directly between two appeal lines ("Thank
# you.") belongs to it; a sentence of the article never does (it is long or states a number).
_APPEAL_GAP = 2
_APPEAL_FILLER_MAX_WORDS = 8
# The outlet speaking of itself ("we know how important it is"): news copy speaks in the first
# person plural only inside quotation marks.
_OUTLET_VOICE = re.compile(r"\b(we|our|us)\b", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[\"“”]")
_LABEL_MAX_WORDS = 6
_LABEL_MAX_CHARS = 60
_NEAR_DUP_MIN_WORDS = 8
_NEAR_DUP_SHARE = 0.7
_MAX_GLUED_COPIES = 4
_BINARY_SHARE = 0.2
_MIN_HTML_WORDS = 5
_SENTENCE_END = (".", "!", "?", '"', "”", "'", "’", ":", ";", ")")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CleanText:
    """Cleaned article text with a map from cleaned offsets back to the original input.

    `segments` holds (clean_start, orig_start, length) per kept line; the text between
    segments is a synthesized "\\n" or "\\n\\n" that has no counterpart in the original.
    """

    text: str
    original: str
    segments: tuple[tuple[int, int, int], ...]
    removed: tuple[tuple[str, str], ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span to the original; exact for spans inside one kept line."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} is outside the cleaned text")
        if not self.segments:
            return (0, 0)
        starts = [segment[0] for segment in self.segments]
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        clean_a, orig_a, length_a = self.segments[first]
        if start >= clean_a + length_a and first + 1 < len(self.segments):
            # The span starts in a synthesized separator: begin at the next kept line.
            first += 1
            clean_a, orig_a, length_a = self.segments[first]
        orig_start = orig_a + max(start - clean_a, 0)
        last = max(bisect.bisect_left(starts, end) - 1, 0)
        clean_b, orig_b, length_b = self.segments[last]
        orig_end = orig_b + min(end - clean_b, length_b)
        return (orig_start, max(orig_end, orig_start))


@dataclass(frozen=True)
class _Line:
    """One non-blank line of the input, stripped, with its position."""

    start: int
    text: str
    blank_before: bool


def _lines(raw: str) -> list[_Line]:
    """Non-blank lines with their offsets; leading/trailing whitespace is left out of the span."""
    found: list[_Line] = []
    blank_before = False
    line_start = 0
    for line_end, next_start in _line_bounds(raw):
        content = raw[line_start:line_end]
        stripped = content.strip()
        if stripped:
            lead = len(content) - len(content.lstrip())
            found.append(_Line(line_start + lead, stripped, blank_before and bool(found)))
            blank_before = False
        else:
            blank_before = True
        line_start = next_start
    return found


def _line_bounds(raw: str) -> list[tuple[int, int]]:
    """(end of line, start of next line) for each line, whatever the newline convention."""
    bounds = [(match.start(), match.end()) for match in _NEWLINE.finditer(raw)]
    bounds.append((len(raw), len(raw)))
    return bounds


def _boilerplate_reason(text: str) -> str | None:
    """Why a line is boilerplate on its own, without looking at its neighbours."""
    if agency_line().match(text):
        return "agency sign-off"
    if is_dateline(text):
        return "dateline"
    for reason, pattern in BOILERPLATE:
        if pattern.search(text):
            return reason
    return None


def _fill_appeal_gaps(reasons: list[str | None], texts: list[str]) -> list[str | None]:
    """Mark a line between two close donation-appeal lines as part of the appeal when it is short
    and figure-free or written in the outlet's own voice."""
    filled = list(reasons)
    appeal_at = [i for i, reason in enumerate(reasons) if reason == _DONATION]
    for left, right in itertools.pairwise(appeal_at):
        if 1 < right - left <= _APPEAL_GAP + 1:
            for i in range(left + 1, right):
                short = len(texts[i].split()) <= _APPEAL_FILLER_MAX_WORDS and not find_numbers(texts[i])
                own_voice = _OUTLET_VOICE.search(texts[i]) and not _QUOTE_MARKS.search(texts[i])
                if short or own_voice:
                    filled[i] = filled[i] or _DONATION + " (inside the appeal)"
    return filled


def _words(text: str) -> list[str]:
    """Lower-cased word tokens, for comparing lines regardless of quotes and punctuation."""
    return _WORD.findall(text.lower())


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    """Word trigrams of a line."""
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _is_glued_repeat(text: str) -> bool:
    """True for a line that is one string repeated two or more times without a separator."""
    for copies in range(2, _MAX_GLUED_COPIES + 1):
        if len(text) % copies == 0:
            part = text[: len(text) // copies]
            if part.strip() and part * copies == text:
                return True
    return False


class _Seen:
    """Earlier kept lines, to spot exact, glued and near duplicates."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.lines_with: dict[tuple[str, ...], set[int]] = {}
        self.count = 0

    def duplicate_reason(self, text: str) -> str | None:
        """Why a line repeats an earlier one, or None."""
        words = _words(text)
        if " ".join(words) in self.keys or _is_glued_repeat(text):
            return "duplicate"
        if len(words) < _NEAR_DUP_MIN_WORDS:
            return None
        grams = _trigrams(words)
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(self.lines_with.get(gram, ()))
        best = max(shared.values(), default=0)
        return "near duplicate" if best >= _NEAR_DUP_SHARE * len(grams) else None

    def add(self, text: str) -> None:
        """Remember a kept line."""
        words = _words(text)
        self.keys.add(" ".join(words))
        for gram in _trigrams(words):
            self.lines_with.setdefault(gram, set()).add(self.count)
        self.count += 1


def _is_section_label(text: str) -> bool:
    """A very short line with no sentence punctuation and no number in digits or words ("Harbour
    news"); "Five passengers killed" states a figure, so it is a headline, not a label."""
    return (
        len(text.split()) <= _LABEL_MAX_WORDS
        and len(text) <= _LABEL_MAX_CHARS
        and not text.endswith(_SENTENCE_END)
        and not find_numbers(text)
    )


def clean(raw: str) -> CleanText:
    """Remove boilerplate lines; kept lines are copied verbatim, blank-line structure kept."""
    lines = _lines(raw)
    reasons = _fill_appeal_gaps([_boilerplate_reason(line.text) for line in lines], [ln.text for ln in lines])
    seen = _Seen()
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    removed: list[tuple[str, str]] = []
    length = 0
    blank_pending = False
    for line, reason in zip(lines, reasons, strict=True):
        blank_pending = blank_pending or line.blank_before
        is_title = not segments and reason is None and looks_like_headline(line.text)
        if reason is None:
            reason = seen.duplicate_reason(line.text)
        if reason is None and not is_title and _is_section_label(line.text):
            reason = "section label"
        if reason is not None:
            removed.append((reason, line.text))
            continue
        if segments:
            separator = "\n\n" if blank_pending else "\n"
            parts.append(separator)
            length += len(separator)
        segments.append((length, line.start, len(line.text)))
        parts.append(line.text)
        length += len(line.text)
        blank_pending = False
        seen.add(line.text)
    return CleanText("".join(parts), raw, tuple(segments), tuple(removed))


def validate_text(raw: str, max_chars: int) -> None:
    """Raise InputError for empty, binary-looking or over-long article text."""
    if len(raw) > max_chars:
        raise InputError(f"article is {len(raw):,} characters long; the limit is {max_chars:,}")
    if not raw.strip():
        raise InputError("article text is empty")
    if "\x00" in raw:
        raise InputError("article text contains NUL bytes; it looks binary, not text")
    unprintable = sum(1 for ch in raw if _is_unprintable(ch))
    if unprintable > _BINARY_SHARE * len(raw):
        raise InputError(
            f"{unprintable} of {len(raw)} characters are control or replacement characters; "
            "the input looks binary, not text"
        )


def _is_unprintable(ch: str) -> bool:
    """Control, unassigned or replacement characters (whitespace does not count)."""
    if ch in "\n\r\t\f\v" or ch == " ":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"}


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """Main article text (paragraphs separated by blank lines) and metadata from an HTML page."""
    # Imported here: trafilatura pulls lxml and friends, which plain-text callers do not need.
    import trafilatura
    from lxml.etree import LxmlError

    if not html.strip():
        raise InputError("HTML input is empty")
    try:
        document = trafilatura.bare_extraction(
            html,
            output_format="python",
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        if document is None or not (getattr(document, "text", None) or "").strip():
            # Precision mode can reject short pages; a default pass is better than nothing.
            document = trafilatura.bare_extraction(
                html,
                output_format="python",
                include_comments=False,
                with_metadata=True,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except (ValueError, TypeError, AttributeError, LxmlError) as error:
        raise InputError(f"could not parse the HTML input: {error}") from error
    text = (getattr(document, "text", None) or "") if document is not None else ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if sum(len(paragraph.split()) for paragraph in paragraphs) < _MIN_HTML_WORDS:
        # A lone menu label ("Home") is what is left of a page without an article.
        raise InputError("no article text could be extracted from the HTML input")
    meta = {
        key: getattr(document, key, None)
        for key in ("title", "date", "sitename", "author", "url", "description")
    }
    return "\n\n".join(paragraphs), meta
