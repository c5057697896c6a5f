"""Who did it and to whom: a summary sentence may not turn an action round (sentences written for
these tests)."""

import re

import pytest

from service.sides import reversed_sides
from service.syntax import parser


def turned(claim: str, article: str, paragraphs: list[bool] | None = None) -> list[str]:
    parse = parser().parse
    return reversed_sides(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)], paragraphs)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # a phrasal verb with a pronoun object that stands for the one person named before it
        ("Marta Kovac cheered on the fans.", "Marta Kovac walked onto the pitch. The fans cheered her on."),
        # passive in the article, active in the summary, particle read as a preposition there
        (
            "Leon Varga cheered on the players.",
            "Leon Varga was cheered on by a crowd of fans as he drank. Players cheered and sang.",
        ),
        # active both ways, the two sides swapped
        ("The referee booed the crowd.", "The crowd booed the referee after the final whistle."),
        # passive with an agent said as active the other way round
        ("The dog rescued the firefighters.", "The dog was rescued by the firefighters on Sunday."),
        # the undergoer of the summary is the doer of the article
        ("The volunteers were thanked by the mayor.", "The volunteers thanked the mayor for the new hall."),
        # a relative clause and a reduced one name the undergoer
        (
            "The toddler pulled the lifeguard from the lake.",
            "Witnesses praised the lifeguard who pulled the toddler from the lake.",
        ),
        (
            "The hiker found the rescue team near the summit.",
            "The hiker found by the rescue team near the summit was flown to hospital.",
        ),
        # a reduced passive with its agent, said as active ("beaten by" -> "beating")
        (
            "The town grew by 4 per cent last year, beating only the capital.",
            "The town grew by 4 per cent last year, beaten only by the capital.",
        ),
        # a pronoun in the article's next sentence, same paragraph, one person before it
        (
            "Petra Lind interviewed the reporters.",
            "Petra Lind left the station at noon. Later the police interviewed her again.",
        ),
        # the other side of the article's use is someone else by the sentence itself
        ("Nils Berg praised the coach.", "Nils Berg was praised by the coach after the match."),
    ],
)
def test_an_action_turned_round_is_found(claim: str, article: str) -> None:
    assert turned(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the same roles, active or passive
        ("The fans cheered on Marta Kovac.", "Marta Kovac walked onto the pitch. The fans cheered her on."),
        ("Firefighters rescued the dog.", "The dog was rescued by the firefighters on Sunday."),
        ("The referee was booed by the crowd.", "The crowd booed the referee after the final whistle."),
        # the pronoun could be either of two people: not compared
        ("Leon Varga cheered on the players.", "Leon Varga and Ida Holm arrived. The fans cheered him on."),
        # a description against a name: code cannot tell whether the coach is Nils Berg
        (
            "The coach thanked the players.",
            "Nils Berg thanked the players, and the coach was thanked by the club.",
        ),
        # the article has the summary's doer doing it too
        (
            "Police arrested the protesters.",
            "Two officers were arrested by colleagues. Police later arrested the protesters.",
        ),
        # an action either side can be named first
        ("The governor met the mayor.", "The mayor met the governor on Monday."),
        # a verb without its particle is another verb: "cheer" is not "cheer on"
        ("The fans cheered Leon Varga.", "Leon Varga cheered as the fans clapped him on."),
        # the one persuaded does what the persuader asked (not the police): the gunman releases
        (
            "The gunman released the hostages.",
            "Police persuaded the gunman to release the hostages. The gunman was released on bail.",
        ),
        # a verb whose subject without an object is what it happened to
        ("The storm sank the ferry.", "The ferry sank in the storm."),
    ],
)
def test_a_true_sentence_is_kept(claim: str, article: str) -> None:
    assert not turned(claim, article)


def test_a_pronoun_does_not_look_into_the_previous_paragraph() -> None:
    article = "Petra Lind left the station at noon. Later the police interviewed her again."
    claim = "Petra Lind interviewed the reporters."
    assert turned(claim, article, [True, False])
    # a new paragraph starts with the pronoun's sentence: "her" stands for no one known
    assert not turned(claim, article, [True, True])


def test_the_warning_says_who_was_the_doer() -> None:
    (problem,) = turned(
        "The dog rescued the firefighters.", "The dog was rescued by the firefighters on Sunday."
    )
    assert "'dog'" in problem and "done to" in problem and "firefighters" in problem


SIDES_ARTICLE = [
    "Passengers on the ferry said a cargo ship was spotted on the horizon, but its crew never saw them.",
    "Police arrested the driver after the crash.",
    "The mayor met the governor on Monday.",
    "The storm battered the coast, and the old pier sank.",
    "The bill passed the committee by 25 votes to 2.",
]


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("A cargo ship spotted the ferry.", True),
        ("The driver arrested the police officers.", True),
        ("The storm was battered by the coast.", True),
        ("Passengers spotted a cargo ship.", False),
        ("Police arrested the driver.", False),
        ("The governor met the mayor.", False),
        ("The coast was battered by the storm.", False),
        ("The pier sank in the storm.", False),
        ("The committee passed the bill.", False),
        ("Three people were killed and eight injured.", False),
    ],
)
def test_the_earlier_table_still_holds(claim: str, expected: bool) -> None:
    article = [parser().parse(s) for s in SIDES_ARTICLE]
    assert bool(reversed_sides(parser().parse(claim), article)) is expected
