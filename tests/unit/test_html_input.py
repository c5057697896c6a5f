"""HTML input: the article text is extracted, and evidence offsets refer to that extracted text."""

import re
from pathlib import Path

from service.llm import FakeLLM
from service.pipeline import Pipeline
from service.schema import ArticleInput

HTML = (Path(__file__).parents[1] / "data" / "html" / "article.html").read_text(encoding="utf-8")


def scripted(messages: list[dict[str, str]]) -> dict:
    """A scripted model: for a sentence, its first digits are the killed figure; else a summary."""
    if "CLAIM:" in messages[-1]["content"]:
        return {"sentence": 1, "answer": "same"}
    if "SENTENCE:" not in messages[-1]["content"]:
        return {"sentences": ["Shells hit a crowded market in a town."]}
    digits = re.search(r"\d+", messages[-1]["content"].split("SENTENCE:", 1)[-1])
    figures = []
    if digits:
        figures = [{"killed": int(digits.group()), "injured": None, "group": "people", "source": None}]
    return {
        "figures": figures,
        "event_type": "shelling",
        "place": None,
        "when": None,
        "by": None,
        "target": None,
    }


def test_html_article_offsets_refer_to_the_extracted_text(settings) -> None:
    fake = FakeLLM()
    fake.enqueue(*[scripted] * 10)
    result = Pipeline(settings, fake).analyze(ArticleInput(html=HTML))
    text = result.article.extracted_text
    assert text is not None and "cookie" not in text.lower() and "Home" not in text.split("\n")
    assert result.article.title == "Shelling kills 12 in Idlib market"
    casualties = [c for e in result.events for c in e.casualties]
    assert any(c.killed == 12 for c in casualties)
    for c in casualties:
        assert text[c.evidence.start : c.evidence.end] == c.evidence.quote
