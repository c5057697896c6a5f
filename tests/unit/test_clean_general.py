"""Cleaning on site furniture and article lines written for these tests (no sample article)."""

import pytest

from service.clean import clean

FURNITURE = [
    "Sign up for our morning briefing email",
    "Get breaking news notifications on your phone",
    "Notifications can be managed in your browser settings.",
    "Please refresh the page to be automatically logged in",
    "Already have an account? Log in",
    "Comments (12)",
    "Join the conversation in our community forum",
    "Your support keeps our reporting free for everyone",
    "We use cookies to improve your experience",
    "Copyright 2031 Harbour Daily Media",
    "Photo: a lifeboat crew at the harbour (Reuters)",
    "Advertisement",
    "Follow us on Instagram",
]
ARTICLE_LINES = [
    "Five passengers killed",
    "Two dead in quarry blast",
    "A ferry ran aground off Tarsa on Friday, the coast guard said.",
    "Amazon.com said sales rose 4 percent.",
    "The council will vote on the budget next week.",
    "By contrast, the army said it had withdrawn.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_site_furniture_is_removed(line: str) -> None:
    text = (
        "A ferry ran aground off Tarsa on Friday, the coast guard said.\n\n" + line + "\n\nThe crew was safe."
    )
    assert line not in clean(text).text


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_lines_are_kept(line: str) -> None:
    text = (
        "Harbour news\n\nRescuers worked through the night at the scene.\n\n"
        + line
        + "\n\nThe crew was safe."
    )
    assert line in clean(text).text


def test_an_article_sentence_between_two_appeals_is_kept() -> None:
    text = (
        "The bridge reopened on Monday after repairs that took 14 months, the city said.\n\n"
        "Your support keeps our reporting free for everyone\n\n"
        "Engineers replaced 40 steel cables and resurfaced the deck before the bridge reopened.\n\n"
        "Donate to support independent journalism today"
    )
    assert "Engineers replaced 40 steel cables" in clean(text).text
