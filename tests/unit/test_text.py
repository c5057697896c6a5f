"""Tests for service.text: paragraph and sentence spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.clean import clean
from service.text import Span, paragraphs, sentences

SEEDS = sorted((Path(__file__).parents[1] / "data" / "seeds").glob("*.txt"))


def texts(spans: list[Span]) -> list[str]:
    """The text of each span."""
    return [span.text for span in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He met Dr. Jones there.",
         ["Mr. Smith went to Washington.", "He met Dr. Jones there."]),
        ("The U.S. and the U.N. condemned it. Russia did not.",
         ["The U.S. and the U.N. condemned it.", "Russia did not."]),
        ("Sanctions were imposed by the U.S. The talks ended.",
         ["Sanctions were imposed by the U.S.", "The talks ended."]),
        ("Gen. Petraeus spoke in St. Louis on Jan. 5 about the war. Then he left.",
         ["Gen. Petraeus spoke in St. Louis on Jan. 5 about the war.", "Then he left."]),
        ("Resolution No. 2254 passed. It was unanimous.",
         ["Resolution No. 2254 passed.", "It was unanimous."]),
        ("The blast hit at 10 a.m. Tuesday near the market. Police arrived.",
         ["The blast hit at 10 a.m. Tuesday near the market.", "Police arrived."]),
        ("It sank about 7:30 p.m. Coast Guard officials said. Nobody died.",
         ["It sank about 7:30 p.m.", "Coast Guard officials said.", "Nobody died."]),
        ("The deadline is 5 p.m. ET on Friday. Talks go on.",
         ["The deadline is 5 p.m. ET on Friday.", "Talks go on."]),
        ("The blast hit at 10 a.m. The market was full.",
         ["The blast hit at 10 a.m.", "The market was full."]),
        ("John F. Kennedy was shot. The nation mourned.",
         ["John F. Kennedy was shot.", "The nation mourned."]),
        ("Inflation rose 1.5 percent. Some 450.000 people left.",
         ["Inflation rose 1.5 percent.", "Some 450.000 people left."]),
        ('"We will stay," he said. "Nothing changes."',
         ['"We will stay," he said.', '"Nothing changes."']),
        ("“It is over.” The crowd left.", ["“It is over.”", "The crowd left."]),
        ("Is it over? Nobody knows! Time will tell.",
         ["Is it over?", "Nobody knows!", "Time will tell."]),
        ("“Why?” he asked. Silence.", ["“Why?” he asked.", "Silence."]),
        ("The attacks we have seen... is unacceptable. He left.",
         ["The attacks we have seen... is unacceptable.", "He left."]),
        ("Fighting ended on Monday. the offensive resumed later.",
         ["Fighting ended on Monday.", "the offensive resumed later."]),
        ("He was born in 1990. 12 people died in 2016.",
         ["He was born in 1990.", "12 people died in 2016."]),
        ("A headline without a period", ["A headline without a period"]),
    ],
)  # fmt: skip
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert texts(sentences(text)) == expected


def test_sentences_never_cross_paragraphs() -> None:
    text = "First paragraph ends without a stop\nSecond paragraph starts here. It goes on."
    assert texts(sentences(text)) == [
        "First paragraph ends without a stop",
        "Second paragraph starts here.",
        "It goes on.",
    ]


def test_spans_index_the_text_exactly() -> None:
    text = "  Headline  \n\n  One sentence. Two sentences.  \nThird.\n"
    for span in sentences(text) + paragraphs(text):
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.\n\n\nThree.", ["One.", "Two.", "Three."]),
        ("One.\nTwo.\nThree.", ["One.", "Two.", "Three."]),
        # A hard line break in mid-sentence does not start a new paragraph.
        ("The army said that\nthe town had fallen.\nNext paragraph.",
         ["The army said that\nthe town had fallen.", "Next paragraph."]),
        ("", []),
        ("\n  \n", []),
    ],
)  # fmt: skip
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert texts(paragraphs(text)) == expected


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name[:3])
def test_seed_paragraphs_contain_all_sentences(path: Path) -> None:
    text = clean(path.read_text("utf-8")).text
    blocks = paragraphs(text)
    for span in sentences(text):
        assert any(block.start <= span.start and span.end <= block.end for block in blocks)


def test_seed_casualty_sentences_are_whole_sentences() -> None:
    raw = next(path for path in SEEDS if path.name.startswith("000")).read_text("utf-8")
    found = texts(sentences(clean(raw).text))
    assert "Among the dead were said to be 14 children." in found
    assert (
        "Islamic State claimed responsibility for all three attacks, with 32 people having been "
        "killed on Monday." in found
    )


def test_seed_decimal_number_stays_inside_its_sentence() -> None:
    raw = next(path for path in SEEDS if path.name.startswith("001")).read_text("utf-8")
    found = texts(sentences(clean(raw).text))
    assert any(sentence.startswith("450.000 Syrians lost their lives") for sentence in found)
    assert "the offensive includes a\xa0ground assault" in " ".join(found)
