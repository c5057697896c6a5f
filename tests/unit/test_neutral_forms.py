"""A loaded word's replacement keeps the sentence's grammar, or the sentence is dropped (sentences
written for these tests, the shipped lexicon)."""

import pytest

from service.document import Document
from service.llm import FakeLLM
from service.prompts import load_prompts
from service.summary import neutralize, summarize

LEXICON = load_prompts().lexicon


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a modifier of a noun takes the replacement's modifier, the head noun is not doubled
        (
            "The terrorist group's leader was arrested in Tarsa.",
            "The armed group's leader was arrested in Tarsa.",
        ),
        ("Insurgent fighters seized the bridge.", "Armed fighters seized the bridge."),
        ("Regime forces shelled the town.", "Government forces shelled the town."),
        # number and possessive
        (
            "Terrorists attacked a checkpoint near the border.",
            "Armed groups attacked a checkpoint near the border.",
        ),
        ("A militant was shot by soldiers.", "A fighter was shot by soldiers."),
        ("The militants' commander fled.", "The fighters' commander fled."),
        ("The regime's forces shelled the town.", "The government's forces shelled the town."),
        ("Two massacres were reported last year.", "Two killings were reported last year."),
        # "a" before a vowel becomes "an"
        ("A thug hit him.", "An assailant hit him."),
        # a verb takes the replacement's verb form
        ("Troops massacred 20 villagers in Halden.", "Troops killed 20 villagers in Halden."),
        ("The massacre shocked the town.", "The killing shocked the town."),
        # two terms in one sentence, a quoted term left to its speaker
        ("Terrorists and militants clashed in Tarsa.", "Armed groups and fighters clashed in Tarsa."),
        (
            'The army said it killed "terrorists" in Tarsa. The regime denied it.',
            'The army said it killed "terrorists" in Tarsa. The government denied it.',
        ),
        # nothing loaded: the text is returned as it was
        ("Rain fell on Halden.  Roads closed.", "Rain fell on Halden.  Roads closed."),
    ],
)
def test_the_replacement_takes_the_loaded_words_form(sentence: str, expected: str) -> None:
    assert neutralize(sentence, LEXICON)[0] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # one person is not a group
        "A terrorist attacked a checkpoint near the border.",
        "An insurgent was captured.",
        # a one-word plural cannot stand before a noun ("fighters group")
        "The militant group claimed the attack.",
        # a participle in a noun's place says something else ("the killed")
        "The martyrs were buried on Friday.",
    ],
)
def test_a_sentence_no_form_fits_is_dropped_and_said(sentence: str) -> None:
    text, notes = neutralize(f"Rain fell on Halden. {sentence}", LEXICON)
    assert text == "Rain fell on Halden."
    assert any(n.startswith("dropped") and "no form of" in n for n in notes)


def test_a_replacement_is_reported() -> None:
    _, notes = neutralize("Regime forces shelled the town.", LEXICON)
    assert notes == ["replaced loaded term 'regime' in the model's wording"]


def test_summarize_replaces_in_form_and_drops_what_cannot_be_replaced() -> None:
    article = (
        "Police in Varna arrested the leader of an armed group on Tuesday, officials said. "
        "Officers said one member of the group attacked a checkpoint last month."
    )
    fake = FakeLLM()
    drafted = [
        "Police in Varna arrested the terrorist group's leader on Tuesday.",
        "A terrorist attacked a checkpoint.",
    ]
    fake.enqueue({"sentences": drafted}, {"sentence": 1, "answer": "same"})
    result = summarize(fake, load_prompts(), Document.from_text(article), [], verify=True)
    assert result.text == "Police in Varna arrested the armed group's leader on Tuesday."
    assert any("dropped 'A terrorist attacked" in w and "no form of" in w for w in result.warnings)
    assert result.draft == " ".join(drafted)  # the model's own wording is kept for audits
