"""A relative clause given to the wrong noun, on sentences written for the test."""

from __future__ import annotations

import re

import pytest

from service.attachment import misattached_clauses
from service.syntax import parser


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    sentences = [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)]
    return [str(m) for m in misattached_clauses(parse(claim), sentences)]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        (
            "The wife of a local farmer was stabbed outside a pub.",
            "The wife of a local farmer who was stabbed outside a pub appeared in court on Monday.",
        ),
        (
            "Ann Mercer, the girlfriend of a college runner, was shot while jogging.",
            "The girlfriend of a college runner who was shot while jogging in Tarlow gave evidence. "
            "Ann Mercer wept as the court heard he was shot once in the back.",
        ),
        (
            "The brother of a soldier died in Helmand.",
            "The brother of a soldier who died in Helmand has called for an inquiry.",
        ),
        (
            "The charity is linked to a church group and was fined for fraud.",
            "The charity, which is linked to a church group that was fined for fraud, opened a shop.",
        ),
        ("The man ran a drugs ring.", "A man linked to a gang that ran a drugs ring was jailed on Friday."),
    ],
)
def test_the_clause_given_to_the_first_noun_is_found(claim: str, article: str) -> None:
    assert check(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the nearer noun, as the article reads
        (
            "A local farmer was stabbed outside a pub.",
            "The wife of a local farmer who was stabbed outside a pub appeared in court on Monday.",
        ),
        # the article says it of her elsewhere
        (
            "The wife of a local farmer was stabbed outside a pub.",
            "The wife of a local farmer who was stabbed outside a pub spoke on Monday. "
            "She was stabbed as she left the pub.",
        ),
        (
            "Ann Mercer, the girlfriend of a runner, was shot.",
            "The girlfriend of a runner who was shot gave evidence. Ann Mercer was shot in the arm.",
        ),
        (
            "The man ran a drugs ring.",
            "A man linked to a gang that ran a drugs ring was jailed. He ran the ring for years.",
        ),
        # no "N1 of N2" before the clause
        ("The farmer was stabbed.", "A farmer who was stabbed outside a pub has died."),
    ],
)
def test_a_clause_the_article_allows_is_kept(claim: str, article: str) -> None:
    assert check(claim, article) == []
