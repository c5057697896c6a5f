"""The faithfulness checker on hand-made pairs, its CLI, and its HaluEval harness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.evaluation.commands import check_command
from service.evaluation.halueval import evaluate
from service.faithfulness import check_summary

ARTICLE = (
    "At least 38 people were killed in Aleppo on Tuesday when militants shelled three "
    "government-held neighborhoods in the west of the city. Among the dead were 14 children. "
    "Rami Abdel Rahman of the Britain-based Syrian Observatory for Human Rights gave a toll of "
    "at least 150 wounded. Russian President Vladimir Putin defended his country's support "
    "for the Syrian government."
)


def _kinds(summary: str) -> list[tuple[str, str]]:
    return [(issue.kind, issue.text) for issue in check_summary(ARTICLE, summary).issues]


def test_faithful_paraphrase_is_supported() -> None:
    summary = (
        "Shelling killed at least 38 people, 14 of them children, in Aleppo on Tuesday. "
        "Abdel Rahman's Syrian Observatory said 150 were wounded. Putin defended Russia's "
        "support for the Syrian government."
    )
    result = check_summary(ARTICLE, summary)
    assert result.supported, result.issues
    assert result.issues == []


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("At least 83 people were killed in Aleppo.", ("number", "83")),
        ("At least thirty people were killed in Aleppo.", ("number", "thirty")),
        ("At least 38 people were killed in Aleppo on Friday.", ("date", "Friday")),
        ("At least 38 people were killed in Homs, the Observatory said.", ("name", "Homs")),
        ("Ban Ki-moon said 38 people were killed in Aleppo.", ("name", "Ban Ki-moon")),
    ],
)
def test_unsupported_number_date_or_name_is_flagged(summary: str, expected: tuple[str, str]) -> None:
    result = check_summary(ARTICLE, summary)
    assert not result.supported
    assert expected in _kinds(summary)
    issue = next(i for i in result.issues if (i.kind, i.text) == expected)
    assert summary[issue.start : issue.end] == issue.text


def test_sentence_initial_capitals_and_demonyms_are_not_names() -> None:
    assert _kinds("Officials said Syrian children were among the dead in Aleppo.") == []


def test_many_invented_content_words_are_flagged_as_wording() -> None:
    summary = (
        "At least 38 people were killed in Aleppo. Hospitals overwhelmed by casualties begged "
        "international donors for emergency medicine supplies and generators."
    )
    result = check_summary(ARTICLE, summary)
    assert not result.supported
    flagged = {i.text for i in result.issues if i.kind == "wording"}
    assert {"Hospitals", "donors", "generators"} <= flagged
    assert "Aleppo" not in flagged


def test_numbers_come_first_in_the_issue_list() -> None:
    kinds = [k for k, _ in _kinds("Ban Ki-moon said 83 people were killed in Aleppo.")]
    assert kinds == ["number", "name"]


def test_check_command_exit_codes_and_json(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    runner = CliRunner()
    ok = runner.invoke(check_command, [str(article), "-"], input="At least 38 people were killed in Aleppo.")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["supported"] is True
    bad = runner.invoke(check_command, [str(article), "-"], input="83 people died in Aleppo.")
    assert bad.exit_code == 1
    assert json.loads(bad.output)["issues"][0]["text"] == "83"
    both_stdin = runner.invoke(check_command, ["-", "-"], input="x")
    assert both_stdin.exit_code == 2
    missing = runner.invoke(check_command, [str(tmp_path / "nope.txt"), str(article)])
    assert missing.exit_code == 2


def test_halueval_harness_counts_both_protocols(tmp_path: Path) -> None:
    rows = [
        {
            "document": ARTICLE,
            "right_summary": "At least 38 people were killed in Aleppo.",
            "hallucinated_summary": "At least 83 people were killed in Aleppo.",
        },
        {
            "document": ARTICLE,
            "right_summary": "Putin defended support for the government.",
            "hallucinated_summary": "Putin defended the Syrian government.",
        },
    ]
    data = tmp_path / "halueval.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows))
    result = evaluate(0, 2, progress=False, path=data)
    assert (result.right_passed, result.hallucinated_flagged, result.pairs_correct) == (2, 1, 1)
    assert result.accuracy == 3 / 4
    assert result.pair_accuracy == 1 / 2
