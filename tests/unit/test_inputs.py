"""The CLI reads files, folders, stdin and JSONL; unreadable input becomes a one-line error."""

import json

from click.testing import CliRunner

from service.cli import main
from service.inputs import iter_items


def test_reads_txt_html_jsonl_and_folders(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Nine people died.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    lines = [json.dumps({"text": "one"}), "", json.dumps({"html": "<p>x</p>", "title": "T"})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_items([str(tmp_path)]))
    assert [i.name.rsplit("/", 1)[-1] for i in items] == ["a.txt", "b.html", "c.jsonl:1", "c.jsonl:3"]
    assert items[0].article.text == "Nine people died."
    assert items[1].article.html is not None
    assert items[3].article.title == "T"


def test_bad_inputs_get_reasons(tmp_path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text("{not json}\n", encoding="utf-8")
    names = ["bin.txt", "latin1.txt", "bad.jsonl", "missing.txt"]
    errors = [i.error for i in iter_items([str(tmp_path / n) for n in names])]
    assert "binary" in errors[0]
    assert "not valid UTF-8" in errors[1]
    assert "not an article record" in errors[2]
    assert "no such file" in errors[3]


def test_cli_reports_bad_input_and_the_rest_completes(tmp_path, monkeypatch) -> None:
    """Each bad file gets one line on stderr, the good one is analyzed, and the exit code is 1."""
    from service.llm import FakeLLM
    from service.pipeline import Pipeline
    from tests.unit.test_pipeline_plumbing import ARTICLE, FACTS, SUMMARY, YES

    fake = FakeLLM()
    fake.enqueue(FACTS, SUMMARY, YES, YES, YES)  # verdicts: opening sentences, then the figure sentence
    monkeypatch.setattr(Pipeline, "from_settings", classmethod(lambda cls, s: cls(s, fake)))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("empty.txt", "bin.txt", "good.txt")]
    result = CliRunner().invoke(main, ["analyze", *paths, "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 1 and out[0]["source"].endswith("good.txt")
    assert out[0]["events"][0]["casualties"][0]["killed"] == 9
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "empty" in errors[0] and "binary" in errors[1]


def test_models_list_shows_registry(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDIGEST_MODELS_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0
    assert "qwen2.5-1.5b" in result.output and "not fetched" in result.output
