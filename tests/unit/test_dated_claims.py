"""A date in a summary sentence goes with the event the article gives it (sentences written for
these tests)."""

import re

import pytest

from service.dated_claims import misdated
from service.syntax import parser

ARTICLE = (
    "Mr Lund was hired by the party last year. "
    "Mr Lund with the senator at a rally in 2008. "
    "The senator won the race in 2008. "
    "Three people died in a fire in Varna on Monday."
)


def _misdated(claim: str, best: str | None = None) -> list[str]:
    parse = parser().parse
    article = [parse(s) for s in re.split(r"(?<=[.!?])\s+", ARTICLE)]
    return misdated(parse(claim), article, parse(best) if best else None)


@pytest.mark.parametrize(
    "claim",
    [
        # one sentence's date given to another sentence's event
        "Mr Lund was hired by the party in 2008.",
        "Mr Lund joined the party in 2008.",
        "The fire in Varna broke out in 2008.",
    ],
)
def test_a_date_given_to_another_event_is_found(claim: str) -> None:
    assert _misdated(claim)


@pytest.mark.parametrize(
    "claim",
    [
        "Mr Lund was hired by the party last year.",
        "The senator won the race in 2008.",
        # another word for dying is the same event
        "Three people were killed in Varna on Monday.",
        # a time the article never writes is the date check's job
        "Mr Lund was hired in 2011.",
        # "now" dates nothing
        "Now the party has hired Mr Lund.",
    ],
)
def test_a_date_with_its_own_event_passes(claim: str) -> None:
    assert _misdated(claim) == []


def test_a_paraphrase_of_the_sentence_that_writes_the_date_passes() -> None:
    claim = "The senator took the race in 2008."
    assert _misdated(claim)
    assert _misdated(claim, best="The senator won the race in 2008.") == []
