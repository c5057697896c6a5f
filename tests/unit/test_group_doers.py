"""One's act may not be given to many (sentences written for these tests)."""

import re

import pytest

from service.group_doers import widened_acts
from service.syntax import parser


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [
        str(w) for w in widened_acts(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])
    ]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        (
            "The dogs began by barking and then rested their muzzles on Kim's ear.",
            "Getting started, Rex begins barking and then rests his muzzle on Kim's ear. Kim laughs.",
        ),
        (
            "The pupils painted the mural.",
            "Ava Lee painted the mural over the summer. Her classmates watched.",
        ),
        ("The firefighters carried the girl out.", "Firefighter Tom Reed carried the girl out of the flat."),
        ("The twins won the race.", "She won the race. Her twin sister came second."),
    ],
)
def test_an_act_of_one_named_doer_given_to_a_group_is_found(claim: str, article: str) -> None:
    assert check(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the group did it, or several named people did
        ("The pupils painted the mural.", "The pupils painted the mural over the summer."),
        ("The pupils painted the mural.", "Ava Lee and Ben Ode painted the mural."),
        ("The dogs barked all night.", "The dogs barked all night, neighbours said. Rex barked too."),
        # a named group, a verb of telling, a verb whose act is the next verb, a passive
        ("The rebels captured the town.", "Hamas captured the town on Monday."),
        ("Officials said the road was closed.", "Mayor Ann Roe said the road was closed."),
        ("The fans began singing.", "Ana Ruiz began the speech."),
        ("Doctors treated the man.", "The man was treated in hospital."),
        # the article's parse hangs "and the singer" inside a relative clause
        (
            "The sheriff and the singer appeared at the jail.",
            "Joe Tarr, who calls himself the county's toughest sheriff, and the singer appeared at the jail.",
        ),
    ],
)
def test_a_group_act_the_article_gives_a_group_is_not_found(claim: str, article: str) -> None:
    assert check(claim, article) == []
