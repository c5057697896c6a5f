"""Model summary sentences lose photo-caption labels and frames about the article; sub-headings
in capitals and near repeats are dropped, each with a warning."""

import pytest

from service.document import Document
from service.llm import FakeLLM
from service.prompts import load_prompts
from service.summary import is_caption, reframe, repeats, summarize

ARTICLE = (
    "A passenger ferry with 200 people on board ran aground off the island of Velo late on Sunday "
    "after its engine failed in a storm, the operator said. "
    "Coastguard boats towed the damaged ferry back to the port of Marn early on Monday morning. "
    "Engineers are now checking the hull for damage before it sails again. "
    "CHECK YOUR BOOKING ONLINE."
)
SAME = {"sentence": 1, "answer": "same"}


@pytest.mark.parametrize(
    ("sentence", "cut"),
    [
        (
            "Towed home: The coastguard towed the ferry back to port.",
            "The coastguard towed the ferry back to port.",
        ),
        ("Pictured: Engineers check the hull of the ferry.", "Engineers check the hull of the ferry."),
        ("The damaged ferry (left) was towed back to port.", "The damaged ferry was towed back to port."),
        ("The captain, pictured, said the engine failed.", "The captain said the engine failed."),
        ("The article states that the ferry ran aground on Sunday.", "The ferry ran aground on Sunday."),
        ("According to the article, the ferry ran aground on Sunday.", "The ferry ran aground on Sunday."),
        ("The ferry ran aground on Sunday, the story says.", "The ferry ran aground on Sunday."),
    ],
)
def test_a_label_or_a_frame_is_cut_and_said(sentence: str, cut: str) -> None:
    text, notes = reframe(sentence)
    assert text == cut and notes


@pytest.mark.parametrize(
    "sentence",
    [
        "CHECK YOUR BOOKING ONLINE.",
        "Stranded: Passengers (right) on the deck of the ferry.",
        "The article discusses the grounding of a ferry.",
    ],
)
def test_a_heading_or_a_caption_with_no_clause_left_is_dropped(sentence: str) -> None:
    text, notes = reframe(sentence)
    assert text is None and notes


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said: the road will stay shut until Friday.",
        "Mayor Ruiz: 'We will rebuild the harbour.'",
        "The ferry ran aground off Velo on Sunday.",
        "NATO and the EU sent observers to the port.",
        "A report by the coastguard says the engine failed.",
    ],
)
def test_an_ordinary_sentence_is_left_alone(sentence: str) -> None:
    assert reframe(sentence) == (sentence, [])
    assert not is_caption(sentence)


def test_a_near_repeat_of_an_earlier_sentence_is_found_but_a_new_detail_is_not() -> None:
    earlier = ["The coastguard towed the stranded ferry back to port on Monday morning."]
    assert repeats("The coastguard towed the ferry back to port on Monday.", earlier)
    assert not repeats("Engineers are checking the hull of the ferry.", earlier)
    assert not repeats("The ferry was towed to port on Monday before engineers checked the hull.", earlier)


def test_model_sentences_lose_labels_and_repeats_in_the_summary() -> None:
    drafted = [
        "Grounded: A ferry ran aground off Velo on Sunday when its engine failed.",
        "The article states that the coastguard towed the ferry to Marn on Monday.",
        "The ferry was towed by the coastguard to Marn on Monday.",
    ]
    fake = FakeLLM()
    fake.enqueue({"sentences": drafted}, SAME, SAME)
    result = summarize(fake, load_prompts(), Document.from_text(ARTICLE), [], verify=True)
    assert result.text == (
        "A ferry ran aground off Velo on Sunday when its engine failed. "
        "The coastguard towed the ferry to Marn on Monday."
    )
    assert [s.verdict for s in result.sentences] == ["kept", "kept", "dropped"]
    assert any("caption label 'Grounded:'" in w for w in result.warnings)
    assert any("the frame 'The article states that'" in w for w in result.warnings)
    assert any("repeats an earlier sentence" in w for w in result.warnings)
    assert fake.usage.calls == 3  # the draft and two questions: the repeat is not asked about


def test_a_heading_from_the_model_is_dropped_before_the_verifier_is_asked() -> None:
    fake = FakeLLM()
    fake.enqueue(
        {"sentences": ["The coastguard towed the ferry to Marn on Monday.", "CHECK YOUR BOOKING ONLINE."]},
        SAME,
    )
    result = summarize(fake, load_prompts(), Document.from_text(ARTICLE), [], verify=True)
    assert result.text == "The coastguard towed the ferry to Marn on Monday."
    assert any("sub-heading in capitals" in w for w in result.warnings)
