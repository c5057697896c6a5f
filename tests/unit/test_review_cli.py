"""`analyze --review DIR` and `review RESULT.json [--text ARTICLE]` write self-contained review pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from service.cli import main
from service.llm import FakeLLM
from service.pipeline import Pipeline
from tests.unit.test_pipeline_plumbing import ARTICLE, FACTS, SUMMARY, YES


def _marked(page: str, record: str) -> str:
    """The article words highlighted for one record."""
    return "".join(re.findall(rf'<mark[^>]*data-records="[^"]*\b{record}\b[^"]*"[^>]*>([^<]*)</mark>', page))


def _analyze(tmp_path, monkeypatch, *extra: str):
    fake = FakeLLM()
    fake.enqueue(FACTS, SUMMARY, YES, YES, YES)  # verdicts: opening sentences, then the figure sentence
    monkeypatch.setattr(Pipeline, "from_settings", classmethod(lambda cls, s: cls(s, fake)))
    article = tmp_path / "bus crash.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    run = CliRunner().invoke(main, ["analyze", str(article), "--no-cache", *extra])
    assert run.exit_code == 0, run.output
    return article, json.loads(run.stdout)


def test_analyze_writes_one_review_page_per_article(tmp_path, monkeypatch) -> None:
    _, record = _analyze(tmp_path, monkeypatch, "--review", str(tmp_path / "pages"))
    (page_path,) = (tmp_path / "pages").glob("*.html")
    assert page_path.name.startswith("bus_crash-")
    page = page_path.read_text(encoding="utf-8")
    assert _marked(page, "e0c0") == record["events"][0]["casualties"][0]["evidence"]["quote"]


def test_review_command_redraws_a_saved_result_from_its_source_or_text(tmp_path, monkeypatch) -> None:
    article, record = _analyze(tmp_path, monkeypatch)
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(record), encoding="utf-8")

    from_source = CliRunner().invoke(main, ["review", str(saved), "--out", str(tmp_path / "a")])
    moved = tmp_path / "elsewhere.txt"
    article.rename(moved)
    from_text = CliRunner().invoke(
        main, ["review", str(saved), "--text", str(moved), "--out", str(tmp_path / "b")]
    )
    without = CliRunner().invoke(main, ["review", str(saved), "--out", str(tmp_path / "c")])

    assert from_source.exit_code == 0 and from_text.exit_code == 0, from_source.output + from_text.output
    pages = [Path(p.strip()).read_text(encoding="utf-8") for p in (from_source.stdout, from_text.stdout)]
    assert pages[0] == pages[1] and "Nine passengers were killed" in pages[0]
    assert without.exit_code == 1 and "give the article text" in without.output


def test_review_command_rejects_what_is_not_an_analysis(tmp_path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    run = CliRunner().invoke(main, ["review", str(bad)])
    assert run.exit_code == 1 and "not an analysis" in run.output
