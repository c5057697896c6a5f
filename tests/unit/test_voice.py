"""The service's own voice: no "I", "we" or "you" outside quotation marks, no generation loops, no
picture pointers (sentences written for these tests)."""

import pytest

from service.document import Document
from service.llm import FakeLLM
from service.prompts import load_prompts
from service.summary import summarize, tidy
from service.verify import code_problems
from service.voice import persons_word, requote

COLUMN = (
    "I have always loved the autumn fair in Ostrel. "
    "This year the fair drew 40,000 visitors over three days, organisers said. "
    "The council plans to move it to a larger park next year."
)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("I have always loved the autumn fair.", "I"),
        ("Your phone can reveal where you have been.", "Your"),
        ("Officials told us nothing about the plan.", "us"),
        ('The mayor said: "We will build the park."', None),
        ("The US said it would send aid.", None),
        ("The council plans to move the fair.", None),
    ],
)
def test_the_writers_or_readers_voice_is_found_outside_quotations(sentence: str, word: str | None) -> None:
    assert persons_word(sentence) == word


def test_a_sentence_in_the_writers_voice_or_looping_is_a_problem() -> None:
    doc = Document.from_text(COLUMN)
    assert any("voice" in p for p in code_problems("I have always loved the autumn fair.", doc, []).problems)
    looping = "The council plans to move the fair to a larger park, to move the fair to a larger park."
    assert any("twice" in p for p in code_problems(looping, doc, []).problems)
    assert (
        code_problems("The council plans to move the fair to a larger park next year.", doc, []).problems
        == []
    )


def test_the_fallback_skips_a_first_sentence_in_the_writers_voice() -> None:
    fake = FakeLLM()
    fake.enqueue({"sentences": ["I have always loved it.", "I think you will too."]})
    result = summarize(fake, load_prompts(), Document.from_text(COLUMN), [], verify=False)
    assert result.text.startswith("This year the fair drew 40,000 visitors")


@pytest.mark.parametrize(
    ("text", "tidied"),
    [
        ("Ann Lee (left) and Bo Ek (right) won the race.", "Ann Lee and Bo Ek won the race."),
        ("The top spots were claimed by Ann Lee, above.", "The top spots were claimed by Ann Lee."),
        ("The singer (pictured in 2019) cancelled the tour.", "The singer cancelled the tour."),
        ("The left wing (of the party) objected.", "The left wing (of the party) objected."),
    ],
)
def test_a_picture_pointer_is_cut(text: str, tidied: str) -> None:
    assert tidy(text) == tidied


def test_single_quotation_marks_are_someone_elses_words_too() -> None:
    assert persons_word("A poster shows a lamb beside the words 'here is the rest of your coat'.") is None
    assert persons_word("The coach said ‘we will win’ on Monday.") is None
    assert persons_word("It's what you need.") == "you"


def test_with_only_first_person_sentences_the_summary_is_empty_and_says_why() -> None:
    column = "I love the fair. My children love it too. We go every year."
    fake = FakeLLM()
    fake.enqueue({"sentences": ["I love it.", "We go every year."]})
    result = summarize(fake, load_prompts(), Document.from_text(column), [], verify=False)
    assert result.text == ""
    assert any("no summary" in w for w in result.warnings)


def test_a_quotation_left_open_at_the_end_of_a_sentence_runs_to_its_end() -> None:
    assert persons_word('The mayor said: "We will rebuild the bridge.') is None
    assert persons_word("The mayor said: 'We will rebuild the bridge.") is None
    assert persons_word("In the '90s you could park here.") == "you"


QUOTING = [
    'The minister called the bombing "an attack against the future of our country" and vowed to respond.',
    "He said: “We will rebuild every school.”",
    "'You never expect it to happen to you,' said a neighbour.",
]


@pytest.mark.parametrize(
    ("sentence", "requoted"),
    [
        (
            "The minister called it an attack against the future of our country.",
            "The minister called it “an attack against the future of our country”.",
        ),
        ("He said we will rebuild every school.", "He said “we will rebuild every school”."),
        (
            "A neighbour said you never expect it to happen to you.",
            "A neighbour said “you never expect it to happen to you”.",
        ),
        # fewer than four quoted words round the person word: the model's voice, left for the check
        ("Our country is in mourning.", "Our country is in mourning."),
        ("He said our country was attacked.", "He said our country was attacked."),
        # the quoted run would stop on "our" and leave "nation" outside: not a whole phrase
        (
            "The minister said it was against the future of our nation.",
            "The minister said it was against the future of our nation.",
        ),
        # one person word outside any quoted run leaves the sentence as it was
        (
            "He said we will rebuild every school and we will win.",
            "He said we will rebuild every school and we will win.",
        ),
        ("The council will rebuild every school.", "The council will rebuild every school."),
    ],
)
def test_the_articles_quotation_marks_are_put_back(sentence: str, requoted: str) -> None:
    assert requote(sentence, QUOTING) == requoted


def test_a_requoted_sentence_is_kept_and_an_unquoted_one_still_dropped() -> None:
    article = " ".join(QUOTING) + " Our reporter visited the school on Monday."
    fake = FakeLLM()
    said = "The minister called it an attack against the future of our country."
    fake.enqueue({"sentences": [said, "Our reporter went."]})
    result = summarize(fake, load_prompts(), Document.from_text(article), [], verify=False)
    kept = [s.text for s in result.sentences if s.verdict == "kept"]
    assert kept == ["The minister called it “an attack against the future of our country”."]
    assert any("quotation marks" in w for w in result.warnings)
