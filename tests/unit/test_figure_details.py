"""Each detail of a figure said as its own quote writes it (sentences written for these tests)."""

import pytest

from service.extract import Candidate, FigureDraft, Reading, SentenceFacts
from service.figures import figure_sentence
from service.ground import GroundingReport, check_source, ground
from service.schema import Casualty, Event, Evidence
from service.text import Span


def _casualty(quote: str, killed: int | None, injured: int | None, qualifier: str | None = None) -> Casualty:
    evidence = Evidence(quote=quote, start=0, end=len(quote))
    return Casualty(
        killed=killed, injured=injured, group=None, qualifier=qualifier, claimed_by=None, evidence=evidence
    )


def _event(c: Casualty) -> Event:
    return Event(
        event_type="crash",
        date_text=None,
        date=None,
        location="unspecified",
        perpetrator=None,
        target=None,
        casualties=[c],
    )


@pytest.mark.parametrize(
    ("quote", "killed", "injured", "qualifier", "expected"),
    [
        (
            "Two people died and nearly 30 were hurt when a tram left the rails.",
            2,
            30,
            None,
            "Two people died and nearly 30 injured.",
        ),
        (
            "At least four riders were killed and more than 20 injured in the pile-up.",
            4,
            20,
            "at least",
            "At least four people were killed and more than 20 injured.",
        ),
        # the same number twice: the hurt's hedge is read at the hurt's number, not the dead's
        (
            "About three people were killed and three injured.",
            3,
            3,
            "about",
            "About three people were killed and three injured.",
        ),
    ],
)
def test_the_injured_keep_their_own_qualifier(
    quote: str, killed: int, injured: int, qualifier: str | None, expected: str
) -> None:
    c = _casualty(quote, killed, injured, qualifier)
    assert figure_sentence(c, _event(c)) == expected


def _ground(sentence: str, figure: FigureDraft) -> GroundingReport:
    span = Span(0, len(sentence), sentence)
    facts = SentenceFacts(figures=[figure], event_type="attack", place=None, when=None, by=None, target=None)
    evidence = {0: Evidence(quote=sentence, start=0, end=len(sentence))}
    return ground([Reading(Candidate(span, ""), facts)], evidence, sentence, None)


@pytest.mark.parametrize(
    ("sentence", "killed", "source", "credited"),
    [
        # the figure's own speaker, read from the parse, replaces the other one
        ("Rangers said nine were killed, but the clinic put the toll at 14.", 14, "Rangers", "the clinic"),
        ("Rangers said nine were killed, but the clinic put the toll at 14.", 9, "the clinic", "Rangers"),
        # the one told is not the one who tells
        ("Survivors told aid workers that nine people had drowned.", 9, "aid workers", "Survivors"),
        ("Twelve people were killed in the blast, officials told reporters.", 12, "reporters", "officials"),
        (
            "Police told the Associated Press on Sunday that 20 people died.",
            20,
            "the Associated Press",
            "Police",
        ),
        ("The mayor said 30 were hurt, speaking to reporters.", 30, "reporters", "The mayor"),
        (
            "Ministry of Health officials told a news conference that 40 people died.",
            40,
            "a news conference",
            "Ministry of Health officials",
        ),
        # a pronoun names no one by itself: no claimant rather than the wrong one
        ("He told reporters that 15 people were hurt.", 15, "reporters", None),
        ("Rangers said nine were killed, but the clinic put the toll at 14.", 9, "Rangers", True),
        ("Rangers said nine were killed, but the clinic put the toll at 14.", 14, "the clinic", True),
        (
            "According to the council, six people died, while medics said 11 were hurt.",
            6,
            "the council",
            True,
        ),
        (
            "Five divers drowned, the coastguard said, citing the harbour office.",
            5,
            "the harbour office",
            True,
        ),
        ("Eight miners died, the union told reporters.", 8, "the union", True),
        # a report inside the source's own report is still the source's
        ("The agency said its staff confirmed that 16 villagers died.", 16, "The agency", True),
    ],
)
def test_a_claim_is_credited_only_to_the_speaker_who_gives_that_figure(
    sentence: str, killed: int, source: str, credited: str | bool | None
) -> None:
    report = _ground(sentence, FigureDraft(killed=killed, injured=None, group=None, source=source))
    expected = source if credited is True else credited
    assert [c.claimed_by for e in report.events for c in e.casualties] == [expected]


