"""What came first and what caused what: a summary sentence may not turn it round (sentences
written for these tests)."""

import re

import pytest

from service.sequence import reversed_order
from service.syntax import parser

CLOSED = "The road was closed because the bridge collapsed."
ARRESTED = "Halvor Ek was arrested after police searched his flat in Lund."
RESCUED = "The climber was rescued after she called for help. Her friends stayed with her."
FLED = "The driver fled after the crash."


def turned(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return reversed_order(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # a reason turned round
        ("The bridge collapsed because the road was closed.", CLOSED),
        # an order turned round, by "after" or "before"
        ("The bridge collapsed after the road was closed.", CLOSED),
        ("Police searched the flat of Halvor Ek after he was arrested.", ARRESTED),
        ("The climber called for help after she was rescued.", RESCUED),
        # a cause said where the article gives the order the other way
        ("The climber called for help because she was rescued.", RESCUED),
        # a noun and a verb for the same event ("the crash", "crashed")
        ("The driver crashed after he fled.", FLED),
        ("The crash happened after the driver fled.", FLED),
    ],
)
def test_an_order_or_cause_turned_round_is_found(claim: str, article: str) -> None:
    assert turned(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        ("The road was closed after the bridge collapsed.", CLOSED),
        ("The bridge collapsed before the road was closed.", CLOSED),
        ("Police searched his flat before Halvor Ek was arrested.", ARRESTED),
        ("Halvor Ek was arrested after a search of his flat.", ARRESTED),
        ("The climber was rescued because she called for help.", RESCUED),
        # a link the article does not make: not for this check to judge
        ("The road was closed because of the storm.", CLOSED),
        # "since" and "as" can be a time or a reason: not read
        ("The bridge collapsed since the road was closed.", CLOSED),
        # the article states both orders (two searches, two arrests): either may be meant
        (
            "Police searched the flat after Halvor Ek was arrested.",
            f"{ARRESTED} He was arrested again after police searched it a second time. "
            "Police searched the flat after he was arrested.",
        ),
    ],
)
def test_a_true_or_unlinked_sentence_is_kept(claim: str, article: str) -> None:
    assert not turned(claim, article)


def test_the_warning_names_both_events() -> None:
    (problem,) = turned("The bridge collapsed because the road was closed.", CLOSED)
    assert "'closed'" in problem and "'collapsed'" in problem


def _unstated(claim: str, article: str) -> list[str]:
    from service.sequence import unstated_causes

    parse = parser().parse
    return unstated_causes(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])


CAUSES = (
    "Forty men were freed from the boat on Tuesday. Some of the men wanted to stay because they were "
    "owed back pay. The flight was cancelled because of thick fog. The match was called off owing to "
    "rain. The bridge collapsed as a result of the flood."
)


@pytest.mark.parametrize(
    "claim",
    [
        # two facts of the article joined by a cause it never states
        "The men were freed because they were owed back pay.",
        "The match was called off because of the flood.",
        "The flight was cancelled due to the flood.",
    ],
)
def test_a_cause_the_article_does_not_state_is_found(claim: str) -> None:
    assert _unstated(claim, CAUSES)


@pytest.mark.parametrize(
    "claim",
    [
        "Some of the men wanted to stay because they were owed back pay.",
        # "due to", "because of", "owing to", "as a result of" are one link
        "The flight was cancelled due to fog.",
        "The match was called off because of rain.",
        "The bridge collapsed because of the flood.",
        # no cause claimed
        "Forty men were freed from the boat on Tuesday.",
    ],
)
def test_a_cause_the_article_states_passes(claim: str) -> None:
    assert _unstated(claim, CAUSES) == []
