"""Article metadata found in the text itself: the outlet that published it and its headline."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import tomllib

from service.dates import is_dateline

_HEADLINE_MAX_WORDS = 25
_HEADER_LINES = 15


@cache
def agency_names() -> tuple[str, ...]:
    """Wire services and outlets whose bare name on its own line is a sign-off (service/outlets.toml)."""
    data = tomllib.loads(files("service").joinpath("outlets.toml").read_text(encoding="utf-8"))
    return tuple(data["agencies"])


def _agency_alternatives() -> str:
    """The agency names as one regex alternation, longest first (so "AP" does not cut "APA")."""
    return "|".join(re.escape(name) for name in sorted(agency_names(), key=len, reverse=True))


@cache
def agency_line() -> re.Pattern[str]:
    """A line that is only an agency name, optionally dashed or in parentheses: "- AFP", "(Reuters)"."""
    alternatives = _agency_alternatives().replace(r"\ ", r"\s+")
    return re.compile(rf"^[\s\-–—(\[]*(?P<name>{alternatives})[\s)\].]*$", re.IGNORECASE)


_OUTLET_NAME = r"(?P<name>(?:The\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})"
_OUTLET_BOILERPLATE: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\bnotifications\s+from\s+{_OUTLET_NAME}"),
    re.compile(rf"^\s*(?i:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?{_OUTLET_NAME}"),
)
# "(CNN) -- ", "WASHINGTON (Reuters) - ": an outlet credit in the opening line of the story.
_OPENING_CREDIT = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.,' -]{0,40}\s)?\((?P<name>[A-Z][A-Za-z]{1,20}(?:\s[A-Z][A-Za-z]+)?)\)"
    r"\s*(?:--|—|–|-)\s"
)


def find_outlet(raw: str, html_meta: dict[str, object] | None = None) -> str | None:
    """Outlet named by the HTML metadata, site boilerplate, an opening credit or a sign-off."""
    if html_meta:
        sitename = html_meta.get("sitename")
        if isinstance(sitename, str) and sitename.strip():
            return " ".join(sitename.split())
    lines = [line for line in raw.splitlines() if line.strip()]
    for line in lines:
        for pattern in _OUTLET_BOILERPLATE:
            match = pattern.search(line)
            if match:
                return " ".join(match["name"].split())
    for line in lines[:_HEADER_LINES]:
        match = _OPENING_CREDIT.match(line)
        if match and _is_known_or_acronym(match["name"]):
            return match["name"]
    for line in lines[-3:]:
        match = agency_line().match(line)
        if match:
            return _canonical_agency(match["name"])
    return None


def _is_known_or_acronym(name: str) -> bool:
    """Credits in parentheses are outlets only when known or all capitals (CNN, AP)."""
    known = {agency.lower() for agency in agency_names()}
    return name.lower() in known or (name.isupper() and len(name) <= 6)


def _canonical_agency(name: str) -> str:
    """The agency name as spelled in agency_names() ("reuters" -> "Reuters")."""
    squashed = " ".join(name.split()).lower()
    return next((agency for agency in agency_names() if agency.lower() == squashed), name)


def looks_like_headline(line: str) -> bool:
    """Short, has letters, and does not end like a sentence or a dateline."""
    stripped = line.strip()
    words = stripped.split()
    return (
        0 < len(words) <= _HEADLINE_MAX_WORDS
        and any(ch.isalpha() for ch in stripped)
        and not stripped.endswith((".", ",", ";", ":", "|"))
        and not is_dateline(stripped)
    )


def find_title(clean_text: str) -> str | None:
    """The first line of the cleaned text when it looks like a headline."""
    for line in clean_text.splitlines():
        if line.strip():
            return line.strip() if looks_like_headline(line) else None
    return None


@cache
def agency_credit() -> re.Pattern[str]:
    """An agency credit in parentheses, as a dateline writes it: "(CNN)", "(Reuters) --"."""
    return re.compile(rf"\s*\((?:{_agency_alternatives()})\)\s*(?:--|—|–)?\s*")
