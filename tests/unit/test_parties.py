"""A record's perpetrator and target: written in the article, not only its teller (sentences
written for these tests)."""

import pytest

from service.parties import checked_party


@pytest.mark.parametrize(
    ("value", "role", "sentence", "expected"),
    [
        ("the gunmen", "perpetrator", "Police said the gunmen killed five villagers.", "the gunmen"),
        ("villagers", "target", "Police said the gunmen killed five villagers.", "villagers"),
        # the one who tells of the deaths is neither side of them
        ("the neighbour", "target", "The neighbour said the man had told her that two had died.", None),
        ("Police", "perpetrator", "Police said the gunmen killed five villagers.", None),
        # the other side of the harm
        ("poachers", "target", "Poachers killed more than 1,000 rhinos last year.", None),
        ("rhinos", "perpetrator", "Poachers killed more than 1,000 rhinos last year.", None),
        ("rhinos", "target", "Poachers killed more than 1,000 rhinos last year.", "rhinos"),
        ("the guards", "target", "Two officers were shot by the guards at the gate.", None),
        ("two officers", "perpetrator", "Two officers were shot by the guards at the gate.", None),
        ("the guards", "perpetrator", "Two officers were shot by the guards at the gate.", "the guards"),
        # a suspect is no perpetrator
        ("Tom Reed", "perpetrator", "Tom Reed was jailed for a 1999 shooting in which two men died.", None),
        ("Tom Reed", "perpetrator", "Tom Reed was charged after two men were shot dead.", None),
        ("Tom Reed", "perpetrator", "Tom Reed shot two men dead, police said.", "Tom Reed"),
        # a party the article never writes
        ("a taxi driver", "target", "Two people were hurt when a car hit a wall.", None),
        ("", "target", "Two people were hurt.", None),
    ],
)
def test_checked_party(value: str, role: str, sentence: str, expected: str | None) -> None:
    warnings: list[str] = []
    assert checked_party(value, role, sentence, sentence, warnings) == expected
    assert bool(warnings) is (expected is None and bool(value))
