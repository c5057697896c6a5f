"""A place from a noun modifier or from a part of a wider area is no place of the figure
(sentences written for these tests)."""

import pytest

from service.extract import Candidate, FigureDraft, Reading, SentenceFacts
from service.figures import figure_sentence
from service.ground import GroundingReport, ground
from service.places import names_a_kind, over_an_area
from service.schema import Casualty, Event, Evidence
from service.text import Span


@pytest.mark.parametrize(
    ("sentence", "place", "kind"),
    [
        ("A Dornbach storm killed three people on Sunday.", "Dornbach", True),
        ("A Kellard man was killed when his tractor overturned.", "Kellard", True),
        ("Two workers at the Ostrel firm were hurt in the blast.", "Ostrel", True),
        # a place phrase, or the local authority that reports it, does place it
        ("Two people died in a Dornbach suburb.", "Dornbach", False),
        ("Three people drowned in Dornbach on Sunday.", "Dornbach", False),
        ("Kellard police said four people were shot.", "Kellard", False),
        ("Ostrel County Sheriff Ann Vey said two were hurt.", "Ostrel", False),
    ],
)
def test_a_name_that_only_modifies_a_noun_says_what_a_thing_is_not_where(
    sentence: str, place: str, kind: bool
) -> None:
    assert names_a_kind(sentence, place) is kind


def _read(article: str, sentence: str, killed: int, place: str | None) -> Reading:
    start = article.index(sentence)
    span = Span(start, start + len(sentence), sentence)
    figure = FigureDraft(killed=killed, injured=None, group=None, source=None)
    facts = SentenceFacts(figures=[figure], event_type="clash", place=place, when=None, by=None, target=None)
    return Reading(Candidate(span, ""), facts)


def _ground(article: str, readings: list[Reading], lead: str | None = None) -> GroundingReport:
    evidence = {
        r.candidate.sentence.start: Evidence(
            quote=r.candidate.sentence.text, start=r.candidate.sentence.start, end=r.candidate.sentence.end
        )
        for r in readings
    }
    spans = [r.candidate.sentence for r in readings]
    return ground(readings, evidence, article, None, lead, len(article), spans)


def test_a_toll_whose_place_only_modifies_a_noun_gets_no_place() -> None:
    sentence = "A Dornbach storm killed three people on Sunday."
    report = _ground(sentence, [_read(sentence, sentence, 3, "Dornbach")])
    assert [e.location for e in report.events] == ["unspecified"]
    assert any("only modifies a noun" in w for w in report.warnings)


@pytest.mark.parametrize(
    "toll",
    [
        "Riots across the province have killed 40 people.",
        "Clashes in several towns left 40 people dead.",
        "Unrest throughout Vellmark killed 40 people.",
    ],
)
def test_a_toll_counted_over_an_area_is_not_placed_in_one_town_of_it(toll: str) -> None:
    first = "Two protesters were killed in Tarsa on Monday."
    article = f"{first} {toll}"
    report = _ground(article, [_read(article, first, 2, "Tarsa"), _read(article, toll, 40, None)], first)
    assert [e.location for e in report.events] == ["Tarsa", "unspecified"]


def test_an_area_word_in_a_local_phrase_is_no_toll_over_an_area() -> None:
    assert not over_an_area("A footbridge across the river collapsed, killing four.")
    assert over_an_area("Storms across the north killed 12.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Storms killed 40 people, including 12 in Vellmark.",
        "Floods killed 40 people, 12 of them in Vellmark.",
        "Storms killed 40 people over the weekend, with 12 deaths in Vellmark.",
    ],
)
def test_the_place_of_a_part_is_not_the_place_of_the_whole(sentence: str) -> None:
    report = _ground(sentence, [_read(sentence, sentence, 40, "Vellmark")])
    assert [e.location for e in report.events] == ["unspecified"]
    assert any("a part of the figure" in w for w in report.warnings)


def test_a_figure_sentence_does_not_give_the_whole_the_place_of_a_part() -> None:
    quote = "Storms killed 40 people, including 12 in Vellmark."
    evidence = Evidence(quote=quote, start=0, end=len(quote))
    c = Casualty(killed=40, injured=None, group="people", qualifier=None, claimed_by=None, evidence=evidence)
    e = Event(
        event_type="storm",
        date_text=None,
        date=None,
        location="Vellmark",
        perpetrator=None,
        target=None,
        casualties=[c],
    )
    # ("Storms" are many events: no "in a storm")
    assert figure_sentence(c, e) == "40 people were killed."
    # the part's own place stays the part's
    part = c.model_copy(update={"killed": 12})
    assert figure_sentence(part, e) == "12 people were killed in Vellmark."
