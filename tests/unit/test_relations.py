"""Who did what: a summary sentence may not give an action to someone the article does not."""

import re

import pytest

from service.relations import verb_key, wrong_doers
from service.syntax import parser


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return wrong_doers(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the one who told of it is made the one who did it
        (
            "Radio Kaleva lifted the flood warning.",
            "The flood warning was lifted on Sunday, Radio Kaleva said.",
        ),
        ("Tomasz Brel opened the bridge.", "The bridge was opened at noon, Tomasz Brel told reporters."),
        # another named person did it
        (
            "Ana Petrova married her son Luka.",
            "Her eldest son Marko married his partner Ines on Friday. Ana Petrova watched from the front.",
        ),
        ("Hartley signed the contract.", "Jonas Weber signed the contract after Hartley left the room."),
        # the article never says who did it, and the one named told of something else
        (
            "Radio Kaleva cancelled the storm warning.",
            "The storm warning was cancelled before noon. Radio Kaleva had said big waves were possible.",
        ),
    ],
)
def test_a_swapped_doer_is_found(claim: str, article: str) -> None:
    assert check(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # descriptions and synonyms are not compared
        ("Police arrested a man after the fire.", "Officers arrested a 40-year-old man after the fire."),
        ("The company announced it would cut 300 jobs.", "Norvik announced on Friday it would cut 300 jobs."),
        # titles, plural family names, passive and active
        (
            "Mr Dalton wants longer opening hours.",
            "Peter Dalton wants longer opening hours, his office said.",
        ),
        (
            "The Okafors paid $12,000 in fees.",
            "Chidi Okafor and his wife, Ada, paid more than $12,000 in fees.",
        ),
        (
            "Ministers signed the treaty in Oslo.",
            "The treaty was signed in Oslo by ministers from five countries.",
        ),
        ("A court sentenced Reyes to six years.", "Reyes was sentenced to six years in prison on Monday."),
        # a verb the article never uses: the model verifier decides
        ("Lindqvist approved the plan.", "Lindqvist gave the plan the go-ahead on Tuesday."),
        # the doer of a relative clause is the noun it describes
        ("Mayor Ruiz closed the park.", "It was Mayor Ruiz who closed the park after the storm."),
    ],
)
def test_a_true_paraphrase_is_not_flagged(claim: str, article: str) -> None:
    assert check(claim, article) == []


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        (
            "Hartley criticised the contract.",
            "Jonas Weber criticized the contract after Hartley left the room.",
        ),
        ("Hartley analyzed the figures.", "Jonas Weber analysed the figures after Hartley left the room."),
    ],
)
def test_a_verb_spelled_the_other_way_is_the_same_verb(claim: str, article: str) -> None:
    assert check(claim, article)
    assert verb_key("criticise") == verb_key("criticize") and verb_key("analyse") == verb_key("analyze")
