"""Which sentences are read for events: event words of the harm a sentence names, besides its toll."""

from __future__ import annotations

import pytest

from service.event_types import load_taxonomy
from service.events.sentences import only_toll_words, pick_sentences
from service.text import Span

TAXONOMY = load_taxonomy()


# Sentences written for this test: a toll told with the act that caused it names an act.
@pytest.mark.parametrize(
    ("sentence", "toll_only"),
    [
        ("Nine people died when airstrikes hit a market in Tesvel on Monday.", False),
        ("Four were killed in overnight air strikes on the port, medics said.", False),
        ("One man died as a twister flattened barns outside Orrin.", False),
        ("Two fishermen drowned after a typhoon swept the coast.", False),
        ("A landslide buried three houses, killing five.", False),
        ("Nine people have died so far, the ministry said.", True),
        ("The toll rose to 20 on Tuesday.", True),
    ],
)
def test_an_act_told_beside_a_toll_is_an_event_word(sentence: str, toll_only: bool) -> None:
    assert only_toll_words(sentence, TAXONOMY) is toll_only


def test_a_sentence_naming_only_a_storm_by_its_kind_is_read() -> None:
    text = "Residents said a twister tore the roof off the old grain store."
    lead = ["The town council met on Monday evening.", "It discussed the budget for next year."]
    body, start = [], 0
    for line in [*lead, text]:
        body.append(Span(start, start + len(line), line))
        start += len(line) + 1
    picked = [p.sentence.text for p in pick_sentences(body, TAXONOMY)]
    assert picked == [*lead, text]
