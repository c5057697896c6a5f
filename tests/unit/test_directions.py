"""Journeys turned round: origin and destination read from the parse (sentences written for
these tests)."""

import pytest

from service.directions import direction, turned_journeys
from service.document import Document
from service.syntax import parser
from service.verify import code_problems

ARTICLE = [
    "A Varna-bound ferry returned to Ostrel after a fire broke out in its engine room.",
    "The ferry was sailing from Ostrel to Varna on Monday with 300 passengers aboard.",
]


@pytest.mark.parametrize(
    ("sentence", "place", "expected"),
    [
        ("The plane left Tarsa for Ostrel.", "Tarsa", "origin"),
        ("The plane left Tarsa for Ostrel.", "Ostrel", "destination"),
        ("The ship was bound for Lagos.", "Lagos", "destination"),
        ("Migrants crossed from Libya to Italy.", "Libya", "origin"),
        ("Migrants crossed from Libya to Italy.", "Italy", "destination"),
        ("He arrived in Paris on Monday.", "Paris", "destination"),
        ("A Varna-bound ferry caught fire.", "Varna", "destination"),
        # no journey: where someone is from, a distance, a place of an event
        ("She is a nurse from Leeds.", "Leeds", None),
        ("He lives two miles from Leeds.", "Leeds", None),
        ("A fire broke out in Ostrel.", "Ostrel", None),
    ],
)
def test_a_places_direction_is_read_from_the_parse(sentence: str, place: str, expected: str | None) -> None:
    doc = parser().parse(sentence)
    ent = next(e for e in doc.ents if e.text == place)
    assert direction(ent.root) == expected


@pytest.mark.parametrize(
    ("claim", "turned"),
    [
        ("A ferry from Varna returned to Ostrel.", ["Varna"]),  # it was going to Varna
        ("A ferry to Varna returned to Ostrel.", []),
        ("The ferry from Ostrel returned.", []),
        # Ostrel is both where it set out and where it returned: the article gives it both ways
        ("The ferry bound for Ostrel turned back.", []),
        ("A fire broke out on a ferry in Varna.", []),  # not a direction: left to other checks
    ],
)
def test_a_journey_turned_round_is_found(claim: str, turned: list[str]) -> None:
    article = [parser().parse(s) for s in ARTICLE]
    assert [t.place for t in turned_journeys(parser().parse(claim), article)] == turned


def test_a_turned_journey_is_a_problem_of_the_sentence() -> None:
    doc = Document.from_text(" ".join(ARTICLE))
    problems = code_problems("A ferry from Varna returned to Ostrel.", doc, []).problems
    assert any("the article names it only as its destination" in p for p in problems)
    assert code_problems("A Varna-bound ferry returned to Ostrel.", doc, []).problems == []
