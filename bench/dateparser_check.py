"""Is dateparser (publication date as its base) better than service.dates.resolve_date? Scores both
on the resolve_date table of tests/unit/test_dates.py. Run: python bench/dateparser_check.py"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import dateparser

from service.dates import resolve_date

TESTS = Path(__file__).resolve().parents[1] / "tests" / "unit" / "test_dates.py"


def with_dateparser(text: str | None, published: str | None) -> str | None:
    """dateparser's reading, relative to the publication date, preferring the past, day required."""
    if not text or not published:
        return None
    try:
        base = datetime.fromisoformat(published[:10])
    except ValueError:
        return None
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    found = dateparser.parse(text, settings=settings, languages=["en"])  # type: ignore[arg-type]
    return found.date().isoformat() if found else None


def main() -> None:
    """Print each miss and the two totals."""
    source = TESTS.read_text(encoding="utf-8")
    block = source[source.index('("on Tuesday", PUBLISHED_MONDAY') : source.index("def test_resolve_date")]
    table = eval("[" + block[: block.rindex("],")].replace("PUBLISHED_MONDAY", '"2016-10-31"') + "]")
    ours = theirs = 0
    for text, published, expected in table:
        ours += resolve_date(text, published) == expected
        got = with_dateparser(text, published)
        theirs += got == expected
        if got != expected:
            print(f"dateparser: {text!r} -> {got}, expected {expected}")
    print(f"{len(table)} cases: resolve_date {ours} right, dateparser {theirs} right")


if __name__ == "__main__":
    main()
