"""A summary may not introduce a thing ("a bridge") that the article writes only inside a name."""

import re

import pytest

from service.document import Document
from service.name_words import names_as_things
from service.syntax import parser
from service.verify import code_problems


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [
        str(n) for n in names_as_things(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])
    ]


@pytest.mark.parametrize(
    ("claim", "article", "word"),
    [
        (
            "A climber was hurt when he slipped off a bridge.",
            "A climber was hurt when he slipped at Denby Bridge quarry. He was flown to hospital.",
            "bridge",
        ),
        (
            "Rescuers pulled a swimmer from a lake.",
            "Rescuers pulled a swimmer from the water near Lake Orlan on Sunday.",
            "lake",
        ),
        (
            "A man was robbed on a bridge after midnight.",
            "A man was robbed on Bridge Street after midnight, police said.",
            "bridge",
        ),
        (
            "Two cars collided near a castle.",
            "Two cars collided on the road to Castle Marden. The driver of one was unhurt.",
            "castle",
        ),
    ],
)
def test_a_thing_read_out_of_a_name_is_found(claim: str, article: str, word: str) -> None:
    found = check(claim, article)
    assert len(found) == 1 and repr(word) in found[0]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the article also writes the word as a common noun
        (
            "A climber slipped off a bridge.",
            "A climber slipped at Denby Bridge quarry. The old bridge nearby was closed.",
        ),
        # a definite reference is coreference
        (
            "Rescuers pulled a swimmer from the lake.",
            "Rescuers pulled a swimmer from the water near Lake Orlan.",
        ),
        # a name that ends in the word is such a thing
        ("Gunmen stormed a college at dawn.", "Gunmen stormed Marsh Valley College at dawn."),
        ("The couple married in a church.", "The couple married at St Bride's Church in June."),
        ("He spoke to a committee of the upper house.", "He spoke at a Budget Committee hearing on Monday."),
        # at a sentence start, or in a title-case line, a capital proves nothing
        ("Officers closed a bridge.", "Bridge Road was closed by officers. Traffic was diverted."),
        ("Officers closed a bridge.", "Police Close Bridge Road After Crash. Traffic was diverted all day."),
        # the article does not have the word at all: not this check's to judge
        ("A dog was found in a barn.", "A dog was found near Castle Marden on Sunday."),
    ],
)
def test_a_thing_the_article_names_or_the_summary_refers_back_to_is_kept(claim: str, article: str) -> None:
    assert check(claim, article) == []


def test_code_problems_drops_a_thing_read_out_of_a_name() -> None:
    doc = Document.from_text("A boy was rescued after falling at Lake Tamsin country park. He is recovering.")
    problems = code_problems("A boy was rescued after falling into a lake.", doc, []).problems
    assert any("only as part of the name" in p for p in problems)
    plain = Document.from_text("A boy was rescued after falling into a lake near Tamsin. He is recovering.")
    assert not any(
        "part of the name" in p
        for p in code_problems("A boy was rescued after falling into a lake.", plain, []).problems
    )
