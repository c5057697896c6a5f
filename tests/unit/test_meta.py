"""Outlets and headlines found in the text (lines written for these tests)."""

import pytest

from service.meta import agency_line, find_outlet


@pytest.mark.parametrize("line", ["- AFP", "(Reuters)", "Associated  Press", "— Kyodo News", "(PA Media)"])
def test_agency_sign_offs(line: str) -> None:
    assert agency_line().match(line)


@pytest.mark.parametrize("line", ["AFP said the ferry sank.", "Press on", "The Associated Press reported"])
def test_sentences_are_not_sign_offs(line: str) -> None:
    assert not agency_line().match(line)


def test_outlet_from_an_opening_credit() -> None:
    text = "Ferry sinks off Tarsa\n\nTARSA (AP) - A ferry sank on Friday, the coast guard said."
    assert find_outlet(text) == "AP"
