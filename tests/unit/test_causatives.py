"""A thing had done may not be said as the deed (sentences written for these tests)."""

import re

import pytest

from service.causatives import caused_deeds
from service.syntax import parser


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [
        str(c) for c in caused_deeds(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])
    ]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        (
            "A film fan built a working replica of the ship.",
            "A film fan had a working replica of the ship built for him by a team of prop makers.",
        ),
        ("The council painted the wall.", "The council got the wall painted last year."),
        ("She cut her hair for charity.", "She had her hair cut for charity."),
        (
            "The collector restored the old car.",
            "The collector had the old car restored. It was restored by a garage in Leeds. "
            "The garage specialises in restoring classic cars.",
        ),
    ],
)
def test_a_thing_had_done_said_as_the_deed_is_found(claim: str, article: str) -> None:
    assert check(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the causative kept, the real doer named, or the subject's own deed elsewhere
        ("A fan had a replica built for him.", "A fan had a replica built for him by prop makers."),
        (
            "The team built a replica for a fan.",
            "A fan had a replica built for him by a team of prop makers.",
        ),
        ("The men built the boat.", "The men built the boat in a month. Later they had it painted."),
        ("He was given a new kidney.", "He had a kidney transplant."),
    ],
)
def test_a_causative_kept_or_a_deed_of_the_subject_is_not_found(claim: str, article: str) -> None:
    assert check(claim, article) == []