def test_the_hurt_given_by_another_speaker_are_credited_to_that_speaker() -> None:
    sentence = "According to the council, six people died, while medics said 11 were hurt."
    warnings: list[str] = []
    assert check_source("the council", sentence, sentence, None, None, warnings, 11) == "medics"
    assert any("replaced by 'medics'" in w for w in warnings)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # the quote gives the hurt another noun: they are not said to be guides
        (
            "Three guides were killed and 17 people were hurt, most of them walkers.",
            "Three guides were killed and 17 people injured.",
        ),
        ("Three guides died and 17 others were hurt.", "Three guides died and 17 people injured."),
        # the quote itself leaves the hurt's noun to the dead's: said as it is written
        ("Three guides were killed and 17 injured.", "Three guides were killed and 17 injured."),
    ],
)
def test_the_dead_groups_noun_is_not_given_to_the_injured(quote: str, expected: str) -> None:
    c = _casualty(quote, 3, 17).model_copy(update={"group": "guides"})
    assert figure_sentence(c, _event(c)) == expected


@pytest.mark.parametrize(
    ("quote", "killed", "group", "expected"),
    [
        ("Rescuers pulled nine bodies from the rubble.", 9, "bodies", "Nine bodies were recovered."),
        ("One body was found in the river.", 1, "body", "One body was found."),
        (
            "The bodies of 12 hikers were found on the slope.",
            12,
            "hikers",
            "The bodies of 12 hikers were found.",
        ),
        # deaths counted as deaths stay deaths, and bodies with no word of finding are the dead
        ("Twelve people died in the flood.", 12, "people", "12 people died."),
        ("The bodies of six sailors lay on the deck.", 6, "sailors", "Six sailors died."),
    ],
)
def test_a_count_of_bodies_is_said_as_bodies_found(
    quote: str, killed: int, group: str, expected: str
) -> None:
    c = _casualty(quote, killed, None).model_copy(update={"group": group})
    assert figure_sentence(c, _event(c)) == expected


@pytest.mark.parametrize(
    ("quote", "killed", "injured", "expected"),
    [
        ("The gunmen reportedly executed 60 prisoners.", 60, None, "60 people were reportedly killed."),
        ("Four climbers allegedly died on the slope.", 4, None, "Four climbers allegedly died."),
        ("Eleven people were apparently hurt.", None, 11, "11 people were apparently injured."),
        # a hedge on another verb is not the figure's
        ("Police reportedly arrived after 12 people died.", 12, None, "12 people died."),
    ],
)
def test_a_reported_toll_keeps_its_hedge(
    quote: str, killed: int | None, injured: int | None, expected: str
) -> None:
    group = "climbers" if "climbers" in quote else None
    c = _casualty(quote, killed, injured).model_copy(update={"group": group})
    assert figure_sentence(c, _event(c)) == expected


@pytest.mark.parametrize(
    ("quote", "injured", "expected"),
    [
        # how badly they were hurt, when the quote says so of this number
        (
            "Eleven guests had minor injuries while a waiter was taken to hospital with a serious burn.",
            11,
            "11 people were slightly injured.",
        ),
        ("Two cyclists were seriously injured in the pile-up.", 2, "Two people were seriously injured."),
        ("One driver was critically hurt.", 1, "One person was critically injured."),
        # not when the word belongs to someone else or says "none"
        ("Six people were injured and one seriously hurt man was flown out.", 6, "Six people were injured."),
        ("Five people were hurt, none seriously.", 5, "Five people were injured."),
    ],
)
def test_injured_keep_how_badly_they_were_hurt(quote: str, injured: int, expected: str) -> None:
    c = _casualty(quote, None, injured)
    assert figure_sentence(c, _event(c)) == expected
