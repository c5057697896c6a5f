"""A plan, a forecast or a claim in the article may not become a deed in the summary."""

import re

import pytest

from service.document import Document
from service.modality import overstatements
from service.syntax import parser
from service.verify import code_problems


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [
        str(o) for o in overstatements(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])
    ]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # a favourite, an expectation, a plan said as done
        (
            "Rosa Quint has been named as the new presenter of the quiz show.",
            "Rosa Quint is the favourite to take over as presenter of the quiz show. Bets poured in.",
        ),
        ("Mara Lind was named chair on Friday.", "Mara Lind is expected to be named chair on Friday."),
        ("Lind signed a two-year deal.", "Lind is set to sign a two-year deal, sources said."),
        ("Lind won the seat.", "Lind is the bookmakers' favourite to win the seat."),
        ("Lind won the seat.", "Lind hopes to win the seat."),
        ("The firm cut 200 jobs.", "The firm is poised to cut 200 jobs."),
        ("The firm has cut 200 jobs.", "The firm plans to cut 200 jobs. If sales fall, it may cut more."),
        # a modal, a forecast, a denial, a belief
        ("The council has closed the library.", "The council could close the library next year."),
        ("Lind won the seat.", "Polls suggest Lind would win the seat."),
        ("The ministry has canceled the order.", "The ministry did not cancel the order."),
        ("Police said the man fled the scene.", "The man is believed to have fled the scene, police said."),
        ("The singer was arrested.", "The singer was reportedly arrested at the airport."),
        # "understood to", "appears to", "seems to": the article reports a belief, not the deed
        ("The rebels were fighting the army.", "The rebels are understood to have been fighting the army."),
        ("The driver lost control of the van.", "The driver appears to have lost control of the van."),
        ("The pair ran the shop together.", "The pair seem to have run the shop together."),
    ],
)
def test_a_hedged_statement_said_as_done_is_found(claim: str, article: str) -> None:
    assert check(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # stated plainly somewhere, even after a forecast (pronoun subjects count as the same person)
        (
            "Lind signed a two-year deal.",
            "Lind is set to sign a two-year deal. She signed the deal on Monday.",
        ),
        (
            "Rosa Quint was appointed presenter.",
            "Rosa Quint is the favourite to take over as presenter. On Monday the channel confirmed her.",
        ),
        # verbs under which the infinitive did happen
        ("He escaped through a window.", "He managed to escape through a window."),
        ("She resigned on Monday.", "She was forced to resign on Monday."),
        ("Ana Ruiz climbed the north face.", "Ana Ruiz became the first woman to climb the north face."),
        ("Ana Ruiz won the race.", "Ana Ruiz went on to win the race."),
        ("Ana Ruiz won the race.", "Ana Ruiz not only won the race but set a record."),
        # a deal to do something: code cannot tell, the model verifier decides
        ("Lind joined the cast.", "Lind has signed a contract to join the cast."),
        # the summary itself hedges, or the article never uses the verb
        ("Lind is expected to win the seat.", "Lind is expected to win the seat."),
        ("Lind won the seat.", "Lind took 60 percent of the vote."),
        # someone else's plan is not this one's
        ("Lind won the seat.", "Lind won the seat. Her rival hopes to win it back."),
    ],
)
def test_a_statement_the_article_makes_plainly_is_kept(claim: str, article: str) -> None:
    assert check(claim, article) == []


def test_code_problems_drops_a_forecast_said_as_done() -> None:
    doc = Document.from_text(
        "The airline is expected to cancel 40 flights on Monday. Unions called a strike."
    )
    problems = code_problems("The airline cancelled 40 flights on Monday.", doc, []).problems
    assert any("as done" in p for p in problems)
    plain = Document.from_text("The airline cancelled 40 flights on Monday. Unions called a strike.")
    assert not any(
        "as done" in p
        for p in code_problems("The airline canceled 40 flights on Monday.", plain, []).problems
    )


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # an accusation, a suspicion, a denial, an allegation stated as the deed
        (
            "A man was arrested for stealing a painting from the gallery.",
            "A man accused of stealing a painting from the gallery was arrested at the border.",
        ),
        ("The driver caused the crash.", "The driver, charged with causing the crash, will appear in court."),
        ("He attacked a guard.", "He was held on suspicion of attacking a guard."),
        ("The firm hid its losses.", "Prosecutors allege that the firm hid its losses."),
        ("The coach hit the player.", "The coach denies hitting the player."),
        (
            "A student was detained for trying to cross the border.",
            "A student suspected of trying to cross the border was detained on Monday.",
        ),
        # a teller inside a relative clause: the act is the teller's word, in a clause or not
        (
            "A man who robbed two banks was arrested.",
            "A man who police say robbed two banks was arrested on Friday.",
        ),
        ("The man robbed two banks.", "A man who police say robbed two banks was arrested on Friday."),
    ],
)
def test_an_allegation_said_as_done_is_found(claim: str, article: str) -> None:
    assert check(claim, article)


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # the summary keeps the accusation, or names who says it
        (
            "A man accused of stealing a painting was arrested.",
            "A man accused of stealing a painting from the gallery was arrested at the border.",
        ),
        ("Police said he attacked a guard.", "He was held on suspicion of attacking a guard."),
        (
            "Police say the man robbed two banks.",
            "A man who police say robbed two banks was arrested on Friday.",
        ),
        # a relative clause the article states plainly
        ("A man who robbed two banks was arrested.", "A man who robbed two banks was arrested on Friday."),
        # the article also states the deed plainly
        (
            "She hid the money.",
            "She is accused of hiding the money. Officers found that she hid the money in a shed.",
        ),
        # a deed given as the reason plainly, and deeds next to a charge that are not alleged
        ("The teacher was sacked for hitting a pupil.", "The teacher was sacked for hitting a pupil."),
        ("He was charged after stabbing a man.", "He was charged with murder after stabbing a man."),
        ("She ran the team for ten years.", "She was in charge of running the team for ten years."),
        (
            "The group attacked the base.",
            "The group claimed responsibility for attacking the base. Its fighters attacked the base.",
        ),
    ],
)
def test_an_allegation_kept_or_a_plain_deed_is_not_found(claim: str, article: str) -> None:
    assert check(claim, article) == []
