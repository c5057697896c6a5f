"""Tests for service.dates: publication date, event-date resolution, outlet and title."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.clean import clean
from service.dates import find_published, is_dateline, resolve_date
from service.meta import find_outlet, find_title

SEEDS = sorted((Path(__file__).parents[1] / "data" / "seeds").glob("*.txt"))


def seed(prefix: str) -> str:
    """Text of the seed whose file name starts with `prefix`."""
    return next(path for path in SEEDS if path.name.startswith(prefix)).read_text("utf-8")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", None), ("001", None), ("002", None), ("003", None), ("004", "2016-10-31")],
)
def test_find_published_on_the_seeds(prefix: str, expected: str | None) -> None:
    assert find_published(seed(prefix)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Headline\nPublished 3:04 PM ET, Tue March 8, 2016\nBody.", "2016-03-08"),
        ("Headline\nBy John Smith, CNN\nUpdated 1232 GMT (2032 HKT) July 12, 2015\n(CNN) -- Body.",
         "2015-07-12"),
        ("Headline\nOctober 31, 2016\nBody.", "2016-10-31"),
        ("Headline\nPublished 3:04 PM ET, Tue March 8, 2016 | By Jane Doe\nBody.", "2016-03-08"),
        ("Headline\n2016-10-31\nBody.", "2016-10-31"),
        ("Headline\nLast updated: 2 October 2016\nFirst published on 1 October 2016\nBody.",
         "2016-10-01"),
        ("(CNN) -- Ten people were killed on October 8, 2016, police said.", None),
        ("Headline\nThe report, published on 8 October 2016, said 40 people died.", None),
        ("Headline\n" + "Body sentence.\n" * 20 + "October 31, 2016\n", None),
        ("", None),
    ],
)  # fmt: skip
def test_find_published_from_datelines(raw: str, expected: str | None) -> None:
    assert find_published(raw) == expected


def test_html_metadata_date_wins() -> None:
    raw = "Headline\nOctober 31, 2016\nBody."
    assert find_published(raw, {"date": "2019-05-14"}) == "2019-05-14"
    assert find_published(raw, {"date": "2019-05-14T09:30:00Z"}) == "2019-05-14"
    assert find_published(raw, {"date": None}) == "2016-10-31"


PUBLISHED_MONDAY = "2016-10-31"


@pytest.mark.parametrize(
    ("date_text", "published", "expected"),
    [
        ("on Tuesday", PUBLISHED_MONDAY, "2016-10-25"),
        ("Tuesday", PUBLISHED_MONDAY, "2016-10-25"),
        ("Sunday", PUBLISHED_MONDAY, "2016-10-30"),
        ("on Monday", PUBLISHED_MONDAY, "2016-10-31"),
        ("last Monday", PUBLISHED_MONDAY, "2016-10-24"),
        ("Saturday night", PUBLISHED_MONDAY, "2016-10-29"),
        ("early on Thursday morning", PUBLISHED_MONDAY, "2016-10-27"),
        ("yesterday", PUBLISHED_MONDAY, "2016-10-30"),
        ("today", PUBLISHED_MONDAY, "2016-10-31"),
        ("last night", PUBLISHED_MONDAY, "2016-10-30"),
        ("this morning", PUBLISHED_MONDAY, "2016-10-31"),
        ("two days ago", PUBLISHED_MONDAY, "2016-10-29"),
        ("October 8", PUBLISHED_MONDAY, "2016-10-08"),
        ("on October 8", PUBLISHED_MONDAY, "2016-10-08"),
        ("8 October", PUBLISHED_MONDAY, "2016-10-08"),
        ("on the 8th of October", PUBLISHED_MONDAY, "2016-10-08"),
        ("November 8", PUBLISHED_MONDAY, "2015-11-08"),
        ("8 October 2016", PUBLISHED_MONDAY, "2016-10-08"),
        ("October 8, 2016", None, "2016-10-08"),
        ("2016-10-08", None, "2016-10-08"),
        ("since 19 September 2016", PUBLISHED_MONDAY, "2016-09-19"),
        ("Tuesday", "2016-10-31T05:30:00Z", "2016-10-25"),
        ("September 2015", PUBLISHED_MONDAY, None),
        ("last week", PUBLISHED_MONDAY, None),
        ("in recent days", PUBLISHED_MONDAY, None),
        ("since 19 September", PUBLISHED_MONDAY, None),
        ("Monday or Tuesday", PUBLISHED_MONDAY, None),
        ("February 30", PUBLISHED_MONDAY, None),
        ("Tuesday", None, None),
        ("October 8", None, None),
        ("yesterday", "not a date", None),
        ("", PUBLISHED_MONDAY, None),
        (None, PUBLISHED_MONDAY, None),
    ],
)
def test_resolve_date(date_text: str | None, published: str | None, expected: str | None) -> None:
    assert resolve_date(date_text, published) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", None), ("001", None), ("002", None), ("003", "Anadolu Agency"),
     ("004", "The Independent")],
)  # fmt: skip
def test_find_outlet_on_the_seeds(prefix: str, expected: str | None) -> None:
    assert find_outlet(seed(prefix)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(CNN) -- At least 20 people were killed.", "CNN"),
        ("BEIRUT (Reuters) - Air strikes killed 12 people.", "Reuters"),
        ("ALEPPO, Syria (AP) — Shelling killed 9.", "AP"),
        ("Body text.\n\n- AFP", "AFP"),
        ("Body text.\n\n(reuters)", "Reuters"),
        ("Body.\n\n© 2019 The Daily Courier. All rights reserved.", "The Daily Courier"),
        ("Residents (mostly farmers) - who fled - returned.", None),
        ("The army said 12 died, AFP reported.", None),
        ("", None),
    ],
)
def test_find_outlet(raw: str, expected: str | None) -> None:
    assert find_outlet(raw) == expected


def test_html_sitename_wins_over_text() -> None:
    assert find_outlet("(CNN) -- Text.", {"sitename": "The Daily Courier"}) == "The Daily Courier"
    assert find_outlet("(CNN) -- Text.", {"sitename": ""}) == "CNN"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heavy Fatalities in Syria\n\nBody.", "Heavy Fatalities in Syria"),
        ("Is Aleppo lost?\nBody.", "Is Aleppo lost?"),
        ("At least 38 people were killed.\nMore.", None),
        ("Monday 31 October 2016 05:30 EDT\nBody.", None),
        ("\n\n", None),
    ],
)
def test_find_title(text: str, expected: str | None) -> None:
    assert find_title(text) == expected


def test_find_title_on_a_cleaned_seed() -> None:
    expected = "Assad and Putin to launch ‘full scale’ assault to secure victory in Aleppo"
    assert find_title(clean(seed("004")).text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monday 31 October 2016 05:30 EDT", True),
        ("Published 3:04 PM ET, Tue March 8, 2016", True),
        ("Updated 1232 GMT (2032 HKT) July 12, 2015", True),
        ("October 31, 2016", True),
        ("2016-10-31", True),
        ("Posted at 10:15 a.m.", True),
        ("Monday", False),
        ("October", False),
        ("Aleppo offensive", False),
        ("On October 8 Russia used its veto.", False),
        ("12 killed on Monday", False),
    ],
)
def test_is_dateline(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected
