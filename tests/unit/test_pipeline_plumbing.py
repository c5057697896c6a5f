"""Pipeline plumbing with a scripted model (the same path runs with the real model in tests/model)."""

import pytest

from service.errors import InputError
from service.llm import FakeLLM
from service.pipeline import Pipeline
from service.schema import ArticleInput

ARTICLE = (
    "Bus crash kills nine\n\n"
    "Please refresh the page or navigate to another page on the site to be automatically logged in\n\n"
    "A bus left the road near Cusco on Monday. Nine passengers were killed and 12 injured, "
    "police said.\n\nThe driver survived."
)
FACTS = {
    "figures": [{"killed": 9, "injured": 12, "group": "passengers", "qualifier": None, "source": "police"}],
    "event_type": "accident",
    "place": "Cusco",
    "when": None,
    "by": None,
    "target": "a bus",
}
SUMMARY = {
    "sentences": [
        "A bus left the road near Cusco on Monday.",
        "The driver survived.",
    ]
}


@pytest.fixture
def fake() -> FakeLLM:
    return FakeLLM()


def test_contract_offsets_and_cache(settings, fake: FakeLLM) -> None:
    fake.enqueue(FACTS, SUMMARY)
    pipeline = Pipeline(settings, fake)
    result = pipeline.analyze(ArticleInput(text=ARTICLE))
    (event,) = result.events
    (c,) = event.casualties
    assert (c.killed, c.injured, c.claimed_by) == (9, 12, "police")
    assert ARTICLE[c.evidence.start : c.evidence.end] == c.evidence.quote
    assert "refresh the page" not in result.summary
    assert result.provenance.cached is False and len(result.provenance.cache_key) == 64
    # Only the casualty sentence went to the model (one call), then the summary.
    assert fake.usage.calls == 2
    assert "Nine passengers" in fake.prompts[0][-1]["content"]
    again = pipeline.analyze(ArticleInput(text=ARTICLE))
    assert again.provenance.cached is True and fake.usage.calls == 2
    assert pipeline.get(result.provenance.cache_key) is not None


def test_unstated_number_is_dropped_and_flagged(settings, fake: FakeLLM) -> None:
    wrong = {**FACTS, "figures": [{**FACTS["figures"][0], "killed": 90}]}
    fake.enqueue(wrong, SUMMARY)
    result = Pipeline(settings, fake).analyze(ArticleInput(text=ARTICLE), use_cache=False)
    (c,) = result.events[0].casualties
    assert c.killed is None and c.injured == 12
    assert any("killed=90" in w for w in result.warnings)


def test_summary_with_unstated_number_is_retried_then_repaired(settings, fake: FakeLLM) -> None:
    bad = {"sentences": ["The regime said ninety-nine people died.", "The driver survived."]}
    fake.enqueue(FACTS, bad, bad)
    result = Pipeline(settings, fake).analyze(ArticleInput(text=ARTICLE), use_cache=False)
    assert "ninety-nine" not in result.summary and "regime" not in result.summary.lower()
    assert result.summary.startswith(
        "Nine passengers were killed and 12 injured in Cusco, according to police."
    )
    assert any("summary" in w for w in result.warnings)
    assert fake.usage.calls == 3


@pytest.mark.parametrize(
    ("article", "message"),
    [
        (ArticleInput(text="   \n "), "empty"),
        (ArticleInput(text="abc\x00def" * 20), "binary"),
        (ArticleInput(), "neither text nor html"),
    ],
)
def test_bad_input_is_a_clear_error(settings, fake: FakeLLM, article, message) -> None:
    with pytest.raises(InputError, match=message):
        Pipeline(settings, fake).analyze(article)
    assert fake.usage.calls == 0


def test_too_long_article(settings, fake: FakeLLM) -> None:
    settings.max_article_chars = 100
    with pytest.raises(InputError, match="long"):
        Pipeline(settings, fake).analyze(ArticleInput(text="word " * 100))


def test_editing_a_prompt_file_changes_the_cache_key(settings, fake: FakeLLM, tmp_path) -> None:
    import shutil

    from service.prompts import load_prompts
    from service.resources import data_dir

    copy = tmp_path / "prompts"
    shutil.copytree(data_dir("prompts"), copy)
    before = Pipeline(settings, fake, load_prompts(copy)).cache_key(ArticleInput(text=ARTICLE))
    target = next(copy.glob("summary.v2.md"))
    target.write_text(target.read_text() + "\nBe brief.", encoding="utf-8")
    after = Pipeline(settings, fake, load_prompts(copy)).cache_key(ArticleInput(text=ARTICLE))
    assert load_prompts(copy).version == load_prompts().version
    assert before != after
