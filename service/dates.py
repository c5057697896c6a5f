"""Dates: the publication date of an article, datelines, and resolving an event's date text."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

# Words a timestamp-only line may contain besides numbers, months, weekdays and punctuation.
_DATELINE_WORDS = frozenset(
    {
        "published", "updated", "posted", "last", "modified", "first", "created", "date", "time",
        "on", "at", "of", "the", "st", "nd", "rd", "th", "am", "pm", "utc", "gmt", "bst", "est",
        "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "ct", "pt", "cet", "cest", "eet",
        "eest", "hkt", "ist", "jst", "aest", "aedt", "msk", "ast", "sast", "wat", "eat", "ict",
        "pkt"
    }
)  # fmt: skip

# Every month name as one regex alternation, longest first ("sept" before "sep").
MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{MONTH_ALT})\.?,?\s+(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_MDY = re.compile(rf"\b(?P<m>{MONTH_ALT})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
_DM = re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{MONTH_ALT})\b", re.IGNORECASE)
_MD = re.compile(rf"\b(?P<m>{MONTH_ALT})\.?\s+(?P<d>\d{{1,2}}){_ORD}(?!\d)\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}\s*(?:gmt|utc)\b", re.IGNORECASE)
_AMPM = re.compile(r"\b[ap]\.m\.", re.IGNORECASE)
_DATELINE_TOKEN = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_PUBLISH_LABEL = re.compile(
    r"\b(?P<label>published|posted|first published|updated|last updated|last modified)\b",
    re.IGNORECASE,
)
_HEADER_LINES = 15
_BYLINE_BREAK = re.compile(r"\s[|•·]\s")

_WEEKDAY_RE = re.compile(rf"\b(?:{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})\b", re.I)
_AMBIGUOUS = re.compile(
    r"\b(?:week|weeks|weekend|month|months|year|years|recent|recently|past|since|between|until|"
    r"earlier this|later this|this week|days)\b",
    re.IGNORECASE,
)
_DAYS_AGO = re.compile(r"\b(?P<n>\d{1,2}|a|one|two|three|four|five|six)\s+days?\s+ago\b", re.I)
_SMALL_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_RELATIVE_DAYS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bday before yesterday\b", re.I), -2),
    (re.compile(r"\byesterday\b", re.I), -1),
    (re.compile(r"\blast night\b", re.I), -1),
    (re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I), 0),
)


def _make_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the numbers do not form one (31 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_full_date(text: str) -> date | None:
    """First complete date (day, month and year) written in `text`, or None."""
    found: list[tuple[int, date]] = []
    for pattern in (_ISO, _DMY, _MDY):
        for match in pattern.finditer(text):
            month = match["m"]
            month_no = int(month) if month.isdigit() else MONTHS[month.lower()]
            made = _make_date(int(match["y"]), month_no, int(match["d"]))
            if made is not None:
                found.append((match.start(), made))
    return min(found, key=lambda item: item[0])[1] if found else None


def _parse_day_month(text: str) -> tuple[int, int] | None:
    """(month, day) written without a year ("October 8", "8 October"), or None."""
    for pattern in (_DM, _MD):
        match = pattern.search(text)
        if match:
            return MONTHS[match["m"].lower()], int(match["d"])
    return None


def is_dateline(line: str) -> bool:
    """True when the line is only a timestamp ("Monday 31 October 2016 05:30 EDT")."""
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or not any(ch.isdigit() for ch in stripped):
        return False
    stripped = _AMPM.sub(" ", stripped)
    has_month = False
    for token in _DATELINE_TOKEN.findall(stripped):
        word = token.lower()
        if word in MONTHS:
            has_month = True
        elif not (token.isdigit() or not token.isalnum() or word in WEEKDAYS
                  or word in _DATELINE_WORDS):  # fmt: skip
            return False
    return has_month or bool(_ISO.search(stripped) or _TIME.search(stripped))


def _to_date(value: object) -> date | None:
    """A date from an ISO string ("2016-10-31", "2016-10-31T05:30:00Z"), else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _ISO.match(value.strip())
        if match:
            return _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return None


def _header_lines(raw: str) -> list[str]:
    """The first non-blank lines, where bylines and datelines live."""
    return [line for line in raw.splitlines() if line.strip()][:_HEADER_LINES]


def find_published(raw: str, html_meta: dict[str, object] | None = None) -> str | None:
    """ISO date of publication stated in the header lines or the HTML metadata, else None."""
    if html_meta:
        from_meta = _to_date(html_meta.get("date"))
        if from_meta is not None:
            return from_meta.isoformat()
    labelled: list[tuple[bool, date]] = []
    for line in _header_lines(raw):
        label = _PUBLISH_LABEL.search(line)
        # "Updated 1232 GMT July 12, 2015" in a byline counts; "published on ..." in a sentence not.
        if label is not None and not is_dateline(_BYLINE_BREAK.split(line[label.start() :])[0]):
            label = None
        if label is None and not is_dateline(line):
            continue
        stated = parse_full_date(line[label.end() :] if label else line)
        if stated is None:
            continue
        is_update = label is not None and "updated" in label["label"].lower()
        is_update = is_update or (label is not None and "modified" in label["label"].lower())
        labelled.append((is_update, stated))
    if not labelled:
        return None
    # A publication stamp beats an update stamp; otherwise the first one stated.
    originals = [stated for is_update, stated in labelled if not is_update]
    return (originals or [labelled[0][1]])[0].isoformat()


def resolve_date(date_text: str | None, published: str | None) -> str | None:
    """ISO date of an event's `date_text`, anchored on `published`; None when not determinable."""
    if not date_text or not date_text.strip():
        return None
    text = " ".join(date_text.split())
    full = parse_full_date(text)
    if full is not None:
        return full.isoformat()
    anchor = _to_date(published)
    if anchor is None or _AMBIGUOUS.search(_DAYS_AGO.sub(" ", text)):
        return None
    day_month = _parse_day_month(text)
    if day_month is not None:
        return _resolve_day_month(day_month, anchor)
    ago = _DAYS_AGO.search(text)
    if ago is not None:
        count = ago["n"].lower()
        days = int(count) if count.isdigit() else _SMALL_NUMBERS[count]
        return (anchor - timedelta(days=days)).isoformat()
    for pattern, offset in _RELATIVE_DAYS:
        if pattern.search(text):
            return (anchor + timedelta(days=offset)).isoformat()
    return _resolve_weekday(text, anchor)


def _resolve_day_month(day_month: tuple[int, int], anchor: date) -> str | None:
    """A day and month in the publication year, or the year before if that is later."""
    month, day = day_month
    made = _make_date(anchor.year, month, day)
    if made is not None and made > anchor:
        made = _make_date(anchor.year - 1, month, day)
    return made.isoformat() if made else None


def _resolve_weekday(text: str, anchor: date) -> str | None:
    """The most recent such weekday on or before publication (news convention)."""
    names = {WEEKDAYS[m.group(0).lower()] for m in _WEEKDAY_RE.finditer(text)}
    if len(names) != 1:
        return None
    weekday = names.pop()
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and re.search(r"\blast\b", text, re.IGNORECASE):
        back = 7  # "last Tuesday" written on a Tuesday means a week ago
    return (anchor - timedelta(days=back)).isoformat()
