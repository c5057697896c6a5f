"""A summary may not stop where the article's clause goes on (sentences written for these tests)."""

import re

import pytest

from service.cut_clauses import cut_clauses
from service.syntax import parser


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [
        str(c) for c in cut_clauses(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])
    ]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # a page that ran two sentences together, cut before the second one's verb
        (
            "The woman who died in the crash near Tarsa has been identified as a retired teacher.",
            "The woman who died in the crash near Tarsa has been identified as a retired teacher continues "
            "to recover in hospital after the collision.",
        ),
        (
            "The girl who died in a crash near Varna has been identified as a nine-year-old boy.",
            "The girl who died in a crash in the north has been identified as a nine-year-old boy continues "
            "to fight for his life.",
        ),
    ],
)
def test_a_copy_cut_before_the_verb_of_its_last_noun_is_found(claim: str, article: str) -> None:
    assert check(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the article's clause ends where the copy does, or goes on with a clause of its own
        (
            "Police arrested a man near the station on Friday.",
            "Police arrested a man near the station on Friday who had fled.",
        ),
        (
            "The mayor said the plan to close the library was dead.",
            "The mayor said the plan to close the library was dead, and the council agreed.",
        ),
        (
            "The girl who died has been identified as Ana Ruiz.",
            "The girl who died has been identified as Ana Ruiz. Her brother continues to fight for his life.",
        ),
        (
            "Rescuers pulled three people from the rubble of the building.",
            "Rescuers pulled three people from the rubble of the building the storm flattened.",
        ),
        (
            "She thanked the nurses who cared for her son.",
            "She thanked the nurses who cared for her son as he recovered.",
        ),
        # a relative clause said as a sentence of its own: the article's main verb comes later
        (
            "A mother threw her daughter a party where they played loud music all night.",
            "A mother who threw her daughter a party where they played loud music all night has been fined.",
        ),
        (
            "A teenager spoke about being bullied at school in Fallow, Kent.",
            "A teenager who spoke about being bullied at school in Fallow, Kent died last week.",
        ),
    ],
)
def test_a_copy_that_ends_with_its_clause_is_not_found(claim: str, article: str) -> None:
    assert check(claim, article) == []
