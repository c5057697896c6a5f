"""An event may not be placed where the article only says it was told, heard or tried."""

import re

import pytest

from service.document import Document
from service.syntax import parser
from service.venues import moved_events
from service.verify import code_problems


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [
        str(m) for m in moved_events(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])
    ]


PLEA = (
    "Carl Voss pleaded guilty at Dunmore Crown Court to attacking his neighbour at her home in Pellow. "
    "He will be sentenced next month."
)


@pytest.mark.parametrize(
    ("claim", "article", "place"),
    [
        ("The attack happened in Dunmore.", PLEA, "Dunmore"),
        ("The assault took place at Dunmore Crown Court.", PLEA, "Dunmore Crown Court"),
        (
            "The stabbing took place in Arvon.",
            "A court in Arvon heard that the victim was stabbed outside a bar in Ketley.",
            "Arvon",
        ),
        (
            "The bombing happened in Tesla City.",
            "Speaking in Tesla City, the minister said the bombing was an act of cowardice.",
            "Tesla City",
        ),
        (
            "Two people died in Norwick.",
            "Officials announced in Norwick that two people had died when the dam burst upstream.",
            "Norwick",
        ),
        # a court's name the parse hangs on the charge still belongs to the plea
        (
            "The incident occurred at Hallam Crown Court.",
            "She was fined after she admitted damaging a parked car at Hallam Crown Court.",
            "Hallam Crown Court",
        ),
        (
            "The robbery occurred at Ellery Crown Court.",
            "Ellery Crown Court heard the robbery was planned for weeks.",
            "Ellery Crown Court",
        ),
    ],
)
def test_an_event_placed_where_it_was_told_is_found(claim: str, article: str, place: str) -> None:
    found = check(claim, article)
    assert len(found) == 1 and repr(place) in found[0]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the place of the event itself
        ("The attack happened in Pellow.", PLEA),
        # the summary places the telling there, not the event
        ("Voss pleaded guilty at Dunmore Crown Court.", PLEA),
        ("Voss appeared in Dunmore on Monday.", PLEA),
        # the article also attaches the place to something that is not telling
        (
            "The attack happened in Arvon.",
            "A court in Arvon heard the case. The victim was attacked in Arvon last May.",
        ),
        (
            "A gunman opened fire outside Lisle Crown Court.",
            "A gunman opened fire outside Lisle Crown Court, police said.",
        ),
        # a place the summary only uses for where things are, not for an event
        ("Thousands of homes in Ostrava lost power.", "The storm cut power, said Ostrava's weather office."),
        # a place the article does not name is not this check's to judge
        ("The attack happened in Brenton.", PLEA),
        # times are not places
        ("The attack happened on Monday.", "Police said on Monday that the attack was planned."),
    ],
)
def test_the_scene_or_a_telling_in_the_summary_is_kept(claim: str, article: str) -> None:
    assert check(claim, article) == []


def test_code_problems_drops_an_event_moved_to_the_court() -> None:
    doc = Document.from_text(PLEA)
    problems = code_problems("The attack happened in Dunmore.", doc, []).problems
    assert any("only as where it was told or tried" in p for p in problems)
    assert not any(
        "told or tried" in p for p in code_problems("The attack happened in Pellow.", doc, []).problems
    )


@pytest.mark.parametrize(
    ("claim", "article", "place"),
    [
        (
            "Two brothers were killed in Marlow.",
            "Two brothers died when their car hit a tree on the Pike Road. "
            "They were on their way home from a county fair in Marlow.",
            "Marlow",
        ),
        (
            "Three people were injured in Ostrel.",
            "Rebels fired rockets at Ostrel from the hills above Varna, and three people were hurt in Varna.",
            "Ostrel",
        ),
        (
            "The crash happened in Belmont.",
            "The coach was taking pilgrims to Belmont when it overturned near a bridge.",
            "Belmont",
        ),
    ],
)
def test_an_event_placed_at_a_journeys_end_or_target_is_found(claim: str, article: str, place: str) -> None:
    (found,) = check(claim, article)
    assert f"in/at {place!r}" in found


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the article also places something in Marlow itself
        (
            "Two brothers were killed in Marlow.",
            "Two brothers were killed in Marlow on Sunday. They were driving home from a fair in Marlow.",
        ),
        # taken out of the place: that is where they were
        (
            "Four miners were trapped in Carrow.",
            "Four miners were pulled from the rubble in Carrow after they were trapped for a day.",
        ),
        # the summary keeps the journey
        (
            "Two brothers were driving home from a fair in Marlow when they were killed.",
            "Two brothers were killed on their way home from a fair in Marlow.",
        ),
    ],
)
def test_a_place_the_article_gives_the_event_is_kept(claim: str, article: str) -> None:
    assert check(claim, article) == []


def test_a_target_the_summary_keeps_as_a_target_is_kept() -> None:
    article = "The gunman opened fire at Ostrel Barracks, witnesses said."
    assert check("The gunman was shooting at Ostrel Barracks.", article) == []
