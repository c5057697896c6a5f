"""Deaths that came after the event, as a text writes them (sentences written for these tests)."""

import pytest

from service.figures import figure_sentence
from service.later_deaths import died_later, hurt_in_all, told_dying_later
from service.schema import Casualty, Event, Evidence


@pytest.mark.parametrize(
    ("following", "group", "later"),
    [
        ("She later died in hospital.", "walkers", True),
        ("They both died of their injuries overnight.", "walkers", True),
        ("The walker died at Vell Royal Hospital on Monday.", "walker", True),
        ("The two walkers later died.", "walkers", True),
        # no word that the death came later, or about someone else
        ("She was a keen runner.", "walkers", False),
        ("He died at the scene.", "walkers", False),
        ("A farmer died in hospital on Monday.", "walkers", False),
        ("The driver later died in hospital.", "walkers", False),
        ("", "walkers", False),
    ],
)
def test_a_next_sentence_says_the_figures_people_died_later_only_in_so_many_words(
    following: str, group: str, later: bool
) -> None:
    assert told_dying_later(following, group) is later


def _record(quote: str, killed: int, injured: int) -> Casualty:
    evidence = Evidence(quote=quote, start=0, end=len(quote))
    return Casualty(
        killed=killed, injured=injured, group=None, qualifier=None, claimed_by=None, evidence=evidence
    )


def test_the_hurt_in_all_is_the_dead_and_the_surviving_hurt_when_the_quote_counts_them_so() -> None:
    assert hurt_in_all(_record("Nine riders were hurt, three of whom later died.", 3, 6)) == 9
    # different people: three died and six others were hurt
    assert hurt_in_all(_record("Three riders died and six were hurt.", 3, 6)) is None


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("The climber was later pronounced dead.", True),
        ("A second hiker succumbed to her burns on Wednesday.", True),
        ("The ferryman died in the infirmary two days later.", True),
        ("He was flown to Ostrel Medical Centre, where he was declared dead of his wounds at dawn.", True),
        ("She was pronounced dead from her wounds an hour later.", True),
        ("She was pronounced dead less than half an hour later.", True),
        ("Both swimmers passed away after they were airlifted to the coast.", True),
        ("Two pupils died weeks after the fire.", True),
        ("A boy died en route to the burns unit.", True),
        ("The guard lost his battle for life in intensive care.", True),
        ("The driver has since died.", True),
        ("He died the following morning.", True),
        ("The porter did not survive his injuries.", True),
        # the death at the event itself, or a later act that is not a death
        ("The rider was pronounced dead at the scene.", False),
        ("One diver died at the scene, the coastguard later said.", False),
        ("Four walkers died and two were later taken to a clinic.", False),
        ("Six miners died when the shaft flooded.", False),
        ("The mayor lost her seat.", False),
        # an event that hit a hospital is the event, not care after it
        ("Nine patients died in a hospital fire.", False),
        ("Four people died in a clinic blast on Monday.", False),
    ],
)
def test_a_death_after_the_event_is_read_in_the_many_ways_english_says_it(text: str, later: bool) -> None:
    assert died_later(text) is later


def test_a_next_sentence_that_dates_the_death_on_another_day_is_a_later_death() -> None:
    assert told_dying_later("He passed away on Thursday.", "porter", "on Sunday")
    # the same day as the event, or no day of the event to compare with: nothing says later
    assert not told_dying_later("He passed away on Sunday.", "porter", "on Sunday")
    assert not told_dying_later("He passed away on Thursday.", "porter", None)


def test_a_figure_whose_people_died_later_is_said_without_the_events_place_and_time() -> None:
    quote = "A porter was stabbed outside a bar in Pellmoor on Friday."
    evidence = Evidence(quote=quote, start=0, end=len(quote))
    c = Casualty(killed=1, injured=None, group="porter", qualifier=None, claimed_by=None, evidence=evidence)
    e = Event(
        event_type="attack",
        date_text="on Friday",
        date=None,
        location="Pellmoor",
        perpetrator=None,
        target=None,
        casualties=[c],
    )
    later = ("He was later pronounced dead.", "He succumbed on Sunday.", "He died in hospital days later.")
    for following in later:
        assert figure_sentence(c, e, following) == "One porter died."
    # a sentence after it that says nothing of a later death keeps the figure's place and time
    assert figure_sentence(c, e, "He was a father of two.") == "One porter died in Pellmoor on Friday."


def test_a_stabbing_whose_victim_was_later_pronounced_dead_is_told_without_its_place_and_day() -> None:
    from service.extract import Candidate, FigureDraft, Reading, SentenceFacts
    from service.figures import figure_sentences
    from service.ground import ground
    from service.text import Span

    first = "One porter was stabbed outside a bar in Pellmoor on Friday."
    article = f"{first} He was later pronounced dead."
    figure = FigureDraft(killed=1, injured=None, group="porter", source=None)
    facts = SentenceFacts(
        figures=[figure], event_type="attack", place="Pellmoor", when="on Friday", by=None, target=None
    )
    reading = Reading(Candidate(Span(0, len(first), first), ""), facts)
    report = ground([reading], {0: Evidence(quote=first, start=0, end=len(first))}, article, None)
    # the record keeps where and when the stabbing happened; the sentence says only the death
    assert [(e.location, e.date_text) for e in report.events] == [("Pellmoor", "on Friday")]
    assert [s.text for s in figure_sentences(report.events, article)] == ["One porter died."]
